import Foundation
import GRDB

/// The service's SQLite store: one file in WAL mode, migrated at open.
///
/// Every read and write is a `StoreTransaction` method, so several compose inside one transaction
/// (`write { db in … }`); GRDB stays inside this target (the app-database pattern: a private writer,
/// a narrow API).
public final class AppDatabase: Sendable {
    /// The connection pool (or queue, in memory) everything goes through.
    let writer: any DatabaseWriter
    /// The file path, or `nil` in memory.
    public let path: String?

    init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed, mode 0600) and migrates the store at `path`.
    public static func open(path: String) throws(StoreError) -> AppDatabase {
        try StoreFile.prepare(path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
            // GRDB sets NORMAL with WAL; FULL makes each commit durable before Telegram is told the update is done.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreFile.explain(error, path: path)
        }
        let database = AppDatabase(writer: pool, path: path)
        try database.migrate()
        return database
    }

    /// An empty store in memory, for tests.
    public static func inMemory() throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        let database = AppDatabase(writer: queue, path: nil)
        try database.migrate()
        return database
    }

    /// A store in a fresh file under the temporary folder, for tests; the caller removes the folder.
    public static func temporary() throws -> AppDatabase {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("otklik-store-\(UUID().uuidString)")
        return try open(path: folder.appendingPathComponent("otklik.sqlite").path)
    }

    /// The migrations this binary knows.
    public static var knownMigrations: [String] { Schema.migrator.migrations }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.journalMode = .wal
        // The backup command and the service may touch the file at once; wait rather than fail.
        config.busyMode = .timeout(10)
        config.label = "otklik.store"
        // Readers serve the sender's outbox queries, /metrics and commands' reads: two are plenty on
        // a small server, and each connection keeps its own page cache (memory, Benchmarks/README.md).
        config.maximumReaderCount = 2
        config.prepareDatabase { db in
            db.add(function: StoreText.foldFunction)
            // 1 MB of pages each, the writer too: the hot pages of a large store fit, and the rest is
            // in the kernel's page cache anyway (SQLite's default is 2 MB a connection).
            try db.execute(sql: "PRAGMA cache_size = -1024")
        }
        return config
    }

    private func migrate() throws(StoreError) {
        let where_ = path ?? ":memory:"
        do {
            _ = try unappliedMigrations(where_)
            try Schema.migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFile.explain(error, path: where_)
        }
    }

    /// The known migrations the file has not had yet; throws when it has some this binary does not know.
    func unappliedMigrations(_ where_: String) throws -> Set<String> {
        let applied = try writer.read { try Schema.migrator.appliedIdentifiers($0) }
        let unknown = applied.subtracting(Schema.migrator.migrations)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: where_, unknownMigrations: unknown.sorted()) }
        return Set(Schema.migrator.migrations).subtracting(applied)
    }

    // MARK: Transactions

    /// Runs `updates` in one write transaction: all of it commits, or none of it.
    public func write<T: Sendable>(_ updates: @Sendable @escaping (StoreTransaction) throws -> T) async throws -> T {
        try await writer.write { try updates(StoreTransaction($0)) }
    }

    /// Runs `updates` in one write transaction, blocking the calling thread.
    @_disfavoredOverload
    public func write<T>(_ updates: (StoreTransaction) throws -> T) throws -> T {
        try writer.write { try updates(StoreTransaction($0)) }
    }

    /// Reads a consistent snapshot.
    public func read<T: Sendable>(_ value: @Sendable @escaping (StoreTransaction) throws -> T) async throws -> T {
        try await writer.read { try value(StoreTransaction($0)) }
    }

    /// Reads a consistent snapshot, blocking the calling thread.
    @_disfavoredOverload
    public func read<T>(_ value: (StoreTransaction) throws -> T) throws -> T {
        try writer.read { try value(StoreTransaction($0)) }
    }
}
