import Foundation
import Logging
import Store

/// Fires timer rows when they come due, each batch in one transaction with what it sends.
/// The store is the heap: the next due instant is one indexed query, so nothing is lost at a
/// restart, and after downtime every overdue timer fires once, in order — those long past are
/// folded into one summary per person rather than a burst of stale reminders.
public actor Scheduler {
    let database: AppDatabase
    let handler: any TimerHandling
    let clock: any BotClock
    let logger: Logger
    let afterCommit: @Sendable () -> Void
    private let wakeup = Wakeup()
    /// More timers are due than the last batch fired (see `caughtUp`).
    private var backlogged = false
    private var waitingForCatchUp: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    public init(database: AppDatabase, handler: any TimerHandling, clock: any BotClock, logger: Logger,
                afterCommit: @escaping @Sendable () -> Void) {
        self.database = database
        self.handler = handler
        self.clock = clock
        self.logger = logger
        self.afterCommit = afterCommit
    }

    /// A transaction may have set an earlier timer: look again.
    public nonisolated func poke() { wakeup.signal() }

    /// Returns at once unless the scheduler's last transaction fired a full batch (so more timers were
    /// due); then once a transaction fires fewer, or the scheduler stops, or the caller is cancelled.
    /// The dispatcher waits for this before it writes a new batch of updates: a flood of forwards (cheap
    /// to take in) otherwise runs far ahead of the settles that open their cases (dear).
    public func caughtUp() async {
        guard backlogged, !Task.isCancelled else { return }
        nextWaiter += 1
        let id = nextWaiter
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Cancelled before getting here: the handler found nothing to resume.
                if Task.isCancelled { continuation.resume() } else { waitingForCatchUp[id] = continuation }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: Int) { waitingForCatchUp.removeValue(forKey: id)?.resume() }

    private func setBacklogged(_ value: Bool) {
        backlogged = value
        guard !value else { return }
        let waiting = waitingForCatchUp.values
        waitingForCatchUp.removeAll()
        waiting.forEach { $0.resume() }
    }

    public func run() async {
        // Whatever ends the loop, nobody stays waiting for it.
        defer { setBacklogged(false) }
        do {
            let handler = self.handler
            let start = clock.now()
            try await database.write { db in try handler.ensureRecurringTimers(in: db, now: start) }
        } catch {
            logger.error("could not set the recurring timers", metadata: ["error": "\(error)"])
        }
        while !Task.isCancelled {
            do {
                try await fireDue()
                let next = try await database.read { db in try db.nextTimerDue() }
                // Wake at the next timer, at a poke, or within a minute at the latest.
                let wakeAt = min(next ?? .distantFuture, clock.now().addingTimeInterval(60))
                await waitUntil(wakeAt)
            } catch is CancellationError {
                return
            } catch {
                setBacklogged(false)
                let problem = StorageFault(error).map(\.description) ?? "\(error)"
                logger.error("firing timers failed; retrying", metadata: ["problem": "\(problem)", "error": "\(error)"])
                await waitUntil(clock.now().addingTimeInterval(5))
            }
        }
    }

    private func waitUntil(_ instant: Date) async {
        let clock = self.clock
        await wakeup.wait { try? await clock.sleep(until: instant) }
    }

    /// Timers fired per transaction. Short transactions keep the writer free for updates and for the
    /// sender's delivery reports, which wait for the next commit while holding their send slot.
    static let batch = 50

    /// Fires everything due now, oldest first, in batches of `batch` per transaction.
    public func fireDue() async throws {
        let handler = self.handler
        let logger = self.logger
        while !Task.isCancelled {
            let now = clock.now()
            let fired = try await database.write { db -> Int in
                let due = try db.dueTimers(upTo: now, limit: Self.batch)
                var stale: [TimerRecord] = []
                for timer in due {
                    try db.deleteTimer(id: timer.id!)
                    if now.timeIntervalSince(timer.dueAt) > handler.staleAfter {
                        stale.append(timer)
                        continue
                    }
                    do {
                        try db.savepoint {
                            try handler.handleTimer(timer, in: db, now: now)
                        }
                    } catch let error where StorageFault(error) != nil {
                        // The timer's row deletion rolls back with the rest: it fires once the store can be written.
                        throw error
                    } catch {
                        logger.error("a timer failed and was dropped", metadata: ["timer": "\(timer.kind)", "error": "\(error)"])
                    }
                }
                if !stale.isEmpty { try handler.handleStaleTimers(stale, in: db, now: now) }
                return due.count
            }
            if fired > 0 { afterCommit() }
            setBacklogged(fired == Self.batch)
            if fired < Self.batch { return }
        }
    }
}
