/// Where a post was published: its network, canonical link, and the keys repeats are matched by.
public struct PostSource: Sendable, Equatable, Codable {
    /// The network, from the link or the forward origin.
    public var network: Network
    /// The canonical link: one spelling per post, tracking parameters removed.
    public var link: String?
    /// The post a comment or media belongs to, e.g. `vk:wall-1_2`: equal keys mean the same thread.
    public var threadKey: String?
    /// Who published, when the link or origin tells: `vk:-1` (a wall owner), `tg:channel`, `tg:user:42`.
    public var authorKey: String?
    /// Whether the link names a post, comment, photo or video rather than a page or profile.
    public var isPost: Bool

    /// A source from its parts.
    public init(network: Network, link: String? = nil, threadKey: String? = nil, authorKey: String? = nil,
                isPost: Bool = false) {
        self.network = network
        self.link = link
        self.threadKey = threadKey
        self.authorKey = authorKey
        self.isPost = isPost
    }
}
