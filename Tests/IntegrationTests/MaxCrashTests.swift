import Foundation
import GRDB
import MaxAPI
import MaxSandbox
import Messaging
@testable import Store
import Testing

/// The real `otklik run` on MAX alone, against the MAX sandbox with MAX's limits (2 polls a second),
/// killed with SIGKILL at random moments: MAX's marker is saved with the page it confirms and the
/// receipts are message ids, so nothing is lost and nothing is handled twice.
@Suite(.serialized) struct MaxCrashTests {
    /// A config with a `max:` section only, pointing at the sandbox, and `specialists` people with MAX ids.
    static func writeConfig(in folder: URL, apiURL: String, specialists: Int) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var staff = "departments:\n  - {id: roads, name: Дороги, keywords: [дорог, ям]}\npeople:\n"
        staff += "  - {max_id: 1, name: Админ, roles: [admin]}\n"
        for i in 0..<specialists { staff += "  - {max_id: \(10_000 + i), name: Специалист \(i), roles: [specialist]}\n" }
        try staff.write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
        let repo = CrashTests.repo
        let config = """
        max:
          api_url: \(apiURL)
          token_env: OTKLIK_CRASH_TOKEN
          mode: polling
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

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CrashTests.binary), "build the otklik binary first (make test does)"))
    func killedAtRandomMomentsItHandlesEveryMAXUpdateExactlyOnce() async throws {
        let sandbox = MaxSandbox(config: MaxSandboxConfig(limits: .max, attachmentReadyDelay: 0))
        let url = try await sandbox.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-max-crash-\(UUID().uuidString)")
        defer { if ProcessInfo.processInfo.environment["OTKLIK_KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } }
        let specialists = 100, parts = 10
        let config = try Self.writeConfig(in: folder, apiURL: url.absoluteString, specialists: specialists)
        for i in 0..<specialists { await sandbox.addPerson(id: Int64(10_000 + i), firstName: "Специалист \(i)") }
        let resident = User(userId: 555, firstName: "Житель")
        // 1,000 updates: each specialist forwards ten posts in a row (they may settle into one case or several).
        for part in 1...parts {
            for i in 0..<specialists {
                _ = try await sandbox.forward(text: "Пост \(i) часть \(part).", originalSender: resident, originalChat: 180_000_000_555,
                                              from: Int64(10_000 + i))
            }
        }
        let log = folder.appendingPathComponent("otklik.log")
        var process = try CrashTests.launch(config: config, token: sandbox.token, log: log)
        let kills = 5
        var schedule = KillSchedule(test: "MAX crash test")
        try await CrashTests.killAndRestart(&process, times: kills, pauses: 400...1600, schedule: &schedule, config: config,
                                            token: sandbox.token, log: log)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("otklik.sqlite").path)
        let updates = parts * specialists
        let done = try await CrashTests.finished(pending: { await sandbox.pendingUpdateCount }, database, updates: updates,
                                                 within: .seconds(300))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SIGTERM stops cleanly")
        #expect(done, "the service finished the work (seed \(schedule.seed)); log: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2000))")

        let (posts, failures, marker) = try await database.read { db -> ([Int64: [String]], [String], Int64?) in
            var posts: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db.raw, sql: #"SELECT openedBy, postText FROM "case""#) {
                posts[row["openedBy"], default: []].append(row["postText"])
            }
            return (posts, try String.fetchAll(db.raw, sql: "SELECT error FROM failedUpdate LIMIT 5"), try db.receiverCursor(of: .max))
        }
        #expect(failures.isEmpty, "updates failed: \(failures)")
        #expect(marker != nil, "MAX's marker is kept in the store")
        // Each update was handled once: every part appears exactly once among its specialist's cases.
        var duplicates = 0
        for i in 0..<specialists {
            let person = PersonIds.maxOffset + Int64(10_000 + i)
            let text = (posts[person] ?? []).joined(separator: "\n")
            for part in 1...parts {
                #expect(text.components(separatedBy: "Пост \(i) часть \(part).").count - 1 == 1, "specialist \(i) part \(part)")
            }
            // Every card reached its specialist; a duplicate only where a send was in flight at a kill.
            let got = await sandbox.sentMessages(to: Int64(10_000 + i)).count
            let expected = posts[person]?.count ?? 0
            #expect(got >= expected)
            duplicates += max(0, got - expected)
        }
        #expect(duplicates <= kills)
        print("MAX crash test: \(kills) kills, \(updates) updates handled once, \(posts.values.map(\.count).reduce(0, +)) cases, \(duplicates) duplicate sends")
        await sandbox.stop()
    }

    /// MAX counts requests too (30 a second); a restarted service must not send faster than it allows.
    /// Cards and answers for 60 specialists with the sandbox keeping MAX's limits, killed four times
    /// while it sends: no send refused with 429, nothing lost.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: CrashTests.binary), "build the otklik binary first (make test does)"))
    func restartsNeverSendFasterThanMAXAllows() async throws {
        let sandbox = MaxSandbox(config: MaxSandboxConfig(limits: .max, attachmentReadyDelay: 0))
        let url = try await sandbox.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-max-flood-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let specialists = 60, helps = 7
        let config = try Self.writeConfig(in: folder, apiURL: url.absoluteString, specialists: specialists)
        let people = (0..<specialists).map { Int64(10_000 + $0) }
        for id in people { await sandbox.addPerson(id: id, firstName: "Специалист \(id)") }
        let resident = User(userId: 555, firstName: "Житель")
        for id in people {
            _ = try await sandbox.forward(text: "На ул. Мира, \(id) яма на дороге.", originalSender: resident, originalChat: 180_000_000_555, from: id)
            for _ in 0..<helps { _ = try await sandbox.write("/help", from: id) }
        }
        let log = folder.appendingPathComponent("otklik.log")
        var process = try CrashTests.launch(config: config, token: sandbox.token, log: log)
        var schedule = KillSchedule(test: "MAX flood restart test")
        let kills = 4
        try await CrashTests.killAndRestart(&process, times: kills, pauses: 1000...2500, schedule: &schedule, config: config,
                                            token: sandbox.token, log: log)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("otklik.sqlite").path)
        let done = try await CrashTests.finished(pending: { await sandbox.pendingUpdateCount }, database,
                                                 updates: specialists * (1 + helps), within: .seconds(180))
        process.terminate()
        process.waitUntilExit()
        #expect(done, "the service finished the work (seed \(schedule.seed)); log: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(3000))")
        let refusals = await sandbox.requests.filter { $0.status == 429 && $0.verb != "GET" }
        let refused = refusals.count
        #expect(refused == 0, "sends refused with 429 after restarts (seed \(schedule.seed)): \(refusals.map { "\($0.verb) \($0.target)" })")
        var sent = 0
        for id in people {
            let got = await sandbox.sentMessages(to: id).count
            #expect(got >= 1 + helps, "specialist \(id): \(got) received")
            sent += got
        }
        print("MAX flood restart test: \(kills) kills, \(sent) messages to \(specialists) people, \(refused) × 429")
        await sandbox.stop()
    }
}
