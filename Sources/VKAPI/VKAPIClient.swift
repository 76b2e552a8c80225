import Foundation

/// The three keys VK gives, and what each may call (FACTS §2): the service key reads public walls,
/// the community key comments as the community, an editor's user key uploads photos to the wall.
public enum VKTokenKind: String, Sendable, CaseIterable, Codable {
    case service, community, user

    /// Requests per second VK allows a key of this kind (FACTS §4).
    public var requestsPerSecond: Int { self == .community ? 20 : 3 }
}

/// Which comments `wall.getComments` returns.
public struct VKCommentsQuery: Sendable, Equatable {
    public var ownerId: Int64
    public var postId: Int64
    /// The thread root whose replies to list; nil lists the top level.
    public var threadOf: Int64?
    /// Start the page at this comment (inclusive).
    public var startCommentId: Int64?
    public var count: Int
    /// Newest first.
    public var newestFirst: Bool

    public init(ownerId: Int64, postId: Int64, threadOf: Int64? = nil, startCommentId: Int64? = nil, count: Int = 100,
                newestFirst: Bool = false) {
        self.ownerId = ownerId; self.postId = postId; self.threadOf = threadOf; self.startCommentId = startCommentId
        self.count = count; self.newestFirst = newestFirst
    }
}

/// A comment to publish with `wall.createComment`.
public struct VKNewComment: Sendable, Equatable {
    public var ownerId: Int64
    public var postId: Int64
    /// The community it is written as (`from_group`).
    public var fromGroup: Int64
    public var message: String
    public var replyToComment: Int64?
    /// `photo<owner>_<id>` strings.
    public var attachments: [String]
    /// VK's guard against the same comment twice.
    public var guid: String
    public var captcha: VKCaptchaAnswer?

    public init(ownerId: Int64, postId: Int64, fromGroup: Int64, message: String, replyToComment: Int64? = nil,
                attachments: [String] = [], guid: String, captcha: VKCaptchaAnswer? = nil) {
        self.ownerId = ownerId; self.postId = postId; self.fromGroup = fromGroup; self.message = message
        self.replyToComment = replyToComment; self.attachments = attachments; self.guid = guid; self.captcha = captcha
    }
}

/// The VK calls the service makes. The real one is `CurlVKClient` (CurlTransport); each call uses the
/// key its method needs and throws `.notConfigured` when that key is not set.
public protocol VKAPIClient: Sendable {
    /// Which keys are set.
    var tokenKinds: Set<VKTokenKind> { get }
    /// `utils.resolveScreenName`; nil when VK knows no such name.
    func resolveScreenName(_ name: String) async throws(VKAPIError) -> VKResolvedName?
    /// `wall.getById` with `extended=1` (service key): empty `items` for a deleted or hidden post.
    func post(ownerId: Int64, postId: Int64) async throws(VKAPIError) -> VKPostsPage
    /// `wall.getComments` with `extended=1` and full texts (service key).
    func comments(_ query: VKCommentsQuery) async throws(VKAPIError) -> VKCommentsPage
    /// `wall.createComment`: with the editor's key when `comment` has photos (they were uploaded with
    /// it), else with the community key.
    func createComment(_ comment: VKNewComment) async throws(VKAPIError) -> VKCreatedComment
    /// The wall upload flow with the editor's key: `photos.getWallUploadServer`, the upload,
    /// `photos.saveWallPhoto`; answers the saved photo.
    func uploadWallPhoto(groupId: Int64, data: Data, filename: String, mimeType: String) async throws(VKAPIError) -> VKPhoto
    /// The bytes at a URL VK gave (a captcha's image), without any key.
    func download(url: String) async throws(VKAPIError) -> Data
}
