import Foundation

/// VK API 5.199 objects as `wall.getById`, `wall.getComments` and the photo upload flow return them
/// (the fields the service reads; VK sends many more). Decoded with `VKWire.decoder()` (snake_case).

/// `wall_wallpost_full`: a post, or one step of its repost chain (`copy_history`).
public struct VKWallPost: Codable, Sendable, Equatable {
    public var id: Int64
    public var ownerId: Int64
    public var fromId: Int64?
    public var signerId: Int64?
    /// Unix time.
    public var date: Int64?
    public var text: String?
    public var attachments: [VKAttachment]?
    public var copyHistory: [VKWallPost]?
    public var comments: VKCommentsInfo?
    public var isDeleted: Bool?

    public init(id: Int64, ownerId: Int64, fromId: Int64? = nil, signerId: Int64? = nil, date: Int64? = nil, text: String? = nil,
                attachments: [VKAttachment]? = nil, copyHistory: [VKWallPost]? = nil, comments: VKCommentsInfo? = nil,
                isDeleted: Bool? = nil) {
        self.id = id; self.ownerId = ownerId; self.fromId = fromId; self.signerId = signerId; self.date = date
        self.text = text; self.attachments = attachments; self.copyHistory = copyHistory; self.comments = comments
        self.isDeleted = isDeleted
    }
}

/// `base_comments_info`: whether the post takes comments, and from communities.
public struct VKCommentsInfo: Codable, Sendable, Equatable {
    public var count: Int?
    /// 1: the current token's holder can comment.
    public var canPost: Int?
    /// Whether communities can comment the post.
    public var groupsCanPost: Bool?

    public init(count: Int? = nil, canPost: Int? = nil, groupsCanPost: Bool? = nil) {
        self.count = count; self.canPost = canPost; self.groupsCanPost = groupsCanPost
    }
}

/// `wall_wallpost_attachment`: only photos are read; other kinds keep their type.
public struct VKAttachment: Codable, Sendable, Equatable {
    public var type: String
    public var photo: VKPhoto?

    public init(type: String, photo: VKPhoto? = nil) { self.type = type; self.photo = photo }
}

/// `photos_photo`.
public struct VKPhoto: Codable, Sendable, Equatable {
    public var id: Int64
    public var ownerId: Int64
    public var sizes: [VKPhotoSize]?

    public init(id: Int64, ownerId: Int64, sizes: [VKPhotoSize]? = nil) { self.id = id; self.ownerId = ownerId; self.sizes = sizes }

    /// The attachment string `wall.createComment` takes: `photo<owner>_<id>`.
    public var attachmentID: String { "photo\(ownerId)_\(id)" }

    /// The largest size's URL.
    public var largestURL: String? {
        sizes?.max { ($0.width ?? 0) * ($0.height ?? 0) < ($1.width ?? 0) * ($1.height ?? 0) }?.url
    }
}

/// `photos_photo_sizes`.
public struct VKPhotoSize: Codable, Sendable, Equatable {
    public var type: String?
    public var url: String
    public var width: Int?
    public var height: Int?

    public init(type: String? = nil, url: String, width: Int? = nil, height: Int? = nil) {
        self.type = type; self.url = url; self.width = width; self.height = height
    }
}

/// `wall_wall_comment`.
public struct VKComment: Codable, Sendable, Equatable {
    public var id: Int64
    public var fromId: Int64?
    public var date: Int64?
    public var text: String?
    public var attachments: [VKAttachment]?
    public var replyToUser: Int64?
    public var replyToComment: Int64?
    public var parentsStack: [Int64]?
    public var thread: VKCommentThread?
    public var deleted: Bool?

    public init(id: Int64, fromId: Int64? = nil, date: Int64? = nil, text: String? = nil, attachments: [VKAttachment]? = nil,
                replyToUser: Int64? = nil, replyToComment: Int64? = nil, parentsStack: [Int64]? = nil,
                thread: VKCommentThread? = nil, deleted: Bool? = nil) {
        self.id = id; self.fromId = fromId; self.date = date; self.text = text; self.attachments = attachments
        self.replyToUser = replyToUser; self.replyToComment = replyToComment; self.parentsStack = parentsStack
        self.thread = thread; self.deleted = deleted
    }
}

