/// A committee or department that executes cases, with the word stems that route texts to it.
public struct Department: Sendable, Equatable, Hashable, Codable {
    /// Stable id, e.g. `roads`.
    public var id: String
    /// The name people see, e.g. «Комитет по дорожному хозяйству».
    public var name: String
    /// Word stems or words («дорог», «ям», «уличное освещение»); inflected forms in a text match them.
    public var keywords: [String]

    /// A department from its parts.
    public init(id: String, name: String, keywords: [String]) {
        self.id = id
        self.name = name
        self.keywords = keywords
    }
}

/// An earlier case's text and the department it went to, the router's memory.
public struct PastAssignment: Sendable, Equatable {
    /// The earlier post's features.
    public var features: TextFeatures
    /// The department it was assigned to.
    public var departmentID: String

    /// A past assignment of a text.
    public init(text: String, departmentID: String) {
        self.init(features: TextFeatures(text: text), departmentID: departmentID)
    }

    /// A past assignment with features already computed.
    public init(features: TextFeatures, departmentID: String) {
        self.features = features
        self.departmentID = departmentID
    }
}

/// One suggested department, with what speaks for it.
public struct RoutingSuggestion: Sendable, Equatable {
    /// The department's id.
    public var departmentID: String
    /// 0…1, higher is more likely.
    public var score: Double
    /// The department's keywords found in the text, as configured.
    public var matchedKeywords: [String]
    /// How many similar earlier cases went to this department.
    public var similarPastCases: Int
}
