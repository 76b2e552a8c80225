/// What an incoming message offers for finding its source: text, link entities, forward origin.
public struct PostInput: Sendable, Hashable {
    /// The message text or caption.
    public var text: String
    /// URLs of `text_link` (and `url`) entities, in order.
    public var urls: [String]
    /// Where a forwarded message came from.
    public var forwardOrigin: ForwardOriginInfo?

    /// An input from its parts.
    public init(text: String, urls: [String] = [], forwardOrigin: ForwardOriginInfo? = nil) {
        self.text = text
        self.urls = urls
        self.forwardOrigin = forwardOrigin
    }
}

/// The origin of a forwarded message, mirroring the Bot API's `MessageOrigin` kinds.
public enum ForwardOriginInfo: Sendable, Equatable, Hashable, Codable {
    /// `MessageOriginUser`: a user who allows linking to their account.
    case user(id: Int64, name: String)
    /// `MessageOriginHiddenUser`: a user known only by name.
    case hiddenUser(name: String)
    /// `MessageOriginChat`: a message sent on behalf of a group.
    case chat(chatID: Int64, title: String, username: String?)
    /// `MessageOriginChannel`: a channel post.
    case channel(chatID: Int64, username: String?, title: String, messageID: Int64)
    /// On MAX: a message a person wrote (MAX's user id).
    case maxUser(id: Int64, name: String)
    /// On MAX: a post of a chat or channel (MAX's chat id and the message's sequence number).
    case maxChat(chatID: Int64, messageID: Int64)
}
