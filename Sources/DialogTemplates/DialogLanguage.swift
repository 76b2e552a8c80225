/// A language the bot speaks: its folder name under `Dialogs/`, plural rules and date words.
public enum DialogLanguage: String, Sendable, CaseIterable {
    case ru, en

    /// The plural category CLDR assigns to the whole number `n` in this language.
    public func pluralCategory(_ n: Int) -> PluralCategory {
        let n = n.magnitude
        switch self {
        case .ru:
            let mod10 = n % 10, mod100 = n % 100
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case .en:
            return n == 1 ? .one : .other
        }
    }

    /// The categories whole numbers can fall into; a plural text must give a form for each.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .ru: [.one, .few, .many]
        case .en: [.one, .other]
        }
    }

    /// Categories that cover several numbers (ru `one` is 1, 21, 31…), so their form must show `{{count}}`.
    var categoriesNeedingCount: Set<PluralCategory> {
        switch self {
        case .ru: [.one, .few, .many, .other]
        case .en: [.other]
        }
    }
}

/// CLDR plural categories, written as the sub-keys of a plural text in the YAML files.
public enum PluralCategory: String, Sendable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
