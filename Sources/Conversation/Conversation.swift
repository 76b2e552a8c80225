import Casework
import Foundation

/// The per-chat conversation as a pure state machine: (input, session, actor) → (session, intents).
/// No I/O and no clock: the runtime loads the actor and session, executes the intents in the same
/// transaction, and saves the new session.
public enum Conversation {
    public static func decide(_ input: ConversationInput, session: Session, actor: Actor?) -> ConversationDecision {
        guard let actor else { return stranger(input, session) }
        switch input {
        case let .message(message):
            if let command = message.command { return typed(command, session, actor) }
            return text(message, session, actor)
        case let .button(action):
            guard let action else { return ConversationDecision(session, [.notice(.staleButton)]) }
            return pressed(action, session, actor)
        case .settled:
            return settled(session)
        }
    }

    /// Unknown people get nothing but the invitation hint; `/start TOKEN` is how they join.
    static func stranger(_ input: ConversationInput, _ session: Session) -> ConversationDecision {
        if case let .message(m) = input, let c = m.command, c.name == "start", !c.argument.isEmpty {
            return ConversationDecision(.idle, [.redeemInvitation(token: c.argument)])
        }
        if case .settled = input { return ConversationDecision(.idle, []) }
        return ConversationDecision(.idle, [.notice(.accessByInvitation)])
    }

    static func typed(_ command: TypedCommand, _ session: Session, _ actor: Actor) -> ConversationDecision {
        let keep = session
        func need(_ role: Role, _ intent: Intent) -> ConversationDecision {
            ConversationDecision(keep, [actor.has(role) ? intent : .notice(.notAllowed)])
        }
        switch command.name {
        case "start":
            if !command.argument.isEmpty { return ConversationDecision(keep, [.redeemInvitation(token: command.argument)]) }
            return ConversationDecision(keep, [.notice(.help)])
        case "help":
            return ConversationDecision(keep, [.notice(.help)])
        case "cancel":
            return ConversationDecision(.idle, [.notice(session == .idle ? .nothingToCancel : .cancelled)])
        case "new":
            guard actor.has(.specialist) else { return ConversationDecision(keep, [.notice(.notAllowed)]) }
            return ConversationDecision(.awaitingPost, [.notice(.sendThePost)])
        case "cases":
            return ConversationDecision(keep, [.listMyCases])
        case "case":
            guard let id = caseNumber(command.argument) else { return ConversationDecision(keep, [.notice(.caseNumberUsage)]) }
            return ConversationDecision(keep, [.showCase(caseId: id)])
        case "find":
            guard !command.argument.isEmpty else { return ConversationDecision(keep, [.notice(.findUsage)]) }
            return ConversationDecision(keep, [.find(words: command.argument)])
        case "overdue":
            return ConversationDecision(keep, [.overdue])
        case "report":
            return ConversationDecision(keep, [.report(period: command.argument)])
        case "dashboard":
            return ConversationDecision(keep, [.dashboard])
        case "export":
            return ConversationDecision(keep, [.export(period: command.argument)])
        case "staff":
            return actor.has(.admin) || actor.has(.head) ? ConversationDecision(keep, [.staff]) : need(.admin, .staff)
        case "invite":
            return need(.admin, .inviteMenu)
        case "revoke":
            return need(.admin, .revokeMenu)
        default:
            return ConversationDecision(keep, [.notice(.unknownCommand)])
        }
    }

    static func text(_ m: IncomingMessage, _ session: Session, _ actor: Actor) -> ConversationDecision {
        let text = m.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch session {
        case let .awaitingDeclineReason(c):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            return ConversationDecision(.idle, [.apply(caseId: c, .decline(reason: text))])
        case let .awaitingReturnComment(c, v):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            return ConversationDecision(.idle, [.returnDraft(caseId: c, version: v, comment: text)])
        case let .awaitingEditedText(c, v):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            return ConversationDecision(.idle, [.approve(caseId: c, version: v, editedText: text)])
        case let .awaitingPublishedLink(c):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            let link = m.urls.first ?? text
            return ConversationDecision(.idle, [.apply(caseId: c, .markPublished(link: link))])
        case let .awaitingAuthorReply(c):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            return ConversationDecision(.idle, [.apply(caseId: c, .attachAuthorReply(text: text))])
        case let .awaitingVKCaptcha(c):
            guard !text.isEmpty else { return ConversationDecision(session, [.notice(.needText)]) }
            return ConversationDecision(.idle, [.answerVKCaptcha(caseId: c, text: text)])
        case let .awaitingRepeatNumber(c):
            guard let earlier = caseNumber(text) else { return ConversationDecision(session, [.notice(.notACaseNumber)]) }
            return ConversationDecision(.idle, [.markRepeat(caseId: c, earlierId: earlier)])
        case let .composingDraft(c, kind, buffer):
            var next = buffer
            if !text.isEmpty { next.texts.append(text) }
            next.media += m.media
            return ConversationDecision(.composingDraft(caseId: c, kind: kind, buffer: next), [.scheduleSettle])
        case .awaitingPost:
            return ConversationDecision(.collectingIntake([m.piece]), [.scheduleSettle])
        case let .collectingIntake(pieces):
            return ConversationDecision(.collectingIntake(pieces + [m.piece]), [.scheduleSettle])
        case .idle:
            if let c = m.replyToCase {
                if actor.has(.executor) {
                    let buffer = DraftBuffer(texts: text.isEmpty ? [] : [text], media: m.media)
                    return ConversationDecision(.composingDraft(caseId: c, kind: .final, buffer: buffer),
                                                [.beginDraft(caseId: c, kind: .final), .scheduleSettle])
                }
                if actor.has(.specialist) {
                    guard !text.isEmpty else { return ConversationDecision(.idle, [.notice(.needText)]) }
                    return ConversationDecision(.idle, [.specialistReplied(caseId: c, text: text)])
                }
            }
            if actor.has(.specialist) {
                return ConversationDecision(.collectingIntake([m.piece]), [.scheduleSettle])
            }
            return ConversationDecision(.idle, [.notice(actor.has(.executor) ? .executorHint : .help)])
        }
    }

