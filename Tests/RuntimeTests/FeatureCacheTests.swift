import Casework
import Store
import Testing
@testable import Runtime

/// Intake's memory of earlier cases' text features: stored bytes are read, missing ones computed
/// from the text and handed back to the store, and a case is loaded once.
@Suite struct FeatureCacheTests {
    let pothole = TextFeatures(text: "Огромная яма на ул. Ленина, д. 5")
    let garbage = "Не вывозят мусор на Карла Маркса 10"

    @Test func storedFeaturesAreReadAndMissingOnesComputedSavedAndKept() throws {
        let cache = FeatureCache(capacity: 10)
        var loads: [[Int64]] = []
        var saved: [Int64: [UInt8]] = [:]
        func load(_ ids: [Int64]) -> [Int64: StoredFeatures] {
            loads.append(ids)
            return [1: StoredFeatures(bytes: pothole.bytes, text: nil), 2: StoredFeatures(bytes: nil, text: garbage)]
                .filter { ids.contains($0.key) }
        }
        let first = cache.features(of: [1, 2, 3], load: load, save: { saved[$0] = $1 })
        #expect(first[1] == pothole)
        #expect(first[2] == TextFeatures(text: garbage))
        #expect(first[3] == nil)
        // Only the case without stored features was analysed, and its features went back to the store.
        #expect(Array(saved.keys) == [2])
        #expect(saved[2].flatMap(TextFeatures.init(bytes:)) == TextFeatures(text: garbage))

        // The second time both come from memory; only the unknown case is asked for again.
        let second = cache.features(of: [1, 2, 3], load: load, save: { saved[$0] = $1 })
        #expect(second[1] == pothole && second[2] == first[2])
        #expect(loads == [[1, 2, 3], [3]])
    }

    @Test func theOldestAreForgottenBeyondCapacityAndAReusedNumberIsOverwritten() {
        let cache = FeatureCache(capacity: 2)
        cache.store(1, pothole)
        cache.store(2, pothole)
        cache.store(3, pothole)
        // A case number given again after a rolled-back transaction: the new case's features win.
        cache.store(3, TextFeatures(text: garbage))
        var asked: [Int64] = []
        let known = cache.features(of: [1, 2, 3], load: { asked = $0; return [:] }, save: { _, _ in })
        #expect(asked == [1])
        #expect(known[2] == pothole && known[3] == TextFeatures(text: garbage))
    }
}
