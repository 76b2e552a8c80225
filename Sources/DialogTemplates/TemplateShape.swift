import Foundation

/// The placeholders a template uses, read from its `{{…}}` tags. Used to compare languages, to make
/// sample values, and to check the values a caller gives. swift-mustache keeps its tokens private,
/// so the tags are read here; the template has already parsed, so its sections are balanced.
struct TemplateShape: Sendable, Equatable {
    /// `{{name}}`: escaped.
    var escaped: Set<String> = []
    /// `{{{name}}}` and `{{&name}}`: inserted as is, for `.html` fragments.
    var raw: Set<String> = []
    /// `{{#name}}` and `{{^name}}`, with what is used inside.
    var sections: [String: TemplateShape] = [:]
    /// Tags this project does not allow (partials, delimiters, dotted names…), as messages.
    var unsupported: [String] = []

    init() {}

    init(scanning text: String) {
        var stack: [(name: String, shape: TemplateShape)] = [("", TemplateShape())]
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            guard let close = afterOpen.range(of: triple ? "}}}" : "}}") else { break }
            var tag = afterOpen[afterOpen.startIndex..<close.lowerBound]
            if triple { tag = tag.dropFirst() }
            rest = afterOpen[close.upperBound...]

            let sigil = triple ? "{" : tag.first.map(String.init) ?? ""
            let body = "#^/!>=&%$<".contains(sigil) && !triple ? tag.dropFirst() : tag
            let name = Self.plainName(body)
            switch sigil {
            case "!": continue
            case "#", "^": stack.append((name, TemplateShape()))
            case "/":
                guard stack.count > 1 else { continue }
                let (sectionName, inner) = stack.removeLast()
                stack[stack.count - 1].shape.sections[sectionName, default: TemplateShape()].merge(inner)
            case ">", "=", "%", "$", "<":
                stack[stack.count - 1].shape.unsupported.append("'{{\(tag)}}' is not supported in dialog texts")
            default:
                if triple || sigil == "&" { stack[stack.count - 1].shape.raw.insert(name) }
                else { stack[stack.count - 1].shape.escaped.insert(name) }
            }
            if name.contains(".") || name.isEmpty {
                stack[stack.count - 1].shape.unsupported.append("'{{\(tag)}}': placeholder names are single words such as {{deadline}}")
            }
        }
        while stack.count > 1 {
            let (name, inner) = stack.removeLast()
            stack[stack.count - 1].shape.sections[name, default: TemplateShape()].merge(inner)
        }
        self = stack[0].shape
    }

    /// `lowercased(name)` → `name`; surrounding spaces dropped.
    private static func plainName(_ body: Substring) -> String {
        var name = body.trimmingCharacters(in: .whitespaces)
        while let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            name = String(name[name.index(after: open)..<close])
        }
        return name
    }

    mutating func merge(_ other: TemplateShape) {
        escaped.formUnion(other.escaped)
        raw.formUnion(other.raw)
        unsupported += other.unsupported
        for (name, inner) in other.sections { sections[name, default: TemplateShape()].merge(inner) }
    }

    /// Every placeholder as written, e.g. `deadline`, `{card}`, `#items`, `items/title`; languages
    /// must agree on this set.
    var signature: Set<String> {
        var out = escaped.union(raw.map { "{\($0)}" })
        for (name, inner) in sections {
            out.insert("#\(name)")
            out.formUnion(inner.signature.map { "\(name)/\($0)" })
        }
        return out
    }

    /// Values that exercise every placeholder: hostile text for `{{x}}`, a tagged fragment for
    /// `{{{x}}}`, two items for each section (`full`), or no sections at all (not `full`).
    func sampleValues(full: Bool) -> [String: DialogValue] {
        var values: [String: DialogValue] = [:]
        for name in escaped { values[name] = .text("<\(name)> & \"'") }
        for name in raw { values[name] = .html("<b>\(name)</b> &amp; <i>x</i>") }
        if full {
            for (name, inner) in sections {
                let item = inner.sampleValues(full: true)
                values[name] = .list([item, item])
            }
        }
        return values
    }
}
