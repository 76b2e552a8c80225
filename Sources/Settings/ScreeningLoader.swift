import Casework
import Foundation
import Yams

/// Loads `Config/screening/*.yaml` into a `ScreeningLexicon`; every problem names file and line.
public enum ScreeningLoader {
    public static let obsceneFile = "obscene.yaml"
    public static let threatsFile = "threats.yaml"
    public static let notThreatsFile = "not-threats.yaml"
    /// Optional: without it, threats are found by the rules alone.
    public static let threatModelFile = "threat-model.json"

    /// Reads the three lexicon files from `folder` (e.g. `Config/screening`).
    public static func load(folder: String) throws(ConfigErrors) -> ScreeningLexicon {
        func file(_ name: String) throws(ConfigErrors) -> YAMLFile {
            do {
                return try YAMLFile.load((folder as NSString).appendingPathComponent(name))
            } catch {
                throw ConfigErrors([error])
            }
        }
        var lexicon = try parse(obscene: file(obsceneFile), threats: file(threatsFile), notThreats: file(notThreatsFile))
        let modelPath = (folder as NSString).appendingPathComponent(threatModelFile)
        if FileManager.default.fileExists(atPath: modelPath) {
            do {
                lexicon.threatModel = try JSONDecoder().decode(ThreatModel.self, from: Data(contentsOf: URL(fileURLWithPath: modelPath)))
            } catch {
                throw ConfigErrors([ConfigError(file: modelPath, line: nil, message: "not a threat model (retrain it with `otklik screen --train`): \(error)")])
            }
        }
        return lexicon
    }

    /// Builds the lexicon from parsed files, collecting every problem before failing.
    public static func parse(obscene: YAMLFile, threats: YAMLFile, notThreats: YAMLFile) throws(ConfigErrors) -> ScreeningLexicon {
        var reader = LexiconReader()
        var lexicon = ScreeningLexicon()
        reader.readObscene(obscene, into: &lexicon)
        reader.readThreats(threats, into: &lexicon)
        reader.readNotThreats(notThreats, into: &lexicon)
        lexicon.threatClasses = reader.classes
        if !reader.errors.isEmpty { throw ConfigErrors(reader.errors) }
        return lexicon
    }
}

/// The parsing state: the classes seen so far and the problems found.
private struct LexiconReader {
    var errors: [ConfigError] = []
    var classes: [String: [String]] = [:]

    mutating func readObscene(_ file: YAMLFile, into lexicon: inout ScreeningLexicon) {
        guard let top = mapping(file.root, in: file, keys: ["roots", "innocent_words"]) else { return }
        for node in list(top["roots"], in: file, what: "roots") {
            if let root = readRoot(node, in: file) { lexicon.roots.append(root) }
        }
        lexicon.innocentWords = words(top["innocent_words"], in: file, what: "innocent_words")
    }

    mutating func readRoot(_ node: Node, in file: YAMLFile) -> ObsceneRoot? {
        guard let root = mapping(node, in: file, keys: ["id", "stem", "before", "after", "except"]) else { return nil }
        guard let stemNode = root["stem"], let stem = stemNode.string, !stem.trimmingCharacters(in: .whitespaces).isEmpty else {
            errors.append(file.error("a root needs a non-empty `stem`", at: root["stem"] ?? node))
            return nil
        }
        if let problem = ScreeningEntryCheck.problemInLetters(stem) {
            errors.append(file.error("stem: \(problem)", at: stemNode))
            return nil
        }
        let id = root["id"]?.string ?? stem
        var result = ObsceneRoot(id: id, stem: stem)
        if let before = root["before"] {
            result.before = .only(letters(before, in: file, what: "before", dollar: false))
        }
        if let after = root["after"] {
            result.after = .only(letters(after, in: file, what: "after", dollar: true))
        }
        result.exceptions = letters(root["except"], in: file, what: "except", dollar: false)
        return result
    }

    mutating func readThreats(_ file: YAMLFile, into lexicon: inout ScreeningLexicon) {
        guard let top = mapping(file.root, in: file, keys: ["classes", "rules"]) else { return }
        if let classNode = top["classes"] {
            if let map = classNode.mapping {
                for (key, value) in map {
                    guard let name = key.string, !name.isEmpty else {
                        errors.append(file.error("a class needs a name", at: key))
                        continue
                    }
                    classes[name] = words(value, in: file, what: "class «\(name)»")
                }
            } else {
                errors.append(file.error("`classes` must map names to word lists", at: classNode))
            }
        }
        for node in list(top["rules"], in: file, what: "rules") {
            if let rule = readRule(node, in: file) { lexicon.threatRules.append(rule) }
        }
    }

