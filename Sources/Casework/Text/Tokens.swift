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
public enum Tokenizer {
    /// The words of a text, in order.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = ""
        let chars = Array(text)
        func flush(next: Character?) {
            guard !current.isEmpty else { return }
            // A hyphen or slash left at the end belongs to punctuation, not the word.
            while let last = current.last, last == "-" || last == "/" { current.removeLast() }
            if !current.isEmpty {
                result.append(Token(original: current, lower: normalize(current), following: next))
            }
            current = ""
        }
        for (i, c) in chars.enumerated() {
            if c.isLetter || c.isNumber {
                current.append(c)
            } else if c == "-", !current.isEmpty, i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber {
                current.append(c)
            } else if c == "/", let last = current.last, i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber,
                      last.isNumber || current.count == 1 {
                // «5/1» and «д/с» are one word; «Кирова/Горького» are two.
                current.append(c)
            } else {
                flush(next: c)
            }
        }
        flush(next: nil)
        return result
    }

    /// Lowercase with «ё» → «е»: how every comparison sees a word.
    public static func normalize(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "ё", with: "е")
    }
}
