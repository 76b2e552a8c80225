import Foundation

/// Commits items that arrive while a commit is under way together in the next one. Each caller
/// still returns only once its item is committed, but N callers pay one durable commit (one
/// fsync, a few milliseconds) instead of N: with a commit per delivered message the sender could
/// never pass a few hundred messages a second, whatever its concurrency.
final class GroupCommit<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [(item: Item, continuation: CheckedContinuation<Void, any Error>)] = []
    private var committing = false
    private let commit: @Sendable ([Item]) async throws -> Void

    /// `commit` writes a batch in one transaction.
    init(commit: @escaping @Sendable ([Item]) async throws -> Void) { self.commit = commit }

    /// Returns once `item` is committed (alone or with others); throws if its commit failed.
    func submit(_ item: Item) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let leads = lock.withLock { () -> Bool in
                waiting.append((item, continuation))
                if committing { return false }
                committing = true
                return true
            }
            if leads { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = lock.withLock { () -> [(item: Item, continuation: CheckedContinuation<Void, any Error>)] in
                let batch = waiting
                waiting.removeAll()
                if batch.isEmpty { committing = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await commit(batch.map(\.item))
                batch.forEach { $0.continuation.resume() }
            } catch where batch.count > 1 {
                // One bad item must not fail the others: commit each alone.
                for entry in batch {
                    do { try await commit([entry.item]); entry.continuation.resume() } catch { entry.continuation.resume(throwing: error) }
                }
            } catch {
                batch.forEach { $0.continuation.resume(throwing: error) }
            }
        }
    }
}
