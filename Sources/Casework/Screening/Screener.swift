import Foundation

/// The § 11 screener: pure, built once from a lexicon, then `screen` any number of texts.
public struct Screener: Sendable {
    private let obscene: ObsceneMatcher
    private let threats: ThreatMatcher
    private let classes: WordClasses
    private let model: ThreatModel?
    /// Acts of `kill` (four letters or more) and `arson` (five), looked for inside words run together.
    private let gluedKills: [String]
    private let gluedArson: [String]

    /// Compiles every root, word and rule of the lexicon once; entries that do not compile are skipped
    /// (the loader refuses them with file and line before they get here).
    public init(lexicon: ScreeningLexicon) {
        obscene = ObsceneMatcher(lexicon)
        threats = ThreatMatcher(lexicon)
        classes = WordClasses(lexicon.threatClasses)
        model = lexicon.threatModel
        func spelled(_ name: String, atLeast: Int) -> [String] {
            (lexicon.threatClasses[name] ?? []).filter { !$0.contains("*") && !$0.contains(" ") }
                .compactMap { Normaliser.letters(of: $0) }.filter { $0.count >= atLeast }
                .map { Letters.spelling($0.map { Unit(letters: $0, start: 0, end: 0) }) }
        }
        gluedKills = spelled("kill", atLeast: 4)
        gluedArson = spelled("arson", atLeast: 5)
    }

    /// The verdict for a text and the fragments that caused it, as the author wrote them.
    public func screen(_ text: String) -> ScreeningResult {
        let normal = Normaliser.normalise(text)
        let reading = readThreats(normal)
        var threatFound = outermost(reading.spans)
        if threatFound.isEmpty { threatFound = gluedThreats(reading.counted, normal) }
        if threatFound.isEmpty, let span = modelSpan(reading.counted) { threatFound = [span] }
        let found = outermost(obsceneSpans(normal)) + threatFound
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
        // A word split into syllables («за-стра-хуй-те») is read whole: a syllable that only looks
        // obscene inside a clean whole does not count.
        let cleanSyllabled = normal.joined.filter { chunk in
            !chunk.isLetterRun && normal.pieces.count(where: { $0.start >= chunk.start && $0.end <= chunk.end }) >= 3
                && obscene.firstMatch(in: chunk.units) == nil
        }
        for word in normal.pieces + normal.joined + Self.splitPairs(normal) {
            if cleanSyllabled.contains(where: { word.start >= $0.start && word.end <= $0.end && (word.start, word.end) != ($0.start, $0.end) }) {
                continue
            }
            guard let hit = obscene.firstMatch(in: word.units),
                  !obscene.isInnocent(written: normal.fragment(word.start, word.end)),
                  hit.at > 0 || !Self.isForeignName(word, in: normal) else { continue }
            // In letters spelled out one by one, a root may have words around it («я в х у й а»), but
            // only words a letter can be alone: «р е б я т а» is «ребята», not «р» and «еб».
            if word.isLetterRun, hit.at > 0, !Self.standsAlone.contains(word.units[hit.at - 1].letters) { continue }
            // A run of spaced letters may hold innocent letters around the word («я в х у й а»):
            // show only what the root's shape covers.
            var start = word.start, end = word.end
            if word.isLetterRun {
                if !hit.prefixed { start = word.units[hit.at].start }
                end = word.units[hit.end - 1].end
            }
            // A word split by a space («пиз дец», «му дак») counts only when the root spans the space:
            // each half alone was looked at already.
            // A prefix in the first half counts as spanning it: «до лбоёбы».
            // A first half with letters before an unprefixed root is a word of its own: «сабля деда»
            // and «дирижабля для» are not «бляд» (one letter may be: «ох уели»).
            if let split = word.splitAt, !(hit.at < split && hit.end > split && (hit.at <= 1 || hit.prefixed) || hit.prefixed && hit.at >= split)
                || obscene.firstMatch(in: Array(word.units[..<split])) != nil
                || obscene.firstMatch(in: Array(word.units[split...])) != nil { continue }
            spans.append(Span(start: start, end: end, kind: .obscene, rule: hit.id))
        }
        return spans
    }

