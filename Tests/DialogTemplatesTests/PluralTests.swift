import Testing
@testable import DialogTemplates

@Suite struct PluralTests {
    @Test func russianCategoriesFollowCLDR() {
        let expected: [Int: PluralCategory] = [
            0: .many, 1: .one, 2: .few, 4: .few, 5: .many, 11: .many, 12: .many, 14: .many, 21: .one,
            22: .few, 25: .many, 111: .many, 112: .many, 101: .one, 1001: .one, -1: .one,
        ]
        for (n, category) in expected { #expect(DialogLanguage.ru.pluralCategory(n) == category, "\(n)") }
    }

    @Test func russianCasesCount() throws {
        let ru = try loadShipped("ru")
        let rendered = [1, 2, 5, 11, 21, 22, 25, 111].map { ru.render(.casesCount, count: $0) }
        #expect(rendered == [
            "1 обращение", "2 обращения", "5 обращений", "11 обращений",
            "21 обращение", "22 обращения", "25 обращений", "111 обращений",
        ])
        #expect(ru.misses.isEmpty)
    }

    @Test func englishCasesCount() throws {
        let en = try loadShipped("en")
        #expect([0, 1, 2, 11, 21].map { en.render(.casesCount, count: $0) } == ["0 cases", "1 case", "2 cases", "11 cases", "21 cases"])
        #expect(en.misses.isEmpty)
    }

    @Test func aPluralWithoutCountIsRecordedAndStillReadable() throws {
        let ru = try loadShipped("ru")
        #expect(ru.render(.casesCount, ["count": 5]) == "5 обращений")
        #expect(ru.misses == [DialogMiss(key: .casesCount, kind: .missingCount)])
    }
}
