import BotAPI
import Engine
import Messaging

/// An `OutboundQueue` in memory, for the sender's tests. The service uses the store's outbox.
public actor InMemoryOutbox: OutboundQueue {
    public struct Outcome: Sendable, Equatable {
        public var messageIds: [Int64]?
        public var error: DeliveryFailure?
        public init(messageIds: [Int64]?, error: DeliveryFailure?) { self.messageIds = messageIds; self.error = error }
    }

    private var items: [OutboundItem] = []
    private var nextId: Int64 = 1
    public private(set) var outcomes: [Int64: Outcome] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// What `recentSends` answers: the sends a test pretends an earlier run made.
    public private(set) var earlierSends: [RecentSend] = []

    public init() {}

    public func setEarlierSends(_ sends: [RecentSend]) { earlierSends = sends }

    public func recentSends(within seconds: Double, limit: Int) -> [RecentSend] {
        Array(earlierSends.filter { $0.secondsAgo <= seconds }.sorted { $0.secondsAgo < $1.secondsAgo }.prefix(limit))
    }

    /// Queues `request` as the store would: as the wire request it becomes.
    @discardableResult
    public func enqueue(_ request: OutboundRequest) -> Int64 {
        let id = nextId
        nextId += 1
        // The bot's requests always encode; a test that queues one that does not should fail loudly.
        items.append(OutboundItem(id: id, request: try! request.wireRequest()))
        let toWake = waiters
        waiters.removeAll()
        toWake.forEach { $0.resume() }
        return id
    }

    public var pendingCount: Int { items.count }

    public func pending(limit: Int, excluding: Set<Int64>) -> [OutboundItem] {
        var out: [OutboundItem] = []
        for item in items where !excluding.contains(item.id) {
            out.append(item)
            if out.count == limit { break }
        }
        return out
    }

    public func waitForWork() async {
        await withCheckedContinuation { waiters.append($0) }
    }

    public func delivered(_ id: Int64, messageIds: [Int64]) {
        items.removeAll { $0.id == id }
        outcomes[id] = Outcome(messageIds: messageIds, error: nil)
    }

    public func failed(_ id: Int64, error: DeliveryFailure) {
        items.removeAll { $0.id == id }
        outcomes[id] = Outcome(messageIds: nil, error: error)
    }
}
