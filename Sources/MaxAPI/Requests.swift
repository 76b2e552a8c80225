import Foundation

/// `markdown` or `html` [S33 `TextFormat`]. HTML knows `i em b strong del s ins u a pre code mark
/// blockquote h1`; other tags are stripped.
public enum TextFormat: String, Codable, Hashable, Sendable {
    case markdown, html
}

/// A reply to or forward of a message [S33 `NewMessageLink`].
public struct NewMessageLink: Codable, Hashable, Sendable {
    public var type: MessageLinkType
    public var mid: String
    public init(type: MessageLinkType, mid: String) { self.type = type; self.mid = mid }
}

/// A message to send, or the new content of one (`PUT /messages`) [S33 `NewMessageBody`]. On an edit,
/// leaving `attachments` out keeps them; an empty list removes them.
public struct NewMessageBody: Codable, Hashable, Sendable {
    /// ≤ 4000 characters (`MaxLimits.textLength`).
    public var text: String?
    public var attachments: [AttachmentRequest]?
    public var link: NewMessageLink?
    /// Default true; false to a channel is an error.
    public var notify: Bool?
    public var format: TextFormat?

    public init(text: String? = nil, attachments: [AttachmentRequest]? = nil, link: NewMessageLink? = nil,
                notify: Bool? = nil, format: TextFormat? = nil) {
        self.text = text; self.attachments = attachments; self.link = link; self.notify = notify; self.format = format
    }

    /// The inline keyboard among the attachments, if any.
    public var keyboard: [[KeyboardButton]]? {
        for case let .inlineKeyboard(rows) in attachments ?? [] { return rows }
        return nil
    }
}

/// The answer to a button press [S33 `CallbackAnswer`]: `message` replaces the keyboard's message,
/// `notification` shows once.
public struct CallbackAnswer: Codable, Hashable, Sendable {
    public var message: NewMessageBody?
    public var notification: String?
    public init(message: NewMessageBody? = nil, notification: String? = nil) { self.message = message; self.notification = notification }
}

/// `POST /subscriptions` [S33 `SubscriptionRequestBody`]. `secret` comes back in `X-Max-Bot-Api-Secret`.
public struct SubscriptionRequestBody: Codable, Hashable, Sendable {
    public var url: String
    public var updateTypes: [String]?
    /// `^[\w-]{5,256}$` (`MaxLimits.isValidWebhookSecret`).
    public var secret: String?

    public init(url: String, updateTypes: [String]? = nil, secret: String? = nil) {
        self.url = url; self.updateTypes = updateTypes; self.secret = secret
    }

    enum CodingKeys: String, CodingKey { case url, updateTypes = "update_types", secret }
}

/// A webhook subscription [S33 `Subscription`]; `time` is Unix ms.
public struct Subscription: Codable, Hashable, Sendable {
    public var url: String
    public var time: Int64
    public var updateTypes: [String]?

    public init(url: String, time: Int64, updateTypes: [String]? = nil) { self.url = url; self.time = time; self.updateTypes = updateTypes }

    enum CodingKeys: String, CodingKey { case url, time, updateTypes = "update_types" }
}

/// `GET /subscriptions` [S33 `GetSubscriptionsResult`].
public struct GetSubscriptionsResult: Codable, Hashable, Sendable {
    public var subscriptions: [Subscription]
    public init(subscriptions: [Subscription]) { self.subscriptions = subscriptions }
}

/// A command of the bot's menu [S33 `BotCommand`].
public struct BotCommand: Codable, Hashable, Sendable {
    /// 1…64 characters, without the slash.
    public var name: String
    /// 1…128 characters.
    public var description: String?
    public init(name: String, description: String?) { self.name = name; self.description = description }
}

/// The body that sets the command menu: `PATCH /me` (TamTam's `BotPatch`, the outbox convention) and
/// `PATCH /me/commands` (v0.0.33 `BotCommandsPatch`) both take `{"commands": […]}`, at most 32.
public struct BotCommandsPatch: Codable, Hashable, Sendable {
    public var commands: [BotCommand]
    public init(commands: [BotCommand]) { self.commands = commands }
}

/// `GET /me` [S33 `BotInfo`].
public struct BotInfo: Codable, Hashable, Sendable {
    public var userId: Int64
    public var firstName: String
    public var username: String?
    public var isBot: Bool
    public var commands: [BotCommand]?

    public init(userId: Int64, firstName: String, username: String?, isBot: Bool = true, commands: [BotCommand]? = nil) {
        self.userId = userId; self.firstName = firstName; self.username = username; self.isBot = isBot; self.commands = commands
    }

    enum CodingKeys: String, CodingKey { case userId = "user_id", firstName = "first_name", username, isBot = "is_bot", commands }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userId = try c.decode(Int64.self, forKey: .userId)
        firstName = try c.decodeIfPresent(String.self, forKey: .firstName) ?? ""
        username = try c.decodeIfPresent(String.self, forKey: .username)
        isBot = try c.decodeIfPresent(Bool.self, forKey: .isBot) ?? true
        commands = try c.decodeIfPresent([BotCommand].self, forKey: .commands)
    }
}

/// `POST /uploads?type=` [S33 `UploadEndpoint`]: where to post the bytes; video and audio get their token here.
public struct UploadEndpoint: Codable, Hashable, Sendable {
    public var url: String
    public var token: String?
    public init(url: String, token: String? = nil) { self.url = url; self.token = token }
}

/// What the upload URL answers for images and files: the token to attach.
public struct UploadedToken: Codable, Hashable, Sendable {
    public var token: String
    public init(token: String) { self.token = token }
}

/// The answer of methods that only succeed or not [S33 `SimpleQueryResult`].
public struct SimpleQueryResult: Codable, Hashable, Sendable {
    public var success: Bool
    public var message: String?
    public init(success: Bool, message: String? = nil) { self.success = success; self.message = message }
}

/// `POST /messages` [S33 `SendMessageResult`].
public struct SendMessageResult: Codable, Hashable, Sendable {
    public var message: Message
    public init(message: Message) { self.message = message }
}