    static func pressed(_ action: CallbackAction, _ session: Session, _ actor: Actor) -> ConversationDecision {
        let keep = session
        func as_(_ role: Role, _ next: Session, _ intents: [Intent]) -> ConversationDecision {
            actor.has(role) ? ConversationDecision(next, intents) : ConversationDecision(keep, [.notice(.notAllowed)])
        }
        switch action {
        case let .route(c, d): return as_(.specialist, keep, [.apply(caseId: c, .route(departmentId: d))])
        case let .allDepartments(c, p): return as_(.specialist, keep, [.showDepartments(caseId: c, page: p)])
        case let .markRepeat(c, e): return as_(.specialist, keep, [.markRepeat(caseId: c, earlierId: e)])
        case let .askRepeatNumber(c): return as_(.specialist, .awaitingRepeatNumber(caseId: c), [.notice(.askRepeatNumber)])
        case let .rejectSection11(c): return as_(.specialist, keep, [.confirmSection11(caseId: c)])
        case let .confirmRejectSection11(c): return as_(.specialist, keep, [.apply(caseId: c, .rejectSection11)])
        case let .clearThreatAlarm(c): return as_(.specialist, keep, [.clearThreatAlarm(caseId: c)])
        case let .cancelIntake(c): return as_(.specialist, keep, [.apply(caseId: c, .cancel)])
        case let .splitIntake(c): return as_(.specialist, keep, [.splitIntake(caseId: c)])
        case let .take(c): return as_(.executor, keep, [.apply(caseId: c, .take)])
        case let .startDraft(c, k):
            let write: Notice = k == .final ? .writeFinal : (k == .interim ? .writeInterim : .writeClarification)
            return as_(.executor, .composingDraft(caseId: c, kind: k, buffer: DraftBuffer()),
                       [.beginDraft(caseId: c, kind: k), .notice(write)])
        case let .decline(c): return as_(.executor, .awaitingDeclineReason(caseId: c), [.notice(.askDeclineReason)])
        case let .sendDraft(c):
            guard case let .composingDraft(sc, kind, buffer) = session, sc == c else {
                return ConversationDecision(keep, [.notice(.staleButton)])
            }
            guard !buffer.isEmpty else { return ConversationDecision(keep, [.notice(.nothingToSend)]) }
            return as_(.executor, .idle, [.submitDraft(caseId: c, kind: kind, buffer)])
        case let .discardDraft(c):
            guard case let .composingDraft(sc, _, _) = session, sc == c else {
                return ConversationDecision(keep, [.notice(.staleButton)])
            }
            return ConversationDecision(.idle, [.notice(.draftDiscarded)])
        case let .approve(c, v): return as_(.specialist, keep, [.approve(caseId: c, version: v, editedText: nil)])
        case let .editThenApprove(c, v):
            return as_(.specialist, .awaitingEditedText(caseId: c, version: v),
                       [.sendDraftTextForEditing(caseId: c), .notice(.askEditedText)])
        case let .returnDraft(c, v):
            return as_(.specialist, .awaitingReturnComment(caseId: c, version: v), [.notice(.askReturnComment)])
        case let .markPublished(c): return as_(.specialist, keep, [.apply(caseId: c, .markPublished(link: nil))])
        case let .publishedWithLink(c):
            return as_(.specialist, .awaitingPublishedLink(caseId: c), [.notice(.askPublishedLink)])
        case let .attachAuthorReply(c):
            return as_(.specialist, .awaitingAuthorReply(caseId: c), [.notice(.askAuthorReply)])
        case let .publishToVK(c, v, bare): return as_(.specialist, keep, [.publishToVK(caseId: c, version: v, withoutLinks: bare)])
        case let .answerVKCaptcha(c): return as_(.specialist, .awaitingVKCaptcha(caseId: c), [.notice(.askVKCaptcha)])
        case let .openVKComment(c, comment): return as_(.specialist, keep, [.openVKComment(caseId: c, commentId: comment)])
        case let .showCase(c): return ConversationDecision(keep, [.showCase(caseId: c)])
        case let .inviteRole(r):
            // An executor invitation then asks for the department (the runtime shows the list).
            return as_(.admin, keep, [.invite(role: r, departmentId: nil)])
        case let .inviteDepartment(d): return as_(.admin, keep, [.invite(role: .executor, departmentId: d)])
        case let .revoke(p): return as_(.admin, keep, [.confirmRevoke(personId: p)])
        case let .confirmRevoke(p): return as_(.admin, keep, [.revoke(personId: p)])
        case .dismiss: return ConversationDecision(keep, [.dismiss])
        }
    }

    static func settled(_ session: Session) -> ConversationDecision {
        switch session {
        case let .collectingIntake(pieces): return ConversationDecision(.idle, [.openCase(pieces)])
        case let .composingDraft(c, kind, buffer) where !buffer.isEmpty:
            return ConversationDecision(session, [.previewDraft(caseId: c, kind: kind, buffer)])
        default: return ConversationDecision(session, [])
        }
    }

    /// "12", "№12", "#12", "№ 12" → 12.
    static func caseNumber(_ text: String) -> Int64? {
        let digits = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: "№#N ").union(.whitespaces))
        guard let n = Int64(digits), n > 0 else { return nil }
        return n
    }
}
