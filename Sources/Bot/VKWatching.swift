import Casework
import Conversation
import DialogTemplates
import Foundation
import Store

/// After an answer goes out on VK (by the API, or a clarification by hand), the thread is watched for
/// the post's author: a reply to a clarification is attached by itself and starts the executor's new
/// 24 hours (§ 6); a later comment on a closed case is offered as a possible repeat (§ 8).
extension BotHandler {
    /// Starts watching a case's VK thread. `published`: our comment and its thread's root when the API
    /// published it; nil for an answer published by hand (the author's own thread is watched).
    func watchVKThread(_ caseId: Int64, published: (commentId: Int64, root: Int64?)?, by person: Int64,
                       in db: StoreTransaction, now: Date) throws {
        guard let interval = env.vkWatchInterval, let read = try db.storedCase(id: caseId)?.post.vkRead?.post,
              let author = read.authorKey.flatMap(Self.vkId) else { return }
        // Threads are one level deep: a reply to a comment lands in its root's thread; a reply to our
        // top-level comment opens our comment's thread.
        let root = published.map { $0.root ?? $0.commentId } ?? read.threadRootId
        try db.watchVK(VKWatch(caseId: caseId, personId: person, ownerId: read.address.ownerId, postId: read.address.postId,
                               threadRoot: root, authorId: author, afterCommentId: published?.commentId ?? read.address.commentId ?? 0,
                               since: now, nextAt: now.addingTimeInterval(interval), until: now.addingTimeInterval(env.vkWatchFor)))
    }

    /// `vk:42` → 42.
    static func vkId(_ key: String) -> Int64? {
        key.hasPrefix("vk:") ? Int64(key.dropFirst(3)) : nil
    }

    /// The watcher found the author's comments under a case's answer.
    func vkAuthorReplied(caseId: Int64, in db: StoreTransaction, now: Date) throws {
        let comments = try db.pendingVKAuthorComments(caseId: caseId)
        guard !comments.isEmpty, let watch = try db.vkWatch(caseId: caseId), let c = try db.case(id: caseId) else { return }
        try db.markVKAuthorCommentsHandled(caseId: caseId, at: now)
        var turn = Turn(db: db, env: env, now: now, chatId: watch.personId, actor: try db.actor(personId: watch.personId))
        guard turn.actor != nil else { return }
        let text = comments.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let values: [String: DialogValue] = ["id": .int(Int(caseId)), "excerpt": .text(Turn.excerpt(text)),
                                             "link": .text(comments.last!.link)]
        switch c.status {
        case .waitingForAuthor:
            guard try apply(.attachAuthorReply(text: text), to: caseId, &turn) != nil else { return }
            try turn.notice("vk.author.replied", values)
        case .closed:
            let last = comments.last!
            try turn.reply(turn.text("vk.author.after_closing", values), buttons: [[
                Button(turn.text("button.open_vk_comment"), .openVKComment(caseId: caseId, commentId: last.commentId)),
            ]], caseId: caseId, purpose: .reminder)
        default:
            try turn.notice("vk.author.meanwhile", values)
        }
    }

    /// The author's later comment becomes a post brought in, as if the specialist had sent its link: it
    /// is read from VK, and the card offers the closed case as the earlier one (same author, same thread).
    func openVKComment(_ caseId: Int64, commentId: Int64, _ turn: inout Turn) throws {
        guard let comment = try turn.db.vkAuthorComment(caseId: caseId, commentId: commentId) else {
            return try refuse(text: turn.text("error.stale_button"), &turn)
        }
        var pieces: [PostPiece] = []
        if case let .collectingIntake(earlier) = try StoredSession.load(turn.db, chatId: turn.chatId).state { pieces = earlier }
        pieces.append(PostPiece(messageId: turn.buttonMessageId ?? 0, text: comment.link, urls: [comment.link]))
        turn.nextSession = .collectingIntake(pieces)
        try turn.db.setTimer(kind: .settle, personId: turn.chatId, dueAt: turn.now, at: turn.now)
    }
}