    mutating func readNotThreats(_ file: YAMLFile, into lexicon: inout ScreeningLexicon) {
        guard let top = mapping(file.root, in: file, keys: ["idioms", "reported_speech", "negations", "disavowals"]) else { return }
        for node in list(top["idioms"], in: file, what: "idioms") {
            if let rule = readRule(node, in: file) { lexicon.idioms.append(rule) }
        }
        lexicon.reportedSpeech = words(top["reported_speech"], in: file, what: "reported_speech")
        lexicon.disavowals = words(top["disavowals"], in: file, what: "disavowals")
        lexicon.negations = words(top["negations"], in: file, what: "negations")
    }

    mutating func readRule(_ node: Node, in file: YAMLFile) -> ThreatRule? {
        guard let rule = mapping(node, in: file, keys: ["id", "all", "window", "phrase"]) else { return nil }
        let id = rule["id"]?.string ?? "rule at line \(node.mark?.line ?? 0)"
        if let phraseNode = rule["phrase"] {
            guard rule["all"] == nil, rule["window"] == nil else {
                errors.append(file.error("a rule has either `phrase` or `all` with `window`, not both", at: node))
                return nil
            }
            guard let phrase = phraseNode.string, !phrase.isEmpty else {
                errors.append(file.error("`phrase` must be a line of words", at: phraseNode))
                return nil
            }
            for word in phrase.split(separator: " ") {
                if let problem = ScreeningEntryCheck.problemInWord(String(word)) {
                    errors.append(file.error("phrase: \(problem)", at: phraseNode))
                    return nil
                }
            }
            return .phrase(id: id, phrase)
        }
        guard let allNode = rule["all"], let slotNodes = allNode.sequence, !slotNodes.isEmpty else {
            errors.append(file.error("a rule needs `phrase`, or `all` with a list of slots", at: rule["all"] ?? node))
            return nil
        }
        guard let windowNode = rule["window"], let window = windowNode.string.flatMap({ Int($0) }), window >= slotNodes.count else {
            errors.append(file.error("`window` must be a whole number of words, at least the number of slots", at: rule["window"] ?? node))
            return nil
        }
        var slots: [[String]] = []
        for slot in slotNodes {
            if slot.sequence != nil {
                slots.append(words(slot, in: file, what: "slot"))
            } else if let name = slot.string, let words = classes[name] {
                slots.append(words)
            } else {
                errors.append(file.error("unknown class «\(slot.string ?? "?")» (classes are defined in threats.yaml)", at: slot))
                return nil
            }
        }
        return ThreatRule(id: id, slots: slots, window: window)
    }

    // MARK: - Small readers

    mutating func mapping(_ node: Node, in file: YAMLFile, keys allowed: Set<String>) -> Node.Mapping? {
        guard let map = node.mapping else {
            errors.append(file.error("expected a mapping with keys: \(allowed.sorted().joined(separator: ", "))", at: node))
            return nil
        }
        for key in map.keys where !allowed.contains(key.string ?? "") {
            errors.append(file.error("unknown key «\(key.string ?? "?")»; expected one of: \(allowed.sorted().joined(separator: ", "))", at: key))
        }
        return map
    }

    mutating func list(_ node: Node?, in file: YAMLFile, what: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            errors.append(file.error("`\(what)` must be a list", at: node))
            return []
        }
        return Array(sequence)
    }

    /// A list of words (entries may hold several words and a trailing `*`).
    mutating func words(_ node: Node?, in file: YAMLFile, what: String) -> [String] {
        list(node, in: file, what: what).compactMap { item in
            guard let text = item.scalar?.string else {
                errors.append(file.error("\(what): expected a word", at: item))
                return nil
            }
            for word in text.split(separator: " ", omittingEmptySubsequences: false) {
                if let problem = ScreeningEntryCheck.problemInWord(String(word)) {
                    errors.append(file.error("\(what): \(problem)", at: item))
                    return nil
                }
            }
            return text
        }
    }

    /// A list of letter strings (affixes, exceptions); `$` ends an `after` entry.
    mutating func letters(_ node: Node?, in file: YAMLFile, what: String, dollar: Bool) -> [String] {
        list(node, in: file, what: what).compactMap { item in
            guard let text = item.scalar?.string else {
                errors.append(file.error("\(what): expected letters", at: item))
                return nil
            }
            let body = dollar && text.hasSuffix("$") ? String(text.dropLast()) : text
            if let problem = ScreeningEntryCheck.problemInLetters(body, allowEmpty: body != text) {
                errors.append(file.error("\(what): \(problem)", at: item))
                return nil
            }
            return text
        }
    }
}
