import Casework
import Foundation

/// Text features of earlier cases, computed once per case: a post's text never changes, and
/// repeat detection and routing compare every new post with a few hundred earlier ones.
final class FeatureCache: @unchecked Sendable {
    private let lock = NSLock()
    private var features: [Int64: TextFeatures] = [:]
    private var order: [Int64] = []
    private let capacity: Int

    init(capacity: Int = 5000) { self.capacity = capacity }

    func features(caseId: Int64, text: String) -> TextFeatures {
        if let cached = lock.withLock({ features[caseId] }) { return cached }
        let computed = TextFeatures(text: text)
        lock.withLock {
            if features.updateValue(computed, forKey: caseId) == nil { order.append(caseId) }
            if order.count > capacity {
                let dropped = order.prefix(order.count - capacity)
                dropped.forEach { features[$0] = nil }
                order.removeFirst(dropped.count)
            }
        }
        return computed
    }
}
