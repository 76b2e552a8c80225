import Foundation

/// An approved answer to publish under a VK post as the administration's community: written with the
/// specialist's press, delivered afterwards by the VK publisher (the outbox rule).
public struct VKPublication: Sendable, Equatable, Codable {
    public var caseId: Int64
    /// The draft version approved: one publication per version.
    public var version: Int
    /// The post, and the comment answered when the case came from one.
    public var ownerId: Int64
    public var postId: Int64
    public var replyToComment: Int64?
    public var text: String
    /// The answer's photos, as the messenger holds them; uploaded with the editor's key.
    public var photos: [MediaRef]
    /// VK's guard against the same comment twice: stable per case and version.
    public var guid: String
    /// A person's answer to the captcha VK asked for on the previous attempt.
    public var captcha: CaptchaAnswer?

    public struct CaptchaAnswer: Sendable, Equatable, Codable {
        public var sid: String
        public var key: String
        public init(sid: String, key: String) { self.sid = sid; self.key = key }
    }

    public init(caseId: Int64, version: Int, ownerId: Int64, postId: Int64, replyToComment: Int64?, text: String,
                photos: [MediaRef] = [], captcha: CaptchaAnswer? = nil) {
        self.caseId = caseId; self.version = version; self.ownerId = ownerId; self.postId = postId
        self.replyToComment = replyToComment; self.text = text; self.photos = photos; self.captcha = captcha
        guid = "otklik-\(caseId)-v\(version)"
    }

    /// The comment's link: `?reply=<id>`, and `&thread=<root>` when it sits in a thread.
    public func link(commentId: Int64, threadRoot: Int64?) -> String {
        VKPostAddress(ownerId: ownerId, postId: postId, commentId: commentId, threadId: threadRoot).link
    }
}

/// What publishing came to.
public enum VKPublicationOutcome: Sendable, Equatable, Codable {
    /// Published: the comment, its thread's root when it is a reply, and its link.
    case published(commentId: Int64, threadRoot: Int64?, link: String)
    case refused(VKRefusal)
}

/// Why VK did not publish, as the specialist is told it; each has its fallback.
public enum VKRefusal: Sendable, Equatable, Codable {
    /// 9: flood control — wait, or publish by hand; no automatic retry.
    case flood
    /// 223: too many replies in the thread.
    case tooManyReplies
    /// 29: the key's daily limit is spent.
    case dailyLimit
    /// 15, 212, 213: access denied or comments closed.
    case closed
    /// 222: links are not allowed in comments there; publishing without them is offered.
    case hyperlinks
    /// 14: VK wants a captcha answered: its image (the bytes, fetched) and the id the answer goes with.
    case captcha(sid: String, image: Data?)
    /// 5, 27, 28 or a missing key: the keys are wrong or lack rights (for the IT staff).
    case keys(detail: String)
    /// VK did not answer after several tries, or answered what we did not expect.
    case unavailable(detail: String)
}

extension VKRefusal {
    /// The refusal a VK error code means (`errors.json`); nil for codes the publisher retries itself.
    public static func from(code: Int, message: String) -> VKRefusal {
        switch code {
        case 9: .flood
        case 223: .tooManyReplies
        case 29: .dailyLimit
        case 15, 210, 211, 212, 213: .closed
        case 222: .hyperlinks
        case 5, 27, 28: .keys(detail: "VK error \(code): \(message)")
        default: .unavailable(detail: "VK error \(code): \(message)")
        }
    }
}

extension String {
    /// The text with its web addresses taken out (VK's error 222 forbids them in some comments).
    public var withoutLinks: String {
        var rest = self
        for link in LinkFinder.links(in: self) { rest = rest.replacingOccurrences(of: link, with: "") }
        // What a removed link leaves: doubled spaces, a space before punctuation, empty brackets.
        return rest.replacingOccurrences(of: "()", with: "").split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").joined(separator: " ").replacingOccurrences(of: " .", with: ".")
                .replacingOccurrences(of: " ,", with: ",")
        }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
