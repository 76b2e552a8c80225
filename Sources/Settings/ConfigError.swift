import Foundation
import Yams

/// A problem in a configuration file, pointing at the file and line an operator must fix.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `Config/calendar/2024.yaml:12:5: message` — the format editors and CI logs link to.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Several problems found in one pass, so an operator can fix them all at once.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A parsed YAML file that remembers where it came from, so every error can name file and line.
public struct YAMLFile {
    public let path: String
    public let root: Node

    /// Reads and parses `path`. A syntax error becomes a `ConfigError` with the parser's line.
    public static func load(_ path: String) throws(ConfigError) -> YAMLFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            // A relative path is read from the current folder: say which, and how to name another file.
            let relative = path.hasPrefix("/") ? ""
                : " (looked for it in \(FileManager.default.currentDirectoryPath); run from the repository's folder, or give --config with the file's path)"
            throw ConfigError(file: path, message: "cannot read the file: \(error.localizedDescription)\(relative)")
        }
        return try parse(text, path: path)
    }

    /// Parses YAML text; `path` is used only in error messages.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> YAMLFile {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return YAMLFile(path: path, root: .mapping(.init([])))
            }
            return YAMLFile(path: path, root: node)
        } catch let error as YamlError {
            throw ConfigError(file: path, line: error.line, message: "YAML syntax error: \(error.shortDescription)")
        } catch {
            throw ConfigError(file: path, message: "YAML syntax error: \(error)")
        }
    }

    /// An error located at `node` in this file.
    public func error(_ message: String, at node: Node?) -> ConfigError {
        ConfigError(file: path, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var shortDescription: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default:
            return "\(self)"
        }
    }
}
