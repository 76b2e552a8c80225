import Foundation

/// Finds obscene roots in normalised words, honouring each root's allowed prefixes, required
/// continuations and exceptions.
struct ObsceneMatcher {
    private struct Ending {
        var letters: [LetterSet]
        var wordEnds: Bool
    }

    private struct Root {
        var id: String
        var stem: [LetterSet]
        var prefixes: [[LetterSet]]?   // nil = anything may precede
        var endings: [Ending]?         // nil = anything may follow
        var exceptions: [[LetterSet]]
    }

    private var roots: [Root] = []
    /// Roots by the bit of their first letter, so each position checks only a few.
    private var byFirstLetter: [[Int]] = Array(repeating: [], count: 32)
    /// Innocent words in Cyrillic, compared after normalisation.
    private var innocent: [WordPattern] = []
    /// Innocent words in Latin (brands, names), compared as written: normalised, «ebb» would be «еб».
    private var innocentLatin: [(word: String, anyEnding: Bool)] = []

    init(_ lexicon: ScreeningLexicon) {
        for entry in lexicon.innocentWords {
            if entry.unicodeScalars.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) {
                let anyEnding = entry.hasSuffix("*")
                innocentLatin.append((entry.lowercased().trimmingCharacters(in: ["*"]), anyEnding))
            } else if let pattern = WordPattern(entry) {
                innocent.append(pattern)
            }
        }
        for root in lexicon.roots {
            guard let stem = Normaliser.letters(of: root.stem) else { continue }
            var prefixes: [[LetterSet]]?
            if case .only(let list) = root.before { prefixes = list.compactMap { Normaliser.letters(of: $0) } }
            var endings: [Ending]?
            if case .only(let list) = root.after {
                endings = list.compactMap { entry in
                    let wordEnds = entry.hasSuffix("$")
                    let body = wordEnds ? String(entry.dropLast()) : entry
                    if body.isEmpty { return Ending(letters: [], wordEnds: wordEnds) }
                    return Normaliser.letters(of: body).map { Ending(letters: $0, wordEnds: wordEnds) }
                }
            }
            let compiled = Root(id: root.id, stem: stem, prefixes: prefixes, endings: endings,
                                exceptions: root.exceptions.compactMap { Normaliser.letters(of: $0) })
            let index = roots.count
            roots.append(compiled)
            for bit in 0..<32 where stem[0] & (1 << LetterSet(bit)) != 0 { byFirstLetter[bit].append(index) }
        }
    }

    /// Where a root was found: the stem's first unit and the end of what the root's shape required.
    struct Hit {
        var id: String
        var at: Int
        var end: Int
        var prefixed: Bool
    }

    /// The first root found in the word, or nil.
    func firstMatch(in units: [Unit]) -> Hit? {
        if innocent.contains(where: { $0.matches(units) }) { return nil }
        let wildcards = units.count(where: \.isWildcard)
        // A masked word needs enough real letters to say which word it is («х*й» yes, «х**» no).
        if wildcards > 0, units.count - wildcards < 2 || wildcards > units.count - wildcards + 1 { return nil }
        for p in units.indices {
            var candidates: [Int] = []
            if units[p].isWildcard {
                // A masked first letter needs a written letter before it («за*бали», «о#уели»), or four
                // written after it and no other mask («*уйня», «*издец»).
                if p > 0 || (wildcards == 1 && units.count >= 5) { candidates = Array(roots.indices) }
            }
            var bits = units[p].isWildcard ? 0 : units[p].letters
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                if bit >= 32 { break }
                candidates.append(contentsOf: byFirstLetter[bit])
                bits &= bits - 1
            }
            for index in candidates {
                if let end = matches(roots[index], units, at: p) {
                    return Hit(id: roots[index].id, at: p, end: end, prefixed: roots[index].prefixes != nil)
                }
            }
        }
        return nil
    }

    /// The end of the root's shape in the word when it matches at `p`, or nil.
    /// Whether the word, as written, is one of the Latin innocent words.
    func isInnocent(written: String) -> Bool {
        guard !innocentLatin.isEmpty else { return false }
        let word = written.lowercased()
        return innocentLatin.contains { $0.anyEnding ? word.hasPrefix($0.word) : word == $0.word }
    }

    private func matches(_ root: Root, _ units: [Unit], at p: Int) -> Int? {
        let rest = p + root.stem.count
        guard rest <= units.count, fits(root.stem, units, at: p, wildcards: true) else { return nil }
        if let prefixes = root.prefixes, !isChain(of: prefixes, units[0..<p]) { return nil }
        var end = units.count
        if let endings = root.endings {
            guard let ending = endings.first(where: { ending in
                rest + ending.letters.count <= units.count
                    && fits(ending.letters, units, at: rest, wildcards: true)
                    && (!ending.wordEnds || rest + ending.letters.count == units.count)
            }) else { return nil }
            end = rest + ending.letters.count
        }
        for exception in root.exceptions where exception.count >= root.stem.count {
            // The exception must cover the stem: «страху» in «застрахуй».
            let lowest = max(0, rest - exception.count)
            for s in lowest...p where s + exception.count <= units.count {
                if fits(exception, units, at: s, wildcards: false) { return nil }
            }
        }
        return max(end, rest)
    }

    private func fits(_ letters: [LetterSet], _ units: [Unit], at start: Int, wildcards: Bool) -> Bool {
        guard start + letters.count <= units.count else { return false }
        for (k, set) in letters.enumerated() {
            let unit = units[start + k]
            if unit.isWildcard ? !wildcards : unit.letters & set == 0 { return false }
        }
        return true
    }

    /// Whether the part before the stem is empty or a chain of allowed prefixes («по», «на»+«по»).
    private func isChain(of prefixes: [[LetterSet]], _ part: ArraySlice<Unit>) -> Bool {
        let units = Array(part)
        var reachable = [Bool](repeating: false, count: units.count + 1)
        reachable[0] = true
        for i in 0..<units.count where reachable[i] {
            // A masked letter may be a prefix's («раз*ебали», «з*ебали»).
            for prefix in prefixes where !prefix.isEmpty && fits(prefix, units, at: i, wildcards: true) {
                reachable[i + prefix.count] = true
            }
        }
        return reachable[units.count]
    }
}
