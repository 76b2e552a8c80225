/// What the repeat detector and the router compare in a text: content stems, problem topics, places.
public struct TextFeatures: Sendable, Equatable {
    /// Problem topics named in the text (roads, waste, lighting…).
    public var topics: Set<String> { Set(TopicLexicon.names(topicMask)) }
    /// Streets, houses and landmarks the text names.
    public let places: [Place]
    /// The topics as bits of `TopicLexicon.topics`.
    let topicMask: UInt32
    /// The stems of content words (without stop words, numbers and place names) and their character
    /// trigrams (which forgive typos and suffix changes) as sorted, distinct 64-bit hashes. Comparing
    /// two texts is then a merge of integer arrays: hashing Cyrillic strings (Unicode-normalised on
    /// every hash) in set intersections was most of the intake's time, with each post compared to a
    /// few hundred earlier ones (see Benchmarks/README.md). Only the hashes are kept: the features
    /// of a thousand recent cases stay in memory.
    let stemKeys: [UInt64]
    let gramKeys: [UInt64]

    /// Features from their parts (read back from the store).
    init(places: [Place], topicMask: UInt32, stemKeys: [UInt64], gramKeys: [UInt64]) {
        self.places = places
        self.topicMask = topicMask
        self.stemKeys = stemKeys
        self.gramKeys = gramKeys
    }

    /// The features of a text.
    public init(text: String) {
        let tokens = Tokenizer.tokens(text)
        let places = PlaceExtractor.places(in: tokens)
        let placeWords = Set(places.flatMap { $0.name.split(separator: " ").map { Self.key($0.utf8) } })
        var stemKeys: [UInt64] = []
        var grams: [UInt64] = []
        var topicMask: UInt32 = 0
        var seen = Set<UInt64>()
        for t in tokens where !t.isNumber && t.lower.unicodeScalars.count > 1 && !StopWords.contains(t.lower) {
            let s = RussianStemmer.stem(t.lower)
            let key = Self.key(s.utf8)
            guard !placeWords.contains(key), !PlaceExtractor.isStreetMarker(t), seen.insert(key).inserted else { continue }
            stemKeys.append(key)
            topicMask |= TopicLexicon.topicMask(ofStem: s)
            let padded = [Unicode.Scalar("_")] + Array(s.unicodeScalars) + [Unicode.Scalar("_")]
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) { grams.append(Self.key(padded[i], padded[i + 1], padded[i + 2])) }
            }
        }
        self.places = places
        self.topicMask = topicMask
        self.stemKeys = Self.sortedDistinct(stemKeys)
        self.gramKeys = Self.sortedDistinct(grams)
    }

    /// The hash of a trigram.
    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        hash = (hash ^ UInt64(a.value)) &* prime
        hash = (hash ^ UInt64(b.value)) &* prime
        return (hash ^ UInt64(c.value)) &* prime
    }

    /// FNV-1a: a stable 64-bit hash of the bytes.
    static func key<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    static func sortedDistinct(_ keys: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(keys.count)
        for key in keys.sorted() where key != result.last { result.append(key) }
        return result
    }

    /// How alike two texts are in what they complain about, 0…1; places do not count here.
    public func similarity(to other: TextFeatures) -> Double {
        similarity(to: other, lexical: lexicalSimilarity(to: other))
    }

    /// `similarity(to:)` when `lexicalSimilarity(to:)` is already known (repeat detection needs both).
    func similarity(to other: TextFeatures, lexical: Double) -> Double {
        var sim = lexical
        if topicMask != 0 && other.topicMask != 0 {
            let shared = Double((topicMask & other.topicMask).nonzeroBitCount)
            let cosine = shared / (Double(topicMask.nonzeroBitCount) * Double(other.topicMask.nonzeroBitCount)).squareRoot()
            // Naming the same kind of problem is strong evidence; naming only different ones is strong against.
            sim = shared == 0 ? sim * 0.5 : 0.5 * sim + 0.5 * cosine
        }
        return min(1, sim)
    }

    /// How alike two texts are in their words alone, 0…1: high only for the same text retold.
    public func lexicalSimilarity(to other: TextFeatures) -> Double {
        lexicalSimilarity(to: other, stems: stemSimilarity(to: other))
    }

    /// Dice's coefficient of the stems alone, 0…1 (a part of `lexicalSimilarity`).
    func stemSimilarity(to other: TextFeatures) -> Double { Self.dice(stemKeys, other.stemKeys) }

    /// `lexicalSimilarity(to:)` when `stemSimilarity(to:)` is already known.
    func lexicalSimilarity(to other: TextFeatures, stems: Double) -> Double {
        0.6 * stems + 0.4 * Self.dice(gramKeys, other.gramKeys)
    }

    /// Dice's coefficient of two sorted, distinct key lists.
    static func dice(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var (i, j, shared) = (0, 0, 0)
        while i < a.count, j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
