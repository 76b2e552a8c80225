import Casework
import Foundation
import Store

/// What never changes about a case's post, as intake compares it: its source keys and text features,
/// and when the case opened.
struct KnownPost: Sendable, Equatable {
    var post: PostFeatures
    var openedAt: Date
}

/// The posts of recent cases, so intake compares a new post with a few hundred earlier ones without
/// re-reading and re-analysing them: per post it reads only their numbers and departments. A post never
/// changes; a case number can come back only after its transaction rolled back, and `store` (at every
/// case opening) overwrites.
final class PostCache: Sendable {
    private let posts: BoundedCache<Int64, KnownPost>

    /// About 1.6 KB an entry: 1,000 cover the recent window (300) and the same authors', links' and
    /// threads' earlier posts (up to 50 each); older ones come from the store, features and all.
    init(capacity: Int = 1000) { posts = BoundedCache(capacity: capacity) }

    func store(_ caseId: Int64, _ value: KnownPost) { posts.store(caseId, value) }

    /// The posts of these cases: from memory, else from the store (`load`, one query) — their features
    /// as stored, or (missing, of another format, unreadable) computed from the text and handed to
    /// `save` so the store has them next time.
    func posts(of caseIds: [Int64], load: ([Int64]) throws -> [Int64: StoredPost],
               save: (Int64, [UInt8]) throws -> Void) rethrows -> [Int64: KnownPost] {
        var (found, missing) = posts.lookup(caseIds)
        guard !missing.isEmpty else { return found }
        for (id, stored) in try load(missing) {
            let text: TextFeatures
            if let bytes = stored.features, let decoded = TextFeatures(bytes: bytes) {
                text = decoded
            } else if let postText = stored.text {
                text = TextFeatures(text: postText)
                try save(id, text.bytes)
            } else {
                continue  // no such case
            }
            let value = KnownPost(post: PostFeatures(link: stored.link, threadKey: stored.threadKey,
                                                     authorKey: stored.authorKey, text: text),
                                  openedAt: stored.openedAt)
            store(id, value)
            found[id] = value
        }
        return found
    }
}
