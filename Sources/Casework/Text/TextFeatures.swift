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
        var sim = lexicalSimilarity(to: other)
        if !topics.isEmpty && !other.topics.isEmpty {
            let shared = Double(topics.intersection(other.topics).count)
            let cosine = shared / (Double(topics.count) * Double(other.topics.count)).squareRoot()
            // Naming the same kind of problem is strong evidence; naming only different ones is strong against.
            sim = shared == 0 ? sim * 0.5 : 0.5 * sim + 0.5 * cosine
        }
        return min(1, sim)
    }

    /// How alike two texts are in their words alone, 0…1: high only for the same text retold.
    public func lexicalSimilarity(to other: TextFeatures) -> Double {
        0.6 * Self.dice(stems, other.stems) + 0.4 * Self.dice(grams, other.grams)
    }

    static func dice<T>(_ a: Set<T>, _ b: Set<T>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
    }
}
