import BotAPI
import Casework
import Foundation
import GRDB
import OtklikTesting
@testable import Store
import Testing

@Suite struct BackupTests {
    @Test func aBackupDuringWritesIsASnapshotOfOneInstant() async throws {
        let store = try TemporaryStore()
        let target = try TemporaryFolder()
        let database = store.database
        // Each transaction adds one journal row and one outbox row: a consistent copy has as many of each.
        let (commits, continuation) = AsyncStream.makeStream(of: Int.self)
        let writer = Task.detached {
            var n = 0
            while !Task.isCancelled {
                n += 1
                let number = n
                do {
                    try await database.write { db in
                        try db.appendJournal(.unreachable(name: "tick \(number)"), actorId: 0, at: instant())
                        try db.enqueue(.message(.init(chatId: 1, text: "tick \(number)")), at: instant())
                    }
                } catch is CancellationError {
                    break
                }
                continuation.yield(number)
            }
            continuation.finish()
        }
        var committed = 0
        for await n in commits where n >= 200 { committed = n; break }

        let copy = target.path("backup.sqlite")
        try AppDatabase.backup(storeAt: store.path, to: copy)
        writer.cancel()
        _ = try await writer.value
        let total = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM journal") ?? 0 }

        let restored = try AppDatabase.open(path: copy)
        let (journal, outbox) = try await restored.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM journal") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0)
        }
        #expect(journal == outbox)
        #expect(journal >= committed && journal <= total, "\(committed) ≤ \(journal) ≤ \(total)")
        let integrity = try await restored.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    @Test func theCopyIsPrivateAndNeverOverwritesUnasked() async throws {
        let store = try TemporaryStore()
        try Staff.seed(store.database)
        let target = try TemporaryFolder()
        let copy = target.path("nested/backup.sqlite")
        try store.database.backup(to: copy)
        #expect((try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int) == 0o600)
        // One self-contained file: no -wal is needed beside it.
        #expect(try await DatabaseQueue(path: copy).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        #expect(try await AppDatabase.open(path: copy).allPeople().count == 4)

        #expect(throws: StoreError.backupTargetExists(path: copy)) { try store.database.backup(to: copy) }
        #expect(throws: StoreError.backupTargetExists(path: copy)) { try AppDatabase.backup(storeAt: store.path, to: copy) }
        try await store.database.revoke(personId: Staff.head, at: instant(1))
        try AppDatabase.backup(storeAt: store.path, to: copy, replacing: true)
        #expect(try await AppDatabase.open(path: copy).actor(personId: Staff.head) == nil)
        // Nothing is left beside the copy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path("nested")).filter { !$0.hasPrefix("backup.sqlite") } == [])
    }

    @Test func backingUpAMissingStoreSaysWhere() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path("data/otklik.sqlite")
        #expect(throws: StoreError.missing(path: missing)) {
            try AppDatabase.backup(storeAt: missing, to: folder.path("copy.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("copy.sqlite")))
    }
}
