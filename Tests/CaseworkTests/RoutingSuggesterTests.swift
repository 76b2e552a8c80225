import Testing
@testable import Casework

@Suite struct RoutingSuggesterTests {
    static let departments = [
        Department(id: "roads", name: "Комитет по дорожному хозяйству", keywords: ["дорог", "ям", "асфальт", "тротуар"]),
        Department(id: "housing", name: "Комитет по ЖКХ", keywords: ["отоплен", "батаре", "мусор", "контейнер", "вода"]),
        Department(id: "light", name: "Отдел благоустройства", keywords: ["уличное освещение", "фонар"]),
        Department(id: "transport", name: "Отдел транспорта", keywords: ["автобус", "маршрут", "остановк"]),
    ]
    let router = RoutingSuggester(departments: departments)

    @Test("inflected forms reach the roads committee", arguments: [
        "Когда отремонтируют дороги?", "Дорожное покрытие разрушено", "Сплошные ямы во дворе",
        "Нужен ямочный ремонт", "Засыпали щебнем вместо того чтобы залить асфальтом", "По дороге не пройти",
        "Тротуары не чистят",
    ])
    func roadsInflections(_ text: String) {
        #expect(router.suggest(for: text).first?.departmentID == "roads")
    }

    @Test func moreKeywordsRankHigher() {
        let ranked = router.suggest(for: "Яма на дороге возле мусорных контейнеров, асфальт провалился")
        #expect(ranked.map(\.departmentID) == ["roads", "housing"])
        #expect(ranked[0].matchedKeywords == ["дорог", "ям", "асфальт"])
        #expect(ranked[1].matchedKeywords == ["мусор", "контейнер"])
    }

    @Test func phraseKeywordsNeedAllTheirWordsInOrder() {
        #expect(router.suggest(for: "Не работает уличное освещение на Мира").first?.departmentID == "light")
        #expect(router.suggest(for: "На улице нет никакого освещения").isEmpty)
    }

    @Test func keywordsWrittenAsWholeWordsStillMatchInflections() {
        // «вода» is configured as a word; «воды» and «водой» must match it.
        #expect(router.suggest(for: "Третий день нет воды").first?.departmentID == "housing")
    }

    @Test func tiesKeepTheConfiguredOrder() {
        let ranked = router.suggest(for: "Автобус объезжает яму")
        #expect(ranked.map(\.departmentID) == ["roads", "transport"])
        #expect(ranked[0].score == ranked[1].score)
    }

    @Test func nothingMatchesNothingSuggested() {
        #expect(router.suggest(for: "Спасибо за праздник!").isEmpty)
    }

    @Test func historyOfSimilarCasesSuggestsWhereKeywordsAreSilent() {
        let history = [
            PastAssignment(text: "Бездомные собаки бросаются на детей у школы", departmentID: "housing"),
            PastAssignment(text: "Стая собак во дворе, страшно выходить", departmentID: "housing"),
            PastAssignment(text: "Большая яма на дороге", departmentID: "roads"),
        ]
        let withHistory = RoutingSuggester(departments: Self.departments, history: history)
        let ranked = withHistory.suggest(for: "Собаки бегают стаей возле школы")
        #expect(ranked.first?.departmentID == "housing")
        #expect(ranked.first?.similarPastCases == 2)
        #expect(router.suggest(for: "Собаки бегают стаей возле школы").isEmpty)
    }

    @Test func historyBreaksAKeywordTie() {
        let history = [PastAssignment(text: "Автобус не останавливается на остановке у рынка", departmentID: "transport")]
        let withHistory = RoutingSuggester(departments: Self.departments, history: history)
        #expect(withHistory.suggest(for: "Автобус объезжает яму у остановки рынка").first?.departmentID == "transport")
    }
}
