/// A light Russian stemmer after the Snowball algorithm, so «дороги», «дорогу» and «дорогой» meet at «дорог».
///
/// It works on arrays of Unicode scalars: intake stems every word of every post, and doing this on
/// `Character`s (grapheme breaking, normalising comparisons) was a fifth of the intake's CPU time.
public enum RussianStemmer {
    typealias Word = [Unicode.Scalar]

    /// The stem of one lowercase word; words without Cyrillic vowels come back unchanged.
    public static func stem(_ word: String) -> String {
        var w = Word()
        w.reserveCapacity(word.utf8.count / 2 + 1)
        for s in word.lowercased().unicodeScalars { w.append(s == "ё" ? "е" : s) }
        guard let rv = regionAfterFirstVowel(w) else { return Self.string(w) }
        let r1 = regionAfterConsonantFollowingVowel(w, from: 0)
        let r2 = regionAfterConsonantFollowingVowel(w, from: r1)

        // Step 1: gerund, or else reflexive then adjectival / verb / noun.
        if !remove(&w, Endings.perfectiveGerund, region: rv) {
            _ = remove(&w, Endings.reflexive, region: rv)
            if !removeAdjectival(&w, region: rv) && !remove(&w, Endings.verb, region: rv) {
                _ = remove(&w, Endings.noun, region: rv)
            }
        }
        // Step 2.
        if w.count > rv, w.last == "и" { w.removeLast() }
        // Step 3: derivational «ость» only in R2.
        _ = remove(&w, Endings.derivational, region: r2)
        // Step 4.
        if endsWith(w, Endings.nn, region: rv) {
            w.removeLast()
        } else if remove(&w, Endings.superlative, region: rv) {
            if endsWith(w, Endings.nn, region: rv) { w.removeLast() }
        } else if w.count > rv, w.last == "ь" {
            w.removeLast()
        }
        return Self.string(w)
    }

    static func string(_ w: Word) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: w)
        return String(result)
    }

    static func isVowel(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "а", "е", "и", "о", "у", "ы", "э", "ю", "я": true
        default: false
        }
    }

    private static func regionAfterFirstVowel(_ w: Word) -> Int? {
        w.firstIndex(where: isVowel).map { $0 + 1 }
    }

    private static func regionAfterConsonantFollowingVowel(_ w: Word, from start: Int) -> Int {
        var i = start
        while i + 1 < w.count {
            if isVowel(w[i]) && !isVowel(w[i + 1]) { return i + 2 }
            i += 1
        }
        return w.count
    }

    private static func endsWith(_ w: Word, _ suffix: Word, region: Int) -> Bool {
        guard w.count - suffix.count >= region, w.count >= suffix.count else { return false }
        var i = w.count - suffix.count
        for s in suffix {
            if w[i] != s { return false }
            i += 1
        }
        return true
    }

    /// Removes the longest matching ending; a group-1 ending must follow «а» or «я» inside the region.
    private static func remove(_ w: inout Word, _ set: EndingSet, region: Int) -> Bool {
        var best: (length: Int, afterAYa: Bool)?
        for e in set.group1 where e.count > (best?.length ?? 0) && endsWith(w, e, region: region) {
            best = (e.count, true)
        }
        for e in set.group2 where e.count > (best?.length ?? 0) && endsWith(w, e, region: region) {
            best = (e.count, false)
        }
        guard let best else { return false }
        if best.afterAYa {
            let before = w.count - best.length - 1
            guard before >= region, w[before] == "а" || w[before] == "я" else { return false }
        }
        w.removeLast(best.length)
        return true
    }

    private static func removeAdjectival(_ w: inout Word, region: Int) -> Bool {
        guard remove(&w, Endings.adjective, region: region) else { return false }
        _ = remove(&w, Endings.participle, region: region)
        return true
    }
}

/// Endings split into those that must follow «а»/«я» (group 1) and the rest.
struct EndingSet {
    var group1: [[Unicode.Scalar]]
    var group2: [[Unicode.Scalar]]

    init(group1: [String] = [], group2: [String]) {
        self.group1 = group1.map { Array($0.unicodeScalars) }
        self.group2 = group2.map { Array($0.unicodeScalars) }
    }
}

private enum Endings {
    static let nn: [Unicode.Scalar] = ["н", "н"]

    static let perfectiveGerund = EndingSet(
        group1: ["в", "вши", "вшись"], group2: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"])
    static let adjective = EndingSet(group2: [
        "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
        "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
    ])
    static let participle = EndingSet(group1: ["ем", "нн", "вш", "ющ", "щ"], group2: ["ивш", "ывш", "ующ"])
    static let reflexive = EndingSet(group2: ["ся", "сь"])
    static let verb = EndingSet(
        group1: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
        group2: [
            "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен",
            "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю",
        ])
    static let noun = EndingSet(group2: [
        "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
        "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я",
    ])
    static let superlative = EndingSet(group2: ["ейш", "ейше"])
    static let derivational = EndingSet(group2: ["ост", "ость"])
}
