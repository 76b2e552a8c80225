import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// Drafts: the executor writes, previews and sends; the specialist approves, edits or returns.
extension BotHandler {
    func beginDraft(_ caseId: Int64, _ kind: DraftKind, _ turn: inout Turn) throws {
        guard let c = try turn.db.case(id: caseId) else {
            try refuse(text: turn.text("refusal.case_not_found", ["id": .int(Int(caseId))]), &turn)
            return
        }
        if kind == .interim, c.interimPublishedAt != nil {
            try refuse(.interimAlreadyGiven, c, &turn)
            return
        }
        // Taking the case tells the colleagues who answers; taking it again changes nothing.
        try apply(.take, to: caseId, &turn)
    }

    /// The network's limits and § 10's hints for a draft.
    func formatWarnings(_ text: String, media: [MediaRef], network: String, _ turn: Turn) -> [String] {
        let draft = AnswerDraft(text: text, photos: media.filter { $0.kind == .photo }.count,
                                videos: media.filter { $0.kind == .video }.count)
        let name = turn.networkName(network)
        return AnswerFormatChecker.check(draft, network: Network(rawValue: network) ?? .other).compactMap { issue in
            switch issue {
            case .empty: return nil
            case let .tooLong(length, limit), let .captionTooLong(length, limit):
                return turn.text("draft.warning.too_long", ["length": .int(length), "limit": .int(limit), "network": .text(name)])
            case let .htmlTags(tags): return turn.text("draft.warning.markup", ["what": .text(tags.joined(separator: " "))])
            case let .markdown(marks): return turn.text("draft.warning.markup", ["what": .text(marks.joined(separator: " "))])
            case let .linksNotClickable(count): return turn.text("draft.warning.links", ["count": .int(count), "network": .text(name)])
            case let .tooManyHashtags(count, limit), let .tooManyMentions(count, limit), let .tooManyMedia(count, limit):
                return turn.text("draft.warning.too_many", ["count": .int(count), "limit": .int(limit), "network": .text(name)])
            case .mediaNotAccepted: return turn.text("draft.warning.no_media_allowed", ["network": .text(name)])
            case let .workDoneWithoutMedia(phrase): return turn.text("draft.warning.photo_hint", ["phrase": .text(phrase)])
            }
        }
    }

    func preview(_ caseId: Int64, _ kind: DraftKind, _ buffer: DraftBuffer, _ turn: inout Turn) throws {
        guard let stored = try turn.db.storedCase(id: caseId) else { return }
        var lines = [turn.text("draft.preview", ["id": .int(Int(caseId)), "kind": .text(turn.kindName(kind)),
                                                 "text": .text(buffer.text)])]
        if !buffer.media.isEmpty { lines.append(turn.dialogs.render("case.card.media", count: buffer.media.count)) }
        lines += formatWarnings(buffer.text, media: buffer.media, network: stored.post.network, turn)
        let screening = env.screen(buffer.text)
        if screening.verdict != .clean {
            lines.append(turn.text("draft.obscene_warning", ["matches": .text(screening.matches.map(\.fragment).joined(separator: ", "))]))
        }
        if stored.state.repeatOf != nil { lines.append(turn.text("draft.repeat_reminder")) }
        lines.append(turn.text("draft.preview_hint"))
        try turn.reply(lines.joined(separator: "\n"), buttons: [
            [Button(turn.text("button.send_draft"), .sendDraft(caseId: caseId))],
            [Button(turn.text("button.rewrite_draft"), .startDraft(caseId: caseId, kind: kind)),
             Button(turn.text("button.discard_draft"), .discardDraft(caseId: caseId))],
        ], caseId: caseId, purpose: .preview)
    }

    func submit(_ caseId: Int64, _ kind: DraftKind, _ buffer: DraftBuffer, _ turn: inout Turn) throws {
        // § 11 applies to answers too: the workflow refuses a draft the screening flags, and a threat
        // in one alerts the heads as one in a post does.
        let screening = env.screen(buffer.text)
        if screening.verdict == .threat {
            try alertThreat(caseId, link: try turn.db.post(caseId: caseId)?.link, screening: screening, inDraft: true, &turn)
        }
        guard try apply(.submitDraft(kind: kind, text: buffer.text, media: buffer.media, screening: screening),
                        to: caseId, &turn) != nil else { return }
        try turn.reply(turn.text("draft.sent", ["id": .int(Int(caseId))]))
    }

    /// The specialists get the draft (media first, then the text with the decision buttons).
    func sendForApproval(_ c: Case, to chats: [Int64], _ turn: inout Turn) throws {
        guard let draft = c.draft else { return }
        let post = try turn.db.post(caseId: c.id)
        var lines = [turn.text("approval.request", [
            "id": .int(Int(c.id)), "kind": .text(turn.kindName(draft.kind)), "version": .int(draft.version),
            "author": .text(try turn.personName(draft.authorId)), "department": .text(env.departmentName(c.departmentId)),
            "text": .text(draft.text),
        ])]
        lines += formatWarnings(draft.text, media: draft.media, network: post?.network ?? "other", turn)
        if let earlier = c.repeatOf { lines.append(turn.text("approval.repeat_note", ["earlier": .int(Int(earlier))])) }
        let buttons: [[Button]] = [
            [Button(turn.text("button.approve"), .approve(caseId: c.id, version: draft.version))],
            [Button(turn.text("button.edit_approve"), .editThenApprove(caseId: c.id, version: draft.version)),
             Button(turn.text("button.return"), .returnDraft(caseId: c.id, version: draft.version))],
        ]
        for chat in chats {
            try turn.sendMedia(to: chat, draft.media)
            try turn.send(to: chat, lines.joined(separator: "\n"), buttons: buttons, caseId: c.id, purpose: .approval)
        }
    }

    /// Approving a specific version: a newer one makes the old buttons stale.
    func approve(_ caseId: Int64, version: Int, edited: String?, _ turn: inout Turn) throws {
        guard let approved = try apply(.approve(version: version, editedText: edited), to: caseId, &turn),
              let draft = approved.draft else { return }
        try turn.reply(turn.text("approval.approved.specialist", ["id": .int(Int(caseId)), "kind": .text(turn.kindName(draft.kind))]))
        try turn.sendMedia(to: turn.chatId, draft.media)
        // The text alone, exactly as it is to be published, so it can be copied whole.
        guard let post = try turn.db.storedCase(id: caseId)?.post else { return }
        try turn.reply(RichText.escaping(draft.text), buttons: publishButtons(approved, post, turn), caseId: caseId, purpose: .publish)
    }

    func returnDraft(_ caseId: Int64, version: Int, comment: String, _ turn: inout Turn) throws {
        guard try apply(.returnDraft(version: version, comment: comment), to: caseId, &turn) != nil else { return }
        try turn.reply(turn.text("approval.returned.specialist", ["id": .int(Int(caseId))]))
    }

    func sendTextForEditing(_ caseId: Int64, _ turn: inout Turn) throws {
        guard let draft = try turn.db.case(id: caseId)?.draft else { return }
        try turn.reply(RichText.escaping(draft.text))
    }

    /// A specialist's reply to a case card is the author's reply, when the case waits for one.
    func specialistReplied(_ caseId: Int64, _ text: String, _ turn: inout Turn) throws {
        guard let c = try turn.db.case(id: caseId) else { return }
        guard c.status == .waitingForAuthor else {
            try turn.notice("specialist.replied_not_waiting", ["id": .int(Int(caseId)), "status": .text(turn.statusName(c))])
            return
        }
        try apply(.attachAuthorReply(text: text), to: caseId, &turn)
    }
}
