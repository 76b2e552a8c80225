import Casework
import Foundation
import Store

/// Turns one case's replayed history into the facts of a period and its line in the case list.
struct CaseFacts {
    let snapshot: CaseSnapshot
    let history: CaseHistory

    /// The department a case counts for as a whole: its current one, else the one last assigned.
    var department: String? { snapshot.departmentId ?? history.lastDepartment }

    /// The facts that fall in `period` (overdue facts come from `overdue(now:)`, not from here).
    func facts(in period: ReportPeriod) -> [Fact] {
        let network = snapshot.network
        var facts: [Fact] = []
        func add(_ kind: Fact.Kind, _ department: String?, _ executor: Int64?, _ seconds: Double? = nil) {
            facts.append(Fact(kind: kind, caseId: snapshot.id, department: department, executor: executor,
                              network: network, seconds: seconds))
        }
        if period.contains(snapshot.openedAt), snapshot.closure != .cancelled {
            add(.received, department, nil)
        }
        for event in history.events where period.contains(event.entry.at) {
            switch event.entry.action {
            case .route: add(.routed, event.department, nil)
            case .markRepeat:
                add(.routed, event.department, nil)
                add(.repeatMarked, event.department, nil)
            case .returnDraft: add(.returnedDraft, event.department, event.holder)
            case .decline: add(.declined, event.department, event.entry.actorId)
            case .rejectSection11: add(.rejectedSection11, event.department, event.holder)
            default: break
            }
        }
        if let draft = history.firstDraft, period.contains(draft.entry.at) {
            add(.firstDraft, draft.department, draft.holder, since(history.firstAssignment, draft.entry.at))
        }
        if let answer = history.finalAnswer, period.contains(answer.at) {
            add(.answered(rule: answer.rule, onTime: answer.onTime), answer.department, answer.holder,
                since(history.firstAssignment, answer.at))
        }
        return facts
    }

    /// The overdue-now fact, if the case is open and past its deadline at `now`.
    func overdue(now: Date) -> Fact? {
        guard snapshot.status != .closed, let deadline = snapshot.deadline, deadline < now else { return nil }
        return Fact(kind: .overdueNow, caseId: snapshot.id, department: snapshot.departmentId, executor: snapshot.takenBy,
                    network: snapshot.network, seconds: now.timeIntervalSince(deadline))
    }

    /// How the case stands against its deadlines at `now`.
    func timeliness(now: Date) -> Timeliness {
        if let answer = history.finalAnswer, snapshot.closure == .answered {
            switch answer.rule {
            case .answer: return answer.onTime ? .onTime24h : .late24h
            case .finalAfterInterim: return answer.onTime ? .onTime7Days : .late7Days
            }
        }
        if snapshot.status == .closed { return .noAnswer }
        guard let deadline = snapshot.deadline else { return .noDeadline }
        return deadline < now ? .overdue : .inTime
    }

    private func since(_ start: Date?, _ end: Date) -> Double? {
        guard let start, start <= end else { return nil }
        return end.timeIntervalSince(start)
    }
}
