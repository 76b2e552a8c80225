/// Finds streets, houses and numbered or named landmarks in Russian post texts.
public enum PlaceExtractor {
    /// The places a text names, in order of appearance, without repeats.
    public static func places(in text: String) -> [Place] {
        places(in: Tokenizer.tokens(text))
    }

    /// The places named by a token sequence.
    public static func places(in tokens: [Token]) -> [Place] {
        var found: [Place] = []
        func add(_ p: Place) {
            // A bare street is dropped once the same street is known with a house.
            if p.house == nil, found.contains(where: { $0.kind == p.kind && $0.name == p.name }) { return }
            found.removeAll { $0.kind == p.kind && $0.name == p.name && $0.house == nil }
            if !found.contains(p) { found.append(p) }
        }
        var i = 0
        while i < tokens.count {
            if isStreetMarker(tokens[i]), let (nameRange, end) = streetName(tokens, marker: i) {
                let name = nameRange.map { stemName(tokens[$0]) }.joined(separator: " ")
                add(Place(kind: .street, name: name, house: house(tokens, after: end)))
                i = max(i + 1, end)
                continue
            }
            if let landmark = landmark(tokens, at: i) {
                add(landmark)
            } else if let (place, next) = bareStreet(tokens, at: i) {
                add(place)
                i = next
                continue
            }
            i += 1
        }
        return found
    }

    // MARK: Streets

    private static let exactMarkers: Set<String> = [
        "ул", "пр-т", "пр-кт", "просп", "б-р", "мкр", "мкрн", "кв-л", "пр-д", "ш", "пер", "пр", "пл", "наб", "бул",
    ]
    /// Short forms that mean a street only with their dot: «пр.» but not «пр», which is often something else.
    private static let dottedOnly: Set<String> = ["ш", "пер", "пр", "пл", "наб", "бул"]
    private static let markerPrefixes = [
        "улиц", "проспект", "переул", "бульвар", "площадь", "площади", "микрорайон", "проезд", "набережн", "тракт",
        "шоссе", "квартал", "тупик",
    ]
    private static let houseWords: Set<String> = ["д", "дом", "дома", "доме", "домом", "домов", "корп", "стр"]
    private static let adjectiveEndings = ["ая", "ой", "ий", "ый", "ую", "ого", "ом", "ей", "ое", "ее"]
    private static let months: Set<String> = [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря",
    ]

    static func isStreetMarker(_ t: Token) -> Bool {
        if exactMarkers.contains(t.lower) {
            return !dottedOnly.contains(t.lower) || t.following == "."
        }
        return markerPrefixes.contains { t.lower.startsWithBytes($0) }
    }

    private static func isNameWord(_ t: Token) -> Bool {
        !t.isNumber && !StopWords.contains(t.lower) && !houseWords.contains(t.lower) && !isStreetMarker(t)
    }

    /// The name's token indexes and the index just past the name.
    private static func streetName(_ tokens: [Token], marker i: Int) -> (ClosedRange<Int>, Int)? {
        let markerIsWord = markerPrefixes.contains { tokens[i].lower.startsWithBytes($0) }
        // «на Советской улице»: a capitalized adjective before a full-word marker is the name.
        if markerIsWord, i > 0, tokens[i - 1].isCapitalized, isNameWord(tokens[i - 1]),
           adjectiveEndings.contains(where: { tokens[i - 1].lower.endsWithBytes($0) }) {
            return (i - 1...i - 1, i + 1)
        }
        let start = i + 1
        guard start < tokens.count else { return nil }
        let first = tokens[start]
        // «проезд перекрыт», «квартал новый»: after a full word other than «улица» the name is capitalized.
        if markerIsWord, !tokens[i].lower.startsWithBytes("улиц"), !first.isCapitalized, !first.isNumber { return nil }
        // «ул. 40 лет Октября», «ул. 9 Мая», «1-я Северная».
        if first.isNumber {
            var end = start + 1
            while end < tokens.count, end - start < 3, !tokens[end].isNumber,
                  tokens[end].isCapitalized || tokens[end].lower == "лет" || months.contains(tokens[end].lower) {
                end += 1
            }
            return end > start + 1 ? (start...end - 1, end) : nil
        }
        guard isNameWord(first) else { return nil }
        var end = start + 1
        // «Карла Маркса», «Льва Толстого»: a second capitalized word continues the name.
        if first.isCapitalized, end < tokens.count, tokens[end].isCapitalized, isNameWord(tokens[end]),
           first.following == " " {
            end += 1
        }
        return (start...end - 1, end)
    }

    /// A house number within a few words after a street name: «Ленина, 5», «Ленина д. 5», «у 15 дома».
    private static func house(_ tokens: [Token], after end: Int) -> String? {
        var j = end
        var skipped = 0
        while j < tokens.count, skipped <= 2 {
            let t = tokens[j]
            if t.isNumber {
                let next = j + 1 < tokens.count ? tokens[j + 1].lower : ""
                // «Ленина 5 подъезд»: numbers of entrances, flats, years are not houses.
                if units.contains(next) { return nil }
                return t.lower
            }
            if !houseWords.contains(t.lower) && !["у", "возле", "около", "напротив", "рядом", "с", "в", "во", "дворе", "двор", "№"].contains(t.lower) {
                return nil
            }
            skipped += 1
            j += 1
        }
        return nil
    }

