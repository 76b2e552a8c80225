import Casework
import Foundation
import GRDB

/// A VK publication as stored: what to publish, who asked, and how it went.
public struct VKPublicationRecord: Sendable, Equatable {
    public var id: Int64
    public var publication: VKPublication
    public var requestedBy: Int64
    public var requestedAt: Date
    /// Tries that may have published (a timeout, a crash): before the next, look for the comment.
    public var attempts: Int
    public var nextAttemptAt: Date
    /// Nil while pending.
    public var outcome: VKPublicationOutcome?
}

extension StoreTransaction {
    /// Queues an approved answer for VK; the publisher delivers it after this commits. Answers its id.
    @discardableResult
    public func requestVKPublication(_ publication: VKPublication, by personId: Int64, at now: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO vkPublication (caseId, requestedBy, requestedAt, request, nextAttemptAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [publication.caseId, personId, StoreDate.text(now), try Self.json(publication), StoreDate.text(now)])
        return db.lastInsertedRowID
    }

    /// The case's latest publication.
    public func latestVKPublication(caseId: Int64) throws -> VKPublicationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM vkPublication WHERE caseId = ? ORDER BY id DESC LIMIT 1",
                         arguments: [caseId]).flatMap(Self.publicationRecord)
    }

    /// Pending publications due by `now`, oldest first.
    public func dueVKPublications(upTo now: Date, limit: Int) throws -> [VKPublicationRecord] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM vkPublication WHERE state = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt, id LIMIT ?
            """, arguments: [StoreDate.text(now), limit]).compactMap(Self.publicationRecord)
    }

    /// When the next pending publication is due.
    public func nextVKPublicationDue() throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT min(nextAttemptAt) FROM vkPublication WHERE state = 'pending'")
    }

    /// Counts a try that may publish, before it is made: after a crash or a timeout the next try first
    /// looks for the comment. `retryAt`: when to try again if this one comes to nothing.
    public func beginVKPublicationAttempt(id: Int64, retryAt: Date) throws {
        try db.execute(sql: "UPDATE vkPublication SET attempts = attempts + 1, nextAttemptAt = ? WHERE id = ? AND state = 'pending'",
                       arguments: [StoreDate.text(retryAt), id])
    }

    /// Moves a pending publication's next try (VK asked to slow down; nothing was published).
    public func postponeVKPublication(id: Int64, until: Date) throws {
        try db.execute(sql: "UPDATE vkPublication SET nextAttemptAt = ? WHERE id = ? AND state = 'pending'",
                       arguments: [StoreDate.text(until), id])
    }

    /// Records how a publication went; the bot hears of it through a due timer of the case.
    public func finishVKPublication(id: Int64, outcome: VKPublicationOutcome, at now: Date) throws {
        let state = if case .published = outcome { "published" } else { "refused" }
        try db.execute(sql: """
            UPDATE vkPublication SET state = ?, outcome = ?, finishedAt = ? WHERE id = ? AND state = 'pending'
            """, arguments: [state, try Self.json(outcome), StoreDate.text(now), id])
        guard db.changesCount > 0, let caseId = try Int64.fetchOne(db, sql: "SELECT caseId FROM vkPublication WHERE id = ?",
                                                                  arguments: [id]) else { return }
        try setTimer(kind: .vkPublication, caseId: caseId, dueAt: now, at: now)
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func publicationRecord(_ row: Row) -> VKPublicationRecord? {
        guard let request = (row["request"] as String?).flatMap({ try? JSONDecoder().decode(VKPublication.self, from: Data($0.utf8)) }),
              let requestedAt = row["requestedAt"] as Date?, let next = row["nextAttemptAt"] as Date? else { return nil }
        let outcome = (row["outcome"] as String?).flatMap { try? JSONDecoder().decode(VKPublicationOutcome.self, from: Data($0.utf8)) }
        return VKPublicationRecord(id: row["id"], publication: request, requestedBy: row["requestedBy"], requestedAt: requestedAt,
                                   attempts: row["attempts"], nextAttemptAt: next, outcome: outcome)
    }
}
