import Casework
import Foundation

/// One piece of a post as a specialist sent it: a forwarded message, a text with links, a photo with
/// a caption, one item of an album.
public struct PostPiece: Codable, Sendable, Equatable {
    public var messageId: Int64
    public var text: String
    public var urls: [String]
    public var media: [MediaRef]
    public var forwardOrigin: ForwardOriginInfo?
    /// This piece alone analysed before its transaction; nil when it was not (a caption-less photo).
    public var analysis: PostAnalysis?

    public init(messageId: Int64, text: String, urls: [String] = [], media: [MediaRef] = [],
                forwardOrigin: ForwardOriginInfo? = nil, analysis: PostAnalysis? = nil) {
        self.messageId = messageId
        self.text = text
        self.urls = urls
        self.media = media
        self.forwardOrigin = forwardOrigin
        self.analysis = analysis
    }
}

/// What an executor has written so far for a draft (several messages, albums).
public struct DraftBuffer: Codable, Sendable, Equatable {
    public var texts: [String] = []
    public var media: [MediaRef] = []

    public init(texts: [String] = [], media: [MediaRef] = []) {
        self.texts = texts
        self.media = media
    }

    public var text: String { texts.filter { !$0.isEmpty }.joined(separator: "\n\n") }
    public var isEmpty: Bool { text.isEmpty && media.isEmpty }
}

/// Where a chat's conversation stands between messages. Persisted per chat as JSON.
public enum Session: Codable, Sendable, Equatable {
    case idle
    /// A specialist's posts arriving together (a forwarded batch, an album): one case when they settle.
    case collectingIntake([PostPiece])
    /// After /new: the next message is the post.
    case awaitingPost
    /// After "not ours": the next text is the reason.
    case awaitingDeclineReason(caseId: Int64)
    /// An executor writing a draft; a preview follows when the messages settle.
    case composingDraft(caseId: Int64, kind: DraftKind, buffer: DraftBuffer)
    /// After "return": the next text is the comment to the executor.
    case awaitingReturnComment(caseId: Int64, version: Int)
    /// After "edit and approve": the next text replaces the draft's text.
    case awaitingEditedText(caseId: Int64, version: Int)
    /// After "published, add link": the next text is the link.
    case awaitingPublishedLink(caseId: Int64)
    /// After "attach the author's reply": the next message is the reply.
    case awaitingAuthorReply(caseId: Int64)
    /// After "repeat of №…": the next text is the earlier case's number.
    case awaitingRepeatNumber(caseId: Int64)
    /// VK asked for a captcha when publishing: the next text is what the picture shows.
    case awaitingVKCaptcha(caseId: Int64)

    /// The case a pending step is about.
    public var caseId: Int64? {
        switch self {
        case .idle, .collectingIntake, .awaitingPost: return nil
        case let .awaitingDeclineReason(id), let .composingDraft(id, _, _), let .awaitingReturnComment(id, _),
             let .awaitingEditedText(id, _), let .awaitingPublishedLink(id), let .awaitingAuthorReply(id),
             let .awaitingRepeatNumber(id), let .awaitingVKCaptcha(id):
            return id
        }
    }
}
