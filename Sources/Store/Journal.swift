import Casework
import Foundation
import GRDB

/// One line of the journal: who did what, when, from which status to which. Append-only.
public struct JournalRecord: Sendable, Equatable {
    public var id: Int64?
    public var at: Date
    /// The person acting; 0 for the system (deadlines, reminders).
    public var actorId: Int64
    public var caseId: Int64?
    public var action: JournalAction
    public var fromStatus: CaseStatus?
    public var toStatus: CaseStatus?

    public init(id: Int64? = nil, at: Date, actorId: Int64, caseId: Int64?, action: JournalAction,
                fromStatus: CaseStatus? = nil, toStatus: CaseStatus? = nil) {
        self.id = id; self.at = at; self.actorId = actorId; self.caseId = caseId; self.action = action
        self.fromStatus = fromStatus; self.toStatus = toStatus
    }
}

/// A journal line as its columns: the action's name and its details, each in a column of its own.
struct JournalColumns {
    var name: String
    var departmentId: String?
    var earlierCaseId: Int64?
    var personId: Int64?
    var draftVersion: Int?
    /// Words (a reason, a comment, a link), or an enum's raw value (a draft kind, a role).
    var detail: String?

    init(_ action: JournalAction) {
        name = action.name.rawValue
        departmentId = action.department
        detail = action.words
        switch action {
        case let .markRepeat(earlier, _): earlierCaseId = earlier
        case let .submitDraft(kind, version): detail = kind.rawValue; draftVersion = version
        case let .approve(edited): detail = edited ? "edited" : nil
        case let .open(pieces): detail = pieces
        case let .join(roles): detail = roles.map(\.rawValue).sorted().joined(separator: ",")
        case let .invite(role, _): detail = role.rawValue
        case let .revoke(person, name): personId = person; detail = name
        case let .unreachable(name): detail = name
        case let .threatAlert(inDraft): detail = inDraft ? "draft" : "post"
        case let .publishedOnVK(link, approver): detail = link; personId = approver
        default: break
        }
    }

    init(row: Row) {
        name = row["action"]; departmentId = row["departmentId"]; earlierCaseId = row["earlierCaseId"]
        personId = row["personId"]; draftVersion = row["draftVersion"]; detail = row["detail"]
    }

    /// The action these columns hold; nil when a column its kind needs is missing.
    var action: JournalAction? {
        guard let name = JournalAction.Name(rawValue: name) else { return nil }
        switch name {
        case .route: return departmentId.map { .route(department: $0) }
        case .markRepeat:
            guard let earlierCaseId, let departmentId else { return nil }
            return .markRepeat(of: earlierCaseId, department: departmentId)
        case .rejectSection11: return .rejectSection11
        case .cancel: return .cancel
        case .take: return .take
        case .decline: return .decline(reason: detail ?? "")
        case .submitDraft:
            guard let kind = detail.flatMap(DraftKind.init(rawValue:)), let draftVersion else { return nil }
            return .submitDraft(kind, version: draftVersion)
        case .approve: return .approve(edited: detail == "edited")
        case .returnDraft: return .returnDraft(comment: detail ?? "")
        case .markPublished: return .markPublished(link: detail)
        case .attachAuthorReply: return .attachAuthorReply(text: detail ?? "")
        case .withdraw: return .withdraw(reason: detail ?? "")
        case .open: return .open(pieces: detail)
        case .join: return .join(roles: (detail ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) })
        case .invite:
            guard let role = detail.flatMap(Role.init(rawValue:)) else { return nil }
            return .invite(role: role, department: departmentId)
        case .revoke:
            guard let personId else { return nil }
            return .revoke(person: personId, name: detail ?? "")
        case .unreachable: return .unreachable(name: detail ?? "")
        case .threatAlert: return .threatAlert(inDraft: detail == "draft")
        case .clearThreatAlarm: return .clearThreatAlarm
        case .publishedOnVK: return .publishedOnVK(link: detail ?? "", approvedBy: personId)
        }
    }
}

extension JournalRecord: FetchableRecord {
    public init(row: Row) throws {
        let columns = JournalColumns(row: row)
        guard let action = columns.action else {
            throw StoreError.unreadableJournal(id: row["id"], action: columns.name)
        }
        self.init(id: row["id"], at: row["at"], actorId: row["actorId"], caseId: row["caseId"], action: action,
                  fromStatus: (row["fromStatus"] as String?).flatMap(CaseStatus.init(rawValue:)),
                  toStatus: (row["toStatus"] as String?).flatMap(CaseStatus.init(rawValue:)))
    }
}

extension StoreTransaction {
    /// Appends a case's journal entry as the workflow produced it.
    @discardableResult
    public func appendJournal(caseId: Int64, entry: JournalEntry, at now: Date) throws -> JournalRecord {
        try append(JournalRecord(at: now, actorId: entry.actorId, caseId: caseId, action: entry.action,
                                 fromStatus: entry.from, toStatus: entry.to))
    }

    /// Appends an event that changes no case status: an opening, an invitation, a revocation.
    @discardableResult
    public func appendJournal(_ action: JournalAction, actorId: Int64, caseId: Int64? = nil, at now: Date) throws -> JournalRecord {
        try append(JournalRecord(at: now, actorId: actorId, caseId: caseId, action: action))
    }

    /// One cached INSERT: every case opening and change writes a line.
    private func append(_ record: JournalRecord) throws -> JournalRecord {
        var record = record
        let columns = JournalColumns(record.action)
        try db.cachedStatement(sql: """
            INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus, departmentId, earlierCaseId, personId,
                                 draftVersion, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [StoreDate.text(record.at), record.actorId, record.caseId, columns.name,
                                     record.fromStatus?.rawValue, record.toStatus?.rawValue, columns.departmentId,
                                     columns.earlierCaseId, columns.personId, columns.draftVersion, columns.detail])
        record.id = db.lastInsertedRowID
        return record
    }

    /// A case's journal in the order it was written.
    public func journal(caseId: Int64) throws -> [JournalRecord] {
        try JournalRecord.fetchAll(db, sql: "SELECT * FROM journal WHERE caseId = ? ORDER BY id", arguments: [caseId])
    }

    /// Every entry written in `[start, end)`, in order (for reports).
    public func journal(from start: Date, to end: Date) throws -> [JournalRecord] {
        try JournalRecord.fetchAll(db, sql: "SELECT * FROM journal WHERE at >= ? AND at < ? ORDER BY id",
                                   arguments: [StoreDate.text(start), StoreDate.text(end)])
    }

    /// The department a case was last routed to (or marked a repeat into), even if it was declined back since.
    public func lastAssignedDepartment(caseId: Int64) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT departmentId FROM journal WHERE caseId = ? AND action IN ('route', 'mark_repeat') ORDER BY id DESC LIMIT 1
            """, arguments: [caseId])
    }
}
