import Foundation

/// Telegram's send limits as the sandbox enforces them.
public struct FloodLimits: Sendable, Hashable {
    /// Off: every send is admitted.
    public var enabled: Bool
    /// Private chat: a token bucket of this many sends…
    public var privateBurst: Double
    /// …refilling at this many sends per second.
    public var privatePerSecond: Double
    /// Group chat (negative id): at most this many sends in any 60 s.
    public var groupPerMinute: Int
    /// All chats together: at most this many sends in any 1 s.
    public var globalPerSecond: Int

    public init(enabled: Bool = true, privateBurst: Double = 3, privatePerSecond: Double = 1,
                groupPerMinute: Int = 20, globalPerSecond: Int = 30) {
        self.enabled = enabled; self.privateBurst = privateBurst; self.privatePerSecond = privatePerSecond
        self.groupPerMinute = groupPerMinute; self.globalPerSecond = globalPerSecond
    }

    public static let telegram = FloodLimits()
    public static let off = FloodLimits(enabled: false)
}

/// Sliding windows and token buckets, O(1) amortised per send.
struct FloodLimiter {
    var limits: FloodLimits
    private var buckets: [Int64: (tokens: Double, at: Double)] = [:]
    private var groupWindows: [Int64: Window] = [:]
    private var global = Window()

    init(limits: FloodLimits) { self.limits = limits }

    /// Admits one send to `chatId` at time `now` (seconds), or answers the seconds to wait.
    mutating func admit(chatId: Int64, now: Double) -> Int? {
        guard limits.enabled else { return nil }
        var wait = 0.0
        var bucket = buckets[chatId] ?? (limits.privateBurst, now)
        if chatId > 0 {
            bucket.tokens = min(limits.privateBurst, bucket.tokens + (now - bucket.at) * limits.privatePerSecond)
            bucket.at = now
            if bucket.tokens < 1 { wait = max(wait, (1 - bucket.tokens) / limits.privatePerSecond) }
        } else {
            var window = groupWindows[chatId] ?? Window()
            window.drop(olderThan: now - 60)
            if window.count >= limits.groupPerMinute, let oldest = window.oldest { wait = max(wait, oldest + 60 - now) }
            groupWindows[chatId] = window
        }
        global.drop(olderThan: now - 1)
        if global.count >= limits.globalPerSecond, let oldest = global.oldest { wait = max(wait, oldest + 1 - now) }
        if chatId > 0 { buckets[chatId] = bucket }
        if wait > 0 { return max(1, Int(wait.rounded(.up))) }
        if chatId > 0 { buckets[chatId]?.tokens -= 1 } else { groupWindows[chatId]?.append(now) }
        global.append(now)
        return nil
    }

    /// Timestamps in arrival order; old ones are dropped from the front.
    struct Window {
        private var times: [Double] = []
        private var head = 0

        var count: Int { times.count - head }
        var oldest: Double? { head < times.count ? times[head] : nil }

        mutating func append(_ t: Double) { times.append(t) }

        mutating func drop(olderThan cutoff: Double) {
            while head < times.count, times[head] <= cutoff { head += 1 }
            if head > 256, head * 2 > times.count { times.removeFirst(head); head = 0 }
        }
    }
}
