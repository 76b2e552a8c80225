/// A place a post names: a street (with a house if given) or a landmark such as «школа №5».
public struct Place: Hashable, Sendable, Codable {
    /// Streets and landmarks never match each other.
    public enum Kind: String, Sendable, Codable { case street, landmark }

    /// Street or landmark.
    public var kind: Kind
    /// Stemmed name words, e.g. «карл маркс», «советск», «школ 5».
    public var name: String
    /// The house number, lowercased, e.g. «12а», «5/1».
    public var house: String?

    /// A place from its parts.
    public init(kind: Kind, name: String, house: String? = nil) {
        self.kind = kind
        self.name = name
        self.house = house
    }

    /// How closely two places coincide.
    public func match(_ other: Place) -> PlaceMatch {
        guard kind == other.kind, name == other.name else { return .none }
        switch (house, other.house) {
        case let (a?, b?): return a == b ? .same : .differentHouse
        case (nil, nil): return .same
        default: return .sameStreet
        }
    }
}

/// The closeness of two places, weakest first.
public enum PlaceMatch: Int, Comparable, Sendable {
    /// Different streets or landmarks.
    case none
    /// The same street but different houses: usually a different spot.
    case differentHouse
    /// The same street, one of the two names no house.
    case sameStreet
    /// The same street and house, or the same landmark.
    case same

    public static func < (a: PlaceMatch, b: PlaceMatch) -> Bool { a.rawValue < b.rawValue }

    /// The best match between any place of one list and any of the other.
    public static func best(_ a: [Place], _ b: [Place]) -> PlaceMatch {
        var best = PlaceMatch.none
        for p in a { for q in b { best = max(best, p.match(q)) } }
        return best
    }
}
