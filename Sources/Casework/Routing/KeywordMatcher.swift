/// Matches a configured keyword («дорог», «ям», «уличное освещение») against the words of a text.
struct KeywordMatcher: Sendable {
    /// The keyword as configured.
    let keyword: String
    /// For each word of the keyword, the prefixes a text word may start with.
    private let words: [[String]]

    init(_ keyword: String) {
        self.keyword = keyword
        words = Tokenizer.tokens(keyword).map { Self.prefixes(of: $0.lower) }
    }

    /// The word itself or its stem, and the stem with its last consonant alternated:
    /// «дорог» also finds «дорожное», «рук» «ручной».
    static func prefixes(of word: String) -> [String] {
        let stem = RussianStemmer.stem(word)
        let base = stem.count >= 2 ? stem : word
        var result = [base]
        for (from, to) in alternations where base.hasSuffix(from) && base.count > from.count + 1 {
            result.append(String(base.dropLast(from.count)) + to)
        }
        return result
    }

    private static let alternations: [(String, String)] = [
        ("ст", "щ"), ("г", "ж"), ("к", "ч"), ("х", "ш"), ("д", "ж"), ("т", "ч"), ("з", "ж"), ("с", "ш"),
    ]

    /// How many times the keyword occurs in the text's words.
    func occurrences(in tokens: [String]) -> Int {
        guard !words.isEmpty, tokens.count >= words.count else { return 0 }
        var count = 0
        for start in 0...(tokens.count - words.count) {
            let matches = words.indices.allSatisfy { k in
                words[k].contains { tokens[start + k].startsWithBytes($0) }
            }
            if matches { count += 1 }
        }
        return count
    }
}
