import Foundation

/// Checks text against Telegram's HTML parse mode, which refuses a whole message for one bad tag:
/// only its tags, properly nested and closed, and only `&lt; &gt; &amp; &quot;` and numeric entities.
public enum TelegramHTML {
    /// Tags Telegram accepts, with the attribute each requires (if any).
    static let tags: [String: String?] = [
        "b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil, "s": nil, "strike": nil, "del": nil,
        "tg-spoiler": nil, "code": nil, "pre": nil, "blockquote": nil,
        "a": "href", "span": "class", "tg-emoji": "emoji-id",
    ]

    /// What is wrong with `text`, in words; empty when Telegram will accept it.
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
        guard let required = tags[name] else { return "<\(name)> is not a tag Telegram accepts" }
        let attributes = inner.dropFirst(name.count)
        if let required, !attributes.contains("\(required)=") { return "<\(name)> needs \(required)=\"…\"" }
        if name == "span", !attributes.contains("tg-spoiler") { return "<span> is only for class=\"tg-spoiler\"" }
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
}

