import Bot
import Foundation
import Testing
@testable import DialogTemplates

/// The bot handler's texts: every key it renders exists in every language, with the placeholders
/// and plural forms its call sites expect. Keys named by a value (a role, a journal action) come from
/// `DialogKey.botFamilies`; keys written out are read from `Sources/Bot/*.swift` with their call
/// sites, so a key added to the code without a text fails here rather than showing the key to an official.
@Suite struct BotKeysTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each handler file's name and text.
    static func botSources() throws -> [(name: String, text: String)] {
        let folder = root.appendingPathComponent("Sources/Bot")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Every literal key in the handler, with the names of the values its call site passes when
    /// they can be read (`turn.text("k")`, `turn.text("k", ["a": .text(…)])`, `render("k", count: n)`).
    struct Use {
        var key: String
        var file: String
        /// nil when the values are a variable or the key is not passed directly.
        var values: [String: Bool]?
        var withCount = false
    }

    static func uses() throws -> [Use] {
        var found: [Use] = []
        for (file, text) in try botSources() {
            for match in text.matches(of: #/"([a-z_]+(?:\.[a-z_0-9]+)+)"/#) {
                var use = Use(key: String(match.output.1), file: file)
                var rest = text[match.range.upperBound...].drop { $0 == " " }
                if rest.first == ")" {
                    use.values = [:]
                } else if rest.first == "," {
                    rest = rest.dropFirst().drop { $0.isWhitespace }
                    if rest.hasPrefix("count:") {
                        use.values = ["count": false]
                        use.withCount = true
                    } else if rest.first == "[" {
                        let dictionary = literal(rest)
                        use.values = valueNames(in: dictionary)
                        let after = rest[dictionary.endIndex...].drop { $0 == " " }
                        use.withCount = after.first == "," && after.dropFirst().drop(while: \.isWhitespace).hasPrefix("count:")
                    }
                }
                found.append(use)
            }
        }
        return found
    }

    /// The dictionary literal starting at `text` (bracket-matched).
    static func literal(_ text: Substring) -> Substring {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "[", "(": depth += 1
            case "]", ")":
                depth -= 1
                if depth == 0 { return text[...index] }
            default: break
            }
        }
        return text
    }

    /// Top-level `"name": value` pairs of a dictionary literal; true when the value is `.html(…)`.
    static func valueNames(in body: Substring) -> [String: Bool] {
        var names: [String: Bool] = [:]
        for match in body.matches(of: #/"([a-zA-Z_]+)":\s*(\.html\()?/#) {
            names[String(match.output.1)] = match.output.2 != nil
        }
        return names
    }

    /// Literal keys and the families' keys.
    static func requiredKeys() throws -> [DialogKey] {
        var keys = Set(try uses().map(\.key))
        keys.formUnion(DialogKey.botFamilies.map(\.rawValue))
        return keys.sorted().map { DialogKey($0) }
    }

    /// A key made from a value outside `BotKeys.swift` would escape the families' list.
    @Test func keysAreMadeFromValuesOnlyByTheFamilyFunctions() throws {
        for (file, text) in try Self.botSources() where file != "BotKeys.swift" {
            #expect(text.firstMatch(of: #/DialogKey\("[a-z_.]+\\\(/#) == nil, "\(file): add a function to BotKeys.swift")
        }
    }

    @Test func everyJournalActionHasAText() throws {
        let keys = DialogKey.botFamilies.map(\.rawValue)
        #expect(keys.contains("journal.mark_published") && keys.contains("journal.withdraw") && keys.contains("journal.unreachable"))
    }

    @Test(arguments: DialogLanguage.allCases)
    func everyKeyTheHandlerRendersExists(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        let required = try Self.requiredKeys()
        #expect(required.count > 150)
        #expect(dialogs.missingKeys(required).map(\.rawValue) == [])
    }

    @Test func theShippedFolderIsValidWithTheHandlersKeysRequired() throws {
        let problems = Dialogs.validate(folder: dialogsFolder, requiredKeys: try Self.requiredKeys() + DialogKey.common)
        #expect(problems.map(\.description) == [])
    }

    /// A plural text rendered without `count:` shows its «many» form («1 обращений»), and a single
    /// text rendered with it ignores the number's grammar.
    @Test(arguments: DialogLanguage.allCases)
    func pluralTextsAreExactlyThoseRenderedWithCount(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        for use in try Self.uses() where dialogs.contains(DialogKey(use.key)) {
            #expect(dialogs.isPlural(DialogKey(use.key)) == use.withCount, "\(language) \(use.key) in \(use.file)")
        }
    }

    /// Each call site that passes its values inline gives every placeholder the template uses, and
    /// `.html` exactly to the triple-brace ones.
    @Test(arguments: DialogLanguage.allCases)
    func callSitesGiveThePlaceholdersTheTextsUse(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        for use in try Self.uses() {
            guard let given = use.values, dialogs.contains(DialogKey(use.key)) else { continue }
            let wanted = dialogs.sampleValues(for: DialogKey(use.key))
            let missing = Set(wanted.keys).subtracting(given.keys)
            #expect(missing.isEmpty, "\(language) \(use.key) in \(use.file) uses \(missing.sorted()) that the code does not pass")
            for (name, isHTML) in given {
                guard let sample = wanted[name] else { continue }
                let wantsHTML = if case .html = sample { true } else { false }
                #expect(isHTML == wantsHTML, "\(language) \(use.key) in \(use.file): \(name) needs \(isHTML ? "{{{\(name)}}}" : "{{\(name)}}")")
            }
        }
    }

    @Test func theScannerReadsCallSites() throws {
        let uses = try Self.uses()
        let repeatNote = try #require(uses.first { $0.key == "executor.repeat_note" })
        #expect(repeatNote.values == ["earlier": false, "history": true])
        let media = try #require(uses.first { $0.key == "case.card.media" })
        #expect(media.withCount)
        #expect(uses.first { $0.key == "timeline.header" }?.values == [:])
    }
    /// Texts shown as a button, or as a toast after a press: both are plain text, not HTML.
    static let toastKeys: [DialogKey] = ["error.stale_button", "error.not_allowed", "notice.nothing_to_send", "common.cancelled",
                                         "intake.repeat_without_executor", "draft.obscene_refused"]

    static func plainValues(_ dialogs: Dialogs, _ key: DialogKey) -> [String: DialogValue] {
        dialogs.sampleValues(for: key).mapValues { _ in .text("Иванова Анна-Мария") }
    }

    /// Buttons fit a phone: two to a row, so about 24 characters at most, and no markup.
    @Test(arguments: DialogLanguage.allCases)
    func buttonsAreShortPlainText(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        for key in dialogs.keys where key.rawValue.hasPrefix("button.") {
            let text = dialogs.render(key, dialogs.sampleValues(for: key).mapValues { _ in .int(12345) })
            #expect(text.count <= 24, "\(language) \(key): \(text)")
            #expect(!text.contains("<") && !text.contains("&"), "\(language) \(key): \(text)")
        }
    }

    /// A refusal after a button press is a toast: plain text, at most 200 characters.
    @Test(arguments: DialogLanguage.allCases)
    func toastsArePlainAndShort(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        let keys = dialogs.keys.filter { $0.rawValue.hasPrefix("refusal.") } + Self.toastKeys
        #expect(keys.count > 10)
        for key in keys {
            let text = dialogs.render(key, Self.plainValues(dialogs, key))
            #expect(text.count <= 150, "\(language) \(key): leave room for longer names")
            #expect(!text.contains("<") && !text.contains("&"), "\(language) \(key): \(text)")
        }
    }
}
