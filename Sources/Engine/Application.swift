import Foundation
import Messaging
import Store

/// Receives batches of events from a messenger's receiver (a long poller, a webhook). `handle` returns
/// the receipts it has durably handled (or found already handled); the receiver confirms to the
/// messenger only those, so nothing unhandled is lost.
public protocol UpdateSink: Sendable {
    /// `cursor`: where the receiver resumes after these updates (MAX's marker); it is saved in the
    /// same transaction, so it moves on exactly when they are handled.
    func handle(_ updates: [InboundUpdate], cursor: ReceiverCursor?) async throws -> Set<Int64>
}

/// A receiver's position in its messenger's stream of updates.
public struct ReceiverCursor: Sendable, Hashable {
    public var messenger: Messenger
    public var value: Int64
    public init(messenger: Messenger, value: Int64) { self.messenger = messenger; self.value = value }
}

/// What the dispatcher hands each update to: the application (the bot). The engine owns the
/// transaction, the savepoint per update, the receipts and the retries; the application decides.
public protocol UpdateHandling: Sendable {
    /// What the application works out for one update before its transaction (the bot: a post's analysis).
    associatedtype Prepared: Sendable
    /// Work on a batch before its transaction, off the writer and in parallel; one value per update,
    /// in order, each handed back with its update.
    func prepare(_ updates: [InboundUpdate]) async -> [Prepared]
    /// Handles one update inside the batch's transaction. Throws only on store errors; the engine
    /// then rolls back this update alone and records it as failed.
    func handle(_ update: InboundUpdate, prepared: Prepared, in db: StoreTransaction, now: Date) throws
    /// Tells the chat that its update could not be handled, after the failed attempt rolled back.
    func apologize(for update: InboundUpdate, in db: StoreTransaction, now: Date) throws
}

/// What the scheduler hands fired timer rows to.
public protocol TimerHandling: Sendable {
    /// A timer due longer ago than this (the service was down) is not fired on its own but passed to
    /// `handleStaleTimers` with the others of its batch, so people get one summary, not a burst.
    var staleAfter: TimeInterval { get }
    /// Makes sure the timers that always exist are there (at start).
    func ensureRecurringTimers(in db: StoreTransaction, now: Date) throws
    /// One due timer, inside the scheduler's transaction (its row is already deleted).
    func handleTimer(_ timer: TimerRecord, in db: StoreTransaction, now: Date) throws
    /// Timers that came due long ago, together.
    func handleStaleTimers(_ timers: [TimerRecord], in db: StoreTransaction, now: Date) throws
}
