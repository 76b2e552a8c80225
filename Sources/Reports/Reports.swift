import Casework
import Foundation
import Store

/// Reports on the store: the figures of § 12 (who answers, how fast, who is late) for any period.
public enum Reports {
    /// The report for `period`, limited to one department's cases and people when `department` is
    /// given. Call inside one read (`store.read { try Reports.compute(…, in: $0, …) }`) for a
    /// consistent snapshot; `now` is when "overdue now" is judged; `policy` recomputes the deadlines.
    public static func compute(period: ReportPeriod, department: String? = nil, in db: StoreTransaction, now: Date,
                               policy: DeadlinePolicy) throws -> Report {
        let data = try db.reportData(from: period.start, to: period.end, now: now)
        let scope: (Fact) -> Bool = { department == nil || $0.department == department }

        var facts: [Fact] = []
        var lines: [CaseLine] = []
        for snapshot in data.cases {
            let one = CaseFacts(snapshot: snapshot, history: CaseHistory(data.journals[snapshot.id] ?? [], policy: policy))
            let own = one.facts(in: period)
            facts += own.filter(scope)
            if department == nil || one.department == department || own.contains(where: scope) {
                lines.append(line(one, now: now, data))
            }
        }
        let overdue = data.overdue.compactMap { snapshot in
            CaseFacts(snapshot: snapshot, history: CaseHistory([], policy: policy)).overdue(now: now).map { (snapshot, $0) }
        }.filter { scope($0.1) }
        facts += overdue.map(\.1)

        return Report(
            period: period, zone: policy.zone, department: department,
            departmentName: department.map { data.departmentNames[$0] ?? $0 }, generatedAt: now,
            overall: KPIs(facts),
            departments: departmentRows(facts, department: department, data),
            executors: executorRows(facts, data),
            networks: Dictionary(grouping: facts, by: \.network)
                .map { NetworkKPIs(network: $0.key, kpis: KPIs($0.value)) }
                .sorted { ($0.kpis.received, $1.network) > ($1.kpis.received, $0.network) },
            overdue: overdue.map { snapshot, fact in
                OverdueCase(caseId: fact.caseId, departmentId: fact.department,
                                   departmentName: fact.department.map { data.departmentNames[$0] ?? $0 },
                                   executorId: fact.executor, executorName: fact.executor.flatMap { data.people[$0]?.name },
                                   deadline: snapshot.deadline!, overdueBy: fact.seconds ?? 0)
            },
            cases: lines)
    }

    /// The journal entries written in the report's period, with names; for a report limited to a
    /// department, only the entries of its cases (entries about no case — invitations, staff changes —
    /// are in the full journal only).
    public static func journal(for report: Report, in db: StoreTransaction) throws -> [JournalLine] {
        var entries = try db.journal(from: report.period.start, to: report.period.end)
        if report.department != nil {
            let ids = Set(report.cases.map(\.id))
            entries = entries.filter { $0.caseId.map(ids.contains) ?? false }
        }
        let names = try db.personNames()
        let departments = Dictionary(try db.departments(includingInactive: true).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return entries.map {
            JournalLine(at: $0.at, caseId: $0.caseId, actorId: $0.actorId, actorName: names[$0.actorId],
                        action: $0.action, fromStatus: $0.fromStatus, toStatus: $0.toStatus,
                        departmentName: $0.action.department.map { departments[$0] ?? $0 })
        }
    }

    private static func departmentRows(_ facts: [Fact], department: String?, _ data: ReportData) -> [DepartmentKPIs] {
        let grouped = Dictionary(grouping: facts, by: \.department)
        var ids: [String?]
        if let department {
            ids = [department]
        } else {
            ids = data.activeDepartments
            let others = grouped.keys.compactMap { $0 }.filter { !ids.contains($0) }
            ids += others.sorted { (data.departmentNames[$0] ?? $0) < (data.departmentNames[$1] ?? $1) }
            if grouped[nil] != nil { ids.append(nil) }
        }
        return ids.map { id in
            DepartmentKPIs(id: id, name: id.map { data.departmentNames[$0] ?? $0 }, kpis: KPIs(grouped[id] ?? []))
        }
    }

    private static func executorRows(_ facts: [Fact], _ data: ReportData) -> [ExecutorKPIs] {
        Dictionary(grouping: facts.filter { $0.executor != nil }, by: { $0.executor! })
            .map { id, facts in
                let person = data.people[id]
                return ExecutorKPIs(personId: id, name: person?.name ?? "#\(id)", departmentId: person?.departmentId,
                                    kpis: KPIs(facts))
            }
            .sorted { a, b in
                let da = a.departmentId.flatMap { data.departmentNames[$0] } ?? "", db = b.departmentId.flatMap { data.departmentNames[$0] } ?? ""
                return (da, a.name, a.personId) < (db, b.name, b.personId)
            }
    }

    private static func line(_ one: CaseFacts, now: Date, _ data: ReportData) -> CaseLine {
        let s = one.snapshot, h = one.history
        let department = one.department
        let executor = s.takenBy ?? h.finalAnswer?.holder
        let duration: (Date?) -> Double? = { end in
            guard let start = h.firstAssignment, let end, start <= end else { return nil }
            return end.timeIntervalSince(start)
        }
        return CaseLine(
            id: s.id, openedAt: s.openedAt, network: s.network, link: s.link, excerpt: s.excerpt,
            departmentId: department, departmentName: department.map { data.departmentNames[$0] ?? $0 },
            executorId: executor, executorName: executor.flatMap { data.people[$0]?.name },
            status: s.status, closure: s.closure, firstAssignedAt: h.firstAssignment, firstDraftAt: h.firstDraft?.entry.at,
            interimPublishedAt: h.interimPublishedAt, answeredAt: h.finalAnswer?.at, publishedLink: s.publishedLink,
            closedAt: s.closedAt, deadline: s.deadline ?? h.finalAnswer?.deadline, repeatOf: s.repeatOf,
            drafts: s.draftCount, returned: s.returnedCount, timeliness: one.timeliness(now: now),
            firstDraftSeconds: duration(h.firstDraft?.entry.at), publicationSeconds: duration(h.finalAnswer?.at))
    }
}
