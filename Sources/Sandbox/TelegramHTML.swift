import BotAPI
import Foundation

/// Telegram's HTML parse mode as the server applies it: tags become entities, the visible text is
/// what gets stored. Follows tdlib's `parse_html` (same tags, attributes and error texts), and is
/// stricter on one point the docs state as a rule: `&` and `>` outside tags and entities are refused.
/// The outside world's parser, written apart from the product's rich-text model (Messaging) on
/// purpose: a fake that shared the code it checks would agree with its mistakes.
public enum TelegramHTML {
    /// Why a text does not parse; `message` is what follows "can't parse entities: ".
    public struct ParseError: Error, Equatable, Sendable {
        public var message: String
        public init(message: String) { self.message = message }
    }

    private static let supportedTags: Set<String> = [
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    ]

    private struct OpenTag {
        var name: String
        var argument: String
        var expandable: Bool
        var utf16Offset: Int
        var byteStart: Int
    }

    /// Parses `html` into the visible text and its entities (offsets in UTF-16 code units).
    public static func parse(_ html: String) throws(ParseError) -> (text: String, entities: [MessageEntity]) {
        // A NUL sentinel lets the scanner look one byte ahead everywhere, as tdlib does.
        let s = Array(html.utf8) + [0]
        let end = s.count - 1
        var out: [UInt8] = []
        out.reserveCapacity(end)
        var utf16 = 0
        var entities: [MessageEntity] = []
        var stack: [OpenTag] = []
        var i = 0

        func emit(_ scalar: UInt32) {
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            utf16 += scalar > 0xFFFF ? 2 : 1
        }

        while i < end {
            let c = s[i]
            if c == UInt8(ascii: "&") {
                guard let (scalar, next) = decodeEntity(s, at: i) else {
                    throw ParseError(message: entityError(s, at: i))
                }
                emit(scalar)
                i = next
                continue
            }
            if c == UInt8(ascii: ">") {
                throw ParseError(message: "Unescaped \">\" at byte offset \(i); use &gt;")
            }
            if c != UInt8(ascii: "<") {
                if c & 0xC0 != 0x80 { utf16 += c >= 0xF0 ? 2 : 1 }
                out.append(c)
                i += 1
                continue
            }
            let begin = i
            i += 1
            if s[i] != UInt8(ascii: "/") {
                try openTag(s, begin: begin, i: &i, utf16: utf16, byteStart: out.count, stack: &stack)
            } else {
                guard let open = stack.popLast() else {
                    throw ParseError(message: "Unexpected end tag at byte offset \(begin)")
                }
                while !isSpace(s[i]), s[i] != UInt8(ascii: ">"), s[i] != 0 { i += 1 }
                let endName = String(decoding: s[(begin + 2)..<i], as: UTF8.self).lowercased()
                while isSpace(s[i]) { i += 1 }
                guard s[i] == UInt8(ascii: ">") else {
                    throw ParseError(message: "Unclosed end tag at byte offset \(begin)")
                }
                i += 1
                if !endName.isEmpty, endName != open.name {
                    throw ParseError(message: "Unmatched end tag at byte offset \(begin), expected \"</\(open.name)>\", "
                        + "found \"</\(endName)>\"")
                }
                if utf16 > open.utf16Offset {
                    let inner = String(decoding: out[open.byteStart...], as: UTF8.self)
                    try close(open, length: utf16 - open.utf16Offset, innerText: inner, into: &entities)
                }
            }
        }
        if let open = stack.last {
            throw ParseError(message: "Can't find end tag corresponding to start tag \"\(open.name)\"")
        }
        for index in entities.indices where entities[index].type == "code" { entities[index].language = nil }
        entities.sort { ($0.offset, -$0.length) < ($1.offset, -$1.length) }
        return (String(decoding: out, as: UTF8.self), entities)
    }

