import Casework
import Foundation
import GRDB

/// One line of the journal: who did what, when, from which status to which. Append-only.
public struct JournalRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "journal"
    public var id: Int64?
    public var at: Date
    /// The person acting; 0 for the system (deadlines, reminders).
    public var actorId: Int64
    public var caseId: Int64?
    public var action: String
    public var fromStatus: CaseStatus?
    public var toStatus: CaseStatus?
    public var detail: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension StoreTransaction {
    /// Appends a case's journal entry as the workflow produced it.
    @discardableResult
    public func appendJournal(caseId: Int64, entry: JournalEntry, at now: Date) throws -> JournalRecord {
        try append(JournalRecord(at: now, actorId: entry.actorId, caseId: caseId, action: entry.action,
                                 fromStatus: entry.from, toStatus: entry.to, detail: entry.detail))
    }

    /// Appends an event that changes no case status: an invitation, a revocation, a staff sync, a reminder.
    @discardableResult
    public func appendJournal(action: String, actorId: Int64, caseId: Int64? = nil, detail: String? = nil,
                              at now: Date) throws -> JournalRecord {
        try append(JournalRecord(at: now, actorId: actorId, caseId: caseId, action: action, detail: detail))
    }

    /// One cached INSERT: every case opening and change writes a line.
    private func append(_ record: JournalRecord) throws -> JournalRecord {
        var record = record
        try db.cachedStatement(sql: """
            INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [StoreDate.text(record.at), record.actorId, record.caseId, record.action,
                                     record.fromStatus?.rawValue, record.toStatus?.rawValue, record.detail])
        record.id = db.lastInsertedRowID
        return record
    }

    /// A case's journal in the order it was written.
    public func journal(caseId: Int64) throws -> [JournalRecord] {
        try JournalRecord.filter(Column("caseId") == caseId).order(Column("id")).fetchAll(db)
    }

    /// Every entry written in `[start, end)`, in order (for reports).
    public func journal(from start: Date, to end: Date) throws -> [JournalRecord] {
        try JournalRecord.filter(Column("at") >= start && Column("at") < end).order(Column("id")).fetchAll(db)
    }
}
