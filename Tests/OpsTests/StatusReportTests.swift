import Foundation
import GRDB
import OtklikApp
@testable import Store
import Testing

@Suite struct StatusReportTests {
    let barnaul = TimeZone(identifier: "Asia/Barnaul")!

    @Test func aWorkingServiceIsHealthyAndEveryFigureIsShown() throws {
        let store = SeededStore()
        let service = try store.seed()
        // The service keeps the store open (and may be writing) while status reads it.
        let report = StatusReport.read(storePath: store.path, now: SeededStore.now)
        #expect(report.health == .healthy && report.exitCode == 0)
        let text = report.text(zone: barnaul)
        for line in [
            "otklik status: HEALTHY",
            "last update handled   2024-04-26 09:58:00 +07:00 (2 min ago)",
            "updates               3 handled, 1 failed",
            "outbox                2 waiting, the oldest for 1 min",
            "failed sends (24 h)   400 × 1, 403 × 1, no code × 1",
            "next timer            2024-04-26 11:00:00 +07:00 (in 1 h)",
            "timers overdue        none",
            "cases                 3 open, 1 past their deadline",
            "unreachable people    Петров Пётр (200001)",
            "  - 1 update(s) could not be handled; the service log has the errors",
        ] {
            #expect(text.contains(line + "\n"), "missing: \(line)\n\(text)")
        }
        _ = service
    }

    @Test func aMessageWaitingOverFiveMinutesMeansUnhealthy() throws {
        let store = SeededStore()
        _ = try store.seed()
        let report = StatusReport.read(storePath: store.path, now: SeededStore.now.addingTimeInterval(6 * 60))
        #expect(report.exitCode == 1)
        #expect(report.problems == ["a message has waited 7 min to be sent (limit 5 min): the service is stopped or stuck, "
            + "or cannot reach Telegram (see its log)"])
        #expect(report.text(zone: barnaul).contains("otklik status: UNHEALTHY\n"))
    }

    @Test func aTimerNotFiredOverFiveMinutesMeansUnhealthy() throws {
        let store = SeededStore()
        let database = try store.seed()
        // Everything sent: only the timers are behind.
        try database.writer.write { db in try db.execute(sql: "UPDATE outbox SET state = 'delivered', deliveredAt = createdAt, messageIds = '[1]' WHERE state = 'pending'") }
        let within = StatusReport.read(storePath: store.path, now: SeededStore.now.addingTimeInterval(64 * 60))
        #expect(within.exitCode == 0)
        #expect(within.text(zone: barnaul).contains("timers overdue        1, the oldest due for 4 min\n"))
        let late = StatusReport.read(storePath: store.path, now: SeededStore.now.addingTimeInterval(130 * 60))
        #expect(late.exitCode == 1)
        #expect(late.problems == ["a timer has been due for 1 h 10 min without firing (limit 5 min): "
            + "the service is stopped or its scheduler is stuck"])
    }

    @Test func jsonCarriesTheFiguresForScripts() throws {
        let store = SeededStore()
        _ = try store.seed()
        let report = StatusReport.read(storePath: store.path, now: SeededStore.now.addingTimeInterval(6 * 60))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(object["health"] as? String == "unhealthy")
        #expect(object["exit_code"] as? Int == 1)
        #expect(object["store"] as? String == store.path)
        #expect(object["now"] as? String == "2024-04-26T03:06:00Z")
        #expect(object["last_update_handled_at"] as? String == "2024-04-26T02:58:00Z")
        #expect(object["last_update_handled_seconds_ago"] as? Int == 480)
        #expect(object["updates_handled"] as? Int == 3)
        #expect(object["updates_failed"] as? Int == 1)
        #expect(object["outbox_pending"] as? Int == 2)
        #expect(object["outbox_oldest_pending_seconds"] as? Int == 420)
        #expect(object["send_failures_last_day"] as? [String: Int] == ["400": 1, "403": 1, "none": 1])
        #expect(object["next_timer_due_at"] as? String == "2024-04-26T04:00:00Z")
        #expect(object["timers_overdue"] as? Int == 0)
        #expect(object["cases_open"] as? Int == 3)
        #expect(object["cases_overdue"] as? Int == 1)
        #expect((object["unreachable_people"] as? [[String: Any]])?.first?["id"] as? Int == 200001)
        #expect((object["problems"] as? [String])?.count == 1)
    }

    @Test func aMissingStoreIsUnreadableAndNotCreated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("otklik.sqlite").path
        let report = StatusReport.read(storePath: path, now: SeededStore.now)
        #expect(report.exitCode == 2)
        #expect(report.error == "there is no store at \(path) (check store.path in otklik.yaml; the service creates it at its first start)")
        #expect(report.text(zone: barnaul).contains("otklik status: UNREADABLE\n"))
        #expect(report.json().contains(#""health":"unreadable""#))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func aStoppedServicesStoreIsReadToo() throws {
        let store = SeededStore()
        do { _ = try store.seed() }  // the service stops: its last connection closes and removes the -wal file
        #expect(!FileManager.default.fileExists(atPath: store.path + "-wal"))
        let report = StatusReport.read(storePath: store.path, now: SeededStore.now)
        #expect(report.exitCode == 0)
        #expect(report.status?.handledUpdates == 3)
    }
}
