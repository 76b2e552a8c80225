import Casework
import Engine
import Foundation
import Logging
import Messaging
import Store
import VKAPI

/// Publishes approved answers under VK posts as the administration's community, exactly once: each
/// try that may publish is counted in the store before it is made, and a publication tried before (a
/// timeout, a 5xx, a crash mid-call) first looks among the community's recent comments for its own
/// text. VK's refusals are final and go back to the bot (through a due timer of the case), which offers
/// the specialist the way round; only "too many requests per second" (6, after the client's own
/// retries) and an answer that never came are tried again here.
public actor VKPublisher {
    let database: AppDatabase
    let client: any VKAPIClient
    let communityId: Int64
    let fetchers: [Messenger: any MediaFetching]
    let clock: any BotClock
    let logger: Logger
    let afterCommit: @Sendable () -> Void
    private let wakeup = Wakeup()

    /// Tries after the first that may have published, before the publication is given up as unavailable.
    static let ambiguousRetries: [TimeInterval] = [10, 30, 60, 120, 300]
    /// The pause after VK's "too many requests per second" outlasted the client's retries.
    static let slowDown: TimeInterval = 5

    /// `fetchers`: the messengers the answer's photos may be held by. `afterCommit`: an outcome was
    /// written (the scheduler should fire the case's timer).
    public init(database: AppDatabase, client: any VKAPIClient, communityId: Int64, fetchers: [any MediaFetching],
                clock: any BotClock, logger: Logger, afterCommit: @escaping @Sendable () -> Void) {
        self.database = database
        self.client = client
        self.communityId = communityId
        self.fetchers = Dictionary(fetchers.map { ($0.messenger, $0) }, uniquingKeysWith: { a, _ in a })
        self.clock = clock
        self.logger = logger
        self.afterCommit = afterCommit
    }

    /// A transaction may have queued a publication: look now.
    public nonisolated func poke() { wakeup.signal() }

    public func run() async {
        await serviceLoop(wakeup, clock: clock, logger: logger, doing: "publishing on VK", longest: 30) {
            try await publishDue()
            return try await database.read { db in try db.nextVKPublicationDue() }
        }
    }

    /// Publishes everything due now.
    public func publishDue() async throws {
        while !Task.isCancelled {
            let now = clock.now()
            let due = try await database.read { db in try db.dueVKPublications(upTo: now, limit: 8) }
            guard !due.isEmpty else { return }
            for record in due {
                if Task.isCancelled { return }
                try await publish(record)
            }
        }
    }

    private func publish(_ record: VKPublicationRecord) async throws {
        let p = record.publication
        // Tried before and perhaps published: look before publishing again.
        if record.attempts > 0 {
            do {
                if let found = try await findPublished(p) { return try await finish(record, .published(
                    commentId: found.id, threadRoot: found.root, link: p.link(commentId: found.id, threadRoot: found.root))) }
            } catch let error as VKAPIError {
                return try await failed(record, error)
            }
        }
        guard record.attempts <= Self.ambiguousRetries.count else {
            return try await finish(record, .refused(.unavailable(detail: "VK did not answer after \(record.attempts) tries")))
        }
        let retry = clock.now().addingTimeInterval(Self.ambiguousRetries[min(record.attempts, Self.ambiguousRetries.count - 1)])
        try await database.write { db in try db.beginVKPublicationAttempt(id: record.id, retryAt: retry) }
        do {
            var attachments: [String] = []
            for media in p.photos {
                guard let fetcher = fetchers[media.messenger] else {
                    return try await finish(record, .refused(.unavailable(detail: "a photo held by \(media.messenger.rawValue), which this service does not run")))
                }
                let file: FetchedFile
                do { file = try await fetcher.fetch(media) } catch {
                    if error.kind == .transient { return }  // the try counted above comes again at `retry`
                    return try await finish(record, .refused(.unavailable(detail: "the photo could not be fetched: \(error.description)")))
                }
                let photo = try await client.uploadWallPhoto(groupId: communityId, data: file.data,
                                                             filename: file.filename ?? "photo.jpg", mimeType: file.mimeType ?? "image/jpeg")
                attachments.append(photo.attachmentID)
            }
            let created = try await client.createComment(VKNewComment(
                ownerId: p.ownerId, postId: p.postId, fromGroup: communityId, message: p.text, replyToComment: p.replyToComment,
                attachments: attachments, guid: p.guid, captcha: p.captcha.map { VKCaptchaAnswer(sid: $0.sid, key: $0.key) }))
            let root = try await threadRoot(of: p, created: created)
            try await finish(record, .published(commentId: created.commentId, threadRoot: root,
                                                link: p.link(commentId: created.commentId, threadRoot: root)))
        } catch let error as VKAPIError {
            try await failed(record, error)
        }
    }

    /// A VK error: retried here when nothing was published or it is unknown whether it was, else final.
    private func failed(_ record: VKPublicationRecord, _ error: VKAPIError) async throws {
        switch error {
        case .ambiguous, .decoding:
            // Counted already; the next try looks for the comment first.
            logger.warning("a VK publication may not have gone through; checking later",
                           metadata: ["case": "\(record.publication.caseId)", "error": "\(error)"])
        case .cancelled:
            return
        case let .notConfigured(detail):
            try await finish(record, .refused(.keys(detail: detail)))
        case let .api(code, message, captcha):
            if code == VKErrorCode.tooManyRequests {
                let until = clock.now().addingTimeInterval(Self.slowDown)
                try await database.write { db in try db.postponeVKPublication(id: record.id, until: until) }
                return
            }
            if code == VKErrorCode.captchaNeeded, let captcha {
                return try await finish(record, .refused(.captcha(sid: captcha.sid, image: await captchaImage(captcha.img))))
            }
            try await finish(record, .refused(VKRefusal.from(code: code, message: message)))
        }
    }

    private func finish(_ record: VKPublicationRecord, _ outcome: VKPublicationOutcome) async throws {
        let now = clock.now()
        try await database.write { db in try db.finishVKPublication(id: record.id, outcome: outcome, at: now) }
        if case let .refused(refusal) = outcome {
            logger.notice("VK refused a publication", metadata: ["case": "\(record.publication.caseId)", "refusal": "\(refusal.logDescription)"])
        }
        afterCommit()
    }

    /// The community's comment with this text under the post (in the thread, for a reply), if any.
    private func findPublished(_ p: VKPublication) async throws(VKAPIError) -> (id: Int64, root: Int64?)? {
        let root = try await replyRoot(p)
        let page = try await client.comments(VKCommentsQuery(ownerId: p.ownerId, postId: p.postId, threadOf: root, count: 100,
                                                             newestFirst: true))
        let ours = page.items.first { $0.fromId == -communityId && $0.text == p.text }
        return ours.map { ($0.id, root) }
    }

    /// The thread a reply lands in: the answered comment's root (threads are one level deep).
    private func replyRoot(_ p: VKPublication) async throws(VKAPIError) -> Int64? {
        guard let answered = p.replyToComment else { return nil }
        let page = try await client.comments(VKCommentsQuery(ownerId: p.ownerId, postId: p.postId, startCommentId: answered, count: 1))
        // A top-level comment is found at the top level and is its own root; a reply is not found there.
        if page.items.first?.id == answered { return answered }
        return nil
    }

    private func threadRoot(of p: VKPublication, created: VKCreatedComment) async throws(VKAPIError) -> Int64? {
        guard p.replyToComment != nil else { return nil }
        if let root = created.parentsStack?.first { return root }
        return try await replyRoot(p)
    }

    /// The captcha's picture, to show the specialist; nil when it cannot be had (they may still publish by hand).
    private func captchaImage(_ url: String) async -> Data? {
        try? await client.download(url: url)
    }
}

extension VKRefusal {
    /// For the log: the kind, without a captcha's bytes.
    var logDescription: String {
        switch self {
        case let .captcha(sid, _): "captcha \(sid)"
        default: "\(self)"
        }
    }
}
