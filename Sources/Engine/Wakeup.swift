import Foundation

/// A one-slot wake-up call between tasks: `signal()` wakes the one waiting, or the next to wait.
///
/// Why not an AsyncStream: a stream whose waiting consumer is cancelled (as a timeout race cancels
/// the loser) finishes for good, and every later wait then returns at once — a busy loop.
public final class Wakeup: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
    private var nextId: UInt64 = 0

    public init() {}

    public func signal() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if let waiting = waiter {
                waiter = nil
                return waiting.continuation
            }
            pending = true
            return nil
        }
        continuation?.resume()
    }

    /// Returns at the next signal (or at once if one came since the last wait), when `timeout`
    /// returns, or when the waiting task is cancelled.
    public func wait(timeout: @escaping @Sendable () async -> Void) async {
        let id = lock.withLock { () -> UInt64 in nextId += 1; return nextId }
        var timer: Task<Void, Never>?
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = lock.withLock { () -> Bool in
                    // Cancelled before waiting: the handler below found no waiter to wake.
                    if pending || Task.isCancelled {
                        pending = pending && Task.isCancelled
                        return true
                    }
                    waiter = (id, continuation)
                    return false
                }
                if now {
                    continuation.resume()
                } else {
                    timer = Task { [weak self] in
                        await timeout()
                        self?.expire(id)
                    }
                }
            }
        } onCancel: {
            expire(id)
        }
        timer?.cancel()
    }

    private func expire(_ id: UInt64) {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard let waiting = waiter, waiting.id == id else { return nil }
            waiter = nil
            return waiting.continuation
        }
        continuation?.resume()
    }
}
