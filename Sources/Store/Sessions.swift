import Foundation
import GRDB

/// One row of `session`: the conversation layer's state for a chat.
struct SessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    var chatId: Int64
    var state: Data
    var updatedAt: Date
}

extension StoreTransaction {
    /// The chat's conversation state, as the conversation layer saved it.
    public func session(chatId: Int64) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT state FROM session WHERE chatId = ?"), arguments: [chatId])
    }

    /// Replaces the chat's conversation state.
    public func saveSession(chatId: Int64, _ state: Data, at now: Date) throws {
        // Cached SQL, as for the other writes every update makes (GRDB's record methods build theirs each time).
        try db.cachedStatement(sql: """
            INSERT INTO session (chatId, state, updatedAt) VALUES (?, ?, ?)
            ON CONFLICT (chatId) DO UPDATE SET state = excluded.state, updatedAt = excluded.updatedAt
            """).execute(arguments: [chatId, state, StoreDate.text(now)])
    }

    /// Forgets the chat's conversation state.
    public func deleteSession(chatId: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM session WHERE chatId = ?").execute(arguments: [chatId])
    }
}
