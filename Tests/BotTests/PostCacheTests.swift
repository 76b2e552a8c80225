import Casework
import Foundation
import Store
import Testing
@testable import Bot

/// Intake's memory of earlier cases' posts: stored features are read, missing ones computed from the
/// text and handed back to the store, and a case is loaded once.
@Suite struct PostCacheTests {
    let pothole = TextFeatures(text: "Огромная яма на ул. Ленина, д. 5")
    let garbage = "Не вывозят мусор на Карла Маркса 10"
    let opened = Date(timeIntervalSince1970: 1_790_000_000)

    func known(_ text: TextFeatures, link: String? = nil) -> KnownPost {
        KnownPost(post: PostFeatures(link: link, threadKey: nil, authorKey: nil, text: text), openedAt: opened)
    }

    @Test func storedPostsAreReadAndMissingFeaturesComputedSavedAndKept() throws {
        let cache = PostCache(capacity: 10)
        var loads: [[Int64]] = []
        var saved: [Int64: [UInt8]] = [:]
        func load(_ ids: [Int64]) -> [Int64: StoredPost] {
            loads.append(ids)
            return [
                1: StoredPost(link: "https://vk.com/wall-1_2", threadKey: nil, authorKey: nil, openedAt: opened,
                              features: pothole.bytes, text: nil),
                2: StoredPost(link: nil, threadKey: nil, authorKey: nil, openedAt: opened, features: nil, text: garbage),
                // Features of this format that cannot be read (a damaged row): computed again from the text.
                4: StoredPost(link: nil, threadKey: nil, authorKey: nil, openedAt: opened,
                              features: [TextFeatures.formatVersion, 0xFF], text: garbage),
            ].filter { ids.contains($0.key) }
        }
        let first = cache.posts(of: [1, 2, 3, 4], load: load, save: { saved[$0] = $1 })
        #expect(first[4] == known(TextFeatures(text: garbage)))
        #expect(saved[4] != nil)
        saved[4] = nil
        #expect(first[1] == known(pothole, link: "https://vk.com/wall-1_2"))
        #expect(first[2] == known(TextFeatures(text: garbage)))
        #expect(first[3] == nil)
        // Only the case without stored features was analysed, and its features went back to the store.
        #expect(Array(saved.keys) == [2])
        #expect(saved[2].flatMap(TextFeatures.init(bytes:)) == TextFeatures(text: garbage))

        // The second time both come from memory; only the unknown case is asked for again.
        let second = cache.posts(of: [1, 2, 3], load: load, save: { saved[$0] = $1 })
        #expect(second[1] == first[1] && second[2] == first[2])
        #expect(loads == [[1, 2, 3, 4], [3]])
    }

    @Test func theOldestAreForgottenBeyondCapacityAndAReusedNumberIsOverwritten() {
        let cache = PostCache(capacity: 2)
        cache.store(1, known(pothole))
        cache.store(2, known(pothole))
        cache.store(3, known(pothole))
        // A case number given again after a rolled-back transaction: the new case's post wins.
        cache.store(3, known(TextFeatures(text: garbage)))
        var asked: [Int64] = []
        let found = cache.posts(of: [1, 2, 3], load: { asked = $0; return [:] }, save: { _, _ in })
        #expect(asked == [1])
        #expect(found[2] == known(pothole) && found[3] == known(TextFeatures(text: garbage)))
    }
}
