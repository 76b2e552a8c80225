import Casework
import Foundation

/// One countable thing that happened to a case, attributed to a department and an executor.
/// Every figure of a report is a sum over facts, so a group's figures are its facts' sum.
struct Fact: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case received
        case routed
        /// The final answer's publication: which deadline was in force and whether it was met.
        case answered(rule: DeadlineKind, onTime: Bool)
        case firstDraft
        case overdueNow
        case returnedDraft
        case repeatMarked
        case declined
        case rejectedSection11
    }

    var kind: Kind
    var caseId: Int64
    /// nil: the case had no department then (counted under "not routed").
    var department: String?
    /// The executor answerable for it, if any.
    var executor: Int64?
    var network: String
    /// For durations (first draft, publication) and for overdue (how long past the deadline).
    var seconds: Double?
}
