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
        let found = outermost(obsceneSpans(normal)) + outermost(threatSpans(normal))
        let ordered = found.sorted { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }
        return ScreeningResult(matches: ordered.map {
            ScreeningMatch(fragment: normal.fragment($0.start, $0.end), kind: $0.kind, rule: $0.rule)
        })
    }

    private struct Span {
        var start: Int
        var end: Int
        var kind: ScreeningMatchKind
        var rule: String
    }

    private func obsceneSpans(_ normal: NormalisedText) -> [Span] {
        var spans: [Span] = []
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
            spans.append(Span(start: start, end: end, kind: .obscene, rule: hit.id))
        }
        return spans
    }

    private func threatSpans(_ normal: NormalisedText) -> [Span] {
        var spans: [Span] = []
        var sentence: [NormalWord] = []
        func flush() {
            for hit in threats.hits(in: sentence) {
                spans.append(Span(start: sentence[hit.first].start, end: sentence[hit.last].end, kind: .threat, rule: hit.rule))
            }
            sentence.removeAll(keepingCapacity: true)
        }
        for word in normal.pieces {
            if let last = sentence.last, last.sentence != word.sentence { flush() }
            sentence.append(word)
        }
        flush()
        return spans
    }

    /// One fragment per place: a span inside another (a piece inside its glued chunk, a shorter
    /// threat inside a longer one) and repeats of the same span are dropped.
    private func outermost(_ spans: [Span]) -> [Span] {
        var kept: [Span] = []
        for span in spans {
            let covered = spans.contains { other in
                other.start <= span.start && other.end >= span.end && (other.start != span.start || other.end != span.end)
            }
            let repeated = kept.contains { $0.start == span.start && $0.end == span.end }
            if !covered && !repeated { kept.append(span) }
        }
        return kept
    }
}
