import Foundation

/// Rich text's markup read as tags and characters: its visible length, splitting a long text into
/// messages, and the check that a text uses only our marks. The one model of the messengers' HTML:
/// every adapter measures and splits with it, and `Dialogs/` is validated against it.
extension RichText {
    /// The marks rich text may use: those both Telegram's HTML and MAX's accept (MAX strips others,
    /// Telegram refuses the message), with the attribute each requires.
    static let marks: [String: String?] = [
        "b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil, "s": nil, "del": nil,
        "code": nil, "pre": nil, "blockquote": nil, "a": "href",
    ]

    /// The length messengers check against their limits (Telegram 4,096 text and 1,024 caption, MAX
    /// 4,000): UTF-16 code units of the text after tags are removed and entities decoded.
    public static func visibleLength(_ text: String, isHTML: Bool = true) -> Int {
        guard isHTML else { return text.utf16.count }
        return tokenize(text).reduce(0) { $0 + $1.visibleLength }
    }

    /// Splits `text` into messages of at most `limit` visible characters, preferring paragraph
    /// breaks, then line breaks, then spaces. HTML tags open at a split are closed at the end of one
    /// part and reopened at the start of the next, so every part parses on its own.
    public static func split(_ text: String, limit: Int, isHTML: Bool = true) -> [String] {
        precondition(limit > 0)
        // Markup and entities only add to the raw length: a text within the limit is one part as it is.
        if text.utf16.count <= limit { return text.isEmpty ? [] : [text] }
        let tokens = isHTML ? tokenize(text) : text.map { Token.text(String($0), visible: String($0).utf16.count) }
        var parts: [String] = []
        var start = 0
        var openAtStart: [OpenTag] = []
        while start < tokens.count {
            var open = openAtStart
            var length = 0
            var index = start
            // Best break found so far in this part, by quality: paragraph > line > space.
            var breaks: [Int: (index: Int, open: [OpenTag])] = [:]
            while index < tokens.count {
                let token = tokens[index]
                if token.visibleLength > 0, length + token.visibleLength > limit, index > start { break }
                length += token.visibleLength
                switch token {
                case let .open(tag): open.append(tag)
                case let .close(name):
                    if let i = open.lastIndex(where: { $0.name == name }) { open.remove(at: i) }
                case let .text(s, _):
                    if s == "\n" {
                        let isParagraph = index + 1 < tokens.count && tokens[index + 1].isNewline
                        breaks[isParagraph ? 2 : 1] = (index, open)
                    } else if s == " " {
                        breaks[0] = (index, open)
                    }
                }
                index += 1
            }
            if index >= tokens.count {
                parts.append(render(tokens[start..<tokens.count], reopening: openAtStart, closing: []))
                break
            }
            let cut = breaks[2] ?? breaks[1] ?? breaks[0] ?? (index, open)
            // A cut at a separator drops that separator; a hard cut keeps every character.
            let separatorCut = breaks[2] != nil || breaks[1] != nil || breaks[0] != nil
            parts.append(render(tokens[start..<cut.index], reopening: openAtStart, closing: cut.open))
            start = separatorCut ? cut.index + 1 : cut.index
            while start < tokens.count, tokens[start].isNewline { start += 1 }
            openAtStart = cut.open
        }
        return parts.filter { !$0.isEmpty }
    }

    struct OpenTag: Equatable {
        var name: String
        var source: String
    }

    enum Token {
        case open(OpenTag)
        case close(String)
        case text(String, visible: Int)

        var visibleLength: Int {
            if case let .text(_, v) = self { return v }
            return 0
        }

        var isNewline: Bool {
            if case let .text(s, _) = self { return s == "\n" }
            return false
        }
    }

