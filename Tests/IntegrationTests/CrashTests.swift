import BotAPI
import Foundation
import GRDB
import Sandbox
@testable import Store
import Testing

/// Random kill moments that can be played again: the seed is printed, and OTKLIK_CRASH_SEED=<seed>
/// reruns a failure with the same moments (SplitMix64).
struct KillSchedule: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(test: String) {
        let given = ProcessInfo.processInfo.environment["OTKLIK_CRASH_SEED"].flatMap(UInt64.init)
        seed = given ?? UInt64.random(in: 1...UInt64(UInt32.max))
        state = seed
        print("\(test): kill schedule seed \(seed) (rerun with OTKLIK_CRASH_SEED=\(seed))")
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The wait before the next kill.
    mutating func pause(_ range: ClosedRange<Int>) -> Duration { .milliseconds(Int.random(in: range, using: &self)) }
}

/// The real `otklik run` process against the sandbox, killed with SIGKILL at random moments.
@Suite(.serialized) struct CrashTests {
    static let repo = BotHarness.repo
    static var binary: String {
        ProcessInfo.processInfo.environment["OTKLIK_BINARY"] ?? repo.appendingPathComponent(".build/debug/otklik").path
    }

    /// Writes a config that points the service at the sandbox and a fresh store, with `specialists` people.
    static func writeConfig(in folder: URL, apiURL: String, specialists: Int) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var staff = "departments:\n  - {id: roads, name: Дороги, keywords: [дорог, ям]}\npeople:\n"
        staff += "  - {telegram_id: 1, name: Админ, roles: [admin]}\n"
        for i in 0..<specialists { staff += "  - {telegram_id: \(10_000 + i), name: Специалист \(i), roles: [specialist]}\n" }
        try staff.write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
        let config = """
        telegram:
          api_url: \(apiURL)
          token_env: OTKLIK_CRASH_TOKEN
          poll_timeout: 1
        store:
          path: \(folder.appendingPathComponent("otklik.sqlite").path)
        timezone: Asia/Barnaul
        language: ru
        staff: staff.yaml
        calendar: \(repo.appendingPathComponent("Config/calendar").path)
        screening: \(repo.appendingPathComponent("Config/screening").path)
        dialogs: \(repo.appendingPathComponent("Dialogs").path)
        """
        let path = folder.appendingPathComponent("otklik.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func launch(config: String, token: String, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--config", config]
        var environment = ProcessInfo.processInfo.environment
        environment["OTKLIK_CRASH_TOKEN"] = token
        process.environment = environment
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        return process
    }

    /// Kills the service with SIGKILL `times` times, at the schedule's moments, starting it again each time.
    static func killAndRestart(_ process: inout Process, times: Int, pauses: ClosedRange<Int>, schedule: inout KillSchedule,
                     config: String, token: String, log: URL) async throws {
        for _ in 0..<times {
            try await Task.sleep(for: schedule.pause(pauses))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            process = try launch(config: config, token: token, log: log)
        }
    }

    /// Waits (bounded) until the service has finished: every update confirmed and handled, every settle
    /// timer fired (each batch of forwards becomes cases 1.5 s after its last message; the recurring
    /// digest and reports wait for their mornings), the outbox empty.
    static func finished(_ sandbox: Sandbox, _ database: AppDatabase, updates: Int, within limit: Duration) async throws -> Bool {
        try await finished(pending: { await sandbox.pendingUpdateCount }, database, updates: updates, within: limit)
    }

    /// The same for any sandbox: `pending` counts the updates it still holds for the bot.
    static func finished(pending: @Sendable () async -> Int, _ database: AppDatabase, updates: Int?,
                         within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let waiting = await pending()
            let (backlog, settles, handled) = try await database.read { db in
                (try db.outboxBacklog().count, try Int.fetchOne(db.raw, sql: "SELECT count(*) FROM timer WHERE kind = 'settle'") ?? 0,
                 try Int.fetchOne(db.raw, sql: "SELECT count(*) FROM handledUpdate") ?? 0)
            }
            if waiting == 0 && backlog == 0 && settles == 0 && (updates.map { handled == $0 } ?? true) { return true }
        }
        return false
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CrashTests.binary), "build the otklik binary first (make test does)"))
    func killedAtRandomMomentsItHandlesEveryUpdateExactlyOnce() async throws {
        let sandbox = Sandbox()
        let url = try await sandbox.start()
        await sandbox.setFloodLimits(enabled: false)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-crash-\(UUID().uuidString)")
        defer { if ProcessInfo.processInfo.environment["OTKLIK_KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } else { print("kept \(folder.path)") } }
        let specialists = 200
        let parts = 10
        let config = try Self.writeConfig(in: folder, apiURL: url.absoluteString, specialists: specialists)
        for i in 0..<specialists { _ = await sandbox.addUser(id: Int64(10_000 + i), firstName: "Специалист \(i)") }
        // 2,000 updates: each specialist forwards ten posts in a row (they may settle into one case or several).
        for part in 1...parts {
            for i in 0..<specialists {
                _ = try await sandbox.forward(.text("Пост \(i) часть \(part)."), origin: .hiddenUser(date: 1, senderUserName: "Житель"),
                                              from: Int64(10_000 + i))
            }
        }
        let log = folder.appendingPathComponent("otklik.log")
        var process = try Self.launch(config: config, token: sandbox.token, log: log)
        let kills = 6
        var schedule = KillSchedule(test: "crash test")
        try await Self.killAndRestart(&process, times: kills, pauses: 300...1500, schedule: &schedule, config: config, token: sandbox.token, log: log)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("otklik.sqlite").path)
        let done = try await Self.finished(sandbox, database, updates: parts * specialists, within: .seconds(300))
        // A graceful stop exits 0.
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SIGTERM stops cleanly")
        #expect(done, "the service finished the work (seed \(schedule.seed)); log: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2000))")

        let (handled, posts, journal, failures) = try await database.read { db -> (Int, [Int64: [String]], [Int64], [String]) in
            let handled = try Int.fetchOne(db.raw, sql: "SELECT count(*) FROM handledUpdate") ?? 0
            let failures = try String.fetchAll(db.raw, sql: "SELECT error FROM failedUpdate LIMIT 5")
            var posts: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db.raw, sql: #"SELECT openedBy, postText FROM "case""#) {
                posts[row["openedBy"], default: []].append(row["postText"])
            }
            let journal = try Int64.fetchAll(db.raw, sql: "SELECT id FROM journal ORDER BY id")
            return (handled, posts, journal, failures)
        }
        #expect(handled == parts * specialists)
        // An update whose handler threw is recorded and skipped; here none may be.
        #expect(failures.isEmpty, "updates failed: \(failures)")
        // Each update was handled once: every part appears exactly once among its specialist's cases.
        for i in 0..<specialists {
            let text = (posts[Int64(10_000 + i)] ?? []).joined(separator: "\n")
            for part in 1...parts {
                #expect(text.components(separatedBy: "Пост \(i) часть \(part).").count - 1 == 1, "specialist \(i) part \(part)")
            }
        }
        // The journal has no gaps and no duplicates: ids run 1…n, one "open" per case.
        #expect(journal == Array(stride(from: 1, through: Int64(journal.count), by: 1)))
        let cases = posts.values.map(\.count).reduce(0, +)
        #expect(journal.count == cases)
        // Every card reached its specialist; a duplicate only where a send was in flight at a kill.
        var duplicates = 0
        for i in 0..<specialists {
            let got = await sandbox.sentMessages(in: Int64(10_000 + i)).count
            let expected = posts[Int64(10_000 + i)]?.count ?? 0
            #expect(got >= expected)
            duplicates += max(0, got - expected)
        }
        #expect(duplicates <= kills)
        print("crash test: \(kills) kills, \(handled) updates handled once, \(cases) cases, \(journal.count) journal rows, \(duplicates) duplicate sends")
        await sandbox.stop()
    }

    /// Telegram remembers what was sent just before a restart; the restarted service must too. Cards and
    /// answers for 60 specialists, with the sandbox keeping Telegram's limits (3 then 1/s a chat, 30/s
    /// overall), killed four times while it sends: no 429, nothing lost, a duplicate only where a
    /// message was in flight at a kill (one at a time: send_concurrency 1).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: CrashTests.binary), "build the otklik binary first (make test does)"))
    func restartsNeverSendFasterThanTelegramAllows() async throws {
        let sandbox = Sandbox()
        let url = try await sandbox.start()
        await sandbox.setFloodLimits(enabled: true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-flood-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let specialists = 60, helps = 7
        let config = try Self.writeConfig(in: folder, apiURL: url.absoluteString, specialists: specialists)
        let people = (0..<specialists).map { Int64(10_000 + $0) }
        for id in people { _ = await sandbox.addUser(id: id, firstName: "Специалист \(id)") }
        // Each specialist forwards a post (a case card) and asks for help seven times: 480 messages to send.
        for id in people {
            _ = try await sandbox.forward(.text("На ул. Мира, \(id) яма на дороге."), origin: .hiddenUser(date: 1, senderUserName: "Житель"), from: id)
            for _ in 0..<helps { _ = try await sandbox.sendText("/help", from: id) }
        }
        let updates = specialists * (1 + helps)
        let log = folder.appendingPathComponent("otklik.log")
        var process = try Self.launch(config: config, token: sandbox.token, log: log)
        var schedule = KillSchedule(test: "flood restart test")
        let kills = 4
        try await Self.killAndRestart(&process, times: kills, pauses: 1000...2500, schedule: &schedule, config: config, token: sandbox.token, log: log)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("otklik.sqlite").path)
        let done = try await Self.finished(sandbox, database, updates: updates, within: .seconds(180))
        process.terminate()
        process.waitUntilExit()
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        #expect(done, "the service finished the work (seed \(schedule.seed)); log: \(output.suffix(2000))")
        let refusals = await sandbox.floodRefusalCount
        #expect(refusals == 0, "429 answers after restarts (seed \(schedule.seed))")

        let (stored, failed) = try await database.read { db -> ([Int64: Int], Int) in
            var stored: [Int64: Int] = [:]
            for row in try Row.fetchAll(db.raw, sql: "SELECT chatId, count(*) FROM outbox WHERE state = 'delivered' AND chatId IS NOT NULL GROUP BY chatId") {
                stored[row[0]] = row[1]
            }
            return (stored, try Int.fetchOne(db.raw, sql: "SELECT count(*) FROM outbox WHERE state = 'failed'") ?? 0)
        }
        #expect(failed == 0)
        var duplicates = 0, sent = 0
        for id in people {
            let got = await sandbox.sentMessages(in: id).count
            let expected = stored[id] ?? 0
            // Nothing lost: the card and the seven answers, each delivered.
            #expect(expected >= 1 + helps && got >= expected, "specialist \(id): \(got) received, \(expected) delivered")
            duplicates += max(0, got - expected)
            sent += got
        }
        #expect(duplicates <= kills, "duplicates: \(duplicates) after \(kills) kills")
        print("flood restart test: \(kills) kills, \(sent) messages to \(specialists) chats, \(refusals) × 429, \(duplicates) duplicates")
        await sandbox.stop()
    }
}
