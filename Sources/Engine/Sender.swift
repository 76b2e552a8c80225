import Foundation
import Logging
import Messaging

/// Delivers one messenger's outbound items in order per chat, within its limits.
/// A wait the messenger asks for (Telegram's `retry_after`) is kept exactly; other passing trouble
/// (5xx, the network) retries with capped backoff; refusals are final and reported to the queue.
/// On start it counts the sends the queue says were answered in the last seconds, so a restart never
/// sends faster than the limits Telegram still applies to them. Time comes from `clock`, which must
/// not go back: `MonotonicClock` in the service, a manual one in tests.
public actor Sender {
    public struct Configuration: Sendable {
        public var limits = RateLimits()
        /// Calls in flight at once (across chats; one per chat keeps each chat's order).
        public var concurrency = 8
        public var backoff = Backoff(base: .milliseconds(500), cap: .seconds(60))
        /// How many pending items to look at per pass: enough to find ready ones past chats that must
        /// wait (the per-chat limit), few enough that a pass stays cheap (each pass reads them again).
        public var window = 64

        public init(limits: RateLimits = RateLimits(), concurrency: Int = 8) {
            self.limits = limits
            self.concurrency = concurrency
        }
    }

    private let client: any MessengerClient
    private let queue: any OutboundQueue
    private let configuration: Configuration
    private let logger: Logger
    private let clock: any BotClock
    private let epoch: Date

    private var limiter: RateLimiter
    private var inFlight: Set<Int64> = []
    private var busyChats: Set<Int64> = []
    private var notBefore: [Int64: Double] = [:]
    private var attempts: [Int64: Int] = [:]
    /// Answers the messenger gave that the queue could not record yet; these items are never sent again.
    private var unrecorded: [Int64: Result<[Int64], DeliveryFailure>] = [:]
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    private var timer: Task<Void, Never>?

    public init(client: any MessengerClient, queue: any OutboundQueue, configuration: Configuration = .init(),
                clock: any BotClock = MonotonicClock(), logger: Logger = Logger(label: "otklik.sender")) {
        self.client = client
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
        self.limiter = RateLimiter(limits: configuration.limits)
        self.clock = clock
        self.epoch = clock.now()
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Sends until cancelled. Items in flight at cancellation finish on their own.
    public func run() async {
        let watcher = Task { [queue, signal] in
            while !Task.isCancelled {
                await queue.waitForWork()
                signal.yield()
            }
        }
        defer { watcher.cancel(); timer?.cancel() }
        await countEarlierSends()
        signal.yield()
        for await _ in signals {
            if Task.isCancelled { break }
            do {
                try await pass()
            } catch {
                logger.error("reading the outbox failed", metadata: ["error": "\(error)"])
                schedule(at: now + 1)
            }
        }
    }

    /// Number of calls currently in flight (for graceful stop and tests).
    public var inFlightCount: Int { inFlight.count }

    /// Seconds since the sender was made.
    private var now: Double { clock.now().timeIntervalSince(epoch) }

    /// Seeds the limits with what an earlier run sent: Telegram still counts it.
    private func countEarlierSends() async {
        do {
            let limits = configuration.limits
            let earlier = try await queue.recentSends(within: limits.memory, limit: limits.remembersAtMost)
            let t = now
            limiter.seed(answered: earlier.map { ($0.chat, t - $0.secondsAgo) }, unanswered: configuration.concurrency, now: t)
            if !earlier.isEmpty {
                logger.info("counting the sends of the last seconds against the limits", metadata: ["count": "\(earlier.count)"])
            }
        } catch {
            // Without them, wait out the longest window instead of risking 429s (Telegram lengthens them).
            logger.error("reading the recent sends failed; waiting before the first send", metadata: ["error": "\(error)"])
            try? await clock.sleep(until: epoch.addingTimeInterval(configuration.limits.memory))
        }
    }

    /// One scheduling pass: start every chat's head item that the limits allow now; sleep until the next.
    private func pass() async throws {
        let free = configuration.concurrency - inFlight.count
        guard free > 0 else { return }
        for (id, outcome) in unrecorded { await record(id, outcome) }
        let items = try await queue.pending(limit: configuration.window, excluding: inFlight.union(unrecorded.keys))
        var seenChats: Set<Int64> = []
        var started = 0
        var nextReady = Double.infinity
        let t = now
        for item in items {
            if started >= free { break }
            let chat = item.request.chatId
            if let chat {
                // Only the oldest pending item of a chat may go, and only when none is in flight.
                guard seenChats.insert(chat).inserted, !busyChats.contains(chat) else { continue }
            }
            var ready = notBefore[item.id] ?? t
            if let chat, item.request.countsAgainstLimits { ready = max(ready, limiter.readyAt(chat: chat, now: t)) }
            if ready > t {
                // An infinite wait ends with an answer, which signals a new pass anyway.
                if ready.isFinite { nextReady = min(nextReady, ready) }
                continue
            }
            if let chat, item.request.countsAgainstLimits { limiter.begin(chat: chat, now: t) }
            start(item)
            started += 1
        }
        if nextReady.isFinite { schedule(at: nextReady) }
        if started > 0 && started == free { limiter.prune(now: t) }
    }

    private func start(_ item: OutboundItem) {
        inFlight.insert(item.id)
        if let chat = item.request.chatId { busyChats.insert(chat) }
        Task { [client] in
            let outcome: Result<[Int64], DeliveryFailure>
            do throws(DeliveryFailure) { outcome = .success(try await client.send(item.request)) }
            catch { outcome = .failure(error) }
            await self.finish(item, outcome)
        }
    }

    private func finish(_ item: OutboundItem, _ outcome: Result<[Int64], DeliveryFailure>) async {
        if let chat = item.request.chatId, item.request.countsAgainstLimits { limiter.complete(chat: chat, now: now) }
        defer {
            inFlight.remove(item.id)
            if let chat = item.request.chatId { busyChats.remove(chat) }
            signal.yield()
        }
        switch outcome {
        case .success:
            notBefore[item.id] = nil
            attempts[item.id] = nil
        case let .failure(error) where error.kind == .transient:
            let attempt = attempts[item.id, default: 0]
            attempts[item.id] = attempt + 1
            let wait: Duration = error.retryAfter.map { .seconds($0) } ?? configuration.backoff.delay(attempt: attempt)
            notBefore[item.id] = now + Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
            logger.warning("sending failed; will retry", metadata: [
                "item": "\(item.id)", "chat": "\(item.request.chatId.map(String.init) ?? "-")",
                "error": "\(error)", "retry_in": "\(wait)",
            ])
            return
        case let .failure(error):
            notBefore[item.id] = nil
            attempts[item.id] = nil
            logger.error("the messenger refused a message; not retrying", metadata: [
                "item": "\(item.id)", "messenger": "\(client.messenger.rawValue)", "chat": "\(item.request.chatId.map(String.init) ?? "-")",
                "error": "\(error)",
            ])
        }
        await record(item.id, outcome)
    }

    /// Writes the messenger's answer to the queue. When the store cannot take it (disk full), the answer is
    /// kept and written later, and the item is not sent again meanwhile: it did reach the messenger.
    private func record(_ id: Int64, _ outcome: Result<[Int64], DeliveryFailure>) async {
        do {
            switch outcome {
            case let .success(ids): try await queue.delivered(id, messageIds: ids)
            case let .failure(error): try await queue.failed(id, error: error)
            }
            unrecorded[id] = nil
        } catch {
            if unrecorded.updateValue(outcome, forKey: id) == nil {
                logger.error("recording a delivery failed; it is kept and written when the store can take it",
                             metadata: ["item": "\(id)", "error": "\(error)"])
            }
            schedule(at: now + 1)
        }
    }

    private func schedule(at instant: Double) {
        timer?.cancel()
        let delay = max(0, instant - now)
        let wake = clock.now().addingTimeInterval(delay)
        timer = Task { [signal, clock] in
            try? await clock.sleep(until: wake)
            if !Task.isCancelled { signal.yield() }
        }
    }
}
