import Foundation

/// What a timer row fires. Stored as text (`stored`), read back into this; the scheduler hands the
/// bot these, never strings.
public enum TimerKind: Hashable, Sendable {
    /// A person's messages settle into a case, a draft preview, a batch.
    case settle
    /// A reminder this long before a case's deadline.
    case beforeDeadline(TimeInterval)
    /// The deadline passed: the executor and the specialists hear of it.
    case overdue
    /// A day after the deadline: the head hears of it.
    case escalation
    /// A draft waits too long for approval.
    case approval
    /// The morning digest; the weekly and the monthly report.
    case digest, weekly, monthly
    /// The VK publisher finished a case's publication: the bot tells the specialist and moves the case.
    case vkPublication
    /// The VK watcher found the post's author's reply in a case's thread.
    case vkAuthorReply

    /// The timers that always exist once the service has started.
    public static let recurring: Set<TimerKind> = [.digest, .weekly, .monthly]

    /// The text in the `kind` column: "settle", "before:14400", "overdue"…
    public var stored: String {
        switch self {
        case .settle: "settle"
        case let .beforeDeadline(offset): "before:\(Int(offset))"
        case .overdue: "overdue"
        case .escalation: "escalation"
        case .approval: "approval"
        case .digest: "digest"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .vkPublication: "vk_publication"
        case .vkAuthorReply: "vk_author_reply"
        }
    }

    public init?(stored: String) {
        switch stored {
        case "settle": self = .settle
        case "overdue": self = .overdue
        case "escalation": self = .escalation
        case "approval": self = .approval
        case "digest": self = .digest
        case "weekly": self = .weekly
        case "monthly": self = .monthly
        case "vk_publication": self = .vkPublication
        case "vk_author_reply": self = .vkAuthorReply
        default:
            guard stored.hasPrefix("before:"), let seconds = Int(stored.dropFirst(7)), seconds > 0 else { return nil }
            self = .beforeDeadline(TimeInterval(seconds))
        }
    }

    /// A person's or the service's own timer rather than a case's.
    public var isRecurringOrPersonal: Bool { self == .settle || self == .vkPublication || self == .vkAuthorReply || Self.recurring.contains(self) }
}
