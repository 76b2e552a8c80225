import Testing
@testable import DialogTemplates

/// Each kind of mistake a translator can make is reported with the file and line to fix.
@Suite struct ValidationTests {
    func problems(_ files: [String: String], required: [DialogKey] = []) throws -> (problems: [DialogProblem], folder: TempDialogs) {
        let folder = try TempDialogs(files)
        return (Dialogs.validate(folder: folder.path, requiredKeys: required), folder)
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.one: \"Да\"\na.two: [Нет\na.three: x\n",
            "en/a.yaml": "a.one: Yes\n",
        ])
        defer { folder.remove() }
        let problem = try #require(found.first { $0.message.contains("YAML syntax error") })
        #expect(problem.file == folder.file("ru/a.yaml"))
        #expect(problem.line == 3)
    }

    @Test func templateSyntaxErrorPointsIntoABlockText() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.ok: Да\na.card: |-\n  Обращение\n  {{#overdue}}просрочено\n  конец\n",
            "en/a.yaml": "a.ok: Yes\na.card: \"Case {{#overdue}}overdue{{/overdue}}\"\n",
        ])
        defer { folder.remove() }
        let problem = try #require(found.first { $0.key == "a.card" && $0.message.contains("never closed") })
        #expect(problem.file == folder.file("ru/a.yaml"))
        // The section opens on line 4; the parser notices at the end of the text, line 5.
        #expect(problem.line == 5)
        #expect(problem.severity == .error)
    }

    @Test func aSectionClosedWithAnotherName() throws {
        let (found, folder) = try problems(["ru/a.yaml": "\n\na.x: \"{{#a}}x{{/b}}\"\n"])
        defer { folder.remove() }
        let problem = try #require(found.first { $0.message.contains("closed with another name") })
        #expect(problem.line == 3)
    }

    @Test func aKeyMissingInOneLanguageNamesBoth() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.yes: Да\na.no: Нет\n",
            "en/a.yaml": "a.yes: Yes\n",
        ])
        defer { folder.remove() }
        let problem = try #require(found.first { $0.key == "a.no" })
        #expect(problem.message == "a.no is in ru but missing in en")
        #expect(problem.file == folder.file("ru/a.yaml"))
        #expect(problem.line == 2)
        #expect(found.count == 1)
    }

    @Test func duplicateKeysInOneFileAndAcrossFiles() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.yes: Да\na.no: Нет\na.yes: Ага\n",
            "ru/b.yaml": "\na.no: Нет\n",
        ])
        defer { folder.remove() }
        let inFile = try #require(found.first { $0.key == "a.yes" })
        #expect(inFile.file == folder.file("ru/a.yaml"))
        #expect(inFile.line == 3)
        #expect(inFile.message.contains("first on line 1"))
        let acrossFiles = try #require(found.first { $0.key == "a.no" })
        #expect(acrossFiles.file == folder.file("ru/b.yaml"))
        #expect(acrossFiles.line == 2)
        #expect(acrossFiles.message.contains("a.yaml"))
    }

    @Test func placeholdersThatDifferBetweenLanguagesAreAWarning() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.due: \"Срок: {{deadline}}, {{left}}\"\n",
            "en/a.yaml": "a.due: \"Due {{left}}\"\n",
        ])
        defer { folder.remove() }
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.severity == .warning)
        #expect(problem.message.contains("only ru uses deadline"))
        #expect(problem.file == folder.file("ru/a.yaml"))
        #expect(problem.line == 1)
    }

    @Test func renderedTextsMustUseOnlyOurMarks() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.ok: \"<b>Да</b>\"\na.br: \"Строка<br>строка\"\na.open: \"<b>жирный\"\na.amp: \"Чай & кофе\"\n",
        ])
        defer { folder.remove() }
        let byKey = Dictionary(grouping: found, by: { $0.key!.rawValue })
        #expect(byKey["a.ok"] == nil)
        #expect(byKey["a.br"]?.first?.message == "a.br: <br> is not a mark rich text uses (b, i, u, s, code, pre, blockquote, a)")
        #expect(byKey["a.br"]?.first?.line == 2)
        #expect(byKey["a.open"]?.first?.message == "a.open: <b> not closed")
        #expect(byKey["a.amp"]?.first?.message == "a.amp: a bare '&' must be written &amp;")
    }

    @Test func aTextLongerThanAMessage() throws {
        let long = String(repeating: "Очень длинный текст. ", count: 200)
        let (found, folder) = try problems(["ru/a.yaml": "a.short: Да\na.long: \"\(long)\"\n"])
        defer { folder.remove() }
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.key == "a.long" && problem.line == 2)
        #expect(problem.message.contains("a message holds 4000"))
    }

    @Test func pluralFormsMustBeCompleteAndShowTheCount() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.n:\n  one: \"одно обращение\"\n  few: \"{{count}} обращения\"\n",
            "en/a.yaml": "a.n:\n  one: \"one case\"\n  other: \"{{count}} cases\"\n",
        ])
        defer { folder.remove() }
        let messages = found.filter { $0.key == "a.n" }.map(\.message)
        #expect(messages.contains("a.n: ru needs the plural forms one, few, many; missing many"))
        #expect(messages.contains("a.n.one serves several numbers in ru, so it must show {{count}}"))
        #expect(found.allSatisfy { $0.file == folder.file("ru/a.yaml") && $0.line == 1 })
    }

    @Test func pluralInOneLanguageOnlyIsAnError() throws {
        let (found, folder) = try problems([
            "ru/a.yaml": "a.n:\n  one: \"{{count}} день\"\n  few: \"{{count}} дня\"\n  many: \"{{count}} дней\"\n",
            "en/a.yaml": "a.n: \"{{count}} days\"\n",
        ])
        defer { folder.remove() }
        #expect(found.map(\.message) == ["a.n has plural forms in ru but is a single text in en (\(folder.file("en/a.yaml")):1)"])
    }

    @Test func requiredKeysMustExistInEveryLanguage() throws {
        let (found, folder) = try problems(["ru/a.yaml": "a.yes: Да\n", "en/a.yaml": "a.yes: Yes\n"], required: ["a.yes", "a.gone"])
        defer { folder.remove() }
        #expect(found.map(\.message) == ["a.gone is used by the bot but missing in ru", "a.gone is used by the bot but missing in en"])
    }

    @Test func partialsAndNestedKeysAreRefused() throws {
        let (found, folder) = try problems(["ru/a.yaml": "a.x: \"{{> card}}\"\na:\n  y: Да\n"])
        defer { folder.remove() }
        #expect(found.contains { $0.line == 1 && $0.message.contains("'{{> card}}' is not supported") })
        #expect(found.contains { $0.line == 3 && $0.message.contains("not nested") })
    }

    @Test func loadFailsWithEveryErrorButIgnoresWarnings() throws {
        let folder = try TempDialogs(["ru/a.yaml": "a.x: \"{{#a}}\"\na.y: \"{{/b}}\"\n"])
        defer { folder.remove() }
        #expect(throws: DialogError.self) { try Dialogs.load(folder: folder.path, language: "ru") }
        do {
            _ = try Dialogs.load(folder: folder.path, language: "ru")
        } catch {
            #expect(error.problems.map(\.line) == [1, 2])
        }
        #expect(throws: DialogError.self) { try Dialogs.load(folder: folder.path, language: "de") }
    }
}
