/// Buttons under a message. Otklik uses callback buttons and links only.
public struct InlineKeyboardMarkup: Codable, Hashable, Sendable {
    public var inlineKeyboard: [[InlineKeyboardButton]]
    public init(_ rows: [[InlineKeyboardButton]]) { inlineKeyboard = rows }
}

public struct InlineKeyboardButton: Codable, Hashable, Sendable {
    public var text: String
    public var url: String?
    /// 1–64 bytes; Telegram refuses anything longer.
    public var callbackData: String?
    /// A Mini App: Telegram opens `url` inside the chat and passes the page signed `initData`.
    public var webApp: WebAppInfo?

    public init(text: String, callbackData: String) { self.text = text; self.callbackData = callbackData }
    public init(text: String, url: String) { self.text = text; self.url = url }
    public init(text: String, webApp: WebAppInfo) { self.text = text; self.webApp = webApp }
}

/// `WebAppInfo`: the Mini App's HTTPS address.
public struct WebAppInfo: Codable, Hashable, Sendable {
    public var url: String
    public init(url: String) { self.url = url }
}

/// Asks the user's client to show a reply interface, as if they tapped "Reply" on the bot's message.
public struct ForceReply: Codable, Hashable, Sendable {
    public var forceReply: Bool = true
    public var inputFieldPlaceholder: String?
    public init(inputFieldPlaceholder: String? = nil) { self.inputFieldPlaceholder = inputFieldPlaceholder }
}

/// The `reply_markup` parameter of the send methods.
public enum ReplyMarkup: Codable, Hashable, Sendable {
    case inlineKeyboard(InlineKeyboardMarkup)
    case forceReply(ForceReply)

    public init(from decoder: any Decoder) throws {
        if let k = try? InlineKeyboardMarkup(from: decoder) { self = .inlineKeyboard(k) }
        else { self = .forceReply(try ForceReply(from: decoder)) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .inlineKeyboard(k): try k.encode(to: encoder)
        case let .forceReply(f): try f.encode(to: encoder)
        }
    }
}

public struct ReplyParameters: Codable, Hashable, Sendable {
    public var messageId: Int64
    public var allowSendingWithoutReply: Bool?
    public init(messageId: Int64, allowSendingWithoutReply: Bool? = true) {
        self.messageId = messageId; self.allowSendingWithoutReply = allowSendingWithoutReply
    }
}

public struct LinkPreviewOptions: Codable, Hashable, Sendable {
    public var isDisabled: Bool?
    public init(isDisabled: Bool?) { self.isDisabled = isDisabled }
}
