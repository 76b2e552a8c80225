import Foundation
import GRDB
import Messaging

// What receivers need kept with the updates they hand over: MAX's marker (passing it to MAX confirms
// every update before it, so it is saved in the transaction that handled them), and MAX's message ids,
// which are strings ("mid.…") where the bot keeps numbers.

extension StoreTransaction {
    /// Where a messenger's receiver resumes (MAX: the marker of the next update), if it saved one.
    public func receiverCursor(of messenger: Messenger) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM receiverCursor WHERE messenger = ?"),
                           arguments: [messenger.rawValue])
    }

    public func saveReceiverCursor(_ value: Int64, of messenger: Messenger) throws {
        try db.cachedStatement(sql: """
            INSERT INTO receiverCursor (messenger, value) VALUES (?, ?) ON CONFLICT (messenger) DO UPDATE SET value = excluded.value
            """).execute(arguments: [messenger.rawValue, value])
    }

    /// The number the bot knows a messenger's message by: the same for the same message every time,
    /// from 2^53 up so it never meets a Telegram message id in the same chat.
    public func localMessageId(_ remote: String, of messenger: Messenger) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO remoteMessage (messenger, remote) VALUES (?, ?)")
            .execute(arguments: [messenger.rawValue, remote])
        let row = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM remoteMessage WHERE messenger = ? AND remote = ?"),
                                     arguments: [messenger.rawValue, remote])
        return RemoteMessageIds.offset + (row ?? 0)
    }

    /// The messenger's own id of a message the bot numbered.
    public func remoteMessageId(_ local: Int64) throws -> String? {
        guard local > RemoteMessageIds.offset else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT remote FROM remoteMessage WHERE id = ?"),
                                   arguments: [local - RemoteMessageIds.offset])
    }
}

public enum RemoteMessageIds {
    /// 2^53: where the numbers of messages with string ids begin.
    public static let offset: Int64 = 1 << 53
}