    /// A capitalised Latin word beside another is a foreign name («Hui Min», «Liu Hui», «Hương & Huy»), not
    /// transliterated мат, which is not written as a first and last name (and a prefixed word,
    /// «Nahui», is no name). In Cyrillic, so is a capitalised syllable inside a sentence beside another
    /// capitalised word («студент Нгуен Куанг Хуи»).
    static func isForeignName(_ word: NormalWord, in normal: NormalisedText) -> Bool {
        let pieces = normal.pieces
        guard let i = pieces.firstIndex(where: { $0.start == word.start && $0.end == word.end }) else { return false }
        // In Cyrillic only a short syllable name ends in a vowel: «Хуи»; «Наш Мэр Мудак» is no name.
        let cyrillic = Self.isTitle(word, normal, cyrillic: true)
        if cyrillic, word.units.count > 3 || !"иаэе".unicodeScalars.contains(normal.scalars[word.end - 1]) { return false }
        // Piece k, when it is in the word's sentence (and, in Cyrillic, not the capital that starts it).
        func inSentence(_ k: Int) -> Bool {
            pieces.indices.contains(k) && pieces[k].sentence == word.sentence && !(cyrillic && (k == 0 || pieces[k - 1].sentence != pieces[k].sentence))
        }
        func isTitle(_ k: Int) -> Bool { inSentence(k) && Self.isTitle(pieces[k], normal, cyrillic: cyrillic) }
        func isParticle(_ k: Int) -> Bool { inSentence(k) && nameParticles.contains(normal.fragment(pieces[k].start, pieces[k].end)) }
        guard isTitle(i) else { return false }
        // «Huib van Dijk», «Hui de la Cruz»: a particle between names.
        return [-1, 1].contains { step in
            isTitle(i + step) || isParticle(i + step) && (isTitle(i + 2 * step) || isParticle(i + 2 * step) && isTitle(i + 3 * step))
        }
    }

    /// «Hui», «Хуи»: a capital and then lowercase letters of one script.
    static func isTitle(_ piece: NormalWord, _ normal: NormalisedText, cyrillic: Bool) -> Bool {
        let written = normal.fragment(piece.start, piece.end).unicodeScalars
        guard let first = written.first, written.count >= 2 else { return false }
        if cyrillic {
            return ("А"..."Я").contains(first) && written.dropFirst().allSatisfy { ("а"..."я").contains($0) || $0 == "ё" }
        }
        guard ("A"..."Z").contains(first) || isAccentedLatin(first) else { return false }
        return written.dropFirst().allSatisfy { ("a"..."z").contains($0) || isAccentedLatin($0) }
    }

