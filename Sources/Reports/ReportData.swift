import Casework
import Foundation
import GRDB
import Store

/// The columns of a case a report needs.
struct CaseSnapshot: Decodable, FetchableRecord, Sendable {
    var id: Int64
    var status: CaseStatus
    var closure: Closure?
    var openedAt: Date
    var departmentId: String?
    var takenBy: Int64?
    var deadline: Date?
    var repeatOf: Int64?
    var draftCount: Int
    var returnedCount: Int
    var publishedLink: String?
    var closedAt: Date?
    var network: String
    var link: String?
    var excerpt: String
}

/// What a report reads from the store, in one read transaction (one consistent snapshot).
struct ReportData {
    var cases: [CaseSnapshot]
    /// Journal entries of `cases`, grouped by case, each in journal order.
    var journals: [Int64: [JournalRecord]]
    /// Open cases past their deadline at `now`, most overdue first.
    var overdue: [CaseSnapshot]
    var departmentNames: [String: String]
    var activeDepartments: [String]
    var people: [Int64: (name: String, departmentId: String?)]

    static let columns = """
        id, status, closure, openedAt, departmentId, takenBy, deadline, repeatOf, draftCount, returnedCount,
        publishedLink, closedAt, network, link, substr(postText, 1, 200) AS excerpt
        """

    /// Cases opened in the period or with a journal entry in it, their whole journals, and the overdue ones.
    static func load(_ period: ReportPeriod, now: Date, in db: Database) throws -> ReportData {
        let ids = """
            SELECT id FROM "case" WHERE openedAt >= ?1 AND openedAt < ?2
            UNION SELECT caseId FROM journal WHERE at >= ?1 AND at < ?2 AND caseId IS NOT NULL
            """
        let cases = try CaseSnapshot.fetchAll(db, sql: "SELECT \(columns) FROM \"case\" WHERE id IN (\(ids)) ORDER BY id",
                                              arguments: [period.start, period.end])
        let entries = try JournalRecord.fetchAll(db, sql: """
            SELECT * FROM journal WHERE caseId IN (\(ids)) ORDER BY caseId, id
            """, arguments: [period.start, period.end])
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
}
