import Foundation
/// Cuts tokens into words: pieces between separators, chunks glued across in-word separators,
/// and runs of single spaced letters.
extension Normaliser {
    private struct Piece {
        var word: NormalWord
        var chunk: Int
        /// An all-Latin piece read letter by letter as the Cyrillic it looks like («x» as «х»).
        var lookAlike: [Unit]? = nil
        /// A lone look-alike sign («6» in «6.л.я.д.ь»): no word alone, a letter only when glued.
        var glueOnly = false
    }

    static func buildWords(_ tokens: [Token], _ sentences: [Int], into text: inout NormalisedText) {
        var pieces: [Piece] = []
        var chunk = 0
        var chunkStart = 0
        var urlChunks: Set<Int> = []
        var runStart: Int?
        var latinLookAlikes: [NormalWord] = []

        func closeRun(_ end: Int) {
            if let start = runStart {
                for (units, lookAlike, glueOnly) in splitRun(tokens[start..<end]) {
                    let sentence = sentences[tokenIndex(of: units[0].start, in: tokens, from: start)]
                    let word = NormalWord(units: units, start: units[0].start, end: units[units.count - 1].end, sentence: sentence)
                    pieces.append(Piece(word: word, chunk: chunk, lookAlike: lookAlike, glueOnly: glueOnly))
                    if let lookAlike, !glueOnly { latinLookAlikes.append(NormalWord(units: lookAlike, start: word.start, end: word.end, sentence: sentence)) }
                }
            }
            runStart = nil
        }

        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .letter, .symbol, .mask, .dot:
                if runStart == nil { runStart = i }
            case .space, .newline:
                closeRun(i)
                if i > chunkStart, looksLikeURL(tokens[chunkStart..<i], text.scalars) { urlChunks.insert(chunk) }
                chunk += 1
                chunkStart = i + 1
            default:
                closeRun(i)
            }
        }
        closeRun(tokens.count)
        if tokens.count > chunkStart, looksLikeURL(tokens[chunkStart...], text.scalars) { urlChunks.insert(chunk) }

        pieces.removeAll { urlChunks.contains($0.chunk) }
        let glued = gluedChunks(pieces)
        pieces.removeAll(where: \.glueOnly)
        text.pieces = pieces.map(\.word)
        // An all-Latin word is read as transliteration («pizdec»), and for obscene roots also letter by
        // letter as the Cyrillic it looks like («xyeta»).
        let kept = Set(pieces.map(\.word.start))
        text.joined = glued + singleLetterRuns(pieces) + unmasked(pieces) + latinLookAlikes.filter { kept.contains($0.start) }
            + detachedFirstLetters(pieces, text) + maskRunsAsOne(pieces)
    }

    private static func tokenIndex(of scalar: Int, in tokens: [Token], from: Int) -> Int {
        var i = from
        while i + 1 < tokens.count, tokens[i].start < scalar { i += 1 }
        return i
    }

    /// A run of letter-like tokens becomes words: single dots and multi-digit numbers split it,
    /// `..` and `*` inside it are masked letters, masks at its edges are decoration.
    private static func splitRun(_ run: ArraySlice<Token>) -> [(units: [Unit], lookAlike: [Unit]?, glueOnly: Bool)] {
        var words: [(units: [Unit], lookAlike: [Unit]?, glueOnly: Bool)] = []
        var current: [Unit] = []
        let cells = Array(run)
        func flush() {
            // «бл*»: a short word with masks after it keeps one, the letter it hides.
            let maskedEnd = current.last.map(\.isWildcard) == true
            while let last = current.last, last.isWildcard { current.removeLast() }
            if maskedEnd, (2...4).contains(current.count), !current.contains(where: \.isWildcard) {
                current.append(Unit(letters: Letters.wildcard, start: current[current.count - 1].end, end: current[current.count - 1].end))
            }
            // «*издец», «*уйня»: one masked first letter before four letters or more stays, unless the
            // word also ends masked (*выделено*, emphasis).
            let leading = current.prefix(while: \.isWildcard).count
            while let first = current.first, first.isWildcard { current.removeFirst() }
            if leading == 1, !maskedEnd, current.count >= 4, !current.contains(where: \.isWildcard) {
                current.insert(Unit(letters: Letters.wildcard, start: current[0].start, end: current[0].start), at: 0)
            }
            if current.contains(where: { !$0.isWildcard && !$0.isSymbol }) {
                let allLatin = current.allSatisfy { $0.latin != 0 }
                words.append((finish(current), allLatin ? collapsed(current) : nil, false))
            } else if current.count == 1, current[0].isSymbol {
                words.append((current, nil, true))
            }
            current = []
        }
        var i = 0
        while i < cells.count {
            let cell = cells[i]
            switch cell.kind {
            case .letter(let set, let latin):
                current.append(Unit(letters: set, start: cell.start, end: cell.end, latin: latin))
            case .symbol(let set):
                // Look-alike digits and signs count one at a time («п1зда» yes, «кв12» no), or as a pair
                // between letters («ё6@ный»); a repeated sign is one letter («бл@@@дь»).
                var j = i
                while j + 1 < cells.count, case .symbol = cells[j + 1].kind { j += 1 }
                let same = cells[i...j].allSatisfy { $0.kind == cell.kind }
                // Or at a word's start before two letters: «3@лупа».
                func isLetter(_ k: Int) -> Bool { if k < cells.count, case .letter = cells[k].kind { true } else { false } }
                let betweenLetters = (!current.isEmpty || isLetter(j + 2)) && isLetter(j + 1)
                if j == i || same {
                    current.append(Unit(letters: set, start: cell.start, end: cells[j].end, isSymbol: true))
                    i = j
                } else if j == i + 1, betweenLetters, case let .symbol(second) = cells[j].kind {
                    current.append(Unit(letters: set, start: cell.start, end: cell.end, isSymbol: true))
                    current.append(Unit(letters: second, start: cells[j].start, end: cells[j].end, isSymbol: true))
                    i = j
                } else {
                    flush()
                    i = j
                }
            case .mask:
                current.append(Unit(letters: Letters.wildcard, start: cell.start, end: cell.end))
            case .dot:
                var j = i
                while j + 1 < cells.count, cells[j + 1].kind == .dot { j += 1 }
                if j == i || current.isEmpty {
                    flush()  // a single dot separates («т.е.», «ул.Ленина»)
                } else {
                    for k in i...j { current.append(Unit(letters: Letters.wildcard, start: cells[k].start, end: cells[k].end)) }
                }
                i = j
            default:
                break
            }
            i += 1
        }
        flush()
        return words
    }

    /// A mask between every two letters may be a separator rather than a hidden letter: «е*б*а*т*ь»,
    /// «п..и..з..д..е..ц» are read without the masks too (and «м*д*к» still with them).
    private static func unmasked(_ pieces: [Piece]) -> [NormalWord] {
        pieces.compactMap { piece in
            guard piece.word.units.count >= 5, isMaskBetweenEveryLetter(piece.word.units) else { return nil }
            var word = piece.word
            word.units = collapsed(word.units.filter { !$0.isWildcard })
            return word
        }
    }

    /// Letters one by one with masks between them, at least three letters: «х*у*й», «п..и..з..д..е..ц».
    private static func isMaskBetweenEveryLetter(_ units: [Unit]) -> Bool {
        var letters = 0
        var previousWasLetter = false
        for unit in units {
            if unit.isWildcard {
                previousWasLetter = false
            } else {
                if previousWasLetter { return false }
                previousWasLetter = true
                letters += 1
            }
        }
        return letters >= 3
    }

    /// All-Latin words read as transliteration with its digraphs; then repeated letters collapsed.
    static func finish(_ units: [Unit]) -> [Unit] {
        guard units.allSatisfy({ $0.latin != 0 }) else { return collapsed(units) }
        // No «jo», and «yo»/«ye» only first («yobaniy», «yebat»): they would turn «job» and «eyeball» into «ёб».
        let digraphs: [String: String] = [
            "ya": "я", "ja": "я", "yu": "ю", "ju": "ю",
            "ch": "ч", "sh": "ш", "zh": "ж", "kh": "х", "ts": "ц", "je": "е",
        ]
        let units = units.map { unit in
            var unit = unit
            unit.letters = Letters.transliteration[Int(unit.latin - 97)]
            return unit
        }
        var result: [Unit] = []
        var i = 0
        while i < units.count {
            if i + 1 < units.count {
                let pair = String(UnicodeScalar(units[i].latin)) + String(UnicodeScalar(units[i + 1].latin))
                if let cyr = digraphs[pair] ?? (i == 0 && (pair == "yo" || pair == "ye") ? "е" : nil) {
                    result.append(Unit(letters: Letters.set(cyr), start: units[i].start, end: units[i + 1].end))
                    i += 2
                    continue
                }
            }
            result.append(units[i])
            i += 1
        }
        return collapsed(result)
    }

    /// «х.у.й», «пи-зда», «бл_ядь»: a chunk without spaces split by separators, read as one word.
    private static func gluedChunks(_ pieces: [Piece]) -> [NormalWord] {
        var result: [NormalWord] = []
        var i = 0
        while i < pieces.count {
            var j = i
            while j + 1 < pieces.count, pieces[j + 1].chunk == pieces[i].chunk { j += 1 }
            // Two lone letters are initials or abbreviations («Е.Б.», «т.е.»), not a spelled-out word.
            let allSingle = pieces[i...j].allSatisfy { $0.word.units.count == 1 }
            // Latin letters among Cyrillic ones are look-alikes («x-y-й-н-я»), not transliteration.
            let mixed = pieces[i...j].contains { $0.lookAlike == nil && !$0.glueOnly }
            if j > i, !allSingle || j - i >= 2, pieces[i...j].contains(where: { !$0.glueOnly }) {
                let units = collapsed(pieces[i...j].flatMap { mixed ? $0.lookAlike ?? $0.word.units : $0.word.units })
                result.append(NormalWord(units: units, start: pieces[i].word.start, end: pieces[j].word.end, sentence: pieces[i].word.sentence))
            }
            i = j + 1
        }
        return result
    }

    /// «х уйня», «п издец»: a lone letter that is no word of its own («в», «к», «с», «у», «о», «а», «и»,
    /// «я» are) glued to the word after it. (Gluing any two neighbours, «пиз дец», found no more on the
    /// held-out corpus and flagged innocent pairs.)
    private static func detachedFirstLetters(_ pieces: [Piece], _ text: NormalisedText) -> [NormalWord] {
        let oneLetterWords = Letters.set("вксуоаия")
        var result: [NormalWord] = []
        for i in pieces.indices.dropLast() {
            let lone = pieces[i].word, next = pieces[i + 1].word
            guard lone.units.count == 1, !lone.units[0].isWildcard, lone.units[0].letters & oneLetterWords == 0,
                  !wholeShortWords.contains(text.fragment(lone.start, lone.end).lowercased()),
                  next.units.count >= 3, next.sentence == lone.sentence, pieces[i + 1].chunk == pieces[i].chunk + 1 else { continue }
            result.append(NormalWord(units: collapsed(lone.units + next.units), start: lone.start, end: next.end, sentence: lone.sentence))
        }
        return result
    }

    /// Short words written whole, which folding repeated letters would shrink to a root's start
    /// («её» reads «е»): they do not begin a word broken in two («её будут» is not «ебудут»).
    static let wholeShortWords: Set<String> = ["её", "ее", "ей", "его", "ему", "не", "ни", "он", "она", "мы", "вы", "ты", "их", "им"]

    /// «У**бки», «долбо**б»: two masks may hide one letter.
    private static func maskRunsAsOne(_ pieces: [Piece]) -> [NormalWord] {
        pieces.compactMap { piece in
            let units = piece.word.units
            guard units.indices.dropFirst().contains(where: { units[$0].isWildcard && units[$0 - 1].isWildcard }) else { return nil }
            var word = piece.word
            word.units = units.enumerated().filter { i, unit in !(unit.isWildcard && i > 0 && units[i - 1].isWildcard) }.map(\.element)
            return word
        }
    }

    /// «х у й»: only runs of single letters are glued, so ordinary neighbouring words never merge.
    private static func singleLetterRuns(_ pieces: [Piece]) -> [NormalWord] {
        var result: [NormalWord] = []
        var i = 0
        while i < pieces.count {
            guard pieces[i].word.units.count == 1 else { i += 1; continue }
            var j = i
            while j + 1 < pieces.count, pieces[j + 1].word.units.count == 1 { j += 1 }
            if j - i >= 2 {  // three letters or more: «Е. Б. Кузнецова» keeps its initials
                // Clearly wider gaps between the letters part words: «у б ь ю   г л а в у» is two
                // words; a stray double space or invisible character is not a gap.
                let gaps = (i..<j).map { pieces[$0 + 1].word.start - pieces[$0].word.end }
                let wide = max(3, 2 * (gaps.min() ?? 0) + 1)
                var first = i
                for k in i...j where k == j || gaps[k - i] >= wide {
                    if k > first {
                        let units = collapsed(pieces[first...k].flatMap(\.word.units))
                        result.append(NormalWord(units: units, start: pieces[first].word.start, end: pieces[k].word.end, sentence: pieces[first].word.sentence, isLetterRun: true))
                    }
                    first = k + 1
                }
            }
            i = j + 1
        }
        return result
    }

    /// «name@host.ru»: an @ with a dotted host after it («п.1.з.д.@» is a word in disguise).
    private static func isEmailAddress(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at != text.startIndex else { return false }
        let host = text[text.index(after: at)...].trimmingCharacters(in: .punctuationCharacters).split(separator: ".", omittingEmptySubsequences: false)
        return host.count >= 2 && host.allSatisfy { $0.count >= 2 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }

    /// Links are not prose: `vk.com/wall-1_6e6a` must not be read for roots.
    private static func looksLikeURL(_ chunk: ArraySlice<Token>, _ scalars: [Unicode.Scalar]) -> Bool {
        guard let first = chunk.first, let last = chunk.last else { return false }
        // Cheap test first: a link has a dot, a slash, a colon or an @.
        let marks: Set<UInt32> = [0x2E, 0x2F, 0x3A, 0x40]
        guard chunk.contains(where: { $0.end - $0.start == 1 && marks.contains(scalars[$0.start].value) }) else { return false }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first.start..<last.end])
        let text = String(view).lowercased()
        if text.contains("://") || text.hasPrefix("www.") || isEmailAddress(text) { return true }
        for domain in [".ru", ".com", ".рф", ".org", ".net", ".su", ".me"] {
            if let range = text.range(of: domain) {
                let rest = text[range.upperBound...]
                if rest.isEmpty || rest.hasPrefix("/") { return true }
            }
        }
        return false
    }
}
