import Foundation
import VKAPI

/// A person the sandbox knows.
struct UserRecord: Sendable {
    var id: Int64
    var firstName: String
    var lastName: String
    var screenName: String?
}

/// A community the sandbox knows (positive id; its wall is `-id`).
struct CommunityRecord: Sendable {
    var id: Int64
    var name: String
    var screenName: String
}

/// A post on a wall.
struct PostRecord: Sendable {
    var ownerId: Int64
    var id: Int64
    var fromId: Int64
    var signerId: Int64?
    var date: Int64
    var text: String
    /// Keys into `photos`.
    var photos: [PhotoKey]
    var repostOf: VKPostRef?
    var commentsClosed: Bool
    var groupsCanPost: Bool
    var deleted = false
}

/// A photo's ids.
struct PhotoKey: Sendable, Hashable {
    var ownerId: Int64
    var id: Int64

    /// `<owner>_<id>`, the name it is served under.
    var name: String { "\(ownerId)_\(id)" }
    var attachmentID: String { "photo\(ownerId)_\(id)" }
}

/// A photo the sandbox holds: its bytes (served at `/photos/<owner>_<id>.jpg`) or a URL elsewhere.
struct PhotoRecord: Sendable {
    var key: PhotoKey
    var albumId: Int64
    var date: Int64
    var data: Data?
    var externalURL: String?
    var width: Int
    var height: Int
    /// Saved by `photos.saveWallPhoto` (the bot's upload), not given by a test.
    var uploadedByBot: Bool
}

/// A `photos.getWallUploadServer` answer waiting for its upload.
struct UploadSlot: Sendable {
    var groupId: Int64?
    var userId: Int64
}

/// Bytes posted to an upload URL, waiting for `photos.saveWallPhoto`.
struct PendingUpload: Sendable {
    var slot: UploadSlot
    var data: Data
    var hash: String
    var server: Int64
}

/// A captcha the sandbox asked for: the answer it expects.
struct CaptchaRecord: Sendable {
    var method: String
    var key: String
}

/// Faults waiting for the next calls of a method.
struct PendingFaults: Sendable {
    var errors: [(method: String, refusal: VKRefusal, remaining: Int)] = []
    var captchas: [String: Int] = [:]
    var drops: [(method: String, mode: VKDropMode, remaining: Int)] = []
    var delays: [(method: String, by: Duration)] = []

    mutating func takeError(_ method: String) -> VKRefusal? {
        guard let index = errors.firstIndex(where: { $0.method == method }) else { return nil }
        let refusal = errors[index].refusal
        errors[index].remaining -= 1
        if errors[index].remaining <= 0 { errors.remove(at: index) }
        return refusal
    }

    mutating func takeCaptcha(_ method: String) -> Bool {
        guard let count = captchas[method], count > 0 else { return false }
        captchas[method] = count > 1 ? count - 1 : nil
        return true
    }

    mutating func takeDrop(_ method: String) -> VKDropMode? {
        guard let index = drops.firstIndex(where: { $0.method == method }) else { return nil }
        let mode = drops[index].mode
        drops[index].remaining -= 1
        if drops[index].remaining <= 0 { drops.remove(at: index) }
        return mode
    }

    mutating func takeDelay(_ method: String) -> Duration? {
        guard let index = delays.firstIndex(where: { $0.method == method }) else { return nil }
        return delays.remove(at: index).by
    }
}

/// Timestamps in arrival order; admits at most `limit` in any `window` seconds.
struct RateWindow: Sendable {
    private var times: [Double] = []

    mutating func admit(limit: Int, window: Double = 1, now: Double) -> Bool {
        times.removeAll { $0 <= now - window }
        guard times.count < limit else { return false }
        times.append(now)
        return true
    }
}

/// One API call as the handler hands it to the sandbox.
struct VKCall: Sendable {
    var method: String
    var parameters: [String: String]
    /// From `Authorization: Bearer` or `access_token`.
    var token: String?
}

/// What the sandbox answers one API call with.
struct VKAnswer: Sendable {
    /// VK answers errors with 200 too.
    var body: Data
    /// Set when the answer is to be lost after the method took effect.
    var drop: VKDropMode?
}
