import Foundation

/// What a journal line records, with its details as values: the reports, the timeline and the
/// export read the department, the earlier case or the draft version from here, never from prose.
public enum JournalAction: Sendable, Equatable {
    // A case's life (`Workflow.decide` writes these).
    case route(department: String)
    case markRepeat(of: Int64, department: String)
    case rejectSection11
    case cancel
    case take
    case decline(reason: String)
    case submitDraft(DraftKind, version: Int)
    /// `edited`: the specialist changed the text when approving.
    case approve(edited: Bool)
    case returnDraft(comment: String)
    case markPublished(link: String?)
    case attachAuthorReply(text: String)
    case withdraw(reason: String)

    // Events around cases and people (the bot writes these).
    /// A case opened; `pieces` is what the bot needs to split a batch again (its own JSON), nil for one post.
    case open(pieces: String?)
    case join(roles: [Role])
    case invite(role: Role, department: String?)
    case revoke(person: Int64, name: String)
    /// The person (the entry's actor) stopped the bot.
    case unreachable(name: String)
    /// § 11: a threat was found in the post (or in a draft: `inDraft`) and the heads were alerted.
    case threatAlert(inDraft: Bool)
    /// The specialist (the entry's actor) said the alert was a false alarm.
    case clearThreatAlarm
    /// The answer went out through the VK API as the community (the entry's actor asked for it);
    /// `approvedBy`: who approved the version published.
    case publishedOnVK(link: String, approvedBy: Int64?)

    /// The stable name of each kind: the journal's `action` column, and the texts `journal.<name>` and
    /// `report.action.<name>`.
    public enum Name: String, Sendable, CaseIterable {
        case route, markRepeat = "mark_repeat", rejectSection11 = "reject_section11", cancel, take, decline
        case submitDraft = "submit_draft", approve, returnDraft = "return_draft", markPublished = "mark_published"
        case attachAuthorReply = "attach_author_reply", withdraw
        case open, join, invite, revoke, unreachable
        case threatAlert = "threat_alert", clearThreatAlarm = "clear_threat_alarm"
        case publishedOnVK = "published_on_vk"
    }

    public var name: Name {
        switch self {
        case .route: .route
        case .markRepeat: .markRepeat
        case .rejectSection11: .rejectSection11
        case .cancel: .cancel
        case .take: .take
        case .decline: .decline
        case .submitDraft: .submitDraft
        case .approve: .approve
        case .returnDraft: .returnDraft
        case .markPublished: .markPublished
        case .attachAuthorReply: .attachAuthorReply
        case .withdraw: .withdraw
        case .open: .open
        case .join: .join
        case .invite: .invite
        case .revoke: .revoke
        case .unreachable: .unreachable
        case .threatAlert: .threatAlert
        case .clearThreatAlarm: .clearThreatAlarm
        case .publishedOnVK: .publishedOnVK
        }
    }

    /// The department the entry assigns (route, repeat) or an invitation is bound to.
    public var department: String? {
        switch self {
        case let .route(department), let .markRepeat(_, department): department
        case let .invite(_, department): department
        default: nil
        }
    }

    /// The people's words the entry keeps: a reason, a comment, a link, the author's reply.
    public var words: String? {
        switch self {
        case let .decline(text), let .returnDraft(text), let .attachAuthorReply(text), let .withdraw(text): text
        case let .markPublished(link): link
        case let .publishedOnVK(link, _): link
        default: nil
        }
    }
}
