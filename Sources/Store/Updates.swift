import Foundation
import GRDB

/// An update whose handler threw; kept for the operator.
public struct FailedUpdate: Codable, Sendable, Equatable, FetchableRecord {
    public var updateId: Int64
    public var failedAt: Date
    public var attempts: Int
    public var error: String
}

extension StoreTransaction {
    /// Whether this update was already handled (and must be skipped).
    public func isHandled(updateId: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM handledUpdate WHERE updateId = ?)"),
                          arguments: [updateId]) ?? false
    }

    /// Records the update as handled, in the transaction that applies its effects.
    /// Marking one twice throws: it would mean the update was handled twice.
    public func markHandled(updateId: Int64, at now: Date) throws {
        try db.cachedStatement(sql: "INSERT INTO handledUpdate (updateId, handledAt) VALUES (?, ?)").execute(arguments: [updateId, StoreDate.text(now)])
    }

    /// Records that handling an update threw (counting attempts). Whether it is then marked handled
    /// is the caller's decision.
    public func recordFailedUpdate(updateId: Int64, error: String, at now: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO failedUpdate (updateId, failedAt, attempts, error) VALUES (?, ?, 1, ?)
            ON CONFLICT (updateId) DO UPDATE SET failedAt = excluded.failedAt, error = excluded.error,
                attempts = attempts + 1
            """).execute(arguments: [updateId, now, error])
    }

    /// Failed updates, latest first.
    public func failedUpdates(limit: Int = 50) throws -> [FailedUpdate] {
        try FailedUpdate.fetchAll(db.cachedStatement(sql: "SELECT * FROM failedUpdate ORDER BY failedAt DESC LIMIT ?"),
                                  arguments: [limit])
    }

    /// Forgets handled ids recorded before an instant (Telegram keeps updates for 24 hours; a week is ample).
    @discardableResult
    public func pruneHandledUpdates(before cutoff: Date) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM handledUpdate WHERE handledAt < ?").execute(arguments: [cutoff])
        return db.changesCount
    }

    /// When the last update was handled.
    public func lastHandledAt() throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT max(handledAt) FROM handledUpdate")
    }
}
