import Foundation

/// The statistical half of threat screening: a logistic regression over a text's words (their first
/// five letters, and pairs of neighbours), the lexicon classes of `threats.yaml` they belong to
/// (harm verbs in all their forms, victims, family, weapons, property, places, fate idioms…) and the
/// classes that meet in one sentence (a harm verb with a victim, a weapon with a place). Letter
/// 4-grams were tried and dropped: on held-out folds they cost precision and flagged look-alikes. It catches threats worded in ways no rule lists; the rules stay the explanation
/// where they fire, and where only the model fires the verdict names the words that weighed most.
///
/// Trained by `otklik screen --train` on the labelled corpus (`Tests/Fixtures/Screening/dev.jsonl`)
/// and shipped as `Config/screening/threat-model.json`.
public struct ThreatModel: Sendable, Equatable {
    public var bias: Double
    /// A text is a threat when its probability reaches this.
    public var threshold: Double
    /// The weights by feature name, as trained and as the file keeps them; nil once loaded, when only
    /// `hashed` is kept (the names would cost the running service megabytes).
    public private(set) var weights: [String: Double]?
    /// The weights by the hash of the feature's name, sorted by hash for a binary search: two flat
    /// arrays take half the memory of a dictionary, which keeps a quarter of its buckets empty.
    private var hashed: HashedWeights

    public var featureCount: Int { hashed.count }

    /// The threshold `otklik screen --train` gives a model: chosen on the first two held-out corpora
    /// (above it threats are missed, below it look-alikes flagged).
    public static let defaultThreshold = 0.45

    public init(bias: Double, threshold: Double, weights: [String: Double]) {
        self.bias = bias
        self.threshold = threshold
        self.weights = weights
        hashed = Self.hash(weights)
    }

    private static func hash(_ weights: [String: Double]) -> HashedWeights {
        var summed: [UInt64: Float] = [:]
        summed.reserveCapacity(weights.count)
        for (name, weight) in weights { summed[featureKey(name), default: 0] += Float(weight) }
        let sorted = summed.sorted { $0.key < $1.key }
        return HashedWeights(keys: sorted.map(\.key), values: sorted.map(\.value))
    }

    struct HashedWeights: Sendable, Equatable {
        var keys: [UInt64]
        var values: [Float]
        var count: Int { keys.count }

        subscript(key: UInt64) -> Float? {
            var low = 0, high = keys.count
            while low < high {
                let mid = (low + high) / 2
                if keys[mid] < key { low = mid + 1 } else { high = mid }
            }
            return low < keys.count && keys[low] == key ? values[low] : nil
        }
    }

