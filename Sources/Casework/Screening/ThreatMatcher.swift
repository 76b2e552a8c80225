/// Finds threat shapes in sentences and drops those that are idioms, negated, or someone else's
/// reported words.
struct ThreatMatcher {
    private struct Rule {
        var id: String
        /// slot → alternatives → consecutive word pattern ids.
        var slots: [[[Int]]]
        var window: Int
        var ordered: Bool
    }

    /// Where a rule fired, in word indices of one sentence.
    struct Hit {
        var rule: String
        var first: Int
        var last: Int
        var act: Int
        /// The words the other slots were found at.
        var others: [Int] = []
    }

    private var patterns: [WordPattern] = []
    private var patternIndex: [WordPattern: Int] = [:]
    private var byFirstLetter: [[Int]] = Array(repeating: [], count: 32)
    private var rules: [Rule] = []
    private var idioms: [Rule] = []
    private var reported: Set<Int> = []
    private var disavowals: Set<Int> = []
    private var negations: Set<Int> = []
    /// The rules' acts (their first slot) as heard by ear, the only patterns a misspelt word may match.
    private var actsByEar: [(id: Int, pattern: WordPattern)] = []

    init(_ lexicon: ScreeningLexicon) {
        for rule in lexicon.threatRules { rules.append(compile(rule)) }
        let acts = Set(rules.flatMap { $0.slots.first?.flatMap { $0 } ?? [] })
        actsByEar = acts.sorted().compactMap { id in Self.heardByEar(patterns[id]).map { (id, $0) } }
        for idiom in lexicon.idioms { idioms.append(compile(idiom)) }
        for entry in lexicon.reportedSpeech { if let id = patternID(entry) { reported.insert(id) } }
        for entry in lexicon.disavowals { if let id = patternID(entry) { disavowals.insert(id) } }
        for entry in lexicon.negations { if let id = patternID(entry) { negations.insert(id) } }
    }

    private mutating func compile(_ rule: ThreatRule) -> Rule {
        var slots: [[[Int]]] = []
        for alternatives in rule.slots {
            var compiled: [[Int]] = []
            for alternative in alternatives {
                var ids: [Int] = []
                for word in alternative.split(separator: " ") {
                    guard let id = patternID(String(word)) else { ids = []; break }
                    ids.append(id)
                }
                if !ids.isEmpty { compiled.append(ids) }
            }
            slots.append(compiled)
        }
        return Rule(id: rule.id, slots: slots, window: max(rule.window, 1), ordered: rule.ordered)
    }

    private mutating func patternID(_ entry: String) -> Int? {
        guard let pattern = WordPattern(entry) else { return nil }
        if let id = patternIndex[pattern] { return id }
        let id = patterns.count
        patterns.append(pattern)
        patternIndex[pattern] = id
        for bit in 0..<32 where pattern.letters[0] & (1 << LetterSet(bit)) != 0 { byFirstLetter[bit].append(id) }
        return id
    }

    /// One sentence's threat hits, and the words the rules do not count there (for the model to leave
    /// out too): the whole sentence when it reports someone else's words or disowns harm, the words of
    /// idioms, and a word negated by the one before it («не трону»).
    func read(_ words: [NormalWord]) -> (hits: [Hit], ignored: Set<Int>) {
        let ids = words.map { word in
            matchingPatterns(word).union(actsByEar.lazy.filter { $0.pattern.matches(word.units) }.map(\.id))
        }
        if ids.contains(where: { !$0.isDisjoint(with: reported) || !$0.isDisjoint(with: disavowals) }) {
            return ([], Set(words.indices))
        }
        let idiomSpans = idioms.flatMap { find($0, ids) }
        var ignored: Set<Int> = []
        for span in idiomSpans { ignored.formUnion(span.first...span.last) }
        for i in words.indices.dropFirst() where !ids[i - 1].isDisjoint(with: negations) { ignored.insert(i) }
        let hits = rules.flatMap { rule in
            find(rule, ids).filter { hit in
                let negated = !rule.ordered && hit.act > 0 && !ids[hit.act - 1].isDisjoint(with: negations)
                // An idiom that takes in the act, or the verb after a modal act («надо мочить …
                // голосами»), makes the hit a figure of speech.
                let idiom = idiomSpans.contains { span in ([hit.act] + hit.others).contains { (span.first...span.last).contains($0) } }
                return !negated && !idiom
            }
        }
        return (hits, ignored)
    }

