import Foundation

/// A VK post or comment a link names, as ids the VK API takes: `vk.com/wall-1_2` is post 2 on
/// community 1's wall, `?reply=3` its comment 3, `&thread=4` inside the thread of comment 4.
public struct VKPostAddress: Sendable, Hashable, Codable {
    /// The wall's owner: a person, or a community as a negative id.
    public var ownerId: Int64
    public var postId: Int64
    /// The comment the link points to.
    public var commentId: Int64?
    /// The top-level comment whose thread holds `commentId`, when the link says.
    public var threadId: Int64?

    public init(ownerId: Int64, postId: Int64, commentId: Int64? = nil, threadId: Int64? = nil) {
        self.ownerId = ownerId; self.postId = postId; self.commentId = commentId; self.threadId = threadId
    }

    /// The post or comment a link names, from any of VK's link forms (`SourceDetector` canonicalises
    /// them first); nil for a page, a photo, a video, or another network.
    public init?(link raw: String) {
        guard let source = SourceDetector.source(ofLink: raw), source.network == .vk, let link = source.link,
              let address = WebAddress(link), let first = address.path.first, first.hasPrefix("wall") else { return nil }
        let ids = first.dropFirst(4).split(separator: "_", omittingEmptySubsequences: false)
        guard ids.count == 2, let owner = Int64(ids[0]), let post = Int64(ids[1]), owner != 0, post > 0 else { return nil }
        self.init(ownerId: owner, postId: post, commentId: address.value("reply").flatMap { Int64($0) },
                  threadId: address.value("thread").flatMap { Int64($0) })
    }

    /// The first post or comment among a message's links.
    public static func first(in input: PostInput) -> VKPostAddress? {
        SourceDetector.allSources(input).lazy.compactMap { $0.link.flatMap(VKPostAddress.init(link:)) }.first
    }

    /// One spelling per post or comment: the canonical link.
    public var link: String {
        var link = "https://vk.com/wall\(ownerId)_\(postId)"
        if let commentId {
            link += "?reply=\(commentId)"
            if let threadId, threadId != commentId { link += "&thread=\(threadId)" }
        }
        return link
    }

    /// The post itself, without the comment.
    public var post: VKPostAddress { VKPostAddress(ownerId: ownerId, postId: postId) }
}

/// A VK post or comment as the service read it: what the card shows and what screening, repeats and
/// routing read instead of the specialist's message alone.
public struct VKPost: Sendable, Equatable, Codable {
    public var address: VKPostAddress
    /// The full text; a repost's chain follows in `reposts`.
    public var text: String
    /// The author: a person's or a community's name, their page, and the key repeats match them by
    /// (`vk:<id>`, communities negative).
    public var authorName: String?
    public var authorLink: String?
    public var authorKey: String?
    public var postedAt: Date?
    /// The photos' largest sizes.
    public var photoURLs: [String]
    /// What a repost shares, from the nearest step: whose, and their text.
    public var reposts: [Repost]
    /// Whether the administration's community may comment there (`groups_can_post`).
    public var communityCanComment: Bool
    /// The thread a comment is in (its root), or the comment itself when it is a top-level one.
    public var threadRootId: Int64?

    public struct Repost: Sendable, Equatable, Codable {
        public var authorName: String?
        public var text: String
        public init(authorName: String?, text: String) { self.authorName = authorName; self.text = text }
    }

    public init(address: VKPostAddress, text: String, authorName: String? = nil, authorLink: String? = nil,
                authorKey: String? = nil, postedAt: Date? = nil, photoURLs: [String] = [], reposts: [Repost] = [],
                communityCanComment: Bool = true, threadRootId: Int64? = nil) {
        self.address = address; self.text = text; self.authorName = authorName; self.authorLink = authorLink
        self.authorKey = authorKey; self.postedAt = postedAt; self.photoURLs = photoURLs; self.reposts = reposts
        self.communityCanComment = communityCanComment; self.threadRootId = threadRootId
    }

    /// The text with the reposted texts after it: what screening, repeats and routing read.
    public var fullText: String {
        ([text] + reposts.map(\.text)).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}

/// What reading a VK link came to.
public enum VKReadResult: Sendable, Equatable, Codable {
    case read(VKPost)
    /// The post or comment is deleted (or never existed).
    case deleted
    /// VK does not show it: a private wall, closed comments, a blocked community.
    case closed
    /// VK did not answer usefully (down, a key refused, a limit): the card goes by the message alone.
    case unavailable(reason: String)
}

extension VKReadResult {
    /// The post, when it was read.
    public var post: VKPost? {
        if case let .read(post) = self { return post }
        return nil
    }
}
