import Foundation

/// Turns raw text into normalised words: NFKC-style folding, case, ё→е, look-alikes, invisible
/// characters dropped, masks, separators inside words, repeated letters collapsed.
enum Normaliser {
    static func normalise(_ text: String) -> NormalisedText {
        var result = NormalisedText(scalars: Array(text.unicodeScalars))
        let tokens = tokenise(result.scalars)
        let sentences = sentenceNumbers(tokens)
        buildWords(tokens, sentences, into: &result)
        return result
    }

    /// The letters of a lexicon entry, normalised like text; nil if it is not one word of letters.
    static func letters(of entry: String) -> [LetterSet]? {
        let text = normalise(entry)
        // One word; a Latin entry's look-alike reading («hue» as «нуе») is not a second word.
        guard text.pieces.count == 1, text.joined.allSatisfy({ $0.start == text.pieces[0].start }) else { return nil }
        let units = text.pieces[0].units
        guard !units.contains(where: \.isWildcard), !units.contains(where: { $0.letters == 0 }) else { return nil }
        return units.map(\.letters)
    }

    // MARK: - Characters

    enum Kind: Equatable {
        case letter(LetterSet, latin: UInt8)
        /// A digit or symbol that reads as a letter inside a word.
        case symbol(LetterSet)
        case digit
        case mask
        case dot
        case space
        case newline
        case terminator
        case quoteOpen, quoteClose, quoteToggle
        case separator

        /// A letter, or a sign that reads as one («3» in «п!3да»).
        var isLetterLike: Bool {
            switch self {
            case .letter, .symbol: true
            default: false
            }
        }
    }

    struct Token {
        var kind: Kind
        var start: Int
        var end: Int
    }

