import Foundation

/// Who works in the benchmark's city: one admin, specialists 10000…, executors 20000… of one department.
struct Staff: Sendable {
    var specialists: Int
    var executors: Int

    static let admin: Int64 = 1
    var specialistIds: [Int64] { (0..<specialists).map { 10_000 + Int64($0) } }
    var executorIds: [Int64] { (0..<executors).map { 20_000 + Int64($0) } }

    var yaml: String {
        var text = "departments:\n  - {id: roads, name: Дороги и благоустройство, keywords: [дорог, ям, тротуар, асфальт]}\n"
        text += "  - {id: housing, name: ЖКХ, keywords: [отоплен, вод, подъезд, крыш]}\npeople:\n"
        text += "  - {telegram_id: \(Self.admin), name: Админ, roles: [admin]}\n"
        for id in specialistIds { text += "  - {telegram_id: \(id), name: Специалист \(id), roles: [specialist]}\n" }
        for id in executorIds { text += "  - {telegram_id: \(id), name: Исполнитель \(id), roles: [executor], department: roads}\n" }
        return text
    }
}

/// How the service under test is configured for one run.
struct ServiceSetup: Sendable {
    var folder: URL
    var storePath: String
    var apiURL: String
    var staff: Staff
    /// Production defaults unless a benchmark says otherwise.
    var sendConcurrency = 1
    var rateLimits = true
    var settleDelay = 1.5

    static let tokenVariable = "OTKLIK_BENCH_TOKEN"

    /// Writes staff.yaml and otklik.yaml into `folder`; answers the config path.
    func writeConfig() throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try staff.yaml.write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
        let repo = Bench.repo
        let config = """
        telegram:
          api_url: \(apiURL)
          token_env: \(Self.tokenVariable)
          poll_timeout: 2
          send_concurrency: \(sendConcurrency)
          rate_limits: \(rateLimits ? "telegram" : "off")
        store:
          path: \(storePath)
        timezone: Asia/Barnaul
        language: ru
        staff: staff.yaml
        calendar: \(repo.appendingPathComponent("Config/calendar").path)
        screening: \(repo.appendingPathComponent("Config/screening").path)
        dialogs: \(repo.appendingPathComponent("Dialogs").path)
        intake:
          settle_delay: \(settleDelay)
        deadlines:
          quiet_hours: "off"
        """
        let path = folder.appendingPathComponent("otklik.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// The real `otklik run` as a child process, its memory read from /proc.
final class ServiceProcess: @unchecked Sendable {
    let process = Process()
    let log: URL
    /// When `run` was called, for start-time figures.
    private(set) var launchedAt = ContinuousClock.now

    init(binary: String, config: String, token: String, log: URL) {
        self.log = log
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--config", config]
        var environment = ProcessInfo.processInfo.environment
        environment[ServiceSetup.tokenVariable] = token
        // As Config/otklik.service runs it.
        environment["MALLOC_ARENA_MAX"] = "2"
        process.environment = environment
    }

    func start() throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = handle
        launchedAt = ContinuousClock.now
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// VmRSS and VmHWM (peak) in bytes, and the resident set split into anonymous memory (heap,
    /// stacks: real pressure, only swap can take it) and file pages (the binary's code and tables,
    /// SQLite's pages of the store through mmap: clean, the kernel drops and rereads them at will).
    var memory: (rss: Int, peak: Int, anonymous: Int, file: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"), field("RssAnon"), field("RssFile") + field("RssShmem"))
    }

    /// Starts VmHWM again from the current RSS (`clear_refs` 5), so the peak read later is the
    /// peak since now, not the start-up's.
    func resetPeak() {
        try? "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)
    }

    /// SIGTERM, then waits for the clean exit (the sender gets up to 5 s to drain).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    var tail: String {
        String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(3000).description
    }
}