    /// Numbers followed by these count things, they are not houses: «Ленина 5 подъезд», «уже 3 дня».
    private static let units: Set<String> = [
        "подъезд", "подъезда", "кв", "квартира", "год", "года", "лет", "минут", "минуты", "дней", "дня", "день",
        "часов", "часа", "час", "недели", "недель", "неделю", "месяца", "месяцев", "раз", "раза", "градусов",
        "градуса", "человек", "машин", "штук", "рублей", "метров", "м", "км", "см", "этаж", "этаже", "этажа",
    ]
    /// Capitalized words that are not street names even before a number.
    private static let notStreets: Set<String> = [
        "дом", "квартира", "подъезд", "этаж", "корпус", "участок", "номер", "видео", "фото", "прошло", "прошла",
        "осталось", "всего", "более", "менее", "целых", "каждые", "каждый", "уже", "вот", "около", "сегодня",
        "вчера", "завтра", "утром", "вечером", "ночью", "третий", "второй", "пятый", "температура", "сейчас",
    ]
    /// Endings of street names said without «ул.» or a house: «на Ленина», «на Садовой», «по Горького».
    private static let bareStreetEndings = ["а", "ой", "ей", "ого", "его"]

    private static func looksLikeStreetName(_ t: Token) -> Bool {
        t.isCapitalized && isNameWord(t) && !months.contains(t.lower) && !notStreets.contains(t.lower)
            && t.lower.count > 2 && TopicLexicon.topicMask(ofStem: RussianStemmer.stem(t.lower)) == 0
    }

    /// A street named without a marker: «Ленина, 15», «на Карла Маркса 10», «на Садовой», «Кирова/Горького».
    private static func bareStreet(_ tokens: [Token], at i: Int) -> (Place, Int)? {
        let t = tokens[i]
        guard looksLikeStreetName(t) else { return nil }
        var end = i + 1
        if end < tokens.count, t.following == " ", looksLikeStreetName(tokens[end]) { end += 1 }  // «Карла Маркса»
        let name = tokens[i..<end].map(stemName).joined(separator: " ")
        if end < tokens.count, tokens[end].isNumber, let house = house(tokens, after: end) {
            return (Place(kind: .street, name: name, house: house), end + 1)
        }
        // Without a house only where a street is expected: after «на»/«по», or joined to another street.
        guard i > 0, bareStreetEndings.contains(where: { t.lower.endsWithBytes($0) }) else { return nil }
        let prev = tokens[i - 1]
        let joined = prev.following == "/" || (prev.lower == "и" && i > 1 && tokens[i - 2].isCapitalized)
        guard joined || ["на", "по", "пересечении", "перекрестке", "углу", "угол"].contains(prev.lower) else {
            return nil
        }
        return (Place(kind: .street, name: name), end)
    }

    // MARK: Landmarks

    /// Word beginnings of institutions known by number: «школа №5», «гимназии 11», «больница 1».
    private static let numberedLandmarks = ["школ", "лице", "гимназ", "больниц", "поликлиник", "колледж", "общежит"]
    /// Kindergartens, said many ways; all become «сад N».
    private static let kindergartens: Set<String> = [
        "сад", "сада", "саду", "садик", "садика", "садике", "детсад", "детсада", "детсаду", "д/с", "доу", "мбдоу",
    ]
    private static let namedLandmarks = [
        "парк", "сквер", "остановк", "рынк", "рынок", "тц", "стадион", "вокзал", "магазин", "кинотеатр", "дк",
    ]

    /// «школа №5», «детский сад 12», «остановка «Рынок»», «парк Победы».
    private static func landmark(_ tokens: [Token], at i: Int) -> Place? {
        guard i + 1 < tokens.count else { return nil }
        let word = tokens[i].lower, next = tokens[i + 1]
        if next.isNumber, kindergartens.contains(word) {
            return Place(kind: .landmark, name: "сад \(next.lower)")
        }
        if next.isNumber, let kind = numberedLandmarks.first(where: { word.startsWithBytes($0) }) {
            return Place(kind: .landmark, name: "\(kind) \(next.lower)")
        }
        if !next.isNumber, next.isCapitalized || tokens[i].following == "«" || tokens[i].following == "\"",
           isNameWord(next), case let stem = RussianStemmer.stem(word), namedLandmarks.contains(where: { stem == $0 || word == $0 }) {
            return Place(kind: .landmark, name: "\(stem) \(stemName(next))")
        }
        return nil
    }

    static func stemName(_ t: Token) -> String {
        t.isNumber ? t.lower : RussianStemmer.stem(t.lower)
    }
}
