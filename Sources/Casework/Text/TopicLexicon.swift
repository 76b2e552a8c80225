/// Common municipal problems and the word stems that name them, so «яма» and «выбоина» count as one topic.
enum TopicLexicon {
    /// Topic → stem prefixes; a word belongs to a topic when its stem starts with one of them.
    /// Prefixes of three letters or less, and those marked «=», must match the whole stem.
    static let topics: [(topic: String, prefixes: [String])] = [
        ("roadSurface", ["ям", "выбоин", "колдоб", "ухаб", "асфальт", "покрыт", "щебен", "щебн", "грейд", "отсып",
                         "латк", "провал", "гравий", "гравия", "грунтовк", "разбит", "дорожн", "дорог"]),
        ("sidewalk", ["тротуар", "пешеходн", "плитк", "бордюр"]),
        ("snow", ["снег", "снеж", "сугроб", "налед", "гололед", "сосульк", "скольз", "посып", "реагент", "наледь"]),
        ("waste", ["мусор", "отход", "контейнер", "помойк", "свалк", "бак", "тко", "вывоз"]),
        ("lighting", ["фонар", "освещ", "темн", "светильник", "ламп"]),
        ("power", ["электр", "свет=", "напряжен", "обесточ"]),
        ("water", ["вод", "кран", "напор", "колонк", "ржав"]),
        ("drainage", ["луж", "затоп", "подтоп", "ливнев", "канав", "водоотвод", "потоп", "слив"]),
        ("heating", ["отоплен", "батар", "тепл", "холодн", "котельн", "радиатор", "теплотрасс"]),
        ("sewer", ["канализ", "люк", "колодц", "колодец", "стоки", "фекал", "засор"]),
        ("trees", ["дерев", "ветк", "спил", "топол", "крон", "пен", "пн", "берез", "сух"]),
        ("grass", ["трав", "покос", "скос", "бурьян", "амброз", "борщевик", "сорняк"]),
        ("animals", ["собак", "пес", "псы", "псов", "животн", "бездомн", "ста", "отлов", "укус", "кошк"]),
        ("transport", ["автобус", "маршрут", "расписан", "рейс", "транспорт", "перевозчик", "проездн"]),
        ("playground", ["качел", "песочниц", "карусел", "горк"]),
        ("traffic", ["светофор", "разметк", "переход", "знак", "лежач", "зебр", "парковк", "припарк", "пробк"]),
        ("building", ["крыш", "кровл", "протека", "протек", "фасад", "управляющ", "балкон", "лифт"]),
        ("noise", ["шум", "музык", "громк", "орут", "гуд", "гул", "грохот"]),
        ("smell", ["запах", "вон", "дым", "гар", "выброс", "сжига", "смог"]),
    ]

    /// One prefix, as bytes: stems are lowercased and «ё»-folded, so bytes compare as letters do,
    /// without `String`'s normalising comparison (this runs for every word of every post).
    private struct Rule {
        let bytes: [UInt8]
        let whole: Bool
    }

    /// Per topic, in the order of `topics`: its prefixes as rules.
    private static let rules: [[Rule]] = topics.map { entry in
        entry.prefixes.flatMap { p -> [Rule] in
            // Very short stems («ям», «вод») must match whole, else «водител» would be water.
            if p.hasSuffix("=") { return [Rule(bytes: Array(p.dropLast().utf8), whole: true)] }
            if p.count <= 3 { return [Rule(bytes: Array(p.utf8), whole: true), Rule(bytes: Array((p + "к").utf8), whole: true)] }
            return [Rule(bytes: Array(p.utf8), whole: false)]
        }
    }

    /// The topics one stem belongs to, as bits: bit k is `topics[k]`.
    static func topicMask(ofStem stem: String) -> UInt32 {
        var mask: UInt32 = 0
        var stem = stem
        stem.withUTF8 { bytes in
            for (k, rules) in rules.enumerated() where rules.contains(where: { rule in
                rule.whole ? bytes.elementsEqual(rule.bytes)
                    : bytes.count >= rule.bytes.count && bytes.starts(with: rule.bytes)
            }) {
                mask |= 1 << UInt32(k)
            }
        }
        return mask
    }

    /// The topics one stem belongs to.
    static func topics(ofStem stem: String) -> [String] { names(topicMask(ofStem: stem)) }

    /// The topic names of a mask, in lexicon order.
    static func names(_ mask: UInt32) -> [String] {
        topics.indices.filter { mask & (1 << UInt32($0)) != 0 }.map { topics[$0].topic }
    }
}

extension String {
    /// `hasPrefix` by bytes, for lowercased, «ё»-folded words: `String.hasPrefix` normalises both sides.
    func startsWithBytes(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// `hasSuffix` by bytes, for lowercased, «ё»-folded words.
    func endsWithBytes(_ suffix: String) -> Bool { utf8.reversed().starts(with: suffix.utf8.reversed()) }
}
