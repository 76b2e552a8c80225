import Foundation
import MaxAPI

/// MAX's HTML format as the sandbox applies it: the tags of its set become markup, other tags are
/// stripped as MAX strips them [S33 `info.description`] and reported, so a test can tell the bot used
/// a tag MAX does not know. Offsets are UTF-16 code units.
public enum MaxHTML {
    /// `i em b strong del s ins u a pre code mark blockquote h1` [S33].
    public static let tags: [String: MarkupType] = [
        "i": .emphasized, "em": .emphasized, "b": .strong, "strong": .strong, "del": .strikethrough, "s": .strikethrough,
        "ins": .underline, "u": .underline, "a": .link, "pre": .monospaced, "code": .monospaced, "mark": .highlighted,
        "blockquote": .quote, "h1": .heading,
    ]

    /// The visible text, its markup, and the names of the tags stripped.
    public static func render(_ html: String) -> (text: String, markup: [MarkupElement], strippedTags: [String]) {
        var text = ""
        var utf16 = 0
        var markup: [MarkupElement] = []
        var stripped: [String] = []
        var open: [(name: String, from: Int, url: String?)] = []
        var rest = Substring(html)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">") {
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                let closing = inside.hasPrefix("/")
                let name = String((closing ? inside.dropFirst() : inside).prefix { $0.isLetter || $0.isNumber }).lowercased()
                guard let type = tags[name] else {
                    if !name.isEmpty { stripped.append(name) }
                    continue
                }
                if closing {
                    if let index = open.lastIndex(where: { $0.name == name }) {
                        let tag = open.remove(at: index)
                        if utf16 > tag.from { markup.append(MarkupElement(type: type, from: tag.from, length: utf16 - tag.from, url: tag.url)) }
                    }
                } else {
                    open.append((name, utf16, name == "a" ? attribute("href", in: String(inside)) : nil))
                }
                continue
            }
            if first == "&", let semicolon = rest.prefix(10).firstIndex(of: ";"),
               let decoded = entity(String(rest[rest.index(after: rest.startIndex)..<semicolon])) {
                text.append(decoded)
                utf16 += String(decoded).utf16.count
                rest = rest[rest.index(after: semicolon)...]
                continue
            }
            text.append(first)
            utf16 += String(first).utf16.count
            rest = rest.dropFirst()
        }
        for tag in open.reversed() where utf16 > tag.from {
            if let type = tags[tag.name] { markup.append(MarkupElement(type: type, from: tag.from, length: utf16 - tag.from, url: tag.url)) }
        }
        return (text, markup.sorted { ($0.from, $0.length) < ($1.from, $1.length) }, stripped)
    }

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    private static func attribute(_ key: String, in tag: String) -> String? {
        guard let range = tag.range(of: key + "=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}
