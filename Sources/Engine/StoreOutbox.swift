import Foundation
import Messaging
import Store

/// The outbox table as one messenger's sender's queue (its rows only). Delivery results go back into
/// the same file, and a person who blocked the bot is marked unreachable (their later messages are
/// not attempted).
public final class StoreOutbox: OutboundQueue, Sendable {
    let database: AppDatabase
    let messenger: Messenger
    let now: @Sendable () -> Date
    let onUnreachable: @Sendable (StoreTransaction, Int64, Date) throws -> Void
    private let wakeup = Wakeup()
    private let deliveries: GroupCommit<(id: Int64, messageIds: [Int64], at: Date)>

    /// `onUnreachable` runs in the same transaction when a person turns out to have blocked the bot
    /// (once: until they unblock it, later refusals to them change nothing).
    public init(database: AppDatabase, messenger: Messenger, now: @escaping @Sendable () -> Date,
                onUnreachable: @escaping @Sendable (StoreTransaction, Int64, Date) throws -> Void = { _, _, _ in }) {
        self.database = database
        self.messenger = messenger
        self.now = now
        self.onUnreachable = onUnreachable
        deliveries = GroupCommit { [database] batch in
            try await database.write { db in
                for delivery in batch { try db.markDelivered(delivery.id, messageIds: delivery.messageIds, at: delivery.at) }
            }
        }
    }

    /// Tells the sender that rows were committed (the dispatcher and scheduler call it after each commit).
    public func wake() { wakeup.signal() }

    public func pending(limit: Int, excluding: Set<Int64>) async throws -> [OutboundItem] {
        try await database.read { db in
            try db.pendingHeads(messenger: self.messenger, limit: limit, excluding: excluding).map { OutboundItem(id: $0.id, request: $0.request) }
        }
    }

    public func waitForWork() async {
        // A wake-up, or a second at most: rows written by another path are picked up too.
        await wakeup.wait { try? await Task.sleep(for: .seconds(1)) }
    }

    public func delivered(_ id: Int64, messageIds: [Int64]) async throws {
        // Reports from messages in flight together share one commit; each still waits for it.
        try await deliveries.submit((id, messageIds, now()))
    }

    public func recentSends(within seconds: Double, limit: Int) async throws -> [RecentSend] {
        let now = self.now()
        return try await database.read { db in
            try db.answeredRequests(messenger: self.messenger, since: now.addingTimeInterval(-seconds), limit: limit).map {
                RecentSend(chat: $0.chatId, secondsAgo: max(0, now.timeIntervalSince($0.at)))
            }
        }
    }

    public func failed(_ id: Int64, error: DeliveryFailure) async throws {
        let at = now()
        let blocked = error.kind == .recipientGone
        let onUnreachable = self.onUnreachable
        try await database.write { db in
            try db.markFailed(id, code: error.code, description: error.description, at: at)
            guard blocked, let chat = try db.outboxRecord(id: id)?.chatId, chat > 0,
                  let person = try db.person(id: chat), !person.unreachable else { return }
            try db.markUnreachable(personId: chat, true)
            try onUnreachable(db, chat, at)
        }
    }
}
