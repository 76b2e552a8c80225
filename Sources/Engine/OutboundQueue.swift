import Messaging

/// An outbox row: a request, as it will be posted, with its place in the queue.
public struct OutboundItem: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var request: WireRequest

    public init(id: Int64, request: WireRequest) {
        self.id = id
        self.request = request
    }
}

/// A request the messenger answered a while ago, as a restarted sender counts it against the limits.
public struct RecentSend: Sendable, Hashable {
    public var chat: Int64
    public var secondsAgo: Double
    public init(chat: Int64, secondsAgo: Double) { self.chat = chat; self.secondsAgo = secondsAgo }
}

/// Where the sender takes its work from and reports back: the store's outbox (`StoreOutbox`), or one in
/// memory for the sender's own tests.
public protocol OutboundQueue: Sendable {
    /// Up to `limit` undelivered items, oldest first, skipping those listed in `excluding`. A queue may
    /// return only the oldest item of each chat (the sender sends nothing else of a chat anyway).
    func pending(limit: Int, excluding: Set<Int64>) async throws -> [OutboundItem]
    /// Suspends until new work may be there (or a short while passes).
    func waitForWork() async
    /// The item reached the messenger; these are the message ids it created or edited.
    func delivered(_ id: Int64, messageIds: [Int64]) async throws
    /// The messenger refused the item for good; the reason is kept.
    func failed(_ id: Int64, error: DeliveryFailure) async throws
    /// The newest items (at most `limit`) the messenger answered in the last `seconds` that had a chat:
    /// a sender starting again counts them, since the messenger's limits still do.
    func recentSends(within seconds: Double, limit: Int) async throws -> [RecentSend]
}
