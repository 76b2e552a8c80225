import Casework
import Foundation
import Store

/// Text features of recent cases, so intake compares a new post with a few hundred earlier ones
/// without re-reading and re-analysing their texts. A post's text never changes; a case number can
/// come back only after its transaction rolled back, and `store` (at every case opening) overwrites.
final class FeatureCache: @unchecked Sendable {
    private let lock = NSLock()
    private var features: [Int64: TextFeatures] = [:]
    /// Insertion order, oldest first, for eviction.
    private var order: [Int64] = []
    private let capacity: Int

    /// About 1.5 KB an entry: 2,000 cover the recent window (300) and the same authors' earlier posts.
    init(capacity: Int = 2000) { self.capacity = capacity }

    func store(_ caseId: Int64, _ value: TextFeatures) {
        lock.withLock {
            if features.updateValue(value, forKey: caseId) == nil { order.append(caseId) }
            if order.count > capacity {
                let dropped = order.prefix(order.count - capacity)
                dropped.forEach { features[$0] = nil }
                order.removeFirst(dropped.count)
            }
        }
    }

    /// The features of these cases: from memory, else from the store (`load`, one query), else
    /// computed from the text and handed to `save` so the store has them next time.
    func features(of caseIds: [Int64], load: ([Int64]) throws -> [Int64: StoredFeatures],
                  save: (Int64, [UInt8]) throws -> Void) rethrows -> [Int64: TextFeatures] {
        var found: [Int64: TextFeatures] = [:]
        var missing: [Int64] = []
        lock.withLock {
            for id in caseIds {
                if let f = features[id] { found[id] = f } else { missing.append(id) }
            }
        }
        guard !missing.isEmpty else { return found }
        for (id, stored) in try load(missing) {
            let value: TextFeatures
            if let bytes = stored.bytes, let decoded = TextFeatures(bytes: bytes) {
                value = decoded
            } else if let text = stored.text {
                value = TextFeatures(text: text)
                try save(id, value.bytes)
            } else {
                continue  // no such case
            }
            store(id, value)
            found[id] = value
        }
        return found
    }
}
