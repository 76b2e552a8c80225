/// Everything the screener knows, as plain data an operator edits in `Config/screening/`.
///
/// Words are written in ordinary Russian; the screener normalises them exactly as it normalises
/// the text (case, ё→е, look-alikes, repeated letters), so entries never need spelling variants.
public struct ScreeningLexicon: Sendable, Equatable {
    public var roots: [ObsceneRoot]
    /// Whole words that are never obscene (surnames, places, brands); `*` at the end = any ending.
    public var innocentWords: [String]
    public var threatRules: [ThreatRule]
    /// Figures of speech that look like threats («убить время»); they cancel a rule whose act they contain.
    public var idioms: [ThreatRule]
    /// Words that introduce someone else's words («грозился», «сказал»); a threat after one in the
    /// same sentence is a report, not the author's threat.
    public var reportedSpeech: [String]
    /// Words that disown harm for the whole sentence («никто никого бить не собирается»): neither the
    /// rules nor the threat model count such a sentence, as with a report.
    public var disavowals: [String] = []
    /// Words that negate the act right after them («не», «никогда не»).
    public var negations: [String]
    /// The named word lists of `threats.yaml` (harm verbs, victims, family, weapons…): the rules use
    /// them, and the threat model weighs a word's classes and the classes meeting in a sentence.
    public var threatClasses: [String: [String]]
    /// The trained threat model (`threat-model.json`), if there is one: it catches threats the rules
    /// do not list.
    public var threatModel: ThreatModel?

    public init(
        roots: [ObsceneRoot] = [], innocentWords: [String] = [], threatRules: [ThreatRule] = [],
        idioms: [ThreatRule] = [], reportedSpeech: [String] = [], negations: [String] = [],
        threatClasses: [String: [String]] = [:], threatModel: ThreatModel? = nil
    ) {
        self.threatClasses = threatClasses
        self.threatModel = threatModel
        self.roots = roots
        self.innocentWords = innocentWords
        self.threatRules = threatRules
        self.idioms = idioms
        self.reportedSpeech = reportedSpeech
        self.negations = negations
    }
}

/// An obscene root and the word shapes in which it counts.
public struct ObsceneRoot: Sendable, Equatable {
    /// Shown as the match's rule.
    public var id: String
    /// The root's letters, e.g. `пизд`.
    public var stem: String
    /// What may stand before the stem inside the word.
    public var before: Affixes
    /// What must follow the stem; a `$` at the end of an entry means "and then the word ends".
    public var after: Affixes
    /// Innocent words' fragments: a stem found inside one of them does not count (`страху` in «застрахуй»).
    public var exceptions: [String]

    public init(id: String, stem: String, before: Affixes = .any, after: Affixes = .any, exceptions: [String] = []) {
        self.id = id
        self.stem = stem
        self.before = before
        self.after = after
        self.exceptions = exceptions
    }
}

/// Allowed neighbours of a stem inside a word.
public enum Affixes: Sendable, Equatable {
    /// Anything may stand there.
    case any
    /// Before the stem: a chain of these prefixes (or nothing). After it: one of these beginnings.
    case only([String])
}

/// A threat (or idiom) shape over words of one sentence.
public struct ThreatRule: Sendable, Equatable {
    public var id: String
    /// Each slot is a list of alternatives; an alternative is one or more consecutive words.
    /// A word is written as is, or with a trailing `*` for "any ending". Slot 0 is the act.
    public var slots: [[String]]
    /// How many consecutive words all slots must fit in; for an ordered phrase, the slot count.
    public var window: Int
    /// Slots must appear in order and next to each other.
    public var ordered: Bool

    public init(id: String, slots: [[String]], window: Int, ordered: Bool = false) {
        self.id = id
        self.slots = slots
        self.window = window
        self.ordered = ordered
    }

    /// A fixed phrase: its words in order, next to each other.
    public static func phrase(id: String, _ text: String) -> ThreatRule {
        let words = text.split(separator: " ").map { [String($0)] }
        return ThreatRule(id: id, slots: words, window: words.count, ordered: true)
    }
}
