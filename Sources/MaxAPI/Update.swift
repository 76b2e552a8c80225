import Foundation

/// A page of `GET /updates` [S33 `UpdateList`]. Passing `marker` to the next poll commits every update
/// before it, so pass it only after the batch's handling is committed.
public struct UpdateList: Codable, Hashable, Sendable {
    public var updates: [Update]
    public var marker: Int64?

    public init(updates: [Update], marker: Int64?) { self.updates = updates; self.marker = marker }

    enum CodingKeys: String, CodingKey { case updates, marker }

    /// Lenient per element: an update that does not read is kept as `.other`, never failing the batch.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        marker = try c.decodeIfPresent(Int64.self, forKey: .marker)
        let raw = try c.decodeIfPresent([MaxJSON].self, forKey: .updates) ?? []
        updates = raw.map(Update.init(raw:))
    }
}

/// A new message [S33 `MessageCreatedUpdate`]; `userLocale` only in dialogs.
public struct MessageCreated: Codable, Hashable, Sendable {
    public var timestamp: Int64
    public var message: Message
    public var userLocale: String?

    public init(timestamp: Int64, message: Message, userLocale: String? = nil) {
        self.timestamp = timestamp; self.message = message; self.userLocale = userLocale
    }

    enum CodingKeys: String, CodingKey { case timestamp, message, userLocale = "user_locale" }
}

/// A button press [S33 `MessageCallbackUpdate`]; `message` is null when the keyboard message was deleted.
public struct MessageCallback: Codable, Hashable, Sendable {
    public var timestamp: Int64
    public var callback: Callback
    public var message: Message?
    public var userLocale: String?

    public init(timestamp: Int64, callback: Callback, message: Message?, userLocale: String? = nil) {
        self.timestamp = timestamp; self.callback = callback; self.message = message; self.userLocale = userLocale
    }

    enum CodingKeys: String, CodingKey { case timestamp, callback, message, userLocale = "user_locale" }
}

/// The person pressed Start, maybe from a deep link `https://max.ru/<bot>?start=<payload>` [S33 `BotStartedUpdate`].
public struct BotStarted: Codable, Hashable, Sendable {
    public var timestamp: Int64
    /// The dialog's id (not the person's).
    public var chatId: Int64
    public var user: User
    public var payload: String?
    public var userLocale: String?

    public init(timestamp: Int64, chatId: Int64, user: User, payload: String? = nil, userLocale: String? = nil) {
        self.timestamp = timestamp; self.chatId = chatId; self.user = user; self.payload = payload; self.userLocale = userLocale
    }

    enum CodingKeys: String, CodingKey { case timestamp, chatId = "chat_id", user, payload, userLocale = "user_locale" }
}

/// The person stopped the bot: sends to them answer 403 until they start it again [S33 `BotStoppedUpdate`].
public struct BotStopped: Codable, Hashable, Sendable {
    public var timestamp: Int64
    public var chatId: Int64
    public var user: User

    public init(timestamp: Int64, chatId: Int64, user: User) { self.timestamp = timestamp; self.chatId = chatId; self.user = user }

    enum CodingKeys: String, CodingKey { case timestamp, chatId = "chat_id", user }
}

/// A message was edited [S33 `MessageEditedUpdate`].
public struct MessageEdited: Codable, Hashable, Sendable {
    public var timestamp: Int64
    public var message: Message

    public init(timestamp: Int64, message: Message) { self.timestamp = timestamp; self.message = message }
}

/// One event, by `update_type` [S33 `Update`]. MAX updates carry no id: `receipt` names the event for
/// deduplication. Every other type, and a known type that does not read, is `.other` with its JSON.
public enum Update: Codable, Hashable, Sendable {
    case messageCreated(MessageCreated)
    case messageCallback(MessageCallback)
    case botStarted(BotStarted)
    case botStopped(BotStopped)
    case messageEdited(MessageEdited)
    case other(type: String, raw: MaxJSON)

    /// Reads one element of `updates`; never fails.
    public init(raw: MaxJSON) {
        let type = raw["update_type"]?.stringValue ?? ""
        do {
            switch type {
            case "message_created": self = .messageCreated(try raw.decode(MessageCreated.self))
            case "message_callback": self = .messageCallback(try raw.decode(MessageCallback.self))
            case "bot_started": self = .botStarted(try raw.decode(BotStarted.self))
            case "bot_stopped": self = .botStopped(try raw.decode(BotStopped.self))
            case "message_edited": self = .messageEdited(try raw.decode(MessageEdited.self))
            default: self = .other(type: type, raw: raw)
            }
        } catch {
            self = .other(type: type, raw: raw)
        }
    }

    public init(from decoder: any Decoder) throws { self.init(raw: try MaxJSON(from: decoder)) }

    public func encode(to encoder: any Encoder) throws {
        func write<T: Encodable>(_ payload: T) throws {
            var raw = try MaxWire.decoder().decode(MaxJSON.self, from: MaxWire.encoder().encode(payload)).objectValue ?? [:]
            raw["update_type"] = .string(type)
            try MaxJSON.object(raw).encode(to: encoder)
        }
        switch self {
        case let .messageCreated(u): try write(u)
        case let .messageCallback(u): try write(u)
        case let .botStarted(u): try write(u)
        case let .botStopped(u): try write(u)
        case let .messageEdited(u): try write(u)
        case let .other(_, raw): try raw.encode(to: encoder)
        }
    }

    /// The `update_type`.
    public var type: String {
        switch self {
        case .messageCreated: return "message_created"
        case .messageCallback: return "message_callback"
        case .botStarted: return "bot_started"
        case .botStopped: return "bot_stopped"
        case .messageEdited: return "message_edited"
        case let .other(type, _): return type
        }
    }

    /// When it happened, Unix ms (0 when an unknown update has none).
    public var timestamp: Int64 {
        switch self {
        case let .messageCreated(u): return u.timestamp
        case let .messageCallback(u): return u.timestamp
        case let .botStarted(u): return u.timestamp
        case let .botStopped(u): return u.timestamp
        case let .messageEdited(u): return u.timestamp
        case let .other(_, raw): return raw["timestamp"]?.int64Value ?? 0
        }
    }

    /// What a batch delivered twice is recognised by: the message's `mid`, the press's `callback_id`,
    /// and for start/stop the dialog and time (FACTS §2: MAX updates have no id). An edit's key includes
    /// its time, so a second edit is not taken for the first.
    public var receipt: String? {
        switch self {
        case let .messageCreated(u): return u.message.mid.map { "message:" + $0 }
        case let .messageCallback(u): return "callback:" + u.callback.callbackId
        case let .botStarted(u): return "started:\(u.chatId):\(u.timestamp)"
        case let .botStopped(u): return "stopped:\(u.chatId):\(u.timestamp)"
        case let .messageEdited(u): return u.message.mid.map { "edited:\($0):\(u.timestamp)" }
        case .other: return nil
        }
    }
}
