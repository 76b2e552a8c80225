/// What the repeat detector and the router compare in a text: content stems, problem topics, places.
public struct TextFeatures: Sendable, Equatable {
    /// Stems of content words, without stop words, numbers and place names.
    public let stems: Set<String>
    /// Problem topics named in the text (roads, waste, lighting…).
    public let topics: Set<String>
    /// Streets, houses and landmarks the text names.
    public let places: [Place]
    /// Character trigrams of the stems, which forgive typos and suffix changes.
    let grams: Set<String>

    /// The features of a text.
    public init(text: String) {
        let tokens = Tokenizer.tokens(text)
        let places = PlaceExtractor.places(in: tokens)
        let placeWords = Set(places.flatMap { $0.name.split(separator: " ").map(String.init) })
        var stems = Set<String>()
        for t in tokens where !t.isNumber && !StopWords.all.contains(t.lower) && t.lower.count > 1 {
            let s = RussianStemmer.stem(t.lower)
            if !placeWords.contains(s) && !PlaceExtractor.isStreetMarker(t) { stems.insert(s) }
        }
        self.stems = stems
        self.places = places
        self.topics = Set(stems.flatMap(TopicLexicon.topics(ofStem:)))
        var grams = Set<String>()
        for s in stems {
            let padded = Array("_" + s + "_")
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) { grams.insert(String(padded[i..<i + 3])) }
            }
        }
        self.grams = grams
    }

    /// How alike two texts are in what they complain about, 0…1; places do not count here.
    public func similarity(to other: TextFeatures) -> Double {
        let words = Self.dice(stems, other.stems)
        let chars = Self.dice(grams, other.grams)
        var sim = 0.6 * words + 0.4 * chars
        if !topics.isEmpty && !other.topics.isEmpty {
            let shared = Self.jaccard(topics, other.topics)
            // Naming the same kind of problem is strong evidence; naming only different ones is strong against.
            sim = shared == 0 ? sim * 0.5 : 0.5 * sim + 0.5 * shared
        }
        return min(1, sim)
    }

    static func dice<T>(_ a: Set<T>, _ b: Set<T>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
    }

    static func jaccard<T>(_ a: Set<T>, _ b: Set<T>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
