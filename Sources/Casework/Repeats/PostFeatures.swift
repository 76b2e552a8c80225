import Foundation

/// What repeat detection compares of one post: its link, thread, author and text.
public struct PostFeatures: Sendable, Equatable {
    /// The canonical link, if any.
    public var link: String?
    /// The thread the post belongs to (`vk:wall-1_2`).
    public var threadKey: String?
    /// The author or channel (`vk:5`, `tg:user:42`).
    public var authorKey: String?
    /// The text's stems, topics and places.
    public var text: TextFeatures

    /// Features from their parts.
    public init(link: String?, threadKey: String?, authorKey: String?, text: TextFeatures) {
        self.link = link
        self.threadKey = threadKey
        self.authorKey = authorKey
        self.text = text
    }

    /// Features of a post from its detected source and text.
    public init(source: PostSource, text: String) {
        self.init(link: source.link, threadKey: source.threadKey, authorKey: source.authorKey,
                  text: TextFeatures(text: text))
    }
}

/// An earlier case as repeat detection sees it.
public struct EarlierCase: Sendable, Equatable {
    /// The case number.
    public var id: Int64
    /// Its post's features.
    public var post: PostFeatures
    /// The department it was assigned to, which a repeat goes to by default (§ 8).
    public var departmentID: String?
    /// When it was opened; the more recent of equal candidates comes first.
    public var openedAt: Date

    /// An earlier case from its parts.
    public init(id: Int64, post: PostFeatures, departmentID: String?, openedAt: Date) {
        self.id = id
        self.post = post
        self.departmentID = departmentID
        self.openedAt = openedAt
    }
}

/// Why an earlier case looks like the same issue, strongest first.
public enum RepeatReason: String, Sendable, Codable, CaseIterable {
    /// The very same post or comment.
    case sameLink
    /// A comment under the same post, or the post of an earlier comment.
    case sameThread
    /// The same text reposted, possibly by someone else.
    case sameText
    /// The same author writing about the same problem again.
    case sameAuthorSimilarText
    /// Someone else writing about the same problem at the same place.
    case similarTextSamePlace
}

/// An earlier case proposed as the one a new post repeats.
public struct RepeatCandidate: Sendable, Equatable {
    /// The earlier case's number.
    public var caseID: Int64
    /// 0…1: how sure the detector is.
    public var score: Double
    /// The strongest reason found.
    public var reason: RepeatReason
    /// The earlier case's department.
    public var departmentID: String?
    /// The place both posts name, for `similarTextSamePlace`.
    public var place: Place?
}
