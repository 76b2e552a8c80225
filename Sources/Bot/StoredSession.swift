import Conversation
import Foundation
import Store

/// A chat's session as stored: the conversation's state plus what the runtime itself remembers.
struct StoredSession: Codable, Equatable {
    var state: Session = .idle
    /// When a stranger was last told that access is by invitation (at most one answer a minute).
    var strangerNoticeAt: Date?

    static func load(_ db: StoreTransaction, chatId: Int64) throws -> StoredSession {
        guard let data = try db.session(chatId: chatId) else { return StoredSession() }
        // A session written by an older version that no longer decodes starts afresh rather than failing.
        return (try? JSONDecoder().decode(StoredSession.self, from: data)) ?? StoredSession()
    }

    func save(_ db: StoreTransaction, chatId: Int64, at now: Date) throws {
        if self == StoredSession() {
            try db.deleteSession(chatId: chatId)
        } else {
            try db.saveSession(chatId: chatId, try JSONEncoder().encode(self), at: now)
        }
    }
}