    static func tokenise(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            // «}{уйня»: the two braces draw an х.
            if scalar == "{", index > 0, scalars[index - 1] == "}", let last = tokens.last, last.end == index {
                tokens[tokens.count - 1] = Token(kind: .letter(Letters.set("х"), latin: 0), start: last.start, end: index + 1)
                continue
            }
            classify(scalar, at: index, into: &tokens)
        }
        // «П!здец», «Бл?дь»: a ! or ? between two letters hides a letter, it ends no sentence.
        for i in tokens.indices.dropFirst().dropLast() where tokens[i].kind == .terminator && scalars[tokens[i].start].value < 0x80 {
            if tokens[i - 1].kind.isLetterLike, tokens[i + 1].kind.isLetterLike { tokens[i].kind = .mask }
        }
        return tokens
    }

    private static func classify(_ scalar: Unicode.Scalar, at index: Int, into tokens: inout [Token]) {
        let v = scalar.value
        func add(_ kind: Kind) { tokens.append(Token(kind: kind, start: index, end: index + 1)) }
        // Fast paths: ASCII and Cyrillic need no Unicode tables.
        if v < 0x80 {
            switch v {
            case 0x41...0x5A: add(.letter(Letters.latin[Int(v - 0x41)], latin: UInt8(v + 0x20)))
            case 0x61...0x7A: add(.letter(Letters.latin[Int(v - 0x61)], latin: UInt8(v)))
            case 0x30...0x39: add(Letters.symbol(v).map(Kind.symbol) ?? .digit)
            case 0x40, 0x24: add(.symbol(Letters.symbol(v)!))
            // «#благоустройство»: a # that starts a word is a hashtag, not a hidden letter.
            case 0x23 where tokens.last.map { !$0.kind.isLetterLike && $0.kind != .mask } ?? true: add(.separator)
            case 0x2A, 0x23, 0x25: add(.mask)  // * # %
            case 0x2E: add(.dot)
            case 0x20, 0x09: add(.space)
            case 0x0A, 0x0D, 0x0B, 0x0C: add(.newline)
            case 0x21, 0x3F, 0x3B: add(.terminator)
            case 0x22: add(.quoteToggle)
            default: add(.separator)
            }
            return
        }
        if (0x400...0x4FF).contains(v) {
            var lower = v
            if (0x410...0x42F).contains(v) { lower = v + 0x20 } else if (0x400...0x40F).contains(v) { lower = v + 0x50 }
            else if v >= 0x460, v & 1 == 0 { lower = v + 1 }
            // Other Cyrillic letters (ѣ, ә…) are letters that match nothing.
            add(.letter(Letters.cyrillic(lower) ?? 0, latin: 0))
            return
        }
        switch v {
        case 0x306:  // combining breve: и + ̆ is й
            if let last = tokens.last, case .letter(let set, _) = last.kind, set == Letters.set("и") {
                tokens[tokens.count - 1].kind = .letter(Letters.set("й"), latin: 0)
            }
            extendLast(&tokens, to: index)
            return
        case 0x391...0x3A9: add(.letter(Letters.greek(v + 0x20) ?? 0, latin: 0)); return
        case 0x3B1...0x3C9: add(.letter(Letters.greek(v) ?? 0, latin: 0)); return
        case 0xAB, 0x201E: add(.quoteOpen); return
        case 0xBB: add(.quoteClose); return
        case 0x201C, 0x201D: add(.quoteToggle); return
        case 0x2026: add(.terminator); return
        case 0x20AC: add(.symbol(Letters.symbol(v)!)); return
        case 0x2217, 0x204E, 0x2731, 0x2733: add(.mask); return
        case 0x2028, 0x2029, 0x85: add(.newline); return
        case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800: add(.space); return  // blank "letters"
        default: break
        }
        switch scalar.properties.generalCategory {
        case .format, .control:
            return  // zero-width and other invisible characters vanish
        case .nonspacingMark, .spacingMark, .enclosingMark:
            extendLast(&tokens, to: index)  // accents and zalgo belong to the letter before
        case .spaceSeparator:
            add(.space)
        case .lineSeparator, .paragraphSeparator:
            add(.newline)
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            // Compatibility forms (ｆｕｌｌｗｉｄｔｈ, 𝐛𝐨𝐥𝐝, ⓒⓘⓡⓒⓛⓔⓓ, accented Latin) fold to plain letters.
            let folded = String(Character(scalar)).decomposedStringWithCompatibilityMapping.lowercased()
            let parts = folded.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
            if parts.count >= 1, parts.first != scalar {
                let before = tokens.count
                for part in parts { classify(part, at: index, into: &tokens) }
                for i in before..<tokens.count { tokens[i].start = index; tokens[i].end = index + 1 }
            } else {
                add(.letter(0, latin: 0))
            }
        default:
            add(.separator)  // punctuation, symbols, emoji
        }
    }

    private static func extendLast(_ tokens: inout [Token], to index: Int) {
        if !tokens.isEmpty { tokens[tokens.count - 1].end = index + 1 }
    }

    // MARK: - Sentences

    /// The sentence number of each token. Terminators inside quotes do not end a sentence, so a
    /// quoted threat stays with the «он кричал:» that reports it.
    static func sentenceNumbers(_ tokens: [Token]) -> [Int] {
        var numbers = [Int](repeating: 0, count: tokens.count)
        var sentence = 0
        var quotes: [Bool] = []  // true = a straight quote that closes itself
        for (i, token) in tokens.enumerated() {
            numbers[i] = sentence
            switch token.kind {
            case .newline:
                sentence += 1
                quotes.removeAll()
            case .terminator where quotes.isEmpty:
                sentence += 1
            case .dot where quotes.isEmpty:
                let next = i + 1 < tokens.count ? tokens[i + 1].kind : .space
                if next == .space || next == .newline || next == .quoteClose { sentence += 1 }
            case .quoteOpen:
                quotes.append(false)
            case .quoteClose:
                _ = quotes.popLast()
            case .quoteToggle:
                if quotes.last == true { quotes.removeLast() } else { quotes.append(true) }
            default:
                break
            }
        }
        return numbers
    }
}
