/// Proposes earlier cases that a new post repeats (§ 8): same link or thread, same author with
/// similar text, or similar text about the same place. Thresholds were tuned on
/// Tests/CaseworkTests/Fixtures/repeats.jsonl (the «tune» half).
public struct RepeatDetector: Sendable {
    /// Text similarity from which two texts count as the same text reposted.
    public var sameTextFloor = 0.8
    /// Text similarity from which the same author is taken to write about the same problem.
    public var sameAuthorFloor = 0.42
    /// Text similarity needed when both posts name the same street and house or landmark.
    public var samePlaceFloor = 0.3
    /// Text similarity needed when both name the same street and only one gives a house.
    public var sameStreetFloor = 0.45
    /// Candidates below this score are not proposed.
    public var proposalFloor = 0.5

    /// A detector with the tuned thresholds.
    public init() {}

    /// Earlier cases the post may repeat, best first (ties: the more recent, then the higher number).
    public func candidates(for post: PostFeatures, among cases: [EarlierCase], limit: Int = 3) -> [RepeatCandidate] {
        let found = cases.compactMap { c in assess(post, c).map { (c, $0) } }
        return found.sorted { a, b in
            if a.1.score != b.1.score { return a.1.score > b.1.score }
            if a.0.openedAt != b.0.openedAt { return a.0.openedAt > b.0.openedAt }
            return a.0.id > b.0.id
        }.prefix(limit).map(\.1)
    }

    /// The candidate an earlier case makes for a post, or nil when it is not proposed.
    public func assess(_ post: PostFeatures, _ earlier: EarlierCase) -> RepeatCandidate? {
        let old = earlier.post
        func candidate(_ score: Double, _ reason: RepeatReason, _ place: Place? = nil) -> RepeatCandidate {
            RepeatCandidate(caseID: earlier.id, score: min(1, score), reason: reason,
                            departmentID: earlier.departmentID, place: place)
        }
        if let link = post.link, link == old.link { return candidate(1, .sameLink) }
        if let thread = post.threadKey, thread == old.threadKey { return candidate(0.95, .sameThread) }

        // Places first: they are cheap to compare, and they decide which text checks can still
        // propose this case. Most earlier cases name another street, and then no text similarity is
        // computed at all (intake compares each post with a few hundred earlier ones).
        let placeMatch = PlaceMatch.best(post.text.places, old.text.places)
        // Naming different places is strong evidence of a different issue, whoever writes.
        let placesConflict = !post.text.places.isEmpty && !old.text.places.isEmpty && placeMatch < .sameStreet
        let sameAuthor = post.authorKey != nil && post.authorKey == old.authorKey
        let floor = placeMatch == .same ? samePlaceFloor : placeMatch == .sameStreet ? sameStreetFloor : nil
        guard !placesConflict || floor != nil else { return nil }

        var best: RepeatCandidate?
        func consider(_ c: RepeatCandidate) {
            if c.score >= proposalFloor, c.score > (best?.score ?? 0) { best = c }
        }
        // The stems alone bound the wording: 0.6 · stems + 0.4 · trigrams cannot reach the floor
        // when the stems' part is too small, and then only the author and place checks remain.
        let stemsShare = post.text.stemSimilarity(to: old.text)
        let wordingPossible = !placesConflict && 0.6 * stemsShare + 0.4 >= sameTextFloor
        guard wordingPossible || (sameAuthor && !placesConflict) || floor != nil else { return nil }
        let wording = post.text.lexicalSimilarity(to: old.text, stems: stemsShare)
        let similarity = post.text.similarity(to: old.text, lexical: wording)
        if !placesConflict, wording >= sameTextFloor {
            consider(candidate(0.9 * wording, .sameText))
        }
        if !placesConflict, sameAuthor, similarity >= sameAuthorFloor {
            consider(candidate(0.5 + 0.5 * similarity, .sameAuthorSimilarText))
        }
        if let floor, similarity >= floor {
            let shared = post.text.places.first { p in old.text.places.contains { p.match($0) >= .sameStreet } }
            consider(candidate(0.45 + 0.5 * similarity, .similarTextSamePlace, shared))
        }
        return best
    }
}
