import Casework
import Foundation
import GRDB
import OtklikTesting
import Testing
@testable import Store

@Suite struct OpeningTests {
    @Test func migratesAnEmptyFileToEveryTable() throws {
        let store = try TemporaryStore()
        let tables = try store.database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        #expect(tables == ["grdb_migrations", "department", "person", "personRole", "invitation", "case", "draft",
                           "postMedia", "journal", "session", "outbox", "messageLink", "timer", "handledUpdate",
                           "failedUpdate", "outboxFile", "personAddress", "receiverCursor", "remoteMessage",
                           "vkRead", "vkName", "vkPublication", "vkWatch", "vkAuthorComment", "dashboardKey", "dashboardLogin"])
        let applied = try store.database.writer.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == AppDatabase.knownMigrations)
    }

    /// A shipped migration is never edited (stores in the field already ran it): change the schema with a
    /// new migration. This fingerprint changes whenever v1's text does.
    @Test func theShippedMigrationIsFrozen() {
        let fingerprint = Schema.v1.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        #expect(String(fingerprint, radix: 16) == "b666b067935a9c74", "v1 was edited; add a migration \"v2\" instead")
    }

    /// The schema's CHECK lists name exactly the workflow's values; a new one needs a migration.
    @Test func checkListsMatchTheWorkflowsValues() {
        #expect(Schema.statuses == CaseStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ","))
        #expect(Schema.roles == Role.allCases.map { "'\($0.rawValue)'" }.joined(separator: ","))
        for kind in DraftKind.allCases { #expect(Schema.v1.contains("'\(kind.rawValue)'")) }
        for verdict in ScreeningVerdict.allCases { #expect(Schema.v1.contains("'\(verdict.rawValue)'")) }
    }

    @Test func opensInWALWithFullSyncAndForeignKeys() throws {
        let store = try TemporaryStore()
        // The writer connection is the one that commits.
        let (mode, sync, keys) = try store.database.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(sync == 2)  // FULL
        #expect(keys == 1)
    }

    @Test func reopensWithItsData() async throws {
        let store = try TemporaryStore()
        try Staff.seed(store.database)
        let id = try await store.database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        let again = try AppDatabase.open(path: store.path)
        #expect(try await again.case(id: id)?.openedBy == Staff.specialist)
    }

    @Test func theFileAndItsCompanionsArePrivate() throws {
        let store = try TemporaryStore()
        try Staff.seed(store.database)
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: store.path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent().path
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aNewerSchemaStopsTheStartWithAClearMessage() throws {
        let store = try TemporaryStore()
        try store.database.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-from-the-future')") }
        do {
            _ = try AppDatabase.open(path: store.path)
            Issue.record("opened a store with an unknown migration")
        } catch {
            #expect(error == .newerSchema(path: store.path, unknownMigrations: ["v2-from-the-future"]))
            #expect(error.description.contains("newer version of otklik"))
            #expect(error.description.contains("restore a backup"))
            #expect(error.description.contains(store.path))
        }
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("notes.sqlite")
        try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try AppDatabase.open(path: path)
            Issue.record("opened a text file as a store")
        } catch {
            #expect(error == .notADatabase(path: path))
            #expect(error.description.hasPrefix("\(path) is not an otklik store"))
        }
    }

    @Test func aReadOnlyFileIsNamed() throws {
        let store = try TemporaryStore()
        let path = store.path
        chmod(path, 0o400)
        do {
            _ = try AppDatabase.open(path: path)
            Issue.record("opened a read-only store for writing")
        } catch {
            #expect(error == .readOnly(path: path))
            #expect(error.description.contains("read-only"))
        }
    }

    @Test func aDamagedFileIsNamed() throws {
        let store = try TemporaryStore()
        try Staff.seed(store.database)
        let path = store.path
        _ = try store.database.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        // Keep SQLite's header, scramble every page after the first.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 4096..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
        let damaged = try TemporaryFolder()
        let copy = damaged.path("damaged.sqlite")
        try bytes.write(to: URL(fileURLWithPath: copy))
        chmod(copy, 0o600)
        do {
            _ = try AppDatabase.open(path: copy)
            Issue.record("opened a damaged store")
        } catch {
            guard case let .corrupt(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == copy)
            #expect(error.description.contains("restore the latest backup"))
            #expect(error.description.contains(copy))
        }
    }

    @Test func inMemoryStoresHaveTheSameSchema() throws {
        let memory = try AppDatabase.inMemory()
        let count = try memory.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") }
        #expect(count == 5)
    }
}
