import Casework
import Foundation
import GRDB

/// A thread watched for the author's reply after an answer went out.
public struct VKWatch: Sendable, Equatable {
    public var caseId: Int64
    /// The specialist the reply is attached for (who published).
    public var personId: Int64
    public var ownerId: Int64
    public var postId: Int64
    /// The top-level comment whose thread to read; nil: the post's top level.
    public var threadRoot: Int64?
    /// The post's (or the complaining comment's) author on VK.
    public var authorId: Int64
    /// Comments up to this id were seen.
    public var afterCommentId: Int64
    /// Comments written before this were there before the answer.
    public var since: Date
    public var nextAt: Date
    public var until: Date

    public init(caseId: Int64, personId: Int64, ownerId: Int64, postId: Int64, threadRoot: Int64?, authorId: Int64,
                afterCommentId: Int64, since: Date, nextAt: Date, until: Date) {
        self.caseId = caseId; self.personId = personId; self.ownerId = ownerId; self.postId = postId
        self.threadRoot = threadRoot; self.authorId = authorId; self.afterCommentId = afterCommentId
        self.since = since; self.nextAt = nextAt; self.until = until
    }
}

/// A comment of the author the watcher found.
public struct VKAuthorComment: Sendable, Equatable {
    public var caseId: Int64
    public var commentId: Int64
    public var text: String
    public var link: String

    public init(caseId: Int64, commentId: Int64, text: String, link: String) {
        self.caseId = caseId; self.commentId = commentId; self.text = text; self.link = link
    }
}

extension StoreTransaction {
    /// Watches a case's thread (replacing an earlier watch of the case).
    public func watchVK(_ watch: VKWatch) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO vkWatch (caseId, personId, ownerId, postId, threadRoot, authorId, afterCommentId, since, nextAt, until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [watch.caseId, watch.personId, watch.ownerId, watch.postId, watch.threadRoot, watch.authorId,
                             watch.afterCommentId, StoreDate.text(watch.since), StoreDate.text(watch.nextAt), StoreDate.text(watch.until)])
    }

    public func vkWatch(caseId: Int64) throws -> VKWatch? {
        try Row.fetchOne(db, sql: "SELECT * FROM vkWatch WHERE caseId = ?", arguments: [caseId]).flatMap(Self.watch)
    }

    /// Watches due by `now`, soonest first; those past their `until` are dropped.
    public func dueVKWatches(upTo now: Date, limit: Int) throws -> [VKWatch] {
        try db.execute(sql: "DELETE FROM vkWatch WHERE until <= ?", arguments: [StoreDate.text(now)])
        return try Row.fetchAll(db, sql: "SELECT * FROM vkWatch WHERE nextAt <= ? ORDER BY nextAt LIMIT ?",
                                arguments: [StoreDate.text(now), limit]).compactMap(Self.watch)
    }

    public func nextVKWatchDue() throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT min(nextAt) FROM vkWatch")
    }

    /// Records what one look at a thread found: the author's new comments (the bot takes them up through
    /// the case's timer), how far it has read, and when to look again.
    public func recordVKWatch(caseId: Int64, found: [VKAuthorComment], seenUpTo: Int64, nextAt: Date, at now: Date) throws {
        try db.execute(sql: "UPDATE vkWatch SET afterCommentId = max(afterCommentId, ?), nextAt = ? WHERE caseId = ?",
                       arguments: [seenUpTo, StoreDate.text(nextAt), caseId])
        guard !found.isEmpty else { return }
        for comment in found {
            try db.execute(sql: """
                INSERT OR IGNORE INTO vkAuthorComment (caseId, commentId, text, link, foundAt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [caseId, comment.commentId, comment.text, comment.link, StoreDate.text(now)])
        }
        try setTimer(kind: .vkAuthorReply, caseId: caseId, dueAt: now, at: now)
    }

    /// The author's comments on a case not taken up yet, oldest first.
    public func pendingVKAuthorComments(caseId: Int64) throws -> [VKAuthorComment] {
        try Row.fetchAll(db, sql: "SELECT * FROM vkAuthorComment WHERE caseId = ? AND handledAt IS NULL ORDER BY commentId",
                         arguments: [caseId]).map {
            VKAuthorComment(caseId: $0["caseId"], commentId: $0["commentId"], text: $0["text"], link: $0["link"])
        }
    }

    /// One comment the watcher found.
    public func vkAuthorComment(caseId: Int64, commentId: Int64) throws -> VKAuthorComment? {
        try Row.fetchOne(db, sql: "SELECT * FROM vkAuthorComment WHERE caseId = ? AND commentId = ?",
                         arguments: [caseId, commentId]).map {
            VKAuthorComment(caseId: $0["caseId"], commentId: $0["commentId"], text: $0["text"], link: $0["link"])
        }
    }

    public func markVKAuthorCommentsHandled(caseId: Int64, at now: Date) throws {
        try db.execute(sql: "UPDATE vkAuthorComment SET handledAt = ? WHERE caseId = ? AND handledAt IS NULL",
                       arguments: [StoreDate.text(now), caseId])
    }

    private static func watch(_ row: Row) -> VKWatch? {
        guard let next = row["nextAt"] as Date?, let until = row["until"] as Date?, let since = row["since"] as Date? else { return nil }
        return VKWatch(caseId: row["caseId"], personId: row["personId"], ownerId: row["ownerId"], postId: row["postId"],
                       threadRoot: row["threadRoot"], authorId: row["authorId"], afterCommentId: row["afterCommentId"],
                       since: since, nextAt: next, until: until)
    }
}
