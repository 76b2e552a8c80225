import Foundation

/// A dictionary shared between threads that forgets its oldest entries beyond `capacity`: what intake
/// keeps in memory (earlier cases' posts, posts analysed ahead) must not grow with the store or a flood.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    /// Keys in insertion order, oldest first, for eviction.
    private var order: [Key] = []
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Keeps `value`; a key given again keeps its place and takes the new value.
    func store(_ key: Key, _ value: Value) {
        lock.withLock {
            if values.updateValue(value, forKey: key) == nil { order.append(key) }
            if order.count > capacity {
                let dropped = order.prefix(order.count - capacity)
                dropped.forEach { values[$0] = nil }
                order.removeFirst(dropped.count)
            }
        }
    }

    /// The values of these keys that are kept, and the keys that are not.
    func lookup(_ keys: [Key]) -> (found: [Key: Value], missing: [Key]) {
        lock.withLock {
            var found: [Key: Value] = [:]
            var missing: [Key] = []
            for key in keys {
                if let value = values[key] { found[key] = value } else { missing.append(key) }
            }
            return (found, missing)
        }
    }

    /// The value of `key`, forgotten here.
    func take(_ key: Key) -> Value? {
        lock.withLock {
            guard let value = values.removeValue(forKey: key) else { return nil }
            if let index = order.firstIndex(of: key) { order.remove(at: index) }
            return value
        }
    }

    var count: Int { lock.withLock { values.count } }
}
