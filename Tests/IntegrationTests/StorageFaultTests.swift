import BotAPI
import Conversation
import Engine
import Foundation
import GRDB
import OtklikApp
import OtklikTesting
import Sandbox
@testable import Store
import Testing

/// The disk fills up under the running bot. Mounting a small tmpfs needs root, which CI lacks, so
/// SQLite's own limit stands in: `max_page_count` on the service's writer connection forbids new
/// pages, and temporary triggers make each insert of the bot's work need some (a row too big for any
/// free space), so each write fails with a real SQLITE_FULL in the middle of its transaction.
@Suite(.serialized) struct StorageFaultTests {
    typealias H = BotHarness
    /// What the bot's work writes. The small bookkeeping rows (handled and failed update ids) are left
    /// free to fit, as they may on a real full disk: then only the fix keeps an update from being
    /// recorded as failed, confirmed and lost.
    static let tables = ["outbox", "\"case\"", "session", "timer", "journal"]

    func fillTheDisk(_ h: H) throws {
        try h.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler (x BLOB)")
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            for (i, table) in Self.tables.enumerated() {
                try db.execute(sql: """
                    CREATE TEMP TRIGGER full\(i) AFTER INSERT ON main.\(table)
                    BEGIN INSERT INTO filler VALUES (zeroblob(1000000)); END
                    """)
            }
        }
    }

    func freeTheDisk(_ h: H) throws {
        try h.database.writer.writeWithoutTransaction { db in
            for i in Self.tables.indices { try db.execute(sql: "DROP TRIGGER temp.full\(i)") }
            try db.execute(sql: "PRAGMA max_page_count = 1073741823")
        }
    }

    func logged(_ h: H, _ words: String) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if h.logs.all.contains(where: { $0.contains(words) }) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aPostSentWhileTheDiskIsFullIsHandledOnceThereIsRoom() async throws {
        try await withStage { h in
            let first = try await h.forwardPost("Яма на ул. Ленина, 5")
            #expect(first.has(.cancelIntake(caseId: 1)))
            try fillTheDisk(h)
            let before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text("Нет света в подъезде, ул. Мира, 3"),
                                            origin: .hiddenUser(date: 1, senderUserName: "Б"), from: H.specialist)
            let id = try #require(await h.sandbox.lastUpdateId)
            #expect(try await logged(h, "the disk holding the store is full"), "the operator is told what is wrong")
            #expect(try await !h.database.isHandled(updateId: id), "not confirmed while it cannot be stored")
            #expect(try await h.database.failedUpdates().isEmpty, "not recorded as the update's own failure")
            #expect(await h.messages(H.specialist).count == before, "no «something went wrong» for a full disk")

            try freeTheDisk(h)
            let card = try await h.settle(H.specialist, after: before)
            #expect(card.has(.cancelIntake(caseId: 2)))
            #expect(try await h.database.caseCount() == 2)
            #expect(try await h.database.post(caseId: 1)?.text == "Яма на ул. Ленина, 5", "what was committed is intact")
        }
    }

    /// The settle timer that turns a forwarded post into a case fires while the disk is full: it used
    /// to be deleted and "dropped" in the same commit, and the post never became a case.
    @Test func aTimerDueWhileTheDiskIsFullFiresOnceThereIsRoom() async throws {
        try await withStage { h in
            let before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text("Не вывозят мусор, ул. Гагарина, 7"),
                                            origin: .hiddenUser(date: 1, senderUserName: "В"), from: H.specialist)
            try await h.waitForStore()
            try fillTheDisk(h)
            h.clock.advance(by: 2)
            #expect(try await logged(h, "firing timers failed; retrying"))
            #expect(try await h.database.caseCount() == 0)

            try freeTheDisk(h)
            h.clock.advance(by: 6)
            let card = try await h.nextMessage(in: H.specialist, after: before)
            #expect(card.has(.cancelIntake(caseId: 1)))
            #expect(try await h.database.post(caseId: 1)?.text == "Не вывозят мусор, ул. Гагарина, 7")
        }
    }
}
