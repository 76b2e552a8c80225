import Casework
import Foundation

/// A short message to the chat, by meaning; the runtime renders it from Dialogs/.
public enum Notice: String, Sendable, Equatable, CaseIterable {
    case accessByInvitation
    case help
    case cancelled
    case nothingToCancel
    case unknownCommand
    case notAllowed
    case staleButton
    case sendThePost
    case executorHint
    case askDeclineReason
    case askReturnComment
    case askEditedText
    case askPublishedLink
    case askAuthorReply
    case askRepeatNumber
    case askVKCaptcha
    case notACaseNumber
    case needText
    case writeFinal
    case writeInterim
    case writeClarification
    case draftDiscarded
    case nothingToSend
    case caseNumberUsage
    case findUsage
}

/// What the runtime must do for an input. The runtime authorises each one against the store when it
/// executes it (roles here are only a first filter), and a refused intent resets the session.
public enum Intent: Sendable, Equatable {
    case notice(Notice)
    case redeemInvitation(token: String)
    /// (Re)start the short timer after which the chat's messages count as settled.
    case scheduleSettle
    /// Open one case from the posts collected and send its card to the specialist.
    case openCase([PostPiece])
    case splitIntake(caseId: Int64)
    /// Run the workflow command on the case.
    case apply(caseId: Int64, CaseCommand)
    case markRepeat(caseId: Int64, earlierId: Int64)
    case showDepartments(caseId: Int64, page: Int)
    case confirmSection11(caseId: Int64)
    /// A threat alert was a false alarm: the heads are told, the journal keeps who said so.
    case clearThreatAlarm(caseId: Int64)
    /// The executor starts a draft: the case is taken (or was taken by them).
    case beginDraft(caseId: Int64, kind: DraftKind)
    case previewDraft(caseId: Int64, kind: DraftKind, DraftBuffer)
    case submitDraft(caseId: Int64, kind: DraftKind, DraftBuffer)
    /// Approve (or approve with edited text) a specific draft version; a newer version makes it stale.
    case approve(caseId: Int64, version: Int, editedText: String?)
    case returnDraft(caseId: Int64, version: Int, comment: String)
    case sendDraftTextForEditing(caseId: Int64)
    /// Queue the approved version for VK (without its links after VK refused them; with a captcha's answer).
    case publishToVK(caseId: Int64, version: Int, withoutLinks: Bool)
    case answerVKCaptcha(caseId: Int64, text: String)
    /// Bring the author's later VK comment on a case in as a new post (a possible repeat).
    case openVKComment(caseId: Int64, commentId: Int64)
    /// A specialist replied to a case card: the author's reply to a clarification, when the case waits for one.
    case specialistReplied(caseId: Int64, text: String)
    case showCase(caseId: Int64)
    case listMyCases
    case find(words: String)
    case overdue
    case report(period: String)
    /// A one-time link to the dashboard (and, on Telegram, the Mini App button).
    case dashboard
    case export(period: String)
    case staff
    case inviteMenu
    case invite(role: Role, departmentId: String?)
    case confirmRevoke(personId: Int64)
    case revoke(personId: Int64)
    case revokeMenu
    /// Remove the buttons of the message a "No"/"Cancel" was pressed on.
    case dismiss
}

/// The new session and what to do.
public struct ConversationDecision: Sendable, Equatable {
    public var session: Session
    public var intents: [Intent]

    public init(_ session: Session, _ intents: [Intent]) {
        self.session = session
        self.intents = intents
    }
}
