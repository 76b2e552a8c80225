import Foundation
import Sandbox

/// What the sandbox saw, with the instant of each answer: the first getUpdates, every delivered
/// message (chat and time), every 429. Filled by the sandbox's request observer.
final class Observed: @unchecked Sendable {
    struct Delivery: Sendable {
        var chat: Int64
        var at: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var firstPoll: ContinuousClock.Instant?
    private var deliveries: [Delivery] = []
    private var refusals = 0

    static let sends: Set<String> = ["sendmessage", "sendphoto", "sendvideo", "senddocument", "sendmediagroup", "copymessage"]

    /// The observer to hand to `Sandbox.setRequestObserver`.
    var observer: @Sendable (AnsweredRequest) -> Void {
        { [self] request in
            let now = ContinuousClock.now
            let method = request.method.lowercased()
            lock.withLock {
                if method == "getupdates", request.status == 200, firstPoll == nil { firstPoll = now }
                guard Self.sends.contains(method) else { return }
                if request.status == 200, let chat = request.chatId { deliveries.append(Delivery(chat: chat, at: now)) }
                if request.status == 429 { refusals += 1 }
            }
        }
    }

    var firstGetUpdates: ContinuousClock.Instant? { lock.withLock { firstPoll } }
    var count: Int { lock.withLock { deliveries.count } }
    var all: [Delivery] { lock.withLock { deliveries } }
    var tooManyRequests: Int { lock.withLock { refusals } }

    /// Deliveries from index `start` on.
    func since(_ start: Int) -> [Delivery] { lock.withLock { Array(deliveries[min(start, deliveries.count)...]) } }

    /// Waits (polling every few milliseconds) until `count` deliveries were seen; false after `timeout`.
    func wait(forCount target: Int, timeout: Duration, while alive: () -> Bool = { true }) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if count >= target { return true }
            if !alive() { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return count >= target
    }
}
