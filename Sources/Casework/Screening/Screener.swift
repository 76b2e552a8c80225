/// The § 11 screener: pure, built once from a lexicon, then `screen` any number of texts.
public struct Screener: Sendable {
    private let obscene: ObsceneMatcher
    private let threats: ThreatMatcher

    /// Compiles every root, word and rule of the lexicon once; entries that do not compile are skipped
    /// (the loader refuses them with file and line before they get here).
    public init(lexicon: ScreeningLexicon) {
        obscene = ObsceneMatcher(lexicon)
        threats = ThreatMatcher(lexicon)
    }

    /// The verdict for a text and the fragments that caused it, as the author wrote them.
    public func screen(_ text: String) -> ScreeningResult {
        let normal = Normaliser.normalise(text)
        var found: [(start: Int, end: Int, match: ScreeningMatch)] = []

        var spans: [(start: Int, end: Int, rule: String)] = []
        for word in normal.pieces + normal.joined {
            guard let hit = obscene.firstMatch(in: word.units),
                  !obscene.isInnocent(written: normal.fragment(word.start, word.end)) else { continue }
            // A run of spaced letters may hold innocent letters around the word («я в х у й а»):
            // show only what the root's shape covers.
            var start = word.start, end = word.end
            if word.isLetterRun {
                if !hit.prefixed { start = word.units[hit.at].start }
                end = word.units[hit.end - 1].end
            }
            spans.append((start, end, hit.id))
        }
        // One fragment per place: a glued chunk covers the pieces inside it.
        for span in spans {
            let covered = spans.contains { other in
                other.start <= span.start && other.end >= span.end && (other.start != span.start || other.end != span.end)
            }
            let repeated = found.contains { $0.start == span.start && $0.end == span.end }
            if covered || repeated { continue }
            found.append((span.start, span.end, ScreeningMatch(fragment: normal.fragment(span.start, span.end), kind: .obscene, rule: span.rule)))
        }

        var sentence: [NormalWord] = []
        func flush() {
            for hit in threats.hits(in: sentence) {
                let start = sentence[hit.first].start, end = sentence[hit.last].end
                found.append((start, end, ScreeningMatch(fragment: normal.fragment(start, end), kind: .threat, rule: hit.rule)))
            }
            sentence.removeAll(keepingCapacity: true)
        }
        for word in normal.pieces {
            if let last = sentence.last, last.sentence != word.sentence { flush() }
            sentence.append(word)
        }
        flush()

        found.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        return ScreeningResult(matches: found.map(\.match))
    }
}
