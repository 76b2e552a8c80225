/// A light Russian stemmer after the Snowball algorithm, so «дороги», «дорогу» and «дорогой» meet at «дорог».
public enum RussianStemmer {
    /// The stem of one lowercase word; words without Cyrillic vowels come back unchanged.
    public static func stem(_ word: String) -> String {
        var w = Array(word.lowercased().replacingOccurrences(of: "ё", with: "е"))
        guard let rv = regionAfterFirstVowel(w, from: 0) else { return String(w) }
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
        if endsWith(w, "нн", region: rv) {
            w.removeLast()
        } else if remove(&w, Endings.superlative, region: rv) {
            if endsWith(w, "нн", region: rv) { w.removeLast() }
        } else if w.count > rv, w.last == "ь" {
            w.removeLast()
        }
        return String(w)
    }

    private static let vowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]

    private static func regionAfterFirstVowel(_ w: [Character], from start: Int) -> Int? {
        var i = start
        while i < w.count {
            if vowels.contains(w[i]) { return i + 1 }
            i += 1
        }
        return nil
    }

    private static func regionAfterConsonantFollowingVowel(_ w: [Character], from start: Int) -> Int {
        var i = start
        while i + 1 < w.count {
            if vowels.contains(w[i]) && !vowels.contains(w[i + 1]) { return i + 2 }
            i += 1
        }
        return w.count
    }

    private static func endsWith(_ w: [Character], _ suffix: String, region: Int) -> Bool {
        let s = Array(suffix)
        guard w.count - s.count >= region, w.count >= s.count else { return false }
        return Array(w[(w.count - s.count)...]) == s
    }

    /// Removes the longest matching ending; a group-1 ending must follow «а» or «я» inside the region.
    private static func remove(_ w: inout [Character], _ set: EndingSet, region: Int) -> Bool {
        var best: (length: Int, afterAYa: Bool)?
        for (endings, afterAYa) in [(set.group1, true), (set.group2, false)] {
            for e in endings where e.count > (best?.length ?? 0) && endsWith(w, e, region: region) {
                best = (e.count, afterAYa)
            }
        }
        guard let best else { return false }
        if best.afterAYa {
            let before = w.count - best.length - 1
            guard before >= region, w[before] == "а" || w[before] == "я" else { return false }
        }
        w.removeLast(best.length)
        return true
    }

    private static func removeAdjectival(_ w: inout [Character], region: Int) -> Bool {
        guard remove(&w, Endings.adjective, region: region) else { return false }
        _ = remove(&w, Endings.participle, region: region)
        return true
    }
}

/// Endings split into those that must follow «а»/«я» (group 1) and the rest.
struct EndingSet {
    var group1: [String] = []
    var group2: [String]
}

private enum Endings {
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
