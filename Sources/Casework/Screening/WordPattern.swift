import Foundation

/// A lexicon word compiled to letter sets: `убью` matches that word only, `тво*` any word starting so.
struct WordPattern: Hashable {
    var letters: [LetterSet]
    var anyEnding: Bool

    /// Nil when the entry is not a single word of letters with at most a trailing `*`.
    init?(_ entry: String) {
        var text = entry.trimmingCharacters(in: .whitespaces)
        anyEnding = text.hasSuffix("*")
        if anyEnding { text.removeLast() }
        guard !text.isEmpty, !text.contains("*"), let letters = Normaliser.letters(of: text) else { return nil }
        self.letters = letters
    }

    /// Whether a whole word matches (wildcards in the word never do).
    func matches(_ units: [Unit]) -> Bool {
        if anyEnding ? units.count < letters.count : units.count != letters.count { return false }
        for (k, set) in letters.enumerated() {
            let unit = units[k]
            if unit.isWildcard || unit.letters & set == 0 { return false }
        }
        return true
    }
}

/// Checks for lexicon entries, so the loader can refuse a bad one with its file and line.
public enum ScreeningEntryCheck {
    /// Why `entry` is not a valid word (`убью`, `тво*`), or nil when it is.
    public static func problemInWord(_ entry: String) -> String? {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "an empty word" }
        if trimmed.dropLast().contains("*") { return "«\(entry)»: `*` may only end a word" }
        if WordPattern(trimmed) == nil { return "«\(entry)» is not one word of letters" }
        return nil
    }

    /// Why `entry` is not valid letters for a stem or affix (no `*`, no spaces), or nil.
    public static func problemInLetters(_ entry: String, allowEmpty: Bool = false) -> String? {
        if entry.isEmpty { return allowEmpty ? nil : "empty letters" }
        if entry.contains("*") { return "«\(entry)»: `*` is not allowed here" }
        if Normaliser.letters(of: entry) == nil { return "«\(entry)» is not one word of letters" }
        return nil
    }
}
