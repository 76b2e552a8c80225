/// One word of a text: as written, and lowercased with «ё» read as «е».
public struct Token: Sendable, Equatable {
    /// The word as it appears in the text.
    public var original: String
    /// Lowercase, «ё» → «е».
    public var lower: String
    /// The character right after the word, if any (a dot tells «ул.» from «ул»).
    public var following: Character?

    /// Whether the word starts with an uppercase letter.
    public var isCapitalized: Bool { original.first?.isUppercase ?? false }
    /// Whether the word starts with a digit (house numbers such as «12а», «5/1»).
    public var isNumber: Bool { original.first?.isNumber ?? false }
}

/// Splits texts into words the way Russian posts are written: hyphens and slashes inside words stay.
///
/// It walks Unicode scalars rather than `Character`s (grapheme breaking on every step made tokenizing
/// a large part of intake's CPU time); combining marks and joiners stay with the letter before them,
/// as they would inside a `Character`.
public enum Tokenizer {
    /// The words of a text, in order.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = String.UnicodeScalarView()
        var currentCount = 0
        let scalars = Array(text.unicodeScalars)
        func flush(next: Unicode.Scalar?) {
            guard !current.isEmpty else { return }
            // A hyphen or slash left at the end belongs to punctuation, not the word.
            while let last = current.last, last == "-" || last == "/" { current.removeLast() }
            if !current.isEmpty {
                let word = String(current)
                result.append(Token(original: word, lower: normalize(word), following: next.map(Character.init)))
            }
            current = String.UnicodeScalarView()
            currentCount = 0
        }
        for (i, c) in scalars.enumerated() {
            let nextIsWordy = i + 1 < scalars.count && isWordy(scalars[i + 1])
            if isWordy(c) {
                current.append(c)
                currentCount += 1
            } else if !current.isEmpty, isExtending(c) {
                current.append(c)
            } else if c == "-", !current.isEmpty, nextIsWordy {
                current.append(c)
                currentCount += 1
            } else if c == "/", let last = current.last, nextIsWordy, isNumber(last) || currentCount == 1 {
                // «5/1» and «д/с» are one word; «Кирова/Горького» are two.
                current.append(c)
                currentCount += 1
            } else {
                flush(next: c)
            }
        }
        flush(next: nil)
        return result
    }

    /// Lowercase with «ё» → «е»: how every comparison sees a word.
    public static func normalize(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for s in word.lowercased().unicodeScalars {
            // «ё» precomposed, or «е» followed by a combining diaeresis.
            if s == "\u{0308}", previous == "е" { continue }
            let mapped: Unicode.Scalar = s == "ё" ? "е" : s
            result.append(mapped)
            previous = mapped
        }
        return String(result)
    }

    static func isWordy(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || isNumber(s)
    }

    /// As `Character.isNumber` sees its first scalar.
    static func isNumber(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }

    /// Marks and joiners that belong to the character before them.
    static func isExtending(_ s: Unicode.Scalar) -> Bool {
        if s == "\u{200C}" || s == "\u{200D}" { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
