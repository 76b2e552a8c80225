import Messaging
import Testing
@testable import DialogTemplates

/// The real `Dialogs/` folder: everything the bot can say, in every language.
@Suite struct ShippedDialogsTests {
    @Test func validationFindsNothingInTheShippedFolder() {
        let problems = Dialogs.validate(folder: dialogsFolder, requiredKeys: DialogKey.common)
        #expect(problems.map(\.description) == [])
    }

    @Test(arguments: DialogLanguage.allCases)
    func everyKeyRendersAsValidTelegramHTMLWithinTheLimit(_ language: DialogLanguage) throws {
        let dialogs = try loadShipped(language.rawValue)
        #expect(dialogs.keys.count >= DialogKey.common.count)
        for key in dialogs.keys {
            for full in [true, false] {
                let values = dialogs.sampleValues(for: key, full: full)
                let texts = dialogs.isPlural(key)
                    ? [1, 2, 5, 11, 21].map { dialogs.render(key, values, count: $0) }
                    : [dialogs.render(key, values)]
                for text in texts {
                    #expect(RichText.problems(in: text) == [], "\(language) \(key): \(text)")
                    #expect(RichText.visibleLength(text) <= Dialogs.messageLimit, "\(language) \(key)")
                    #expect(!text.isEmpty && text != key.rawValue, "\(language) \(key)")
                }
            }
        }
        #expect(dialogs.misses.map(\.description) == [])
    }

    @Test(arguments: DialogLanguage.allCases)
    func everyCommonKeyExists(_ language: DialogLanguage) throws {
        #expect(try loadShipped(language.rawValue).missingKeys(DialogKey.common) == [])
    }

    @Test func errorsReadAsTheRegulationOfficeWrites() throws {
        let ru = try loadShipped("ru")
        #expect(ru.render(.errorNoAccess) == "Доступ к боту — по приглашению. Обратитесь к администратору.")
        #expect(ru.render(.errorGeneric) == "Что-то пошло не так. Команда уже знает об этом.")
        #expect(ru.render(.errorStaleButton) == "Это действие больше недоступно.")
        #expect(ru.render(.buttonApprove) == "✅ Согласовать")
        #expect(ru.misses.isEmpty)
    }

    @Test func aCardTitleEscapesTheNetworkName() throws {
        let ru = try loadShipped("ru")
        #expect(ru.render(.caseCardTitle, ["id": 42, "network": "VK <Паблик>"]) == "<b>Обращение №42</b> · VK &lt;Паблик&gt;")
        #expect(ru.misses.isEmpty)
    }

    @Test func aListWithAPluralTotalAndDates() throws {
        let ru = try loadShipped("ru")
        let items: [[String: DialogValue]] = [
            ["id": 7, "network": "VK", "when": "30 нояб., 14:05", "overdue": true],
            ["id": 9, "network": "OK", "when": "1 дек., 09:00", "overdue": false],
        ]
        let text = ru.render(.casesList, ["total": .html(ru.render(.casesCount, count: 2)), "items": .list(items)])
        #expect(text == """
            <b>Ваши обращения</b>: 2 обращения
            №7 · VK · до 30 нояб., 14:05 ⚠️ просрочено
            №9 · OK · до 1 дек., 09:00
            """)
        #expect(ru.misses.isEmpty)
    }
}
