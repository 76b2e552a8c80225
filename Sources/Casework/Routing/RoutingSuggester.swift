/// Suggests the departments competent for a text, from their keywords and from earlier assignments.
public struct RoutingSuggester: Sendable {
    /// The departments in configured order, which also breaks ties.
    public let departments: [Department]
    private let matchers: [[KeywordMatcher]]
    private let history: [PastAssignment]

    /// How much the keyword evidence weighs against the history evidence.
    public var keywordWeight = 0.6
    /// An earlier case counts as similar from this text similarity on.
    public var similarityFloor = 0.35
    /// How many of the most similar earlier cases vote.
    public var neighbours = 5

    /// A suggester over departments and, optionally, earlier assignments.
    public init(departments: [Department], history: [PastAssignment] = []) {
        self.departments = departments
        self.matchers = departments.map { $0.keywords.map(KeywordMatcher.init) }
        self.history = history
    }

    /// Departments with any evidence, most likely first; ties keep the configured order.
    public func suggest(for text: String, limit: Int = 3) -> [RoutingSuggestion] {
        suggest(for: text, features: TextFeatures(text: text), limit: limit)
    }

    /// The same, with the text's features already computed (intake has them for repeat detection).
    public func suggest(for text: String, features: TextFeatures, limit: Int = 3) -> [RoutingSuggestion] {
        suggest(for: text, features: features, history: history, limit: limit)
    }

    /// The same against another history: intake builds the suggester (its keyword matchers) once and
    /// passes each post's recent cases.
    public func suggest(for text: String, features: TextFeatures, history: [PastAssignment],
                        limit: Int = 3) -> [RoutingSuggestion] {
        let words = Tokenizer.tokens(text).map(\.lower)
        let votes = historyVotes(features, history)
        var ranked: [(index: Int, suggestion: RoutingSuggestion)] = []
        for (index, department) in departments.enumerated() {
            let matched = matchers[index].filter { $0.occurrences(in: words) > 0 }.map(\.keyword)
            let keywordScore = Double(matched.count) / Double(matched.count + 1)
            let vote = votes[department.id] ?? (score: 0, count: 0)
            let score = keywordWeight * keywordScore + (1 - keywordWeight) * vote.score
            guard score > 0 else { continue }
            ranked.append((index, RoutingSuggestion(departmentID: department.id, score: score,
                                                    matchedKeywords: matched, similarPastCases: vote.count)))
        }
        ranked.sort { a, b in
            a.suggestion.score != b.suggestion.score ? a.suggestion.score > b.suggestion.score : a.index < b.index
        }
        return ranked.prefix(limit).map(\.suggestion)
    }

    /// Per department: its share of the nearest similar earlier cases, scaled by how similar they are.
    private func historyVotes(_ features: TextFeatures, _ history: [PastAssignment]) -> [String: (score: Double, count: Int)] {
        let nearest = history
            .map { (past: $0, similarity: features.similarity(to: $0.features)) }
            .filter { $0.similarity >= similarityFloor }
            .sorted { $0.similarity > $1.similarity }
            .prefix(neighbours)
        let total = nearest.reduce(0) { $0 + $1.similarity }
        guard total > 0 else { return [:] }
        var votes: [String: (score: Double, count: Int)] = [:]
        for n in nearest {
            let old = votes[n.past.departmentID] ?? (0, 0)
            votes[n.past.departmentID] = (old.score + n.similarity * n.similarity / total, old.count + 1)
        }
        return votes
    }
}
