/// Telegram's flood limits, kept with a safety margin: about 1 message/s per private chat with small
/// bursts, 20/min per group, 30/s overall. Pure: time is a monotonic count of seconds passed in.
public struct RateLimits: Sendable {
    public struct Bucket: Sendable {
        public var capacity: Double
        public var perSecond: Double
        public init(capacity: Double, perSecond: Double) { self.capacity = capacity; self.perSecond = perSecond }
    }

    /// Per private chat. A burst of 2 then 0.95/s stays under Telegram's (and the sandbox's) 3 then 1/s.
    public var privateChat = Bucket(capacity: 2, perSecond: 0.95)
    /// Per group: capacity + rate·60 must stay ≤ 20 in any minute.
    public var groupChat = Bucket(capacity: 3, perSecond: 16.0 / 60)
    /// Overall sends in any sliding second (Telegram allows 30; one is kept in reserve).
    public var globalPerSecond = 29

    /// How long a send still counts in some window of these limits: until its chat's bucket has
    /// filled again (a group's takes 11 s), and at least the global second. A restarted sender
    /// reads the sends of this many seconds back from the store.
    public var memory: Double {
        max(1, privateChat.capacity / privateChat.perSecond, groupChat.capacity / groupChat.perSecond)
    }

    /// How many of the newest sends can matter at all within `memory` at these rates (the rest of a
    /// burst recorded at once, as after a backlog marked delivered by hand, are left out).
    public var remembersAtMost: Int {
        guard globalPerSecond != Int.max else { return 0 }
        return globalPerSecond * (Int(memory.rounded(.up)) + 2)
    }

    public init() {}

    /// No limits at all (benchmarks against a sandbox with flood limits off).
    public static var unlimited: RateLimits {
        var limits = RateLimits()
        limits.privateChat = Bucket(capacity: 1e9, perSecond: 1e9)
        limits.groupChat = Bucket(capacity: 1e9, perSecond: 1e9)
        limits.globalPerSecond = Int.max
        return limits
    }
}

/// Tracks what was sent when and answers when a chat may send next.
///
/// Telegram counts a message when it arrives, which the client cannot see; it only knows that the
/// arrival fell between sending the request and getting the answer. So a send occupies a slot of
/// the global window from the moment it starts until one second after its answer came back, and a
/// chat's bucket refills from the answer's time. That never undercounts, whatever the latencies.
public struct RateLimiter: Sendable {
    public let limits: RateLimits
    private var buckets: [Int64: (tokens: Double, at: Double)] = [:]
    /// Answer instants of finished sends, oldest first, for the global sliding window.
    private var recent: [Double] = []
    private var recentStart = 0
    private var inFlight = 0

    public init(limits: RateLimits) { self.limits = limits }

    private func bucket(for chat: Int64) -> RateLimits.Bucket {
        chat < 0 ? limits.groupChat : limits.privateChat
    }

    /// The earliest instant (≥ now) at which a send to `chat` keeps every limit; `.infinity` when
    /// only an answer still outstanding can free a slot.
    public func readyAt(chat: Int64, now: Double) -> Double {
        let b = bucket(for: chat)
        var ready = now
        if let state = buckets[chat] {
            let tokens = min(b.capacity, state.tokens + max(0, now - state.at) * b.perSecond)
            if tokens < 1 { ready = now + (1 - tokens) / b.perSecond }
        }
        guard limits.globalPerSecond != Int.max else { return ready }
        let free = limits.globalPerSecond - inFlight
        guard free > 0 else { return .infinity }
        var first = recentStart
        while first < recent.count, recent[first] <= now - 1.0 { first += 1 }
        let inWindow = recent.count - first
        if inWindow >= free {
            // The answer whose second runs out next frees the slot.
            ready = max(ready, recent[recent.count - free] + 1.0)
        }
        return ready
    }

    /// A send to `chat` starts at `now` (which must be ≥ `readyAt`).
    public mutating func begin(chat: Int64, now: Double) {
        let b = bucket(for: chat)
        let state = buckets[chat] ?? (b.capacity, now)
        let tokens = min(b.capacity, state.tokens + max(0, now - state.at) * b.perSecond)
        buckets[chat] = (tokens - 1, now)
        inFlight += 1
    }

    /// The send to `chat` got its answer (of any kind) at `now`.
    public mutating func complete(chat: Int64, now: Double) {
        inFlight = max(0, inFlight - 1)
        if let state = buckets[chat], state.at < now {
            // No refill is credited for the time the request was travelling.
            buckets[chat] = (state.tokens, now)
        }
        guard limits.globalPerSecond != Int.max else { return }
        countInGlobalWindow(at: now)
    }

    /// An answer at `instant` occupies a slot of the global window for the second after it.
    private mutating func countInGlobalWindow(at instant: Double) {
        let index = recent.lastIndex { $0 <= instant }.map { $0 + 1 } ?? recentStart
        recent.insert(instant, at: max(index, recentStart))
        while recentStart < recent.count, recent[recentStart] <= instant - 1.0 { recentStart += 1 }
        if recentStart > 1024 { recent.removeFirst(recentStart); recentStart = 0 }
    }

    /// Counts sends made before this limiter existed (by an earlier run of the service): each answered
    /// send at its answer's instant, as if this limiter had seen it, and `unanswered` more in the global
    /// window now — those that may have been in flight when the earlier run stopped, which Telegram
    /// counted but the store never heard back about. (A chat has at most one in flight; its bucket's
    /// margin below Telegram's burst covers it.)
    public mutating func seed(answered: [(chat: Int64, at: Double)], unanswered: Int, now: Double) {
        for send in answered.sorted(by: { $0.at < $1.at }) where send.at <= now {
            begin(chat: send.chat, now: send.at)
            complete(chat: send.chat, now: send.at)
        }
        guard limits.globalPerSecond != Int.max else { return }
        for _ in 0..<max(0, unanswered) { countInGlobalWindow(at: now) }
        prune(now: now)
    }

    /// Forgets full buckets so memory does not grow with the number of chats ever served.
    public mutating func prune(now: Double) {
        buckets = buckets.filter { chat, state in
            let b = bucket(for: chat)
            return state.tokens + (now - state.at) * b.perSecond < b.capacity
        }
    }
}
