import Messaging
import Foundation
import Mustache

/// Every user-facing text of one language, parsed once at load and rendered as Telegram HTML.
public struct Dialogs: Sendable {
    public let language: DialogLanguage
    let texts: [DialogKey: CompiledText]
    let log: MissLog

    /// Loads `folder/<language>/*.yaml`. Fails with every error found (YAML or template syntax,
    /// duplicate keys, incomplete plural forms); warnings are left to `validate`. `onMiss` hears of
    /// each distinct fallback shown at render time, e.g. to log it.
    public static func load(folder: String, language: String,
                            onMiss: (@Sendable (DialogMiss) -> Void)? = nil) throws(DialogError) -> Dialogs {
        guard let lang = DialogLanguage(rawValue: language) else {
            throw DialogError([DialogProblem(file: folder, message: "language '\(language)' is not supported; use one of: \(DialogLanguage.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        let catalog = Catalog(folder: (folder as NSString).appendingPathComponent(lang.rawValue), language: lang)
        let errors = catalog.problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw DialogError(errors) }
        return Dialogs(language: lang, texts: catalog.entries.mapValues(\.text), log: MissLog(handler: onMiss))
    }

    /// Renders `key` with `values`. A key that does not exist shows as the key itself, never a crash.
    public func render(_ key: DialogKey, _ values: [String: DialogValue] = [:]) -> String {
        switch texts[key] {
        case nil:
            log.record(DialogMiss(key: key, kind: .missingKey))
            return RichText.escaping(key.rawValue)
        case let .single(template)?:
            return render(template, key, values)
        case let .plural(forms)?:
            log.record(DialogMiss(key: key, kind: .missingCount))
            return render(forms[.other] ?? forms[.many] ?? forms[forms.keys.min()!]!, key, values)
        }
    }

    /// Renders the plural form of `key` that `count` takes in this language («1 обращение»,
    /// «2 обращения», «5 обращений»); `{{count}}` is set to `count` unless `values` has it.
    public func render(_ key: DialogKey, _ values: [String: DialogValue] = [:], count: Int) -> String {
        var values = values
        if values["count"] == nil { values["count"] = .int(count) }
        guard case let .plural(forms)? = texts[key] else { return render(key, values) }
        let category = language.pluralCategory(count)
        return render(forms[category] ?? forms[.other] ?? forms[forms.keys.min()!]!, key, values)
    }

    /// Whether `key` has a text in this language.
    public func contains(_ key: DialogKey) -> Bool { texts[key] != nil }

    /// Every key this language has, sorted.
    public var keys: [DialogKey] { texts.keys.sorted() }

    /// The keys of `required` this language lacks.
    public func missingKeys(_ required: [DialogKey]) -> [DialogKey] { required.filter { texts[$0] == nil } }

    /// Whether `key` is a plural text (rendered with `count:`).
    public func isPlural(_ key: DialogKey) -> Bool { texts[key]?.isPlural ?? false }

    /// Fallbacks shown since load, each once; tests assert this stays empty.
    public var misses: [DialogMiss] { log.all }

    /// Date, time and duration wording in this language.
    public var dates: DialogDates { DialogDates(language) }

    private func render(_ template: CompiledTemplate, _ key: DialogKey, _ values: [String: DialogValue]) -> String {
        let context = mustacheContext(values, shape: template.shape, key: key, outer: [])
        return Self.trimmed(template.mustache.render(context))
    }

    /// The text without leading and trailing white space (Unicode White_Space, the set Foundation's
    /// `whitespacesAndNewlines` holds), by scalars: Foundation's trimming was a third of rendering.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    /// Converts values for swift-mustache and checks them against the placeholders: each missing
    /// value, and each value of the wrong kind for its braces, is recorded.
    private func mustacheContext(_ values: [String: DialogValue], shape: TemplateShape, key: DialogKey,
                                 outer: Set<String>) -> [String: Any] {
        for name in shape.escaped.union(shape.raw).sorted() where values[name] == nil && !outer.contains(name) {
            log.record(DialogMiss(key: key, kind: .missingValue(name)))
        }
        let names = outer.union(values.keys)
        var out: [String: Any] = [:]
        for (name, value) in values {
            switch value {
            case let .text(s):
                if shape.raw.contains(name) {
                    log.record(DialogMiss(key: key, kind: .textInRawPlaceholder(name)))
                    out[name] = HTMLFragment(html: RichText.escaping(s))
                } else {
                    out[name] = s
                }
            case let .int(n): out[name] = n
            case let .bool(b): out[name] = b
            case let .html(h):
                if shape.escaped.contains(name) { log.record(DialogMiss(key: key, kind: .htmlInEscapedPlaceholder(name))) }
                out[name] = HTMLFragment(html: h)
            case let .list(items):
                let inner = shape.sections[name] ?? TemplateShape()
                out[name] = items.map { mustacheContext($0, shape: inner, key: key, outer: names) }
            }
        }
        return out
    }
}

/// A pre-rendered HTML fragment: `{{{name}}}` inserts it as is.
struct HTMLFragment: MustacheCustomRenderable {
    var html: String
    var renderText: String { html }
    var isNull: Bool { false }
}