    /// What is wrong with `text`, in words; empty when every messenger will accept it: only our marks,
    /// properly nested and closed, and only `&lt; &gt; &amp; &quot;` and numeric entities (Telegram
    /// refuses a whole message for one bad tag).
    public static func problems(in text: String) -> [String] {
        var problems: [String] = []
        var open: [String] = []
        var i = text.startIndex
        while i < text.endIndex {
            switch text[i] {
            case "<":
                guard let end = text[i...].firstIndex(of: ">") else {
                    problems.append("a bare '<' must be written &lt;")
                    i = text.index(after: i)
                    continue
                }
                let inner = String(text[text.index(after: i)..<end])
                if let problem = tag(inner, open: &open) { problems.append(problem) }
                i = text.index(after: end)
            case "&":
                let rest = text[i...].prefix(12)
                if let semi = rest.firstIndex(of: ";"), isEntity(String(rest[rest.index(after: rest.startIndex)..<semi])) {
                    i = text.index(after: semi)
                } else {
                    problems.append("a bare '&' must be written &amp;")
                    i = text.index(after: i)
                }
            case ">":
                problems.append("a bare '>' must be written &gt;")
                i = text.index(after: i)
            default:
                i = text.index(after: i)
            }
        }
        if !open.isEmpty { problems.append("<\(open.joined(separator: ">, <"))> not closed") }
        return problems
    }

    private static func tag(_ inner: String, open: inout [String]) -> String? {
        if inner.hasPrefix("/") {
            let name = inner.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
            guard open.last == name else {
                return open.last.map { "</\(name)> closes <\($0)>" } ?? "</\(name)> closes nothing"
            }
            open.removeLast()
            return nil
        }
        let name = String(inner.prefix { !$0.isWhitespace }).lowercased()
        guard let required = marks[name] else { return "<\(name)> is not a mark rich text uses (b, i, u, s, code, pre, blockquote, a)" }
        let attributes = inner.dropFirst(name.count)
        if let required, !attributes.contains("\(required)=") { return "<\(name)> needs \(required)=\"…\"" }
        if let outer = open.last, outer == "code" || (outer == "pre" && name != "code") {
            return "<\(name)> cannot be inside <\(outer)>"
        }
        if name == "blockquote", open.contains("blockquote") { return "<blockquote> cannot be nested" }
        open.append(name)
        return nil
    }

    private static func isEntity(_ body: String) -> Bool {
        if ["lt", "gt", "amp", "quot"].contains(body) { return true }
        guard body.hasPrefix("#") else { return false }
        let digits = body.dropFirst()
        if digits.first == "x" || digits.first == "X" {
            return digits.count > 1 && digits.dropFirst().allSatisfy(\.isHexDigit)
        }
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "<", let end = text[i...].firstIndex(of: ">") {
                let source = String(text[i...end])
                let inner = source.dropFirst().dropLast()
                if inner.hasPrefix("/") {
                    tokens.append(.close(String(inner.dropFirst()).trimmingSpaces.lowercased()))
                } else {
                    let name = inner.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
                    tokens.append(.open(OpenTag(name: name, source: source)))
                }
                i = text.index(after: end)
            } else if ch == "&", let end = text[i...].prefix(10).firstIndex(of: ";") {
                tokens.append(.text(String(text[i...end]), visible: 1))
                i = text.index(after: end)
            } else {
                tokens.append(.text(String(ch), visible: String(ch).utf16.count))
                i = text.index(after: i)
            }
        }
        return tokens
    }

    static func render(_ tokens: ArraySlice<Token>, reopening: [OpenTag], closing: [OpenTag]) -> String {
        var out = reopening.map(\.source).joined()
        for token in tokens {
            switch token {
            case let .open(tag): out += tag.source
            case let .close(name): out += "</\(name)>"
            case let .text(s, _): out += s
            }
        }
        out += closing.reversed().map { "</\($0.name)>" }.joined()
        return out
    }
}

extension StringProtocol {
    var trimmingSpaces: String { String(self).trimmingCharacters(in: .whitespaces) }
}
