import Foundation

/// Where render-time misses go: kept for tests and `otklik check`, and passed to a handler (a log).
final class MissLog: @unchecked Sendable {
    private let lock = NSLock()
    private var misses: [DialogMiss] = []
    private var seen: Set<DialogMiss> = []
    private let handler: (@Sendable (DialogMiss) -> Void)?

    init(handler: (@Sendable (DialogMiss) -> Void)?) { self.handler = handler }

    /// Records a miss once; a bot rendering the same broken text all day must not grow memory.
    func record(_ miss: DialogMiss) {
        let isNew = lock.withLock { seen.insert(miss).inserted }
        guard isNew else { return }
        lock.withLock { misses.append(miss) }
        handler?(miss)
    }

    var all: [DialogMiss] { lock.withLock { misses } }
}
