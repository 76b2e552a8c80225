/// A draft answer to check against its network.
public struct AnswerDraft: Sendable, Equatable {
    /// The answer text.
    public var text: String
    /// Photos attached.
    public var photos: Int
    /// Videos attached.
    public var videos: Int

    /// A draft from its parts.
    public init(text: String, photos: Int = 0, videos: Int = 0) {
        self.text = text
        self.photos = photos
        self.videos = videos
    }

    /// Photos and videos together.
    public var media: Int { photos + videos }
}

/// Something in a draft that will not fit its network; Dialogs turn each into words.
public enum AnswerFormatIssue: Sendable, Equatable, Hashable {
    /// No text at all.
    case empty
    /// Longer than the network takes.
    case tooLong(length: Int, limit: Int)
    /// Too long to go as a caption under the media; it must be sent separately.
    case captionTooLong(length: Int, limit: Int)
    /// HTML tags left in the text, which the network would show as typed.
    case htmlTags([String])
    /// Markdown marks (`**`, `__`, `[text](url)`, leading `#`) the network would show as typed.
    case markdown([String])
    /// Links that will not be clickable there.
    case linksNotClickable(count: Int)
    /// More hashtags than the network takes.
    case tooManyHashtags(count: Int, limit: Int)
    /// More mentions than the network takes.
    case tooManyMentions(count: Int, limit: Int)
    /// More media than one answer can carry.
    case tooManyMedia(count: Int, limit: Int)
    /// The network's answers cannot carry media; post them otherwise.
    case mediaNotAccepted(count: Int)
    /// The text reports work done («отремонтирована», «вывезен») but no photo or video confirms it (§ 10).
    case workDoneWithoutMedia(phrase: String)

    /// Whether the answer cannot be published as it is; the others are advice.
    public var mustFix: Bool {
        switch self {
        case .empty, .tooLong: true
        default: false
        }
    }
}
