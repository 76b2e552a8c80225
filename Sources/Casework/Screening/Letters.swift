/// Letters as bit sets: bit n is the n-th Russian letter (а = 0 … я = 31, ё folded into е).
/// A look-alike that could stand for several letters («u» for у or и) sets several bits.
typealias LetterSet = UInt64

enum Letters {
    /// A masked position (`*`, `#`, `..`): any letter, but it is not a letter the author wrote.
    static let wildcard: LetterSet = 0xFFFF_FFFF | (1 << 32)

    static func isWildcard(_ set: LetterSet) -> Bool { set & (1 << 32) != 0 }

    /// The set for one Cyrillic lowercase letter, nil if `c` is not one.
    static func cyrillic(_ c: Character) -> LetterSet? {
        guard let scalar = c.unicodeScalars.first else { return nil }
        return cyrillic(scalar.value)
    }

    static func cyrillic(_ value: UInt32) -> LetterSet? {
        switch value {
        case 0x430...0x44F: return 1 << LetterSet(value - 0x430)
        case 0x451, 0x454: return set("е")        // ё, Ukrainian є
        case 0x456, 0x457: return set("и")        // і, ї
        case 0x45E: return set("у")               // ў
        case 0x458: return set("й")               // ј
        case 0x491: return set("г")               // ґ
        default: return nil
        }
    }

    static func set(_ letters: String) -> LetterSet {
        var result: LetterSet = 0
        for scalar in letters.unicodeScalars where (0x430...0x44F).contains(scalar.value) {
            result |= 1 << LetterSet(scalar.value - 0x430)
        }
        return result
    }

    /// Latin letters read as the Cyrillic letters they look like or transliterate to.
    static let latin: [LetterSet] = {
        let table: [Character: String] = [
            "a": "а", "b": "бв", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "дг", "h": "хн",
            "i": "и", "j": "й", "k": "к", "l": "л", "m": "мт", "n": "пн", "o": "о", "p": "рп",
            "q": "к", "r": "гр", "s": "с", "t": "т", "u": "уи", "v": "в", "w": "шв", "x": "х",
            "y": "уй", "z": "з",
        ]
        var sets = [LetterSet](repeating: 0, count: 26)
        for (letter, cyr) in table { sets[Int(letter.asciiValue! - 97)] = set(cyr) }
        return sets
    }()

    /// All-Latin words are read as transliteration («pizdec», «blyat»), which is narrower than
    /// look-alikes: «job» or «manga» must not become «ёб» or «манда».
    static let transliteration: [LetterSet] = {
        let table: [Character: String] = [
            "a": "а", "b": "б", "c": "цкс", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
            "i": "ий", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
            "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х",
            "y": "ый", "z": "з",
        ]
        var sets = [LetterSet](repeating: 0, count: 26)
        for (letter, cyr) in table { sets[Int(letter.asciiValue! - 97)] = set(cyr) }
        return sets
    }()

    /// Digits and symbols that stand for letters only inside a word («п1зда», «бл@дь»).
    static func symbol(_ value: UInt32) -> LetterSet? {
        switch value {
        case 0x30: return set("о")     // 0
        case 0x31: return set("ил")    // 1
        case 0x33: return set("з")     // 3
        case 0x34: return set("ча")    // 4
        case 0x36: return set("б")     // 6
        case 0x38: return set("в")     // 8
        case 0x39: return set("я")     // 9
        case 0x40: return 0xFFFF_FFFF     // @ for any letter hidden (бл@дь, пиз@ец, д@лбоёб)
        case 0x24: return 0xFFFF_FFFF     // $ likewise (зае$али, бл$дство)
        case 0x20AC: return set("е")   // €
        default: return nil
        }
    }

    /// Greek letters that look like Cyrillic ones.
    static func greek(_ value: UInt32) -> LetterSet? {
        switch value {
        case 0x3B1: return set("а")
        case 0x3B2: return set("в")
        case 0x3B5: return set("е")
        case 0x3B7: return set("пн")
        case 0x3B9: return set("и")
        case 0x3BA: return set("к")
        case 0x3BC: return set("м")
        case 0x3BD: return set("в")
        case 0x3BF: return set("о")
        case 0x3C0: return set("п")
        case 0x3C1: return set("р")
        case 0x3C4: return set("т")
        case 0x3C5: return set("у")
        case 0x3C7: return set("х")
        default: return nil
        }
    }
}