/// `comment_thread`.
public struct VKCommentThread: Codable, Sendable, Equatable {
    public var count: Int
    public var items: [VKComment]?
    public var canPost: Bool?
    public var groupsCanPost: Bool?

    public init(count: Int, items: [VKComment]? = nil, canPost: Bool? = nil, groupsCanPost: Bool? = nil) {
        self.count = count; self.items = items; self.canPost = canPost; self.groupsCanPost = groupsCanPost
    }
}

/// `users_user_full` (names only).
public struct VKProfile: Codable, Sendable, Equatable {
    public var id: Int64
    public var firstName: String?
    public var lastName: String?
    public var screenName: String?

    public init(id: Int64, firstName: String? = nil, lastName: String? = nil, screenName: String? = nil) {
        self.id = id; self.firstName = firstName; self.lastName = lastName; self.screenName = screenName
    }
}

/// `groups_group_full` (names only).
public struct VKGroup: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String?
    public var screenName: String?

    public init(id: Int64, name: String? = nil, screenName: String? = nil) {
        self.id = id; self.name = name; self.screenName = screenName
    }
}

/// `wall.getById` with `extended=1`.
public struct VKPostsPage: Codable, Sendable, Equatable {
    public var items: [VKWallPost]
    public var profiles: [VKProfile]?
    public var groups: [VKGroup]?

    public init(items: [VKWallPost], profiles: [VKProfile]? = nil, groups: [VKGroup]? = nil) {
        self.items = items; self.profiles = profiles; self.groups = groups
    }
}

/// `wall.getComments` with `extended=1`.
public struct VKCommentsPage: Codable, Sendable, Equatable {
    public var count: Int
    public var items: [VKComment]
    public var profiles: [VKProfile]?
    public var groups: [VKGroup]?
    public var currentLevelCount: Int?
    public var canPost: Bool?
    public var groupsCanPost: Bool?

    public init(count: Int, items: [VKComment], profiles: [VKProfile]? = nil, groups: [VKGroup]? = nil,
                currentLevelCount: Int? = nil, canPost: Bool? = nil, groupsCanPost: Bool? = nil) {
        self.count = count; self.items = items; self.profiles = profiles; self.groups = groups
        self.currentLevelCount = currentLevelCount; self.canPost = canPost; self.groupsCanPost = groupsCanPost
    }
}

/// `utils.resolveScreenName`: `type` is user, group, application or page; VK answers `[]` for an
/// unknown name (decoded as nil by the client).
public struct VKResolvedName: Codable, Sendable, Equatable {
    public var type: String
    public var objectId: Int64

    public init(type: String, objectId: Int64) { self.type = type; self.objectId = objectId }

    /// The wall owner id: communities are negative.
    public var ownerId: Int64? {
        switch type {
        case "user": objectId
        case "group", "page", "event": -objectId
        default: nil
        }
    }
}

/// `wall.createComment`.
public struct VKCreatedComment: Codable, Sendable, Equatable {
    public var commentId: Int64
    public var parentsStack: [Int64]?

    public init(commentId: Int64, parentsStack: [Int64]? = nil) { self.commentId = commentId; self.parentsStack = parentsStack }
}

/// `photos.getWallUploadServer`.
public struct VKUploadServer: Codable, Sendable, Equatable {
    public var uploadUrl: String

    public init(uploadUrl: String) { self.uploadUrl = uploadUrl }
}

/// What the upload host answers for a wall photo; passed on to `photos.saveWallPhoto` as is.
public struct VKUploadedPhoto: Codable, Sendable, Equatable {
    public var server: Int64
    public var photo: String
    public var hash: String

    public init(server: Int64, photo: String, hash: String) { self.server = server; self.photo = photo; self.hash = hash }
}

/// A captcha VK asks for (error 14): the image to show a person, and the id their answer goes back with.
public struct VKCaptcha: Codable, Sendable, Equatable, Hashable {
    public var sid: String
    public var img: String

    public init(sid: String, img: String) { self.sid = sid; self.img = img }
}

/// A person's answer to a captcha, sent with the repeated request.
public struct VKCaptchaAnswer: Codable, Sendable, Equatable, Hashable {
    public var sid: String
    public var key: String

    public init(sid: String, key: String) { self.sid = sid; self.key = key }
}

/// JSON coding as VK writes it.
public enum VKWire {
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
