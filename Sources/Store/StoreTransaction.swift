import GRDB

/// One transaction of the store, and the only way the engine, the bot and the reports read and
/// write: every read and write is a named method of this type (Cases.swift, Outbox.swift, …), and the
/// SQL stays in this target. It wraps GRDB's connection without exposing it, so a second backend
/// could offer the same methods.
public struct StoreTransaction {
    /// The connection the transaction runs on; only the store's own methods touch it.
    let db: Database

    init(_ db: Database) { self.db = db }

    /// The connection itself, for tests (`@testable import Store`) that set up a state no named write
    /// makes (a broken row, an old schema).
    var raw: Database { db }

    /// Runs `body` in a savepoint: its writes commit with the transaction, or roll back alone when
    /// it throws (the error is rethrown).
    public func savepoint(_ body: () throws -> Void) throws {
        try db.inSavepoint {
            try body()
            return .commit
        }
    }
}
