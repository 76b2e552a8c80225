import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// An approved answer published under the VK post as the administration's community, by one press:
/// the publication is queued with the press and delivered by the VK publisher; its outcome comes back
/// through the case's `vkPublication` timer. Every refusal leaves the manual way open.
extension BotHandler {
    /// The post an answer can go under on VK: read, and open to the community's comments.
    func vkTarget(_ post: CasePost) -> VKPost? {
        guard env.vkPublishing, let read = post.vkRead?.post, read.communityCanComment else { return nil }
        return read
    }

    /// The buttons under an approved answer: «Опубликовать в VK» when it can go there, then the manual ones.
    func publishButtons(_ c: Case, _ post: CasePost, _ turn: Turn) -> [[Button]] {
        var rows: [[Button]] = []
        if let version = c.draft?.version, vkTarget(post) != nil {
            rows.append([Button(turn.text("button.publish_vk"), .publishToVK(caseId: c.id, version: version, withoutLinks: false))])
        }
        rows.append([Button(turn.text("button.published"), .markPublished(caseId: c.id)),
                     Button(turn.text("button.published_link"), .publishedWithLink(caseId: c.id))])
        return rows
    }

    func publishToVK(_ caseId: Int64, version: Int, withoutLinks: Bool, _ turn: inout Turn) throws {
        guard let stored = try turn.db.storedCase(id: caseId), let draft = stored.state.draft else {
            return try refuse(text: turn.text("error.stale_button"), &turn)
        }
        guard let target = vkTarget(stored.post), stored.state.status == .approved, draft.version == version else {
            return try refuse(text: turn.text("error.stale_button"), &turn)
        }
        let text = withoutLinks ? draft.text.withoutLinks : draft.text
        let publication = VKPublication(caseId: caseId, version: version, ownerId: target.address.ownerId,
                                        postId: target.address.postId, replyToComment: target.address.commentId, text: text,
                                        photos: draft.media.filter { $0.kind == .photo })
        try queue(publication, &turn)
    }

    /// The specialist typed what VK's captcha shows: the same publication goes again with the answer.
    func answerVKCaptcha(_ caseId: Int64, text: String, _ turn: inout Turn) throws {
        guard let last = try turn.db.latestVKPublication(caseId: caseId), case let .refused(.captcha(sid, _))? = last.outcome,
              try turn.db.case(id: caseId)?.status == .approved else {
            return try refuse(text: turn.text("error.stale_button"), &turn)
        }
        var publication = last.publication
        publication.captcha = VKPublication.CaptchaAnswer(sid: sid, key: text)
        try queue(publication, &turn)
    }

    private func queue(_ publication: VKPublication, _ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        if let last = try turn.db.latestVKPublication(caseId: publication.caseId) {
            if last.outcome == nil {
                return try turn.notice("vk.publish.in_progress", ["id": .int(Int(publication.caseId))])
            }
            if case .published? = last.outcome, last.publication.version == publication.version {
                return try refuse(text: turn.text("error.stale_button"), &turn)
            }
        }
        try turn.db.requestVKPublication(publication, by: actor.personId, at: turn.now)
        try turn.notice("vk.publish.started", ["id": .int(Int(publication.caseId))])
    }

    /// The publisher finished: a published answer closes (or moves) the case as «Опубликовано» with the
    /// comment's link would, and the journal says it went through the API; a refusal tells the
    /// specialist why and what they can do.
    func vkPublicationFinished(caseId: Int64, in db: StoreTransaction, now: Date) throws {
        guard let record = try db.latestVKPublication(caseId: caseId), let outcome = record.outcome else { return }
        var turn = Turn(db: db, env: env, now: now, chatId: record.requestedBy, actor: try db.actor(personId: record.requestedBy))
        guard turn.actor != nil, let stored = try db.storedCase(id: caseId) else { return }
        let id: [String: DialogValue] = ["id": .int(Int(caseId))]
        switch outcome {
        case let .published(_, _, link):
            // Marked by hand meanwhile (or a newer version approved): the link is still worth telling.
            guard stored.state.status == .approved, stored.state.draft?.version == record.publication.version else {
                return try turn.notice("vk.publish.done_late", id.merging(["link": .text(link)]) { a, _ in a })
            }
            guard try apply(.markPublished(link: link), to: caseId, &turn) != nil else { return }
            let approver = try db.drafts(caseId: caseId).first { $0.version == record.publication.version }?.decidedBy
            try db.appendJournal(.publishedOnVK(link: link, approvedBy: approver), actorId: record.requestedBy, caseId: caseId, at: now)
            if case let .published(commentId, root, _) = outcome {
                try watchVKThread(caseId, published: (commentId, root), by: record.requestedBy, in: db, now: now)
            }
            try turn.notice("vk.publish.done", id.merging(["link": .text(link)]) { a, _ in a })
        case let .refused(refusal):
            guard stored.state.status == .approved else { return }
            var buttons = publishButtons(stored.state, stored.post, turn)
            let key: DialogKey
            switch refusal {
            case .flood: key = "vk.refused.flood"
            case .tooManyReplies: key = "vk.refused.too_many_replies"
            case .dailyLimit: key = "vk.refused.daily_limit"
            case .closed: key = "vk.refused.closed"; buttons.removeFirst(buttons.count - 1)
            case .keys: key = "vk.refused.keys"; buttons.removeFirst(buttons.count - 1)
            case .unavailable: key = "vk.refused.unavailable"
            case .hyperlinks:
                key = "vk.refused.hyperlinks"
                buttons[0] = [Button(turn.text("button.publish_vk_without_links"),
                                     .publishToVK(caseId: caseId, version: record.publication.version, withoutLinks: true))]
            case let .captcha(_, image):
                key = "vk.refused.captcha"
                buttons[0] = [Button(turn.text("button.answer_captcha"), .answerVKCaptcha(caseId: caseId))]
                if let image, !image.isEmpty {
                    try turn.say(.file(to: turn.chatId, FileUpload(partName: "captcha", filename: "VKCaptcha.png", mimeType: "image/png",
                                                                   data: image)))
                }
            }
            try turn.reply(turn.text(key, id), buttons: buttons, caseId: caseId, purpose: .publish)
        }
    }
}
