import Foundation
import Yams

/// One text as written in a YAML file, before its templates are parsed.
struct DialogSource: Sendable {
    enum Body: Sendable {
        case single(String, line: Int)
        case plural([PluralCategory: (text: String, line: Int)])
    }

    var key: DialogKey
    var file: String
    var line: Int
    var body: Body
}

/// Reads one `Dialogs/<lang>/*.yaml` file: a flat mapping of dotted keys to texts, where a text is
/// a string or a mapping of plural categories to strings.
enum DialogFile {
    static func read(_ path: String) -> (sources: [DialogSource], problems: [DialogProblem]) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ([], [DialogProblem(file: path, message: "cannot read the file")])
        }
        return parse(text, file: path)
    }

    static func parse(_ text: String, file: String) -> (sources: [DialogSource], problems: [DialogProblem]) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return ([], []) }
            root = node
        } catch let YamlError.duplicatedKeysInMapping(duplicates, _) {
            // Yams refuses the whole file; report each repeat and read the rest without them.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var problems: [DialogProblem] = []
            for key in duplicates {
                let (found, repeats) = duplicateProblems(key, in: lines, file: file)
                problems += found
                for index in repeats { lines[index] = renamed(lines[index], index) }
            }
            guard problems.allSatisfy({ $0.line != nil }) else { return ([], problems) }
            let rest = parse(lines.joined(separator: "\n"), file: file)
            return (rest.sources, problems + rest.problems)
        } catch let error as YamlError {
            return ([], [DialogProblem(file: file, line: error.line, message: "YAML syntax error: \(error.problem)")])
        } catch {
            return ([], [DialogProblem(file: file, message: "YAML syntax error: \(error)")])
        }
        guard let mapping = root.mapping else {
            return ([], [DialogProblem(file: file, line: root.mark?.line, message: "the file must be a mapping of keys to texts")])
        }
        var sources: [DialogSource] = []
        var problems: [DialogProblem] = []
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 0
            if keyNode.scalar?.string.hasPrefix(duplicateMark) == true { continue }
            guard let name = keyNode.scalar?.string, DialogKey.isWellFormed(name) else {
                problems.append(DialogProblem(file: file, line: line,
                    message: "'\(keyNode.scalar?.string ?? "?")' is not a key: use lowercase words joined by dots, e.g. case.card.title"))
                continue
            }
            let key = DialogKey(name)
            if let scalar = value.scalar {
                sources.append(DialogSource(key: key, file: file, line: line, body: .single(scalar.string, line: textLine(value))))
            } else if let forms = value.mapping {
                var plural: [PluralCategory: (String, Int)] = [:]
                for (formNode, formValue) in forms {
                    let formName = formNode.scalar?.string ?? "?"
                    guard let category = PluralCategory(rawValue: formName) else {
                        problems.append(DialogProblem(file: file, line: formNode.mark?.line, key: key,
                            message: "\(key): '\(formName)' is not a plural form (one, few, many, other); keys are written flat with dots, not nested"))
                        continue
                    }
                    guard let scalar = formValue.scalar else {
                        problems.append(DialogProblem(file: file, line: formValue.mark?.line, key: key, message: "\(key).\(formName) must be a text"))
                        continue
                    }
                    plural[category] = (scalar.string, textLine(formValue))
                }
                if !plural.isEmpty { sources.append(DialogSource(key: key, file: file, line: line, body: .plural(plural))) }
            } else {
                problems.append(DialogProblem(file: file, line: value.mark?.line, key: key,
                    message: "\(key) must be a text or a mapping of plural forms, not a list"))
            }
        }
        return (sources, problems)
    }

    /// The line a template's first line is on: block scalars (`|`, `>`) start on the next line.
    private static func textLine(_ node: Node) -> Int {
        let line = node.mark?.line ?? 0
        switch node.scalar?.style {
        case .literal?, .folded?: return line + 1
        default: return line
        }
    }

    private static let duplicateMark = "~duplicate~"

    /// Yams reports duplicate keys by name only; find the lines of the repeats in the flat file.
    private static func duplicateProblems(_ key: String, in lines: [String], file: String) -> ([DialogProblem], repeats: [Int]) {
        var found: [Int] = []
        for (index, line) in lines.enumerated() where line.first.map({ !$0.isWhitespace }) ?? false {
            var head = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            if head.count >= 2, let q = head.first, q == "\"" || q == "'", head.last == q { head = String(head.dropFirst().dropLast()) }
            if head == key { found.append(index) }
        }
        guard let first = found.first else {
            return ([DialogProblem(file: file, key: DialogKey(key), message: "\(key) is given twice")], [])
        }
        let problems = found.dropFirst().map {
            DialogProblem(file: file, line: $0 + 1, key: DialogKey(key), message: "\(key) is given twice (first on line \(first + 1))")
        }
        return (problems, Array(found.dropFirst()))
    }

    /// The line with its key replaced by a unique name the reader skips.
    private static func renamed(_ line: String, _ index: Int) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        return "\"\(duplicateMark)\(index)\"" + line[colon...]
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: nil
        }
    }

    var problem: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): problem
        default: "\(self)"
        }
    }
}
