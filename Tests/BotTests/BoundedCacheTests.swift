import Testing
@testable import Bot

/// The caches intake keeps: the oldest go beyond capacity, and a value taken is gone for good.
@Suite struct BoundedCacheTests {
    @Test func keepsTheNewestAndATakenValueIsGone() {
        let cache = BoundedCache<String, Int>(capacity: 2)
        cache.store("a", 1)
        cache.store("b", 2)
        #expect(cache.take("a") == 1)
        #expect(cache.take("a") == nil)
        // Taking made room: storing again evicts nothing, and "a" is now the newest.
        cache.store("c", 3)
        cache.store("a", 4)
        #expect(cache.count == 2)
        #expect(cache.lookup(["a", "b", "c"]).found == ["a": 4, "c": 3])
        #expect(cache.lookup(["a", "b", "c"]).missing == ["b"])
    }
}
