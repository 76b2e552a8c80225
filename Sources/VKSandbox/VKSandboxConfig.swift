import Foundation
import VKAPI

/// How a VK sandbox is set up. Everything has a working default: three keys, the administration's
/// community with an editor, VK's per-key rates.
public struct VKSandboxConfig: Sendable {
    /// The app's service key: reads public walls.
    public var serviceToken: String
    /// The administration community's key: comments as the community.
    public var communityToken: String
    /// The key of `userId`, an editor of the community: uploads photos, comments with `from_group`.
    public var userToken: String
    public var communityId: Int64
    public var communityName: String
    public var communityScreenName: String
    /// The editor whose key `userToken` is.
    public var userId: Int64
    public var userFirstName: String
    public var userLastName: String
    /// Post and comment dates, and the flood-control minute.
    public var now: @Sendable () -> Date
    /// Seconds on a monotonic scale for the per-second rates and the request log.
    public var rateClock: @Sendable () -> Double
    public var limits: VKSandboxLimits
    /// Comments one key may create in a minute; the next is refused with error 9 (VK's real figure is
    /// not published, FACTS §4).
    public var commentsPerMinute: Int
    /// Replies one author may have in one thread before error 223; nil: no limit.
    public var repliesPerThread: Int?

    public init(serviceToken: String = "vk-sandbox-service-0f3c9a7e51d2b864aa17",
                communityToken: String = "vk1.a.sandbox-community-7d41e0b29c6f58a3",
                userToken: String = "vk1.a.sandbox-editor-c28e5b9174a06df3e1",
                communityId: Int64 = 220_000_001, communityName: String = "Администрация города",
                communityScreenName: String = "city_admin", userId: Int64 = 100_000_001,
                userFirstName: String = "Анна", userLastName: String = "Редакторова",
                now: @escaping @Sendable () -> Date = { Date() },
                rateClock: @escaping @Sendable () -> Double = VKSandboxConfig.monotonicSeconds,
                limits: VKSandboxLimits = .vk, commentsPerMinute: Int = 3, repliesPerThread: Int? = nil) {
        self.serviceToken = serviceToken; self.communityToken = communityToken; self.userToken = userToken
        self.communityId = communityId; self.communityName = communityName; self.communityScreenName = communityScreenName
        self.userId = userId; self.userFirstName = userFirstName; self.userLastName = userLastName
        self.now = now; self.rateClock = rateClock; self.limits = limits
        self.commentsPerMinute = commentsPerMinute; self.repliesPerThread = repliesPerThread
    }

    /// Seconds since an arbitrary start, never going back.
    public static let monotonicSeconds: @Sendable () -> Double = {
        let elapsed = ContinuousClock.now - monotonicStart
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let monotonicStart = ContinuousClock.now
}

/// VK's requests per second per key (FACTS §4); beyond them error 6.
public struct VKSandboxLimits: Sendable, Hashable {
    public var enabled: Bool
    public var service: Int
    public var community: Int
    public var user: Int

    public init(enabled: Bool = true, service: Int = VKTokenKind.service.requestsPerSecond,
                community: Int = VKTokenKind.community.requestsPerSecond, user: Int = VKTokenKind.user.requestsPerSecond) {
        self.enabled = enabled; self.service = service; self.community = community; self.user = user
    }

    public func perSecond(_ kind: VKTokenKind) -> Int {
        switch kind {
        case .service: service
        case .community: community
        case .user: user
        }
    }

    public static let vk = VKSandboxLimits()
    public static let off = VKSandboxLimits(enabled: false)
}

/// A post on a wall, by its ids.
public struct VKPostRef: Sendable, Hashable {
    public var ownerId: Int64
    public var postId: Int64

    public init(ownerId: Int64, postId: Int64) { self.ownerId = ownerId; self.postId = postId }
}

/// A photo attached to a post or comment the sandbox is given.
public enum VKSandboxPhoto: Sendable, Hashable {
    /// A small image the sandbox makes and serves at `/photos/<owner>_<id>.jpg`.
    case generated
    /// These bytes, served at `/photos/<owner>_<id>.jpg`.
    case bytes(Data)
    /// Somewhere else; the sandbox only names the URL.
    case url(String)
}

/// A comment as the sandbox keeps it.
public struct VKStoredComment: Sendable, Hashable {
    public var id: Int64
    public var ownerId: Int64
    public var postId: Int64
    /// Negative for a community.
    public var fromId: Int64
    public var text: String
    /// Unix time.
    public var date: Int64
    /// The comment it answers (`reply_to_comment`).
    public var replyToComment: Int64?
    public var replyToUser: Int64?
    /// The top-level comment whose thread it is in; nil at the top level.
    public var threadRoot: Int64?
    /// `photo<owner>_<id>` strings.
    public var attachments: [String]
    public var guid: String?
    public var deleted: Bool
    /// The key a `wall.createComment` was made with; nil for comments a test added.
    public var createdWith: VKTokenKind?
}

/// One request the sandbox received and what it answered.
public struct VKRecordedRequest: Sendable, Hashable {
    /// The method name, or `upload`, `photo`, `captcha` for the other endpoints.
    public var method: String
    /// The kind of the key it carried, if the sandbox knows the key.
    public var tokenKind: VKTokenKind?
    /// Whether it carried any key at all (header or `access_token`).
    public var carriedToken: Bool
    /// VK's error code when refused.
    public var errorCode: Int?
    /// `rateClock` seconds when it was taken in.
    public var at: Double
    /// The parameters, keys and the captcha answer left out.
    public var parameters: [String: String]
    /// The method took effect but the answer was dropped (`dropAfterCommit`).
    public var dropped: Bool
}

/// How a dropped answer fails.
public enum VKDropMode: Sendable, Hashable {
    /// The status line and headers go out, then the connection closes mid-body.
    case closeConnection
    /// A proxy's 502 page instead of VK's answer.
    case badGateway
}

/// Misuse of the control API by a test.
public enum VKSandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOwner(Int64)
    case unknownPost(ownerId: Int64, postId: Int64)
    case unknownComment(ownerId: Int64, commentId: Int64)
    case notStarted

    public var description: String {
        switch self {
        case let .unknownOwner(id): "no user or community \(id) in the VK sandbox"
        case let .unknownPost(owner, post): "no post wall\(owner)_\(post) in the VK sandbox"
        case let .unknownComment(owner, comment): "no comment \(comment) on wall \(owner) in the VK sandbox"
        case .notStarted: "the VK sandbox is not started"
        }
    }
}
