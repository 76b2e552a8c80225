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

/// A VK screen name waiting to be resolved, or resolved.
public struct VKNameRecord: Sendable, Equatable {
    public var name: String
    public var personId: Int64
    public var requestedAt: Date
    public var finished: Bool
    /// The wall owner id (communities negative); nil when VK knows no such name, or not yet resolved.
    public var ownerId: Int64?
}

extension StoreTransaction {
    /// Asks for a screen name to be resolved for a person's intake (once: names do not change often).
    public func requestVKName(_ name: String, for personId: Int64, at now: Date) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO vkName (name, personId, requestedAt) VALUES (?, ?, ?)",
                       arguments: [name, personId, StoreDate.text(now)])
    }

    public func vkName(_ name: String) throws -> VKNameRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM vkName WHERE name = ?", arguments: [name]).flatMap(Self.nameRecord)
    }

    public func pendingVKNames(limit: Int) throws -> [VKNameRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM vkName WHERE finishedAt IS NULL ORDER BY requestedAt LIMIT ?",
                         arguments: [limit]).compactMap(Self.nameRecord)
    }

    /// Records what VK said the name is; the intake waiting for it settles now.
    public func finishVKName(_ name: String, ownerId: Int64?, at now: Date) throws {
        try db.execute(sql: "UPDATE vkName SET finishedAt = ?, ownerId = ? WHERE name = ? AND finishedAt IS NULL",
                       arguments: [StoreDate.text(now), ownerId, name])
        guard db.changesCount > 0, let record = try vkName(name) else { return }
        try setTimer(kind: .settle, personId: record.personId, dueAt: now, at: now)
    }

    private static func nameRecord(_ row: Row) -> VKNameRecord? {
        guard let requested = row["requestedAt"] as Date? else { return nil }
        return VKNameRecord(name: row["name"], personId: row["personId"], requestedAt: requested,
                            finished: (row["finishedAt"] as String?) != nil, ownerId: row["ownerId"])
    }
}
