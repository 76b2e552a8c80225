import Casework
import Engine
import Foundation
import Logging
import Store
import VKAPI

/// Looks at the threads of published answers for the post's author's reply, each at the configured
/// interval (within the service key's 3 requests a second, which reading shares): VK threads are one
/// level deep, so an answer to our reply lands in the root comment's thread. What it finds goes to the
/// store and reaches the bot through the case's timer.
public actor VKWatcher {
    let database: AppDatabase
    let client: any VKAPIClient
    let interval: TimeInterval
    let clock: any BotClock
    let logger: Logger
    let afterCommit: @Sendable () -> Void
    private let wakeup = Wakeup()

    public init(database: AppDatabase, client: any VKAPIClient, interval: TimeInterval, clock: any BotClock, logger: Logger,
                afterCommit: @escaping @Sendable () -> Void) {
        self.database = database
        self.client = client
        self.interval = interval
        self.clock = clock
        self.logger = logger
        self.afterCommit = afterCommit
    }

    public nonisolated func poke() { wakeup.signal() }

    public func run() async {
        await serviceLoop(wakeup, clock: clock, logger: logger, doing: "watching VK threads", longest: 60) {
            try await lookDue()
            return try await database.read { db in try db.nextVKWatchDue() }
        }
    }

    /// Looks at every thread due now.
    public func lookDue() async throws {
        let now = clock.now()
        let due = try await database.write { db in try db.dueVKWatches(upTo: now, limit: 50) }
        for watch in due {
            if Task.isCancelled { return }
            try await look(watch)
        }
    }

    private func look(_ watch: VKWatch) async throws {
        let page: VKCommentsPage
        do {
            page = try await client.comments(VKCommentsQuery(ownerId: watch.ownerId, postId: watch.postId, threadOf: watch.threadRoot,
                                                             count: 100, newestFirst: true))
        } catch {
            if case .cancelled = error { return }
            logger.warning("a watched VK thread could not be read", metadata: ["case": "\(watch.caseId)", "error": "\(error)"])
            let next = clock.now().addingTimeInterval(interval)
            try await database.write { db in
                try db.recordVKWatch(caseId: watch.caseId, found: [], seenUpTo: watch.afterCommentId, nextAt: next, at: next)
            }
            return
        }
        let since = Int64(watch.since.timeIntervalSince1970)
        let fresh = page.items.filter { $0.id > watch.afterCommentId && ($0.date ?? since) >= since && $0.deleted != true }
        let found = fresh.filter { $0.fromId == watch.authorId }.sorted { $0.id < $1.id }.map { comment in
            VKAuthorComment(caseId: watch.caseId, commentId: comment.id, text: comment.text ?? "",
                            link: VKPostAddress(ownerId: watch.ownerId, postId: watch.postId, commentId: comment.id,
                                                threadId: watch.threadRoot).link)
        }
        let now = clock.now()
        try await database.write { db in
            try db.recordVKWatch(caseId: watch.caseId, found: found, seenUpTo: fresh.map(\.id).max() ?? watch.afterCommentId,
                                 nextAt: now.addingTimeInterval(self.interval), at: now)
        }
        if !found.isEmpty { afterCommit() }
    }
}
