import Foundation

/// A person or bot as MAX describes it [S33 `User`]. `name` is deprecated and not read.
public struct User: Codable, Hashable, Sendable {
    public var userId: Int64
    public var firstName: String
    public var lastName: String?
    public var username: String?
    public var isBot: Bool

    public init(userId: Int64, firstName: String, lastName: String? = nil, username: String? = nil, isBot: Bool = false) {
        self.userId = userId; self.firstName = firstName; self.lastName = lastName; self.username = username; self.isBot = isBot
    }

    enum CodingKeys: String, CodingKey {
        case userId = "user_id", firstName = "first_name", lastName = "last_name", username, isBot = "is_bot"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userId = try c.decode(Int64.self, forKey: .userId)
        firstName = try c.decodeIfPresent(String.self, forKey: .firstName) ?? ""
        lastName = try c.decodeIfPresent(String.self, forKey: .lastName)
        username = try c.decodeIfPresent(String.self, forKey: .username)
        isBot = try c.decodeIfPresent(Bool.self, forKey: .isBot) ?? false
    }

    /// First and last name as MAX shows them.
    public var fullName: String { [firstName, lastName ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A string MAX enumerates but may extend: unknown values decode instead of failing the update.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable where RawValue == String {
    init(rawValue: String)
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// `dialog`, `chat` or `channel` [S33 `ChatType`].
public struct ChatType: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let dialog = ChatType(rawValue: "dialog")
    public static let chat = ChatType(rawValue: "chat")
    public static let channel = ChatType(rawValue: "channel")
}

/// Where a message went [S33 `Recipient`]. A dialog's `chat_id` is not the person's `user_id`.
public struct Recipient: Codable, Hashable, Sendable {
    public var chatId: Int64?
    public var chatType: ChatType
    public var userId: Int64?

    public init(chatId: Int64?, chatType: ChatType, userId: Int64? = nil) {
        self.chatId = chatId; self.chatType = chatType; self.userId = userId
    }

    enum CodingKeys: String, CodingKey { case chatId = "chat_id", chatType = "chat_type", userId = "user_id" }
}

/// A message in a chat [S33 `Message`]. `body` can be missing when the message only forwards another
/// one: read a forward's content from `link.message` (FACTS §5).
public struct Message: Codable, Hashable, Sendable {
    /// Null when posted on behalf of a channel.
    public var sender: User?
    public var recipient: Recipient
    /// Unix time in milliseconds.
    public var timestamp: Int64
    public var link: LinkedMessage?
    public var body: MessageBody?
    public var url: String?

    public init(sender: User?, recipient: Recipient, timestamp: Int64, link: LinkedMessage? = nil, body: MessageBody?,
                url: String? = nil) {
        self.sender = sender; self.recipient = recipient; self.timestamp = timestamp; self.link = link; self.body = body
        self.url = url
    }

    /// The message's id, when it has a body.
    public var mid: String? { body?.mid }

    /// What the person actually sent: the forwarded message's body for a forward with an empty body.
    public var content: MessageBody? {
        guard let link, link.type == .forward else { return body }
        let own = body.map { ($0.text ?? "").isEmpty && ($0.attachments ?? []).isEmpty } ?? true
        return own ? link.message : body
    }
}

/// Text, attachments and formatting of a message [S33 `MessageBody`].
public struct MessageBody: Codable, Hashable, Sendable {
    /// "mid.…": unique per message; the receipt a batch delivered twice is recognised by.
    public var mid: String
    /// Sequence in the chat.
    public var seq: Int64
    public var text: String?
    public var attachments: [Attachment]?
    public var markup: [MarkupElement]?

    public init(mid: String, seq: Int64, text: String? = nil, attachments: [Attachment]? = nil, markup: [MarkupElement]? = nil) {
        self.mid = mid; self.seq = seq; self.text = text; self.attachments = attachments; self.markup = markup
    }

    /// The URLs behind words (`link` markup), in text order; written-out links are in `text` itself.
    public var markupLinks: [String] {
        (markup ?? []).filter { $0.type == .link }.sorted { $0.from < $1.from }.compactMap(\.url)
    }

    /// The inline keyboard attached, if any.
    public var keyboard: Keyboard? {
        for case let .inlineKeyboard(keyboard) in attachments ?? [] { return keyboard }
        return nil
    }
}

/// `forward` or `reply` [S33 `MessageLinkType`].
public struct MessageLinkType: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let forward = MessageLinkType(rawValue: "forward")
    public static let reply = MessageLinkType(rawValue: "reply")
}

/// A forwarded or replied-to message [S33 `LinkedMessage`].
public struct LinkedMessage: Codable, Hashable, Sendable {
    public var type: MessageLinkType
    /// Null when posted on behalf of a channel.
    public var sender: User?
    /// The chat the message was first posted in (forwards only).
    public var chatId: Int64?
    public var message: MessageBody

    public init(type: MessageLinkType, sender: User?, chatId: Int64?, message: MessageBody) {
        self.type = type; self.sender = sender; self.chatId = chatId; self.message = message
    }

    enum CodingKeys: String, CodingKey { case type, sender, chatId = "chat_id", message }
}

/// The kind of a formatting span [S33 `MarkupElement`].
public struct MarkupType: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let strong = MarkupType(rawValue: "strong")
    public static let emphasized = MarkupType(rawValue: "emphasized")
    public static let monospaced = MarkupType(rawValue: "monospaced")
    public static let link = MarkupType(rawValue: "link")
    public static let strikethrough = MarkupType(rawValue: "strikethrough")
    public static let underline = MarkupType(rawValue: "underline")
    public static let userMention = MarkupType(rawValue: "user_mention")
    public static let heading = MarkupType(rawValue: "heading")
    public static let highlighted = MarkupType(rawValue: "highlighted")
    public static let quote = MarkupType(rawValue: "quote")
}

/// One formatting span of a text; `url` for links lets the bot recover the link behind a word.
public struct MarkupElement: Codable, Hashable, Sendable {
    public var type: MarkupType
    /// Start in the text (zero-based) and length.
    public var from: Int
    public var length: Int
    public var url: String?
    public var userLink: String?
    public var userId: Int64?

    public init(type: MarkupType, from: Int, length: Int, url: String? = nil, userLink: String? = nil, userId: Int64? = nil) {
        self.type = type; self.from = from; self.length = length; self.url = url; self.userLink = userLink; self.userId = userId
    }

    enum CodingKeys: String, CodingKey { case type, from, length, url, userLink = "user_link", userId = "user_id" }
}

/// A button press as MAX reports it [S33 `Callback`].
public struct Callback: Codable, Hashable, Sendable {
    public var timestamp: Int64
    /// What `POST /answers?callback_id=` refers to; also the press's receipt.
    public var callbackId: String
    public var payload: String?
    public var user: User

    public init(timestamp: Int64, callbackId: String, payload: String?, user: User) {
        self.timestamp = timestamp; self.callbackId = callbackId; self.payload = payload; self.user = user
    }

    enum CodingKeys: String, CodingKey { case timestamp, callbackId = "callback_id", payload, user }
}
