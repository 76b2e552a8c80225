import Casework
import Foundation
import GRDB

/// The columns of a case a report needs.
public struct CaseSnapshot: Decodable, FetchableRecord, Sendable {
    public var id: Int64
    public var status: CaseStatus
    public var closure: Closure?
    public var openedAt: Date
    public var departmentId: String?
    public var takenBy: Int64?
    public var deadline: Date?
    public var repeatOf: Int64?
    public var draftCount: Int
    public var returnedCount: Int
    public var publishedLink: String?
    public var closedAt: Date?
    public var network: String
    public var link: String?
    public var excerpt: String
}

/// What a report reads from the store, in one read transaction (one consistent snapshot).
public struct ReportData {
    public var cases: [CaseSnapshot]
    /// Journal entries of `cases`, grouped by case, each in journal order.
    public var journals: [Int64: [JournalRecord]]
    /// Open cases past their deadline at `now`, most overdue first.
    public var overdue: [CaseSnapshot]
    public var departmentNames: [String: String]
    public var activeDepartments: [String]
    public var people: [Int64: (name: String, departmentId: String?)]

    static let columns = """
        id, status, closure, openedAt, departmentId, takenBy, deadline, repeatOf, draftCount, returnedCount,
        publishedLink, closedAt, network, link, substr(postText, 1, 200) AS excerpt
        """

}

extension StoreTransaction {
    /// What a report of the period [start, end) needs: the cases opened in it or with a journal entry
    /// in it, their whole journals, and the cases overdue at `now`.
    public func reportData(from start: Date, to end: Date, now: Date) throws -> ReportData {
        let columns = ReportData.columns
        let ids = """
            SELECT id FROM "case" WHERE openedAt >= ?1 AND openedAt < ?2
            UNION SELECT caseId FROM journal WHERE at >= ?1 AND at < ?2 AND caseId IS NOT NULL
            """
        let cases = try CaseSnapshot.fetchAll(db, sql: "SELECT \(columns) FROM \"case\" WHERE id IN (\(ids)) ORDER BY id",
                                              arguments: [start, end])
        let entries = try JournalRecord.fetchAll(db, sql: """
            SELECT * FROM journal WHERE caseId IN (\(ids)) ORDER BY caseId, id
            """, arguments: [start, end])
        let overdue = try CaseSnapshot.fetchAll(db, sql: """
            SELECT \(columns) FROM "case" WHERE status <> 'closed' AND deadline < ? ORDER BY deadline, id
            """, arguments: [now])
        var names: [String: String] = [:]
        var active: [String] = []
        for department in try DepartmentRecord.order(Column("name")).fetchAll(db) {
            names[department.id] = department.name
            if department.active { active.append(department.id) }
        }
        var people: [Int64: (name: String, departmentId: String?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, departmentId FROM person") {
            people[row["id"]] = (row["name"], row["departmentId"])
        }
        return ReportData(cases: cases, journals: Dictionary(grouping: entries, by: { $0.caseId ?? 0 }), overdue: overdue,
                          departmentNames: names, activeDepartments: active, people: people)
    }

    /// Every person's name by id, whether still active or not (journals name people who left).
    public func personNames() throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM person") { names[row["id"]] = row["name"] }
        return names
    }
}
