import Foundation

// Codable models of the Bot API types Otklik uses. Property names are the API's snake_case names
// in camelCase (the coders convert), unknown fields are ignored, and every field the API marks
// optional is optional here. `BotAPITests/SpecConformanceTests` checks them against api.json.

public struct User: Codable, Hashable, Sendable {
    public var id: Int64
    public var isBot: Bool
    public var firstName: String
    public var lastName: String?
    public var username: String?
    public var languageCode: String?

    public init(id: Int64, isBot: Bool = false, firstName: String, lastName: String? = nil,
                username: String? = nil, languageCode: String? = nil) {
        self.id = id; self.isBot = isBot; self.firstName = firstName
        self.lastName = lastName; self.username = username; self.languageCode = languageCode
    }
}

public struct Chat: Codable, Hashable, Sendable {
    public var id: Int64
    /// "private", "group", "supergroup" or "channel"; kept as a string so new kinds do not break decoding.
    public var type: String
    public var title: String?
    public var username: String?
    public var firstName: String?
    public var lastName: String?

    public init(id: Int64, type: String, title: String? = nil, username: String? = nil,
                firstName: String? = nil, lastName: String? = nil) {
        self.id = id; self.type = type; self.title = title; self.username = username
        self.firstName = firstName; self.lastName = lastName
    }

    public var isPrivate: Bool { type == "private" }
}

public struct MessageEntity: Codable, Hashable, Sendable {
    public var type: String
    /// Offset and length in UTF-16 code units, as Telegram counts them.
    public var offset: Int
    public var length: Int
    public var url: String?
    public var user: User?
    public var language: String?
    public var customEmojiId: String?

    public init(type: String, offset: Int, length: Int, url: String? = nil) {
        self.type = type; self.offset = offset; self.length = length; self.url = url
    }
}

public struct PhotoSize: Codable, Hashable, Sendable {
    public var fileId: String
    public var fileUniqueId: String
    public var width: Int
    public var height: Int
    public var fileSize: Int64?

    public init(fileId: String, fileUniqueId: String, width: Int, height: Int, fileSize: Int64? = nil) {
        self.fileId = fileId; self.fileUniqueId = fileUniqueId; self.width = width; self.height = height
        self.fileSize = fileSize
    }
}

public struct Video: Codable, Hashable, Sendable {
    public var fileId: String
    public var fileUniqueId: String
    public var width: Int
    public var height: Int
    public var duration: Int
    public var thumbnail: PhotoSize?
    public var fileName: String?
    public var mimeType: String?
    public var fileSize: Int64?

    public init(fileId: String, fileUniqueId: String, width: Int, height: Int, duration: Int,
                fileName: String? = nil, mimeType: String? = nil, fileSize: Int64? = nil) {
        self.fileId = fileId; self.fileUniqueId = fileUniqueId; self.width = width; self.height = height
        self.duration = duration; self.fileName = fileName; self.mimeType = mimeType; self.fileSize = fileSize
    }
}

public struct Document: Codable, Hashable, Sendable {
    public var fileId: String
    public var fileUniqueId: String
    public var thumbnail: PhotoSize?
    public var fileName: String?
    public var mimeType: String?
    public var fileSize: Int64?

    public init(fileId: String, fileUniqueId: String, fileName: String? = nil, mimeType: String? = nil,
                fileSize: Int64? = nil) {
        self.fileId = fileId; self.fileUniqueId = fileUniqueId; self.fileName = fileName
        self.mimeType = mimeType; self.fileSize = fileSize
    }
}

public struct File: Codable, Hashable, Sendable {
    public var fileId: String
    public var fileUniqueId: String
    public var fileSize: Int64?
    public var filePath: String?

    public init(fileId: String, fileUniqueId: String, fileSize: Int64? = nil, filePath: String? = nil) {
        self.fileId = fileId; self.fileUniqueId = fileUniqueId; self.fileSize = fileSize; self.filePath = filePath
    }
}

public struct BotCommand: Codable, Hashable, Sendable {
    public var command: String
    public var description: String
    public init(command: String, description: String) { self.command = command; self.description = description }
}

/// The result of `copyMessage`.
public struct MessageId: Codable, Hashable, Sendable {
    public var messageId: Int64
    public init(messageId: Int64) { self.messageId = messageId }
}

/// Where a forwarded message came from (Bot API 7.0+; the old forward_from* fields are gone).
public enum MessageOrigin: Codable, Hashable, Sendable {
    case user(date: Int64, senderUser: User)
    case hiddenUser(date: Int64, senderUserName: String)
    case chat(date: Int64, senderChat: Chat, authorSignature: String?)
    case channel(date: Int64, chat: Chat, messageId: Int64, authorSignature: String?)

