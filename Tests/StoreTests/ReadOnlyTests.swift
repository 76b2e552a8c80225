import Foundation
import GRDB
import OtklikTesting
import Testing
@testable import Store

@Suite struct ReadOnlyTests {
    @Test func readingNeverWrites() async throws {
        let store = try TemporaryStore()
        try Staff.seed(store.database)
        let reader = try AppDatabase.openForReading(path: store.path)
        #expect(try await reader.allPeople().count == 4)
        await #expect(throws: DatabaseError.self) { try await reader.markUnreachable(personId: Staff.head, true) }
    }

    @Test func aStoreNotYetMigratedIsRefusedAndLeftAsItIs() throws {
        let store = try TemporaryStore()
        try store.database.writer.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-indexes'") }
        #expect(throws: StoreError.olderSchema(path: store.path, missingMigrations: ["v2-indexes"])) {
            try AppDatabase.openForReading(path: store.path)
        }
        #expect(try store.database.writer.read { try Schema.migrator.appliedIdentifiers($0) } == ["v1", "v3-outbox-files", "v4-timer-case", "v5-case-features", "v6-outbox-delivered", "v7-outbox-requests", "v8-journal-columns", "v9-person-addresses", "v10-receivers", "v11-media-holders", "v12-vk-reading", "v13-dashboard"])
    }

    @Test func aNewerStoreIsRefused() throws {
        let store = try TemporaryStore()
        try store.database.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-future')") }
        #expect(throws: StoreError.newerSchema(path: store.path, unknownMigrations: ["v9-future"])) {
            try AppDatabase.openForReading(path: store.path)
        }
    }

    @Test func aMissingStoreIsNotCreated() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("none/otklik.sqlite")
        #expect(throws: StoreError.missing(path: path)) { try AppDatabase.openForReading(path: path) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("none")))
    }
}
