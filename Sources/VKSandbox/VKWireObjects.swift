import Foundation
import VKAPI

/// A VK error answer: the code, VK's message, and the captcha error 14 comes with.
struct VKRefusal: Error, Sendable, Equatable {
    var code: Int
    var message: String
    var captcha: VKCaptcha?

    init(_ code: Int, _ message: String? = nil, captcha: VKCaptcha? = nil) {
        self.code = code
        self.message = message ?? VKErrorText.message(code)
        self.captcha = captcha
    }

    /// Error 100 as VK words it: "…: <parameter> is undefined" (missing) or "… invalid" (unreadable).
    static func parameter(_ name: String, missing: Bool = false) -> VKRefusal {
        VKRefusal(100, "\(VKErrorText.message(100)): \(name) is \(missing ? "undefined" : "invalid")")
    }

    static let unknownToken = VKRefusal(5, "User authorization failed: invalid access_token (4).")
    static let noToken = VKRefusal(5, "User authorization failed: no access_token passed.")
    static let noVersion = VKRefusal(8, "Invalid request: v (version) is required")
    static let groupAuth = VKRefusal(27, "Group authorization failed: method is unavailable with group auth.")
    static let serviceAuth = VKRefusal(28, "Application authorization failed: method is unavailable with service token.")
    static let tooMany = VKRefusal(6)
    static let accessDenied = VKRefusal(15)

    /// `{"error": {…}}` with the request's parameters echoed, keys left out, as VK does.
    func envelope(method: String, parameters: [String: String]) -> Data {
        var echoed = [VKRequestParam(key: "method", value: method), VKRequestParam(key: "oauth", value: "1")]
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) where !Self.secretParameters.contains(key) {
            echoed.append(VKRequestParam(key: key, value: value))
        }
        let body = VKErrorBody(errorCode: code, errorMsg: message, requestParams: echoed, captchaSid: captcha?.sid,
                               captchaImg: captcha?.img)
        return (try? VKWire.encoder().encode(["error": body])) ?? Data()
    }

    static let secretParameters: Set<String> = ["access_token", "captcha_key"]
}

struct VKRequestParam: Encodable {
    var key: String
    var value: String
}

/// `base_error`.
struct VKErrorBody: Encodable {
    var errorCode: Int
    var errorMsg: String
    var requestParams: [VKRequestParam]
    var captchaSid: String?
    var captchaImg: String?
}

/// `{"response": …}`.
struct VKResponse<T: Encodable>: Encodable {
    var response: T
}

/// The `error_msg` texts: the descriptions of VK API `errors.json` (shared/reference/vk-api), for the
/// codes the sandbox answers or a test may inject.
enum VKErrorText {
    static let descriptions: [Int: String] = [
        1: "Unknown error occurred",
        3: "Unknown method passed",
        5: "User authorization failed",
        6: "Too many requests per second",
        7: "Permission to perform this action is denied",
        8: "Invalid request",
        9: "Flood control",
        10: "Internal server error",
        14: "Captcha needed",
        15: "Access denied",
        18: "User was deleted or banned",
        27: "Group authorization failed",
        28: "Application authorization failed",
        29: "Rate limit reached",
        30: "This profile is private",
        100: "One of the parameters specified was missing or invalid",
        113: "Invalid user id",
        121: "Invalid hash",
        129: "Invalid photo",
        200: "Access denied",
        203: "Access to group denied",
        210: "Access to wall's post denied",
        211: "Access to wall's comment denied",
        212: "Access to post comments denied",
        213: "Access to status replies denied",
        222: "Hyperlinks are forbidden",
        223: "Too many replies",
    ]

    static func message(_ code: Int) -> String { descriptions[code] ?? "Unknown error occurred" }
}

// MARK: - Objects as VK sends them (more fields than VKAPI's models read)

/// `wall_wallpost_full`.
struct WirePost: Encodable {
    var id: Int64
    var ownerId: Int64
    var fromId: Int64
    var signerId: Int64?
    var date: Int64
    var text: String
    var postType = "post"
    var attachments: [WireAttachment]
    var copyHistory: [WirePost]?
    var comments: WireCommentsInfo?
    var likes: WireCount?
    var reposts: WireCount?
    var isFavorite: Bool?
}

/// `base_comments_info`.
struct WireCommentsInfo: Encodable {
    var count: Int
    var canPost: Int
    var groupsCanPost: Bool
}

struct WireCount: Encodable {
    var count: Int
}

/// `wall_wallpost_attachment` of type photo.
struct WireAttachment: Encodable {
    var type = "photo"
    var photo: WirePhoto
}

/// `photos_photo`.
struct WirePhoto: Encodable {
    var id: Int64
    var ownerId: Int64
    var albumId: Int64
    var date: Int64
    var text = ""
    var sizes: [WireSize]
    var hasTags = false
    /// Who uploaded a community's photo (VK: 100 for the community itself).
    var userId: Int64?
}

/// `photos_photo_sizes`.
struct WireSize: Encodable {
    var type: String
    var url: String
    var width: Int
    var height: Int
}

/// `wall_wall_comment`.
struct WireComment: Encodable {
    var id: Int64
    var fromId: Int64
    var date: Int64
    var text: String
    var postId: Int64
    var ownerId: Int64
    var parentsStack: [Int64]
    var attachments: [WireAttachment]?
    var replyToUser: Int64?
    var replyToComment: Int64?
    var thread: WireThread?
    var deleted: Bool?
}

/// `comment_thread`.
struct WireThread: Encodable {
    var count: Int
    var items: [WireComment]
    var canPost: Bool
    var showReplyButton: Bool
    var groupsCanPost: Bool
}

/// `users_user_full` (what `extended=1` and `users.get` give).
struct WireProfile: Encodable {
    var id: Int64
    var firstName: String
    var lastName: String
    var screenName: String?
    var canAccessClosed = true
    var isClosed = false
}

/// `groups_group_full`.
struct WireGroup: Encodable {
    var id: Int64
    var name: String
    var screenName: String
    var isClosed = 0
    var type = "page"
}

/// `wall.getById` with `extended=1`.
struct WirePostsPage: Encodable {
    var items: [WirePost]
    var profiles: [WireProfile]?
    var groups: [WireGroup]?
}

/// `wall.getComments`.
struct WireCommentsPage: Encodable {
    var count: Int
    var items: [WireComment]
    var profiles: [WireProfile]?
    var groups: [WireGroup]?
    var currentLevelCount: Int
    var canPost: Bool
    var showReplyButton: Bool
    var groupsCanPost: Bool
}

/// `wall.createComment`.
struct WireCreatedComment: Encodable {
    var commentId: Int64
    var parentsStack: [Int64]
}

/// `utils.resolveScreenName`.
struct WireResolved: Encodable {
    var type: String
    var objectId: Int64
}

/// `photos.getWallUploadServer` (`photos_photo_upload`).
struct WireUploadServer: Encodable {
    var albumId: Int64
    var uploadUrl: String
    var userId: Int64
    var groupId: Int64?
}

/// What the upload host answers.
struct WireUploaded: Encodable {
    var server: Int64
    var photo: String
    var hash: String
}

/// `groups.getById` in 5.199.
struct WireGroupsPage: Encodable {
    var groups: [WireGroup]
    var profiles: [WireProfile]
}
