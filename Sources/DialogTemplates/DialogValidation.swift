import Messaging
import Foundation

extension Dialogs {
    /// The shorter of the messengers' limits on a message's visible length (Telegram 4,096, MAX 4,000):
    /// one text must fit in one message on either.
    public static let messageLimit = 4000

    /// Checks every language folder under `folder` (e.g. `Dialogs/`) together: YAML and template
    /// syntax, duplicate keys, plural forms, keys missing from a language, `requiredKeys` missing
    /// anywhere, placeholders that differ between languages (a warning), and that every text renders
    /// with sample values in our rich text's marks within 4,000 characters.
    public static func validate(folder: String, requiredKeys: [DialogKey] = []) -> [DialogProblem] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var problems: [DialogProblem] = []
        var catalogs: [Catalog] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            guard let language = DialogLanguage(rawValue: name) else {
                problems.append(DialogProblem(file: path, message: "'\(name)' is not a supported language (\(DialogLanguage.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            catalogs.append(Catalog(folder: path, language: language))
        }
        if catalogs.isEmpty {
            problems.append(DialogProblem(file: folder, message: "no language folders (such as ru/ and en/) with texts"))
        }
        // Russian first: it is the language the texts are written in.
        catalogs.sort { DialogLanguage.allCases.firstIndex(of: $0.language)! < DialogLanguage.allCases.firstIndex(of: $1.language)! }
        let across = crossLanguageProblems(catalogs)
        for catalog in catalogs {
            var found = catalog.problems + renderProblems(catalog)
            found += across.filter { $0.file.hasPrefix((folder as NSString).appendingPathComponent(catalog.language.rawValue) + "/") }
            for key in requiredKeys where catalog.declared[key] == nil {
                found.append(DialogProblem(file: (folder as NSString).appendingPathComponent(catalog.language.rawValue), key: key,
                                           message: "\(key) is used by the bot but missing in \(catalog.language.rawValue)"))
            }
            problems += found.enumerated().sorted { a, b in
                (a.element.file, a.element.line ?? 0, a.offset) < (b.element.file, b.element.line ?? 0, b.offset)
            }.map(\.element)
        }
        return problems
    }

    /// Sample values for `key`'s placeholders: hostile text, HTML fragments, two items per section.
    /// `full: false` leaves every section out, to exercise `{{^section}}` branches.
    public func sampleValues(for key: DialogKey, full: Bool = true) -> [String: DialogValue] {
        var shape = TemplateShape()
        for template in texts[key]?.templates ?? [] { shape.merge(template.shape) }
        return shape.sampleValues(full: full)
    }

    /// Renders every form of every text with sample values, with and without sections, and checks
    /// the result is HTML Telegram accepts and fits in a message.
    static func renderProblems(_ catalog: Catalog) -> [DialogProblem] {
        let dialogs = Dialogs(language: catalog.language, texts: catalog.entries.mapValues(\.text), log: MissLog(handler: nil))
        var problems: [DialogProblem] = []
        for (key, entry) in catalog.entries.sorted(by: { $0.key < $1.key }) {
            let counts: [Int?] = dialogs.isPlural(key) ? [1, 2, 5, 21] : [nil]
            var seen: Set<String> = []
            for full in [true, false] {
                let values = dialogs.sampleValues(for: key, full: full)
                for count in counts {
                    let text = count.map { dialogs.render(key, values, count: $0) } ?? dialogs.render(key, values)
                    for message in RichText.problems(in: text) where seen.insert(message).inserted {
                        problems.append(DialogProblem(file: entry.file, line: entry.line, key: key, message: "\(key): \(message)"))
                    }
                    let length = RichText.visibleLength(text)
                    if length > messageLimit, seen.insert("length").inserted {
                        problems.append(DialogProblem(file: entry.file, line: entry.line, key: key,
                                                      message: "\(key): \(length) characters with sample values; a message holds \(messageLimit)"))
                    }
                }
            }
        }
        return problems
    }

    /// Keys one language has and another lacks (naming both), and placeholders that differ, each
    /// pair reported at the first language's file (ru before en).
    static func crossLanguageProblems(_ catalogs: [Catalog]) -> [DialogProblem] {
        var problems: [DialogProblem] = []
        for (position, catalog) in catalogs.enumerated() {
            for (key, place) in catalog.declared.sorted(by: { $0.key < $1.key }) {
                for (otherPosition, other) in catalogs.enumerated() where otherPosition != position {
                    guard other.declared[key] != nil else {
                        problems.append(DialogProblem(file: place.file, line: place.line, key: key,
                            message: "\(key) is in \(catalog.language.rawValue) but missing in \(other.language.rawValue)"))
                        continue
                    }
                    // Compare each pair once, from the language listed first; texts that failed
                    // to parse are reported already.
                    guard position < otherPosition, let entry = catalog.entries[key], let theirs = other.entries[key] else { continue }
                    if entry.text.isPlural != theirs.text.isPlural {
                        let (plural, single) = entry.text.isPlural ? (catalog, other) : (other, catalog)
                        problems.append(DialogProblem(file: entry.file, line: entry.line, key: key,
                            message: "\(key) has plural forms in \(plural.language.rawValue) but is a single text in \(single.language.rawValue) (\(theirs.file):\(theirs.line))"))
                    }
                    let mine = entry.text.signature, their = theirs.text.signature
                    if mine != their {
                        let onlyMine = mine.subtracting(their).sorted(), onlyTheirs = their.subtracting(mine).sorted()
                        var parts: [String] = []
                        if !onlyMine.isEmpty { parts.append("only \(catalog.language.rawValue) uses \(onlyMine.joined(separator: ", "))") }
                        if !onlyTheirs.isEmpty { parts.append("only \(other.language.rawValue) uses \(onlyTheirs.joined(separator: ", ")) (\(theirs.file):\(theirs.line))") }
                        problems.append(DialogProblem(.warning, file: entry.file, line: entry.line, key: key,
                            message: "\(key): placeholders differ between languages: \(parts.joined(separator: "; "))"))
                    }
                }
            }
        }
        return problems
    }
}
