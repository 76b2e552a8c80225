import Foundation
import Testing

/// The README's commands, run as a person would run them: the real binary on the shipped config.
@Suite struct CommandLineTests {
    static let repo = CrashTests.repo
    static let binary = CrashTests.binary

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], in folder: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? repo
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary)))
    func checkAcceptsTheShippedConfigAndNamesFileAndLineOfAProblem() throws {
        let ok = try Self.run(["check"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("ok: Config/otklik.yaml"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("otklik.yaml").path
        try "telegram:\n  api_url: nope\ntimezone: Asia/Nowhere\nstaff: staff.yaml\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let failed = try Self.run(["check", "--config", bad])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(bad):2:12: telegram.api_url must be an http(s) URL"))
        #expect(failed.stderr.contains("\(bad):3:11: timezone must be an IANA zone"))
        // From another folder the default config is not there: it says where it looked and what to do.
        let elsewhere = try Self.run(["check"], in: folder)
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains("looked for it in \(folder.path)") && elsewhere.stderr.contains("give --config"))
    }

    /// A city on MAX alone, set up as the README says: `check` names the messenger and the webhook,
    /// says which secret is missing (never its value), refuses staff nobody could reach, and warns of
    /// a webhook listening past the proxy.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary)))
    func checkOnAMAXOnlyConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-check-max-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for item in ["calendar", "screening", "ca"] {
            try FileManager.default.copyItem(at: Self.repo.appendingPathComponent("Config/\(item)"), to: folder.appendingPathComponent(item))
        }
        func write(staff: String, listen: String = "127.0.0.1:8443") throws -> String {
            try staff.write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
            let config = """
                max:
                  token_env: OTKLIK_TEST_MAX_TOKEN
                  mode: webhook
                  webhook: {listen: "\(listen)", public_url: "https://bot.example.ru/max", secret_env: OTKLIK_TEST_MAX_SECRET}
                staff: staff.yaml
                dialogs: \(Self.repo.appendingPathComponent("Dialogs").path)
                """
            let path = folder.appendingPathComponent("otklik.yaml").path
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let staff = "departments:\n  - {id: roads, name: Дороги}\npeople:\n  - {max_id: 7001, name: Админ, roles: [admin]}\n"
        let config = try write(staff: staff)
        let ok = try Self.run(["check", "--config", config], environment: ["OTKLIK_TEST_MAX_TOKEN": "f9LHodD0cOJ5Bxv4l2rcT0yh3dYhDkOtD8pM"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("messengers: max (webhook https://bot.example.ru/max)"))
        #expect(ok.stderr.contains("MAX webhook secret") && ok.stderr.contains("OTKLIK_TEST_MAX_SECRET"))
        #expect(!ok.stderr.contains("f9LHodD0cOJ5Bxv4l2rcT0yh3dYhDkOtD8pM"))

        let wide = try Self.run(["check", "--config", try write(staff: staff, listen: "0.0.0.0:8443")])
        #expect(wide.stderr.contains("is not a loopback address"))

        let telegramOnly = staff.replacingOccurrences(of: "max_id: 7001", with: "telegram_id: 7001")
        let unreachable = try Self.run(["check", "--config", try write(staff: telegramOnly)])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("Админ has no id on the messengers this config runs (max): add max_id"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary)))
    func theDemoPlaysTheWholeScriptAndExitsZero() throws {
        let demo = try Self.run(["demo"])
        #expect(demo.status == 0, "\(demo.stderr.suffix(2000))")
        #expect(demo.stdout.contains("Демо завершено"))
        #expect(demo.stdout.contains("══════ Сидорова Мария"))
        #expect(demo.stdout.contains("[ ✍️ Ответить ]"))
        let english = try Self.run(["demo", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr.suffix(2000))")
        #expect(english.stdout.contains("Demo finished"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary)))
    func calendarAndScreenAnswerAsTheReadmeSays() throws {
        let due = try Self.run(["calendar", "due", "--from", "2024-04-26T15:00:00+07:00", "--working-days", "7"])
        #expect(due.stdout == "2024-05-13T23:59:59+07:00\n")
        let lines = try Self.run(["calendar", "due", "--jsonl"], stdin: #"{"from": "2024-04-26T15:00:00+07:00", "hours": 24}"# + "\n")
        #expect(lines.stdout == #"{"due": "2024-04-27T15:00:00+07:00"}"# + "\n" || lines.stdout.contains("2024-04-27T15:00:00+07:00"))
        let screen = try Self.run(["screen", "--jsonl"], stdin: #"{"text": "Яма на дороге"}"# + "\n" + #"{"text": "я тебя найду и убью"}"# + "\n")
        let verdicts = screen.stdout.split(separator: "\n")
        #expect(verdicts.count == 2)
        #expect(verdicts.first?.contains(#""verdict":"clean""#) == true || verdicts.first?.contains(#""verdict": "clean""#) == true)
        #expect(verdicts.last?.contains("threat") == true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary)))
    func runRefusesToStartWithoutAToken() throws {
        let result = try Self.run(["run"], environment: ["OTKLIK_BOT_TOKEN": ""])
        #expect(result.status == 1)
        #expect(result.stderr.contains("OTKLIK_BOT_TOKEN"))
    }
}
