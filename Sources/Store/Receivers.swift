import Foundation
import GRDB
import Messaging

// What receivers need kept with the updates they hand over: MAX's marker (passing it to MAX confirms
// every update before it, so it is saved in the transaction that handled them); and MAX's message ids,
// which are strings ("mid.…") where the bot keeps numbers — numbered by a hash, the bot's own kept so
// an edit can name them again.

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

    /// Keeps which message of the messenger a number stands for, so a later edit can name it there.
    /// Only the bot's own messages need it; others are numbered without a write (`RemoteMessageIds.local`).
    @discardableResult
    public func rememberRemoteMessage(_ remote: String, of messenger: Messenger) throws -> Int64 {
        let local = RemoteMessageIds.local(remote, of: messenger)
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO remoteMessage (local, messenger, remote) VALUES (?, ?, ?)")
            .execute(arguments: [local, messenger.rawValue, remote])
        return local
    }

    /// The messenger's own id of a message the bot numbered and remembered.
    public func remoteMessageId(_ local: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT remote FROM remoteMessage WHERE local = ?"), arguments: [local])
    }
}

public enum RemoteMessageIds {
    /// 2^53: where the numbers of messages with string ids begin, above every Telegram message id.
    public static let offset: Int64 = 1 << 53

    /// The number the bot knows a messenger's message by: the same for the same id every time, with no
    /// store to ask (FNV-1a of the id, 53 bits of it above `offset`). Two ids meet with a chance of
    /// about one in 2^53 per pair.
    public static func local(_ remote: String, of messenger: Messenger) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(messenger.rawValue):\(remote)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return offset + Int64(hash >> 11)
    }
}