    static let nameParticles: Set<String> = ["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "dos", "bin", "ibn", "al", "ten", "ter"]

    /// Latin letters with diacritics, as in Vietnamese, Polish or Czech names («Hương», «Łukasz»).
    static func isAccentedLatin(_ scalar: Unicode.Scalar) -> Bool {
        (0xC0...0x24F).contains(scalar.value) && scalar.value != 0xD7 && scalar.value != 0xF7
            || (0x1E00...0x1EFF).contains(scalar.value)
    }

    /// Little words that end a pair rather than finish a broken word: «Семья Ху из Харбина».
    static let pairEnders: Set<[LetterSet]> = Set(["и", "из", "их", "им", "ей", "ее", "ем", "ли"].compactMap { Normaliser.letters(of: $0) })

    /// The letters that are Russian words on their own (в, и, к, о, с, у, я, а).
    static let standsAlone: Set<LetterSet> = Set("авикосуя".compactMap { Normaliser.letters(of: String($0))?.first })

    /// Neighbouring words with one space between them, read as one: a word broken in two to slip past.
    static func splitPairs(_ normal: NormalisedText) -> [NormalWord] {
        var pairs: [NormalWord] = []
        // Letters spelled out one by one («р е б я т а») are read as their run, not in pairs.
        let runs = normal.joined.filter(\.isLetterRun)
        for (a, b) in zip(normal.pieces, normal.pieces.dropFirst())
        where a.sentence == b.sentence && b.start == a.end + 1 && normal.scalars[a.end] == " "
            && a.units.count + b.units.count <= 12 && min(a.units.count, b.units.count) <= 4
            && !runs.contains(where: { a.start >= $0.start && b.end <= $0.end })
            && !pairEnders.contains(b.units.map(\.letters))
            // A letter or a pronoun that is a word («и банк», «её будут») is not the start of a broken one.
            && !(a.units.count == 1 && standsAlone.contains(a.units[0].letters))
            && !Normaliser.wholeShortWords.contains(normal.fragment(a.start, a.end).lowercased()) {
            var joined = NormalWord(units: a.units + b.units, start: a.start, end: b.end, sentence: a.sentence)
            joined.splitAt = a.units.count
            pairs.append(joined)
        }
        return pairs
    }

    /// One pass over the sentences for threats: the rules' hits, and the words the rules would count
    /// (reports, idioms, negated acts and disowning sentences left out), which the model reads when no
    /// rule fired. Words spelled out letter by letter («у б ь ю») are read whole by both.
    private func readThreats(_ normal: NormalisedText) -> (spans: [Span], counted: [NormalWord]) {
        var spans: [Span] = []
        var counted: [NormalWord] = []
        var sentence: [NormalWord] = []
        func flush() {
            let reading = threats.read(sentence)
            for hit in reading.hits {
                spans.append(Span(start: sentence[hit.first].start, end: sentence[hit.last].end, kind: .threat, rule: hit.rule))
            }
            counted += sentence.indices.filter { !reading.ignored.contains($0) }.map { sentence[$0] }
            sentence.removeAll(keepingCapacity: true)
        }
        for word in Self.gluedWhereSpelledOut(normal) {
            if let last = sentence.last, last.sentence != word.sentence { flush() }
            sentence.append(word)
        }
        flush()
        return (spans, counted)
    }

    /// Words run together to slip past («явасвсехперережу», «завтравзорвууправу»): a long word that
    /// holds an act of arson, or a harm verb and a victim, with no «не» right before the act. Only
    /// among the counted words (reports and idioms are out), and never a hashtag («#сожжемчучелозимы»).
    private func gluedThreats(_ counted: [NormalWord], _ normal: NormalisedText) -> [Span] {
        counted.compactMap { word in
            guard word.units.count >= 12, word.start == 0 || normal.scalars[word.start - 1] != "#" else { return nil }
            let letters = Letters.spelling(word.units)
            func unnegated(_ act: String) -> Bool {
                guard let range = letters.range(of: act) else { return false }
                return !letters[..<range.lowerBound].hasSuffix("не")
            }
            if gluedArson.contains(where: unnegated) {
                return Span(start: word.start, end: word.end, kind: .threat, rule: "arson")
            }
            guard let act = gluedKills.first(where: unnegated) else { return nil }
            let rest = letters.replacingOccurrences(of: act, with: " ")
            guard Self.gluedVictims.contains(where: rest.contains) else { return nil }
            return Span(start: word.start, end: word.end, kind: .threat, rule: "harm-person")
        }
    }
    private static let gluedVictims = ["тебя", "тебе", "вас", "вам", "всех", "мэра", "главу"]

    /// The counted words as the threat model reads them: one spelling (о read as а, so «тваю» is
    /// «твою») and the lexicon classes.
    private func modelWords(_ counted: [NormalWord]) -> [ThreatModel.Word] {
        counted.map { word in
            ThreatModel.Word(text: Letters.spelling(word.units, foldingO: true), sentence: word.sentence, start: word.start,
                             end: word.end, classes: classes.names(of: word.units))
        }
    }

    /// The pieces, with letters spelled out one or two at a time («у.б.ь.ю», «т е б я») read as the
    /// word they make.
    static func gluedWhereSpelledOut(_ normal: NormalisedText) -> [NormalWord] {
        let spelled = normal.joined.filter { joined in
            let inside = normal.pieces.filter { $0.start >= joined.start && $0.end <= joined.end }
            return (inside.count >= 3 || joined.isLetterRun && inside.count == 2) && inside.allSatisfy { $0.units.count <= 2 }
        }
        guard !spelled.isEmpty else { return normal.pieces }
        var out = normal.pieces.filter { piece in !spelled.contains { piece.start >= $0.start && piece.end <= $0.end } }
        out += spelled
        return out.sorted { $0.start < $1.start }
    }

    /// The model's verdict where no rule fired: the words that weighed most, in the sentence that
    /// weighed most, are the fragment shown.
    private func modelSpan(_ counted: [NormalWord]) -> Span? {
        guard let model, !counted.isEmpty else { return nil }
        // Sentences that only address someone are left out, alone and in the whole.
        let all = modelWords(counted)
        let saying = Set(Dictionary(grouping: all, by: \.sentence).filter { Self.hasThreatShape($0.value) }.keys)
        let words = all.filter { saying.contains($0.sentence) }
        guard !words.isEmpty else { return nil }
        let (probability, byWord) = model.evaluate(words)
        guard probability >= model.threshold else { return nil }
        var bySentence: [Int: Double] = [:]
        for (i, word) in words.enumerated() where byWord[i] > 0 { bySentence[word.sentence, default: 0] += byWord[i] }
        guard let sentence = bySentence.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { return nil }
        let inSentence = words.indices.filter { words[$0].sentence == sentence }
        let strongest = inSentence.map { byWord[$0] }.max() ?? 0
        let strong = inSentence.filter { byWord[$0] >= strongest * 0.3 && byWord[$0] > 0 }
        guard let first = strong.first, let last = strong.last else { return nil }
        return Span(start: words[first].start, end: words[last].end, kind: .threat, rule: "model")
    }

    /// The model weighs only a text that says something beyond addressing someone: when all that is
    /// left (negated acts and idioms taken out) are pronouns, titles and little words — «Я тебя не
    /// трону, глава» — there is nothing to be a threat.
    static func hasThreatShape(_ words: [ThreatModel.Word]) -> Bool {
        let addressing: Set<String> = ["yours", "official", "victim", "first_person", "modal", "intent", "call", "owner"]
        return words.contains { word in
            word.text.count >= 3 && !littleWords.contains(word.text)
                && (word.classes.isEmpty || !Set(word.classes).subtracting(addressing).isEmpty)
        }
    }

    /// Words that carry no matter of their own (spelled as the model reads them: о as а).
    static let littleWords: Set<String> = ["эта", "эти", "этат", "тат", "так", "как", "вот", "уже", "еще", "тут", "там", "чта",
                                           "кта", "все", "всех", "вам", "вас", "ваш", "мне", "нас", "них", "мой", "сам", "даже",
                                           "этим", "этаму", "тебя", "тебе", "себя"]

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

extension Screener {
    /// A threat model fitted to labelled texts, reading them as this screener does (its lexicon's
    /// classes; a model it may already have is not used).
    public func trainThreatModel(on examples: [(text: String, threat: Bool)], threshold: Double = ThreatModel.defaultThreshold,
                                 l2: Double = 0.003) -> ThreatModel {
        ThreatModel.train(examples.map { (modelWords(readThreats(Normaliser.normalise($0.text)).counted), $0.threat) }, l2: l2,
                          threshold: threshold)
    }
}
