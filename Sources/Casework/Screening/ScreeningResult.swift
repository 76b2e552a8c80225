/// The § 11 verdict for one text: one type from the screener to the store (kept with the case by its
/// raw value).
public enum ScreeningVerdict: String, Codable, Sendable, Equatable, CaseIterable {
    case obscene
    case threat
    case clean
}

/// What kind of § 11 ground a match is.
public enum ScreeningMatchKind: String, Codable, Sendable, Equatable {
    case obscene
    case threat
}

/// One flagged fragment, shown exactly as the author wrote it.
public struct ScreeningMatch: Codable, Sendable, Equatable {
    /// The fragment as written (obfuscation, case and invisible characters included).
    public var fragment: String
    public var kind: ScreeningMatchKind
    /// The lexicon rule that fired: an obscene root's id or a threat rule's id.
    public var rule: String

    public init(fragment: String, kind: ScreeningMatchKind, rule: String) {
        self.fragment = fragment
        self.kind = kind
        self.rule = rule
    }
}

/// The verdict and the fragments that caused it, in text order.
public struct ScreeningResult: Sendable, Equatable {
    public var verdict: ScreeningVerdict
    public var matches: [ScreeningMatch]

    /// Builds the verdict from the matches: a threat wins over obscene language.
    public init(matches: [ScreeningMatch]) {
        self.matches = matches
        if matches.contains(where: { $0.kind == .threat }) {
            verdict = .threat
        } else if matches.isEmpty {
            verdict = .clean
        } else {
            verdict = .obscene
        }
    }
}

// The matches decide the verdict, so only they are kept.
extension ScreeningResult: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(matches: try [ScreeningMatch](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try matches.encode(to: encoder) }
}
