import Casework
import Foundation
import Store

/// A case's journal replayed in order, so that every entry knows the department and the executor
/// the case had at that moment and the deadline then in force — the same rules the workflow applies
/// (`Workflow.decide`), with deadlines recomputed by the policy rather than read from the case.
struct CaseHistory: Sendable {
    /// A journal entry with what it is attributed to.
    struct Event: Sendable {
        var entry: JournalRecord
        /// The department the entry counts for: the one it assigns (route, repeat), else the one held before it.
        var department: String?
        /// The executor holding the case before the entry (after it, for take and submit).
        var holder: Int64?
    }

    /// The final answer's publication.
    struct FinalAnswer: Sendable {
        var at: Date
        var rule: DeadlineKind
        /// The deadline in force (nil only for a journal that never assigned the case).
        var deadline: Date?
        var department: String?
        var holder: Int64?
        var onTime: Bool { deadline.map { at <= $0 } ?? false }
    }

    private(set) var events: [Event] = []
    /// The first route or repeat mark: the start of the durations.
    private(set) var firstAssignment: Date?
    /// The department last assigned, even if the case was declined back since.
    private(set) var lastDepartment: String?
    private(set) var firstDraft: Event?
    private(set) var interimPublishedAt: Date?
    private(set) var finalAnswer: FinalAnswer?

    /// Replays `entries` (one case's, in journal order).
    init(_ entries: [JournalRecord], policy: DeadlinePolicy) {
        var department: String?
        var holder: Int64?
        var deadline: (at: Date, rule: DeadlineKind)?
        for entry in entries {
            var event = Event(entry: entry, department: department, holder: holder)
            switch entry.action {
            case .route, .markRepeat:
                department = entry.action.department ?? department
                holder = nil
                deadline = (policy.answerDeadline(from: entry.at), .answer)
                event.department = department
                event.holder = nil
                firstAssignment = firstAssignment ?? entry.at
                lastDepartment = department
            case .take:
                holder = entry.actorId
                event.holder = holder
            case .submitDraft:
                holder = holder ?? entry.actorId
                event.holder = entry.actorId
                if firstDraft == nil { firstDraft = event }
            case .decline, .withdraw:
                department = nil
                holder = nil
                deadline = nil
            case .attachAuthorReply:
                deadline = (policy.answerDeadline(from: entry.at), .answer)
            case .markPublished:
                switch entry.toStatus {
                case .closed?:
                    finalAnswer = FinalAnswer(at: entry.at, rule: deadline?.rule ?? .answer, deadline: deadline?.at,
                                              department: department, holder: holder)
                    deadline = nil
                case .drafting?:
                    interimPublishedAt = interimPublishedAt ?? entry.at
                    deadline = (policy.finalDeadline(interimPublishedAt: entry.at), .finalAfterInterim)
                case .waitingForAuthor?:
                    deadline = nil
                default:
                    break
                }
            case .rejectSection11, .cancel:
                deadline = nil
            default:
                break
            }
            events.append(event)
        }
    }
}
