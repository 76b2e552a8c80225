import Testing
@testable import Engine

@Suite struct RateLimiterTests {
    /// Sends greedily as soon as allowed and returns the send instants.
    /// Each send's answer comes back `latency` seconds after it starts.
    func simulate(chats: [Int64], count: Int, limits: RateLimits = RateLimits(), latency: Double = 0) -> [(Int64, Double)] {
        var limiter = RateLimiter(limits: limits)
        var sent: [(Int64, Double)] = []
        var t = 0.0
        var queue = (0..<count).map { chats[$0 % chats.count] }
        while !queue.isEmpty {
            let (i, ready) = queue.enumerated().map { ($0.offset, limiter.readyAt(chat: $0.element, now: t)) }
                .min { $0.1 < $1.1 }!
            t = max(t, ready)
            limiter.begin(chat: queue[i], now: t)
            limiter.complete(chat: queue[i], now: t + latency)
            sent.append((queue[i], t))
            queue.remove(at: i)
        }
        return sent
    }

    @Test func privateChatBurstsTwoThenAboutOnePerSecond() {
        let times = simulate(chats: [5], count: 6).map(\.1)
        #expect(times[0] == 0 && times[1] == 0)
        for (a, b) in zip(times.dropFirst(1), times.dropFirst(2)) { #expect(b - a >= 1.0) }
        // Telegram's (and the sandbox's) per-chat bucket — 3 tokens, 1 per second — never runs dry.
        var tokens = 3.0, last = 0.0
        for t in times {
            tokens = min(3, tokens + (t - last)); last = t
            #expect(tokens >= 1, "a send at \(t) s would get 429")
            tokens -= 1
        }
    }

    @Test func neverMoreThanTheGlobalLimitInAnySecond() {
        let sent = simulate(chats: Array(1...200), count: 600).map(\.1)
        for (i, t) in sent.enumerated() {
            #expect(sent[i...].prefix { $0 < t + 1.0 }.count <= 29)
        }
        // And it does use the allowance: 600 sends take about 600/29 s, not much more.
        #expect(sent.last! < 600.0 / 29 + 1)
    }

    @Test func arrivalsStayUnderTheLimitWhateverTheLatency() {
        // The server sees a send at any moment between its start and its answer; the worst case is
        // an old send arriving as late as possible and a new one as early as possible.
        let latency = 0.05
        let starts = simulate(chats: Array(1...100), count: 300, latency: latency).map(\.1)
        for (i, t) in starts.enumerated() {
            let lateArrival = t + latency
            #expect(starts[(i + 1)...].prefix { $0 < lateArrival + 1.0 }.count + 1 <= 30)
        }
    }

    @Test func groupsStayUnderTwentyPerMinute() {
        let times = simulate(chats: [-100], count: 40).map(\.1)
        for (i, t) in times.enumerated() { #expect(times[i...].prefix { $0 < t + 60 }.count <= 20) }
    }

    @Test func pruneForgetsOnlyFullBuckets() {
        var limiter = RateLimiter(limits: RateLimits())
        for _ in 0..<2 { limiter.begin(chat: 1, now: 0); limiter.complete(chat: 1, now: 0) }
        limiter.prune(now: 0.5)
        #expect(limiter.readyAt(chat: 1, now: 0.5) > 0.5)
        limiter.prune(now: 100)
        #expect(limiter.readyAt(chat: 1, now: 100) == 100)
    }
}
