import Foundation
import Mustache

/// A parsed template and the placeholders it uses.
struct CompiledTemplate: Sendable {
    var mustache: MustacheTemplate
    var shape: TemplateShape
}

/// A text ready to render: one template, or one per plural category.
enum CompiledText: Sendable {
    case single(CompiledTemplate)
    case plural([PluralCategory: CompiledTemplate])

    /// Placeholders of every form together, for comparing languages.
    var signature: Set<String> {
        switch self {
        case let .single(t): t.shape.signature
        case let .plural(forms): forms.values.reduce(into: Set()) { $0.formUnion($1.shape.signature) }
        }
    }

    var isPlural: Bool {
        if case .plural = self { return true }
        return false
    }

    var templates: [CompiledTemplate] {
        switch self {
        case let .single(t): [t]
        case let .plural(forms): forms.keys.sorted().map { forms[$0]! }
        }
    }
}

/// Every text of one language folder, with where each came from.
struct Catalog: Sendable {
    struct Entry: Sendable {
        var text: CompiledText
        var file: String
        var line: Int
    }

    var language: DialogLanguage
    var entries: [DialogKey: Entry] = [:]
    /// Every key written in the files, with its place, including texts that failed to parse.
    var declared: [DialogKey: (file: String, line: Int)] = [:]
    var problems: [DialogProblem] = []

    /// Reads `folder/*.yaml` (sorted by name), parses every template once and collects problems:
    /// YAML and template syntax, duplicate keys, incomplete plural forms, unsupported tags.
    init(folder: String, language: DialogLanguage) {
        self.language = language
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let yamlFiles = files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if yamlFiles.isEmpty {
            problems.append(DialogProblem(file: folder, message: "no .yaml files with texts for '\(language.rawValue)'"))
        }
        for name in yamlFiles {
            let (sources, found) = DialogFile.read((folder as NSString).appendingPathComponent(name))
            problems += found
            for source in sources { add(source) }
        }
    }

    private mutating func add(_ source: DialogSource) {
        if let earlier = declared[source.key] {
            let place = earlier.file == source.file ? "line \(earlier.line)" : "\(earlier.file):\(earlier.line)"
            problems.append(DialogProblem(file: source.file, line: source.line, key: source.key,
                                          message: "\(source.key) is given twice (first at \(place))"))
            return
        }
        declared[source.key] = (source.file, source.line)
        let text: CompiledText
        switch source.body {
        case let .single(raw, line):
            guard let t = compile(raw, line: line, source: source, form: nil) else { return }
            text = .single(t)
        case let .plural(raw):
            var forms: [PluralCategory: CompiledTemplate] = [:]
            for (category, (formText, line)) in raw.sorted(by: { $0.key < $1.key }) {
                if let t = compile(formText, line: line, source: source, form: category) { forms[category] = t }
            }
            guard forms.count == raw.count else { return }
            checkPluralForms(forms, source: source)
            text = .plural(forms)
        }
        entries[source.key] = Entry(text: text, file: source.file, line: source.line)
    }

    private mutating func compile(_ raw: String, line: Int, source: DialogSource, form: PluralCategory?) -> CompiledTemplate? {
        let name = form.map { "\(source.key).\($0.rawValue)" } ?? source.key.rawValue
        // Block scalars end with a newline that is not part of the message.
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems.append(DialogProblem(file: source.file, line: line, key: source.key, message: "\(name) is empty; Telegram refuses empty messages"))
            return nil
        }
        let mustache: MustacheTemplate
        do {
            mustache = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            problems.append(DialogProblem(file: source.file, line: line + error.context.lineNumber - 1, key: source.key,
                                          message: "\(name): \(Self.explain(error.error)) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'"))
            return nil
        } catch {
            problems.append(DialogProblem(file: source.file, line: line, key: source.key, message: "\(name): \(error)"))
            return nil
        }
        let shape = TemplateShape(scanning: text)
        for message in shape.unsupported {
            problems.append(DialogProblem(file: source.file, line: line, key: source.key, message: "\(name): \(message)"))
        }
        return CompiledTemplate(mustache: mustache, shape: shape)
    }

    private mutating func checkPluralForms(_ forms: [PluralCategory: CompiledTemplate], source: DialogSource) {
        let needed = language.pluralCategories
        let missing = needed.filter { forms[$0] == nil }
        if !missing.isEmpty {
            problems.append(DialogProblem(file: source.file, line: source.line, key: source.key,
                message: "\(source.key): \(language.rawValue) needs the plural forms \(needed.map(\.rawValue).joined(separator: ", ")); missing \(missing.map(\.rawValue).joined(separator: ", "))"))
        }
        for category in forms.keys.sorted() where !needed.contains(category) && category != .other {
            problems.append(DialogProblem(.warning, file: source.file, line: source.line, key: source.key,
                message: "\(source.key).\(category.rawValue) is never used: \(language.rawValue) has only \(needed.map(\.rawValue).joined(separator: ", "))"))
        }
        for (category, form) in forms.sorted(by: { $0.key < $1.key })
        where language.categoriesNeedingCount.contains(category) && !form.shape.escaped.contains("count") {
            problems.append(DialogProblem(file: source.file, line: source.line, key: source.key,
                message: "\(source.key).\(category.rawValue) serves several numbers in \(language.rawValue), so it must show {{count}}"))
        }
    }

    private static func explain(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with another name than it was opened with"
        case .unfinishedName?: "a {{tag}} is not closed or has a bad name"
        case .expectedSectionEnd?: "a {{#section}} is never closed"
        default: "template syntax error (\(error))"
        }
    }
}
