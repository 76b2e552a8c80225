import Casework
import DialogTemplates

// The bot's texts named by a value rather than written out: one function per family, and the list
// of every key the families make, so a test can check each exists without reading the source.
extension DialogKey {
    /// A journal line's action, as the timeline shows it.
    static func journal(_ action: JournalAction.Name) -> DialogKey { DialogKey("journal.\(action.rawValue)") }
    static func role(_ role: Role) -> DialogKey { DialogKey("role.\(role.rawValue)") }
    /// The title of a role's list in /staff.
    static func roleList(_ role: Role) -> DialogKey { DialogKey("role.\(role.rawValue)s") }
    /// What a role may do, in /help.
    static func help(_ role: Role) -> DialogKey { DialogKey("help.\(role.rawValue)") }
    static func network(_ network: Network) -> DialogKey { DialogKey("network.\(network.rawValue)") }
    static func draftKind(_ kind: DraftKind) -> DialogKey { DialogKey("draft.kind.\(kind.rawValue)") }
    static func draftDecision(_ decision: DraftDecision) -> DialogKey { DialogKey("draft.decision.\(decision.rawValue)") }
    static func screening(_ verdict: ScreeningVerdict) -> DialogKey { DialogKey("screening.\(verdict.rawValue)") }

    static func repeatReason(_ reason: RepeatReason) -> DialogKey {
        switch reason {
        case .sameLink: "repeat.reason.same_link"
        case .sameThread: "repeat.reason.same_thread"
        case .sameText: "repeat.reason.same_text"
        case .sameAuthorSimilarText: "repeat.reason.same_author"
        case .similarTextSamePlace: "repeat.reason.same_place"
        }
    }

    /// A case's status as its card shows it; a closed case by how it ended.
    static func status(_ status: CaseStatus, _ closure: Closure?) -> DialogKey {
        switch (status, closure) {
        case (.closed, .answered?): "status.closed_answered"
        case (.closed, .rejectedSection11?): "status.closed_rejected"
        case (.closed, _): "status.closed_cancelled"
        case (.intake, _): "status.intake"
        case (.routed, _): "status.routed"
        case (.drafting, _): "status.drafting"
        case (.onApproval, _): "status.on_approval"
        case (.approved, _): "status.approved"
        case (.waitingForAuthor, _): "status.waiting_for_author"
        }
    }

    /// Every key the functions above make.
    public static var botFamilies: [DialogKey] {
        let statuses: [(CaseStatus, Closure?)] = [(.intake, nil), (.routed, nil), (.drafting, nil), (.onApproval, nil),
                                                  (.approved, nil), (.waitingForAuthor, nil), (.closed, .answered),
                                                  (.closed, .rejectedSection11), (.closed, .cancelled)]
        return JournalAction.Name.allCases.map(journal) + Role.allCases.flatMap { [role($0), roleList($0), help($0)] }
            + Network.allCases.map(network) + DraftKind.allCases.map(draftKind)
            + [DraftDecision.approved, .returned].map(draftDecision)
            + ScreeningVerdict.allCases.filter { $0 != .clean }.map(screening)
            + RepeatReason.allCases.map(repeatReason) + statuses.map(status)
    }
}
