import Testing
@testable import Casework

@Suite struct TextFeaturesTests {
    @Test("inflections share a stem", arguments: [
        (["дорога", "дороги", "дорогу", "дорогой", "дорогах"], "дорог"),
        (["яма", "ямы", "ямой", "ямах", "яму"], "ям"),
        (["асфальт", "асфальта", "асфальтом"], "асфальт"),
        (["Советская", "Советской", "советскую"], "советск"),
        (["освещение", "освещения", "освещением"], "освещен"),
        (["ёлка", "елки"], "елк"),
    ])
    func stems(_ words: [String], _ stem: String) {
        #expect(words.map(RussianStemmer.stem) == Array(repeating: stem, count: words.count))
    }

    @Test("places are found however the address is written", arguments: [
        ("Яма на ул. Ленина, д. 5", Place(kind: .street, name: "ленин", house: "5")),
        ("Яма на улице Ленина у дома 5", Place(kind: .street, name: "ленин", house: "5")),
        ("Ленина, 5 — яма", Place(kind: .street, name: "ленин", house: "5")),
        ("у нас на Карла Маркса 10 нет воды", Place(kind: .street, name: "карл маркс", house: "10")),
        ("на Советской улице сугробы", Place(kind: .street, name: "советск")),
        ("ул. Советская, 12а", Place(kind: .street, name: "советск", house: "12а")),
        ("пр-т Коммунистический, 5/1", Place(kind: .street, name: "коммунистическ", house: "5/1")),
        ("ул. 40 лет Октября, 3", Place(kind: .street, name: "40 лет октябр", house: "3")),
        ("В Речном переулке темно", Place(kind: .street, name: "речн")),
        ("Возле школы № 5 собаки", Place(kind: .landmark, name: "школ 5")),
        ("в детском саду №12 холодно", Place(kind: .landmark, name: "сад 12")),
        ("на остановке «Рынок» лужа", Place(kind: .landmark, name: "остановк рынок")),
    ])
    func places(_ text: String, _ place: Place) {
        #expect(PlaceExtractor.places(in: text) == [place])
    }

    @Test func countsAndTimesAreNotHouses() {
        #expect(PlaceExtractor.places(in: "Уже 3 дня нет воды").isEmpty)
        #expect(PlaceExtractor.places(in: "Автобус 5 не пришел").isEmpty)
        #expect(PlaceExtractor.places(in: "Детская площадка сломана, проезд перекрыт").isEmpty)
        #expect(PlaceExtractor.places(in: "Светофор на Кирова/Горького") ==
            [Place(kind: .street, name: "киров"), Place(kind: .street, name: "горьк")])
    }

    @Test func placeMatchesGrade() {
        let lenin5 = Place(kind: .street, name: "ленин", house: "5")
        #expect(lenin5.match(Place(kind: .street, name: "ленин", house: "5")) == .same)
        #expect(lenin5.match(Place(kind: .street, name: "ленин")) == .sameStreet)
        #expect(lenin5.match(Place(kind: .street, name: "ленин", house: "7")) == .differentHouse)
        #expect(lenin5.match(Place(kind: .street, name: "мир", house: "5")) == PlaceMatch.none)
    }

    @Test func synonymsOfOneProblemAreSimilarAndDifferentProblemsAreNot() {
        let pothole = TextFeatures(text: "Огромная выбоина на дороге")
        let pit = TextFeatures(text: "Глубокая яма, машины бьют колёса")
        let garbage = TextFeatures(text: "Не вывозят мусор, баки переполнены")
        #expect(pothole.similarity(to: pit) > 0.4)
        #expect(pothole.similarity(to: garbage) < 0.1)
        // Street names do not make texts similar.
        #expect(TextFeatures(text: "На Ленина 5 яма").similarity(to: TextFeatures(text: "На Ленина 5 мусор")) < 0.1)
    }

    @Test func featuresKeptAsBytesCompareExactlyAsComputed() throws {
        let texts = ["Огромная яма на ул. Ленина, д. 5, машины бьют колёса", "Возле школы № 5 не горят фонари",
                     "Не вывозят мусор на Карла Маркса 10", "", "Просто текст без мест"]
        for text in texts {
            let computed = TextFeatures(text: text)
            let stored = try #require(TextFeatures(bytes: computed.bytes))
            #expect(stored == computed)
            for other in texts.map(TextFeatures.init(text:)) {
                #expect(stored.similarity(to: other) == computed.similarity(to: other))
            }
        }
    }

    @Test func bytesOfAnotherVersionOrDamagedAreNotRead() {
        var bytes = TextFeatures(text: "Яма на ул. Ленина, д. 5").bytes
        #expect(TextFeatures(bytes: Array(bytes.dropLast())) == nil)
        #expect(TextFeatures(bytes: bytes + [0]) == nil)
        #expect(TextFeatures(bytes: []) == nil)
        bytes[0] = TextFeatures.formatVersion &+ 1
        #expect(TextFeatures(bytes: bytes) == nil)
    }
}

