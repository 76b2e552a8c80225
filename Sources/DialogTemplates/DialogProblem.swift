/// One finding of `Dialogs.validate` or `Dialogs.load`, located at a file and line where possible.
public struct DialogProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var key: DialogKey?
    public var message: String

    public init(_ severity: Severity = .error, file: String, line: Int? = nil, key: DialogKey? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `Dialogs/ru/common.yaml:12: warning: message` — the format editors and CI logs link to.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        return "\(place): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

/// Why `Dialogs.load` refused a folder: every error found, so they can be fixed in one go.
public struct DialogError: Error, Sendable, CustomStringConvertible {
    public var problems: [DialogProblem]
    public init(_ problems: [DialogProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Something that went wrong while rendering: the user saw a fallback. Tests assert none happen.
public struct DialogMiss: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The key is in no file of the loaded language; the key itself was shown.
        case missingKey
        /// The template uses `{{name}}` but no value was given; it rendered empty.
        case missingValue(String)
        /// A plural text was rendered without `count:`; the `other`/`many` form was used.
        case missingCount
        /// `.text` was given for `{{{name}}}`; it was escaped anyway.
        case textInRawPlaceholder(String)
        /// `.html` was given for `{{name}}`; its tags show as text.
        case htmlInEscapedPlaceholder(String)
    }

    public var key: DialogKey
    public var kind: Kind

    public var description: String {
        switch kind {
        case .missingKey: "\(key): no such text"
        case let .missingValue(name): "\(key): no value for {{\(name)}}"
        case .missingCount: "\(key): plural text rendered without count"
        case let .textInRawPlaceholder(name): "\(key): plain text given for {{{\(name)}}} (escaped)"
        case let .htmlInEscapedPlaceholder(name): "\(key): HTML given for {{\(name)}} (shown as text)"
        }
    }
}
