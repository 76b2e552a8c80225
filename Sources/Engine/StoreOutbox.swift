import BotAPI
import Foundation
import Store

/// The outbox table as the sender's queue. Delivery results go back into the same file, and a
/// person who blocked the bot is marked unreachable (their later messages are not attempted).
public final class StoreOutbox: OutboundQueue, Sendable {
    let database: AppDatabase
    let now: @Sendable () -> Date
    let onUnreachable: @Sendable (StoreTransaction, Int64, Date) throws -> Void
    private let wakeup = Wakeup()
    private let deliveries: GroupCommit<(id: Int64, messageIds: [Int64], at: Date)>
    /// The sender looks at up to 64 pending rows on every pass (after every answer) and starts a
    /// few: decoding them all each time made one send cost tens of milliseconds with a backlog.
    private let requests = DecodedRequests()

    /// `onUnreachable` runs in the same transaction when a person turns out to have blocked the bot
    /// (once: until they unblock it, later refusals to them change nothing).
    public init(database: AppDatabase, now: @escaping @Sendable () -> Date,
                onUnreachable: @escaping @Sendable (StoreTransaction, Int64, Date) throws -> Void = { _, _, _ in }) {
        self.database = database
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
        let requests = self.requests
        return try await database.read { db in
            try db.pendingHeadRequests(limit: limit, excluding: excluding, wanted: { !requests.knows($0) }).compactMap { head in
                // A request that uploads a file gets its bytes back from their own table.
                try requests.decode(head.id, head.chatId, head.json) { try db.withFiles($0, outboxId: head.id) }
                    .map { OutboundItem(id: head.id, request: $0) }
            }
        }
    }

    public func waitForWork() async {
        // A wake-up, or a second at most: rows written by another path are picked up too.
        await wakeup.wait { try? await Task.sleep(for: .seconds(1)) }
    }

    public func delivered(_ id: Int64, messageIds: [Int64]) async throws {
        // Reports from messages in flight together share one commit; each still waits for it.
        try await deliveries.submit((id, messageIds, now()))
        requests.forget(id)
    }

    public func recentSends(within seconds: Double) async throws -> [RecentSend] {
        let now = self.now()
        return try await database.read { db in
            try db.answeredRequests(since: now.addingTimeInterval(-seconds)).map {
                RecentSend(chat: $0.chatId, secondsAgo: max(0, now.timeIntervalSince($0.at)))
            }
        }
    }

    public func failed(_ id: Int64, error: BotAPIError) async throws {
        let at = now()
        requests.forget(id)
        let blocked = error.code == 403
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

/// Outbox requests decoded once per row, while the row is pending.
final class DecodedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [Int64: OutboundRequest] = [:]

    func knows(_ id: Int64) -> Bool { lock.withLock { decoded[id] != nil } }

    /// The request of row `id`: known, or decoded from `json` (read when `knows` said no). Nil when
    /// it was known but has just been delivered (forgotten since the read began).
    func decode(_ id: Int64, _ chatId: Int64?, _ json: String?,
                attaching attach: (OutboundRequest) throws -> OutboundRequest) throws -> OutboundRequest? {
        if let known = lock.withLock({ decoded[id] }) { return known }
        guard let json else { return nil }
        // A plain message is posted with its stored JSON as is; the rest are decoded (and get their files).
        let request = try PreparedMessage.from(storedJSON: json, chatId: chatId).map(OutboundRequest.prepared)
            ?? attach(try OutboxRecord.decodeRequest(json))
        lock.withLock { decoded[id] = request }
        return request
    }

    func forget(_ id: Int64) { lock.withLock { decoded[id] = nil } }
}
