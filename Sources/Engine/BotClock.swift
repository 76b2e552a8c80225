import Foundation

/// The runtime's only source of time: the wall clock in production, a manual one in tests and the demo.
public protocol BotClock: Sendable {
    func now() -> Date
    /// Returns at `instant` (or soon after), or throws when the task is cancelled.
    func sleep(until instant: Date) async throws
}

extension BotClock {
    /// Returns after `delay` by this clock (a backoff's wait), or throws when the task is cancelled.
    public func sleep(for delay: Duration) async throws {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        try await sleep(until: now().addingTimeInterval(seconds))
    }
}

public struct SystemClock: BotClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(until instant: Date) async throws {
        let seconds = instant.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
    }
}

/// The wall clock's time at start, moved on by the monotonic clock: for measuring intervals (the
/// sender's rate limits), which a wall clock set back by hand or by NTP would stall.
public struct MonotonicClock: BotClock {
    private let startDate: Date
    private let start: ContinuousClock.Instant

    public init() { (startDate, start) = (Date(), .now) }

    public func now() -> Date {
        let elapsed = start.duration(to: .now)
        return startDate.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    public func sleep(until instant: Date) async throws {
        let seconds = instant.timeIntervalSince(now())
        if seconds > 0 { try await Task.sleep(until: .now + .seconds(seconds), clock: .continuous) }
    }
}

/// A clock that moves only when told to; sleepers wake when their instant is reached.
public final class ManualClock: BotClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(id: UInt64, until: Date, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextId: UInt64 = 0

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    /// Moves time forward and wakes whoever's instant has come.
    public func advance(by interval: TimeInterval) { set(now().addingTimeInterval(interval)) }

    public func set(_ instant: Date) {
        let due = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            current = max(current, instant)
            let ready = sleepers.filter { $0.until <= current }
            sleepers.removeAll { $0.until <= current }
            return ready.map(\.continuation)
        }
        due.forEach { $0.resume() }
    }

    public func sleep(until instant: Date) async throws {
        let id = lock.withLock { () -> UInt64 in nextId += 1; return nextId }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if instant <= current { return true }
                    sleepers.append((id, instant, c))
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let i = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return sleepers.remove(at: i).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }
}
