import Foundation
import Logging
import Messaging
import Store

/// Handles each getUpdates batch in one write transaction (group commit): every update in its own
/// savepoint, its id recorded with what it changed, so a crash at any instant loses nothing and
/// never handles an update twice. A handler that throws on one update rolls back that update
/// alone, records the failure, apologises to the chat, and the queue moves on — unless the store itself
/// failed (disk full, read-only): then the whole batch rolls back unconfirmed and comes again.
public final class Dispatcher<Handler: UpdateHandling>: UpdateSink {
    let database: AppDatabase
    let handler: Handler
    let clock: any BotClock
    let logger: Logger
    /// Called after each commit: the sender and the scheduler may have new work.
    let afterCommit: @Sendable () -> Void
    /// Awaited before each batch is written: the scheduler catching up with the timers due.
    let beforeWrite: @Sendable () async -> Void

    /// How long a handled update id is remembered: Telegram redelivers an unconfirmed update within a
    /// day, and restarts ids only after a week of silence.
    static var idMemory: TimeInterval { 7 * 86_400 }

    public init(database: AppDatabase, handler: Handler, clock: any BotClock, logger: Logger,
                afterCommit: @escaping @Sendable () -> Void, beforeWrite: @escaping @Sendable () async -> Void = {}) {
        self.database = database
        self.handler = handler
        self.clock = clock
        self.logger = logger
        self.afterCommit = afterCommit
        self.beforeWrite = beforeWrite
    }

    public func handle(_ updates: [InboundUpdate], cursor: ReceiverCursor? = nil) async throws -> Set<Int64> {
        // Posts are analysed first, in parallel, while the writer may still be busy with earlier work;
        // then the batch waits for the timers already due (the settles of earlier posts).
        let prepared = await handler.prepare(updates)
        precondition(prepared.count == updates.count, "prepare answers one value per update")
        if !Task.isCancelled { await beforeWrite() }
        let now = clock.now()
        let handled: Set<Int64>
        do {
            handled = try await write(Array(zip(updates, prepared)), cursor: cursor, now: now)
        } catch let error where StorageFault(error) != nil {
            logger.error("the store cannot be written; the batch is not confirmed and will come again",
                         metadata: ["updates": "\(updates.count)", "problem": "\(StorageFault(error)!)", "error": "\(error)"])
            throw error
        }
        afterCommit()
        return handled
    }

    private func write(_ updates: [(InboundUpdate, Handler.Prepared)], cursor: ReceiverCursor?, now: Date) async throws -> Set<Int64> {
        let handler = self.handler
        let logger = self.logger
        return try await database.write { db -> Set<Int64> in
            var done: Set<Int64> = []
            // After a week without updates Telegram picks new ids at random, and they may repeat old
            // ones: an id handled more than a week ago says nothing about this update.
            try db.pruneHandledUpdates(before: now.addingTimeInterval(-Self.idMemory))
            for (update, prepared) in updates {
                if try db.isHandled(updateId: update.receipt) {
                    done.insert(update.receipt)
                    continue
                }
                do {
                    try db.savepoint {
                        try handler.handle(update, prepared: prepared, in: db, now: now)
                    }
                } catch let error where StorageFault(error) != nil {
                    // Not this update's fault: roll back the batch; the poller fetches it again later.
                    throw error
                } catch {
                    logger.error("handling an update failed; it is recorded and skipped",
                                 metadata: ["update": "\(update.receipt)", "chat": "\(update.chat ?? 0)", "error": "\(error)"])
                    try db.recordFailedUpdate(updateId: update.receipt, error: "\(error)", at: now)
                    try? db.savepoint {
                        try handler.apologize(for: update, in: db, now: now)
                    }
                }
                try db.markHandled(updateId: update.receipt, at: now)
                done.insert(update.receipt)
            }
            if let cursor { try db.saveReceiverCursor(cursor.value, of: cursor.messenger) }
            return done
        }
    }
}
