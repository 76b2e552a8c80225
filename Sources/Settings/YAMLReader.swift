import Foundation
import Yams

/// Reads a YAML document field by field, collecting every problem with its file and line instead of
/// stopping at the first, so an operator can fix them all in one go.
public final class YAMLReader {
    public let file: YAMLFile
    public private(set) var errors: [ConfigError] = []

    public init(_ file: YAMLFile) { self.file = file }

    public func fail(_ message: String, at node: Node?) {
        errors.append(file.error(message, at: node))
    }

    /// The pairs of a mapping; unknown keys are reported with the keys that are allowed.
    public func mapping(_ node: Node?, _ what: String, allowed: [String]) -> [String: Node]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            fail("\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { fail("\(what): keys must be plain words", at: key); continue }
            if !allowed.contains(name) {
                fail("\(what): unknown key '\(name)' (expected one of: \(allowed.joined(separator: ", ")))", at: key)
            } else if out[name] != nil {
                fail("\(what): '\(name)' is given twice", at: key)
            } else {
                out[name] = value
            }
        }
        return out
    }

    public func sequence(_ node: Node?, _ what: String) -> [Node]? {
        guard let node else { return nil }
        if case .scalar(let s) = node, s.string.isEmpty || s.tag.description.hasSuffix("null") { return [] }
        guard let items = node.sequence else { fail("\(what) must be a list", at: node); return nil }
        return Array(items)
    }

    public func string(_ node: Node?, _ what: String, required: Bool = false, parent: Node? = nil) -> String? {
        guard let node else {
            if required { fail("\(what) is required", at: parent) }
            return nil
        }
        guard let scalar = node.scalar else { fail("\(what) must be a single value", at: node); return nil }
        if required && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            fail("\(what) must not be empty", at: node)
            return nil
        }
        return scalar.string
    }

    public func int(_ node: Node?, _ what: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int(text) else { fail("\(what) must be a whole number, not '\(text)'", at: node); return nil }
        if let range, !range.contains(value) {
            fail("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)", at: node)
            return nil
        }
        return value
    }

    public func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: fail("\(what) must be true or false, not '\(text)'", at: node); return nil
        }
    }

    public func strings(_ node: Node?, _ what: String) -> [String]? {
        guard let items = sequence(node, what) else { return nil }
        return items.compactMap { string($0, "an item of \(what)") }
    }

    /// A duration written as `90s`, `30m`, `4h`, `2d` or a combination such as `1h30m`.
    public func duration(_ node: Node?, _ what: String) -> Duration? {
        guard let text = string(node, what) else { return nil }
        guard let value = Self.parseDuration(text) else {
            fail("\(what) must be a duration such as 30m, 4h or 1h30m, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    static func parseDuration(_ text: String) -> Duration? {
        var total: Int64 = 0
        var number = ""
        var sawUnit = false
        for ch in text.trimmingCharacters(in: .whitespaces) {
            if ch.isNumber { number.append(ch); continue }
            guard let n = Int64(number) else { return nil }
            switch ch {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86400
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return .seconds(total)
    }

    /// A clock time `HH:MM`, as minutes after midnight.
    public func timeOfDay(_ node: Node?, _ what: String) -> Int? {
        guard let text = string(node, what) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            fail("\(what) must be a time such as 08:30, not '\(text)'", at: node)
            return nil
        }
        return h * 60 + m
    }
}