    private enum CodingKeys: String, CodingKey {
        case type, date, senderUser, senderUserName, senderChat, authorSignature, chat, messageId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let date = try c.decode(Int64.self, forKey: .date)
        switch try c.decode(String.self, forKey: .type) {
        case "user": self = .user(date: date, senderUser: try c.decode(User.self, forKey: .senderUser))
        case "hidden_user":
            self = .hiddenUser(date: date, senderUserName: try c.decode(String.self, forKey: .senderUserName))
        case "chat":
            self = .chat(date: date, senderChat: try c.decode(Chat.self, forKey: .senderChat),
                         authorSignature: try c.decodeIfPresent(String.self, forKey: .authorSignature))
        case "channel":
            self = .channel(date: date, chat: try c.decode(Chat.self, forKey: .chat),
                            messageId: try c.decode(Int64.self, forKey: .messageId),
                            authorSignature: try c.decodeIfPresent(String.self, forKey: .authorSignature))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown origin \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .user(date, user):
            try c.encode("user", forKey: .type); try c.encode(date, forKey: .date); try c.encode(user, forKey: .senderUser)
        case let .hiddenUser(date, name):
            try c.encode("hidden_user", forKey: .type); try c.encode(date, forKey: .date)
            try c.encode(name, forKey: .senderUserName)
        case let .chat(date, chat, signature):
            try c.encode("chat", forKey: .type); try c.encode(date, forKey: .date); try c.encode(chat, forKey: .senderChat)
            try c.encodeIfPresent(signature, forKey: .authorSignature)
        case let .channel(date, chat, messageId, signature):
            try c.encode("channel", forKey: .type); try c.encode(date, forKey: .date); try c.encode(chat, forKey: .chat)
            try c.encode(messageId, forKey: .messageId); try c.encodeIfPresent(signature, forKey: .authorSignature)
        }
    }

    public var date: Int64 {
        switch self {
        case let .user(d, _), let .hiddenUser(d, _), let .chat(d, _, _), let .channel(d, _, _, _): return d
        }
    }
}

/// A message. `replyToMessage` is boxed because a struct cannot contain itself.
public struct Message: Codable, Hashable, Sendable {
    public var messageId: Int64
    public var from: User?
    public var senderChat: Chat?
    public var date: Int64
    public var chat: Chat
    public var forwardOrigin: MessageOrigin?
    public var isAutomaticForward: Bool?
    public var replyToMessage: Box<Message>?
    public var editDate: Int64?
    public var mediaGroupId: String?
    public var text: String?
    public var entities: [MessageEntity]?
    public var caption: String?
    public var captionEntities: [MessageEntity]?
    public var photo: [PhotoSize]?
    public var video: Video?
    public var document: Document?
    public var replyMarkup: InlineKeyboardMarkup?

    public init(messageId: Int64, from: User? = nil, date: Int64, chat: Chat, text: String? = nil) {
        self.messageId = messageId; self.from = from; self.date = date; self.chat = chat; self.text = text
    }

    /// The text or the caption, whichever the message has.
    public var textOrCaption: String? { text ?? caption }
    /// The entities of the text or of the caption.
    public var allEntities: [MessageEntity] { entities ?? captionEntities ?? [] }
}

/// A reference box so recursive value types (a message replying to a message) can be Codable.
public final class Box<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
    public init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    public static func == (a: Box, b: Box) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// `CallbackQuery.message`: a message, or one too old to access (its `date` is 0).
public struct MaybeInaccessibleMessage: Codable, Hashable, Sendable {
    public var message: Message
    public var isAccessible: Bool { message.date != 0 }

    public init(_ message: Message) { self.message = message }
    public init(from decoder: any Decoder) throws { message = try Message(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try message.encode(to: encoder) }
}

public struct CallbackQuery: Codable, Hashable, Sendable {
    public var id: String
    public var from: User
    public var message: MaybeInaccessibleMessage?
    public var inlineMessageId: String?
    public var chatInstance: String
    public var data: String?

    public init(id: String, from: User, message: Message?, chatInstance: String, data: String?) {
        self.id = id; self.from = from; self.message = message.map(MaybeInaccessibleMessage.init)
        self.chatInstance = chatInstance; self.data = data
    }
}

/// The parts of a ChatMember we need: the status ("member", "kicked", ...) and the user.
public struct ChatMember: Codable, Hashable, Sendable {
    public var status: String
    public var user: User
    public init(status: String, user: User) { self.status = status; self.user = user }
}

/// `my_chat_member`: the bot's own membership changed, e.g. a user blocked ("kicked") or unblocked it.
public struct ChatMemberUpdated: Codable, Hashable, Sendable {
    public var chat: Chat
    public var from: User
    public var date: Int64
    public var oldChatMember: ChatMember
    public var newChatMember: ChatMember

    public init(chat: Chat, from: User, date: Int64, oldChatMember: ChatMember, newChatMember: ChatMember) {
        self.chat = chat; self.from = from; self.date = date
        self.oldChatMember = oldChatMember; self.newChatMember = newChatMember
    }
}

/// Extra information in an error answer.
public struct ResponseParameters: Codable, Hashable, Sendable {
    public var migrateToChatId: Int64?
    public var retryAfter: Int?
    public init(migrateToChatId: Int64? = nil, retryAfter: Int? = nil) {
        self.migrateToChatId = migrateToChatId; self.retryAfter = retryAfter
    }
}