    /// An act as it sounds: unstressed о and а, е and и are written by ear («падажгу», «застрилю»), so
    /// each stands for both; nil when that changes nothing. Only acts: other words would meet ordinary
    /// ones («года» is not «гада», «мал» not «мол»); not little words, and not the last letter, whose
    /// ending carries gender and person («убило» is not «убила»).
    private static func heardByEar(_ pattern: WordPattern) -> WordPattern? {
        guard pattern.letters.count >= 3 else { return nil }
        var heard = pattern
        for i in heard.letters.indices.dropLast() {
            if heard.letters[i] & (earO | earA) != 0 { heard.letters[i] |= earO | earA }
            if heard.letters[i] & (earE | earI) != 0 { heard.letters[i] |= earE | earI }
        }
        return heard == pattern ? nil : heard
    }
    private static let earO = Letters.set("о"), earA = Letters.set("а"), earE = Letters.set("е"), earI = Letters.set("и")

    private func matchingPatterns(_ word: NormalWord) -> Set<Int> {
        var result: Set<Int> = []
        guard let first = word.units.first, !first.isWildcard else { return result }
        var bits = first.letters
        while bits != 0 {
            let bit = bits.trailingZeroBitCount
            if bit >= 32 { break }
            for id in byFirstLetter[bit] where patterns[id].matches(word.units) { result.insert(id) }
            bits &= bits - 1
        }
        return result
    }

    /// The length of the slot's alternative found at word `i`, or nil.
    private func slot(_ alternatives: [[Int]], at i: Int, _ ids: [Set<Int>]) -> Int? {
        guard i >= 0 else { return nil }
        for alternative in alternatives where i + alternative.count <= ids.count {
            if alternative.indices.allSatisfy({ ids[i + $0].contains(alternative[$0]) }) { return alternative.count }
        }
        return nil
    }

    private func find(_ rule: Rule, _ ids: [Set<Int>]) -> [Hit] {
        guard let act = rule.slots.first else { return [] }
        var hits: [Hit] = []
        for i in ids.indices {
            guard let actLength = slot(act, at: i, ids) else { continue }
            if rule.ordered {
                var next = i + actLength
                var ok = true
                for alternatives in rule.slots.dropFirst() {
                    guard let length = slot(alternatives, at: next, ids) else { ok = false; break }
                    next += length
                }
                if ok { hits.append(Hit(rule: rule.id, first: i, last: next - 1, act: i, others: Array(i + actLength..<next))) }
                continue
            }
            var first = i, last = i + actLength - 1
            var ok = true
            var positions: [Int] = []
            for alternatives in rule.slots.dropFirst() {
                // The nearest occurrence on either side that keeps every slot within the window.
                var found = false
                for distance in 1..<(rule.window + actLength) {
                    for j in [i + actLength - 1 + distance, i - distance] {
                        guard let length = slot(alternatives, at: j, ids), j + length <= i || j >= i + actLength else { continue }
                        let newFirst = min(first, j), newLast = max(last, j + length - 1)
                        if newLast - newFirst < rule.window {
                            first = newFirst
                            last = newLast
                            positions.append(j)
                            found = true
                            break
                        }
                    }
                    if found { break }
                }
                if !found { ok = false; break }
            }
            if ok { hits.append(Hit(rule: rule.id, first: first, last: last, act: i, others: positions)) }
        }
        return hits
    }
}