    private static func openTag(_ s: [UInt8], begin: Int, i: inout Int, utf16: Int, byteStart: Int,
                                stack: inout [OpenTag]) throws(ParseError) {
        while !isSpace(s[i]), s[i] != UInt8(ascii: ">"), s[i] != 0 { i += 1 }
        if s[i] == 0 { throw ParseError(message: "Unclosed start tag at byte offset \(begin)") }
        let name = String(decoding: s[(begin + 1)..<i], as: UTF8.self).lowercased()
        guard supportedTags.contains(name) else {
            throw ParseError(message: "Unsupported start tag \"\(name)\" at byte offset \(begin)")
        }
        var argument = ""
        var expandable = false
        while s[i] != UInt8(ascii: ">") {
            while s[i] != 0, isSpace(s[i]) { i += 1 }
            if s[i] == UInt8(ascii: ">") { break }
            if s[i] == 0 { throw ParseError(message: "Unclosed start tag at byte offset \(begin)") }
            let attributeBegin = i
            while !isSpace(s[i]), s[i] != UInt8(ascii: "="), s[i] != UInt8(ascii: ">"), s[i] != 0 { i += 1 }
            let attribute = String(decoding: s[attributeBegin..<i], as: UTF8.self)
            if attribute.isEmpty {
                throw ParseError(message: "Empty attribute name in the tag \"\(name)\" at byte offset \(begin)")
            }
            while s[i] != 0, isSpace(s[i]) { i += 1 }
            if s[i] != UInt8(ascii: "=") {
                // An attribute without a value is ignored, except `<blockquote expandable>`.
                if name == "blockquote", attribute.lowercased() == "expandable" { expandable = true }
                continue
            }
            i += 1
            while s[i] != 0, isSpace(s[i]) { i += 1 }
            if s[i] == 0 { throw ParseError(message: "Unclosed start tag \"\(name)\" at byte offset \(begin)") }
            var value: String
            if s[i] != UInt8(ascii: "'"), s[i] != UInt8(ascii: "\"") {
                let tokenBegin = i
                while isAlnum(s[i]) || s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: "-") { i += 1 }
                value = String(decoding: s[tokenBegin..<i], as: UTF8.self).lowercased()
                if !isSpace(s[i]), s[i] != UInt8(ascii: ">") {
                    throw ParseError(message: "Unexpected end of name token at byte offset \(tokenBegin)")
                }
            } else {
                let quote = s[i]
                i += 1
                var bytes: [UInt8] = []
                while s[i] != quote, s[i] != 0 {
                    if s[i] == UInt8(ascii: "&"), let (scalar, next) = decodeEntity(s, at: i) {
                        bytes.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                        i = next
                        continue
                    }
                    bytes.append(s[i])
                    i += 1
                }
                if s[i] == quote { i += 1 }
                value = String(decoding: bytes, as: UTF8.self)
            }
            if s[i] == 0 { throw ParseError(message: "Unclosed start tag at byte offset \(begin)") }
            switch (name, attribute.lowercased()) {
            case ("a", "href"), ("tg-emoji", "emoji-id"): argument = value
            case ("code", "class") where value.hasPrefix("language-"): argument = String(value.dropFirst(9))
            case ("span", "class") where value.hasPrefix("tg-"): argument = String(value.dropFirst(3))
            default: break
            }
        }
        i += 1
        if name == "span", argument != "spoiler" {
            throw ParseError(message: "Tag \"span\" must have class \"tg-spoiler\" at byte offset \(begin)")
        }
        stack.append(OpenTag(name: name, argument: argument, expandable: expandable, utf16Offset: utf16,
                             byteStart: byteStart))
    }

    private static func close(_ open: OpenTag, length: Int, innerText: String,
                              into entities: inout [MessageEntity]) throws(ParseError) {
        let offset = open.utf16Offset
        func add(_ type: String) { entities.append(MessageEntity(type: type, offset: offset, length: length)) }
        switch open.name {
        case "i", "em": add("italic")
        case "b", "strong": add("bold")
        case "s", "strike", "del": add("strikethrough")
        case "u", "ins": add("underline")
        case "tg-spoiler", "span": add("spoiler")
        case "blockquote": add(open.expandable ? "expandable_blockquote" : "blockquote")
        case "tg-emoji":
            guard let id = Int64(open.argument), id != 0 else {
                throw ParseError(message: "Invalid custom emoji identifier specified")
            }
            var entity = MessageEntity(type: "custom_emoji", offset: offset, length: length)
            entity.customEmojiId = String(id)
            entities.append(entity)
        case "a":
            let url = open.argument.isEmpty ? innerText : open.argument
            // tdlib drops links it cannot check instead of refusing the text.
            if let checked = checkedLink(url) {
                entities.append(MessageEntity(type: "text_link", offset: offset, length: length, url: checked))
            }
        case "pre":
            if let last = entities.last, last.type == "code", last.offset == offset, last.length == length,
               last.language != nil {
                entities[entities.count - 1].type = "pre"
            } else {
                add("pre")
            }
        case "code":
            if let last = entities.last, last.type == "pre", last.offset == offset, last.length == length,
               !open.argument.isEmpty {
                entities[entities.count - 1].language = open.argument
            } else {
                var entity = MessageEntity(type: "code", offset: offset, length: length)
                entity.language = open.argument.isEmpty ? nil : open.argument
                entities.append(entity)
            }
        default: break
        }
    }

    /// A link as Telegram keeps it: http(s), tg and ton schemes; a bare host gets "http://".
    static func checkedLink(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(" ") else { return nil }
        if let colon = trimmed.firstIndex(of: ":") {
            let scheme = trimmed[..<colon].lowercased()
            guard ["http", "https", "tg", "ton"].contains(scheme) else { return nil }
            return trimmed
        }
        return trimmed.contains(".") ? "http://" + trimmed : nil
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` and numeric references; the `;` may be omitted, as tdlib allows.
    private static func decodeEntity(_ s: [UInt8], at pos: Int) -> (UInt32, Int)? {
        var end = pos + 1
        var value: UInt32 = 0
        if s[end] == UInt8(ascii: "#") {
            end += 1
            var digits = 0
            if s[end] == UInt8(ascii: "x") || s[end] == UInt8(ascii: "X") {
                end += 1
                while let d = hexValue(s[end]), digits < 8 { value = value * 16 + d; end += 1; digits += 1 }
            } else {
                while s[end] >= 0x30, s[end] <= 0x39, digits < 8 {
                    value = value * 10 + UInt32(s[end] - 0x30); end += 1; digits += 1
                }
            }
            guard digits > 0, value != 0, value < 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        } else {
            while isAlpha(s[end]) { end += 1 }
            switch String(decoding: s[(pos + 1)..<end], as: UTF8.self) {
            case "lt": value = 0x3C
            case "gt": value = 0x3E
            case "amp": value = 0x26
            case "quot": value = 0x22
            default: return nil
            }
        }
        if s[end] == UInt8(ascii: ";") { end += 1 }
        return (value, end)
    }

    private static func entityError(_ s: [UInt8], at pos: Int) -> String {
        var end = pos + 1
        while isAlnum(s[end]) || s[end] == UInt8(ascii: "#") { end += 1 }
        if end > pos + 1, s[end] == UInt8(ascii: ";") {
            let name = String(decoding: s[pos...end], as: UTF8.self)
            return "Unsupported HTML entity \"\(name)\" at byte offset \(pos); use &amp; for \"&\""
        }
        return "Unescaped \"&\" at byte offset \(pos); use &amp;"
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 0x30 && c <= 0x39) }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }
}