    /// FNV-1a of the name's UTF-8.
    static func featureKey(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    public static func == (a: ThreatModel, b: ThreatModel) -> Bool {
        a.bias == b.bias && a.threshold == b.threshold && a.hashed == b.hashed
    }

    /// A word's features and the word they belong to (for the explanation).
    struct Feature {
        var name: String
        var word: Int
        /// The second word of a pair of classes, which shares the weight in the explanation.
        var other: Int? = nil
    }

    /// The words of one text as the model sees them: one canonical spelling per word (look-alikes
    /// folded), its sentence, its place in the original, and the lexicon classes it belongs to.
    struct Word {
        var text: String
        var sentence: Int
        var start: Int
        var end: Int
        var classes: [String]
    }

    static func features(of words: [Word]) -> [Feature] {
        var out: [Feature] = []
        out.reserveCapacity(words.count * 8)
        var classesBySentence: [Int: [(String, Int)]] = [:]
        for (i, word) in words.enumerated() {
            let s = word.text
            out.append(Feature(name: "w:" + String(s.prefix(5)), word: i))
            if i + 1 < words.count, words[i + 1].sentence == word.sentence {
                out.append(Feature(name: "b:" + String(s.prefix(4)) + "_" + String(words[i + 1].text.prefix(4)), word: i))
            }
            for name in word.classes {
                out.append(Feature(name: "c:" + name, word: i))
                classesBySentence[word.sentence, default: []].append((name, i))
            }
        }
        // Classes meeting in a sentence: the combination the rules look for, weighed by the data.
        for (_, found) in classesBySentence.sorted(by: { $0.key < $1.key }) {
            var seen: Set<String> = []
            for (a, i) in found {
                for (b, j) in found where a < b {
                    let name = "cc:" + a + "+" + b
                    if seen.insert(name).inserted { out.append(Feature(name: name, word: i, other: j == i ? nil : j)) }
                }
            }
        }
        return out
    }

    /// The probability that the text is a threat, and each word's share of the evidence. A threat
    /// at the end of a long complaint must not drown in it: each sentence is also weighed alone, and
    /// the text is as threatening as its most threatening sentence.
    func evaluate(_ words: [Word]) -> (probability: Double, byWord: [Double]) {
        var byWord = [Double](repeating: 0, count: words.count)
        var sum = bias
        var seen: Set<String> = []
        var bySentence: [Int: (sum: Double, seen: Set<String>)] = [:]
        for feature in Self.features(of: words) {
            guard let stored = hashed[Self.featureKey(feature.name)] else { continue }
            let weight = Double(stored)
            let sentence = words[feature.word].sentence
            if bySentence[sentence, default: (bias, [])].seen.insert(feature.name).inserted { bySentence[sentence]!.sum += weight }
            guard seen.insert(feature.name).inserted else { continue }
            sum += weight
            if let other = feature.other {
                byWord[feature.word] += weight / 2
                byWord[other] += weight / 2
            } else {
                byWord[feature.word] += weight
            }
        }
        let strongest = max(sum, bySentence.values.map(\.sum).max() ?? sum)
        return (1 / (1 + exp(-strongest)), byWord)
    }

    // MARK: - Training

    /// Fits the weights to labelled texts (true = threat): logistic loss with an L2 penalty, AdaGrad,
    /// a fixed number of passes in a fixed order, so the same corpus gives the same model.
    static func train(_ examples: [(words: [Word], threat: Bool)], epochs: Int = 40, rate: Double = 0.3,
                      l2: Double = 0.003, threshold: Double = defaultThreshold) -> ThreatModel {
        // The whole text's features, and each sentence's own: `evaluate` weighs a text by its most
        // threatening sentence, so training does too (a clean text must be clean in every sentence, a
        // threat in one).
        var featureSets: [[String]] = [], sentenceSets: [[[String]]] = []
        for example in examples {
            let found = features(of: example.words)
            featureSets.append(Array(Set(found.map(\.name))).sorted())
            var bySentence: [Int: Set<String>] = [:]
            for feature in found { bySentence[example.words[feature.word].sentence, default: []].insert(feature.name) }
            sentenceSets.append(bySentence.count > 1 ? bySentence.keys.sorted().map { Array(bySentence[$0]!).sorted() } : [])
        }
        var weights: [String: Double] = [:]
        var squares: [String: Double] = [:]
        var bias = 0.0, biasSquares = 0.0
        var order = Array(examples.indices)
        var generator = SplitMix(seed: 11)
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            for index in order {
                var names = featureSets[index]
                var sum = names.reduce(bias) { $0 + (weights[$1] ?? 0) }
                for sentence in sentenceSets[index] {
                    let score = sentence.reduce(bias) { $0 + (weights[$1] ?? 0) }
                    if score > sum { sum = score; names = sentence }
                }
                let gradient = 1 / (1 + exp(-sum)) - (examples[index].threat ? 1 : 0)
                biasSquares += gradient * gradient
                bias -= rate * gradient / (sqrt(biasSquares) + 1e-8)
                for name in names {
                    let w = weights[name] ?? 0
                    let g = gradient + l2 * w
                    squares[name, default: 0] += g * g
                    weights[name] = w - rate * g / (sqrt(squares[name]!) + 1e-8)
                }
            }
        }
        // Weights too small to matter only make the file longer.
        return ThreatModel(bias: bias, threshold: threshold, weights: weights.filter { abs($0.value) >= 0.03 })
    }
}

/// A small deterministic generator (SplitMix64): training's shuffles, the bench's posts.
public struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - The model file

extension ThreatModel: Codable {
    private enum CodingKeys: String, CodingKey { case bias, threshold, weights }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bias = try c.decode(Double.self, forKey: .bias)
        threshold = try c.decode(Double.self, forKey: .threshold)
        hashed = Self.hash(try c.decode([String: Double].self, forKey: .weights))
        weights = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bias, forKey: .bias)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(weights ?? [:], forKey: .weights)
    }

    /// The model as `threat-model.json` keeps it: keys sorted, weights rounded, so a retrained model's
    /// diff shows what changed.
    public func fileData() throws -> Data {
        var rounded = self
        rounded.weights = weights?.mapValues { ($0 * 10_000).rounded() / 10_000 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(rounded)
    }
}

/// The lexicon classes of `threats.yaml`, compiled: which classes a word belongs to.
struct WordClasses {
    private var byFirstLetter: [[(name: String, pattern: WordPattern)]] = Array(repeating: [], count: 32)

    init(_ classes: [String: [String]]) {
        for (name, entries) in classes.sorted(by: { $0.key < $1.key }) {
            for entry in entries {
                guard let pattern = WordPattern(entry) else { continue }
                for bit in 0..<32 where pattern.letters[0] & (1 << LetterSet(bit)) != 0 {
                    byFirstLetter[bit].append((name, pattern))
                }
            }
        }
    }

    func names(of units: [Unit]) -> [String] {
        guard let first = units.first, !first.isWildcard else { return [] }
        var names: [String] = []
        var bits = first.letters
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            if bit >= 32 { break }
            for entry in byFirstLetter[bit] where entry.pattern.matches(units) && !names.contains(entry.name) { names.append(entry.name) }
            bits &= bits - 1
        }
        return names.sorted()
    }
}

extension Letters {
    /// One spelling of a normalised word: a look-alike that could be several letters reads as the
    /// first of them, a masked position as `*`; `foldingO` reads о as а (misspellings by ear).
    static func spelling(_ units: [Unit], foldingO: Bool = false) -> String {
        let o = set("о"), a = set("а")
        var out = ""
        for unit in units {
            if unit.isWildcard { out.append("*"); continue }
            let bit = (foldingO && unit.letters == o ? a : unit.letters).trailingZeroBitCount
            out.append(bit < 32 ? Character(Unicode.Scalar(0x430 + UInt32(bit))!) : "?")
        }
        return out
    }
}
