import Casework
import Foundation
import GRDB

/// A VK link waiting to be read, or read.
public struct VKReadRecord: Sendable, Equatable {
    public var address: VKPostAddress
    /// The person whose intake waits for it.
    public var personId: Int64
    public var requestedAt: Date
    /// Nil while pending.
    public var result: VKReadResult?
}

extension StoreTransaction {
    /// Asks for a VK post or comment to be read for a person's intake; a link read before is read again
    /// (its text may have changed). The VK reader picks it up after this commits.
    public func requestVKRead(_ address: VKPostAddress, for personId: Int64, at now: Date) throws {
        try db.execute(sql: """
            INSERT INTO vkRead (link, personId, requestedAt) VALUES (?, ?, ?)
            ON CONFLICT (link) DO UPDATE SET personId = excluded.personId, requestedAt = excluded.requestedAt,
                finishedAt = NULL, result = NULL
            """, arguments: [address.link, personId, StoreDate.text(now)])
    }

    /// The read of a link, pending or done.
    public func vkRead(_ address: VKPostAddress) throws -> VKReadRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM vkRead WHERE link = ?", arguments: [address.link]).flatMap(Self.vkReadRecord)
    }

    /// Links waiting to be read, oldest first.
    public func pendingVKReads(limit: Int) throws -> [VKReadRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM vkRead WHERE finishedAt IS NULL ORDER BY requestedAt LIMIT ?",
                         arguments: [limit]).compactMap(Self.vkReadRecord)
    }

    /// Records what reading a link came to; the intake waiting for it settles now. False when the link
    /// is no longer pending (asked again meanwhile: that request gets its own answer).
    @discardableResult
    public func finishVKRead(_ address: VKPostAddress, requestedAt: Date, result: VKReadResult, at now: Date) throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        try db.execute(sql: """
            UPDATE vkRead SET finishedAt = ?, result = ? WHERE link = ? AND requestedAt = ? AND finishedAt IS NULL
            """, arguments: [StoreDate.text(now), json, address.link, StoreDate.text(requestedAt)])
        guard db.changesCount > 0, let record = try vkRead(address) else { return false }
        try setTimer(kind: .settle, personId: record.personId, dueAt: now, at: now)
        return true
    }

    private static func vkReadRecord(_ row: Row) -> VKReadRecord? {
        let link: String = row["link"]
        guard let address = VKPostAddress(link: link), let requested = row["requestedAt"] as Date? else { return nil }
        let result = (row["result"] as String?).flatMap { try? JSONDecoder().decode(VKReadResult.self, from: Data($0.utf8)) }
        return VKReadRecord(address: address, personId: row["personId"], requestedAt: requested, result: result)
    }
}
