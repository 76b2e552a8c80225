import Foundation
import Messaging

// The methods Otklik calls. Field names follow the API (camelCase here, snake_case on the wire).

public struct GetMe: BotMethod, Codable, Hashable {
    public typealias Response = User
    public static let name = "getMe"
    public init() {}
}

public struct GetUpdates: BotMethod, Codable, Hashable {
    public typealias Response = UpdateBatch
    public static let name = "getUpdates"
    public var offset: Int64?
    public var limit: Int?
    /// Long-poll timeout in seconds.
    public var timeout: Int?
    public var allowedUpdates: [String]?

    public init(offset: Int64? = nil, limit: Int? = 100, timeout: Int? = 25, allowedUpdates: [String]? = nil) {
        self.offset = offset; self.limit = limit; self.timeout = timeout; self.allowedUpdates = allowedUpdates
    }

    /// The server holds the request up to `timeout` seconds; allow a margin for the answer itself.
    public var requestTimeout: Duration? { .seconds((timeout ?? 0) + 15) }
}

public struct DeleteWebhook: BotMethod, Codable, Hashable {
    public typealias Response = Bool
    public static let name = "deleteWebhook"
    public var dropPendingUpdates: Bool?
    public init(dropPendingUpdates: Bool? = nil) { self.dropPendingUpdates = dropPendingUpdates }
}

public struct SendMessage: BotMethod, Codable, Hashable {
    public typealias Response = Message
    public static let name = "sendMessage"
    public var chatId: Int64
    public var text: String
    public var parseMode: String?
    public var linkPreviewOptions: LinkPreviewOptions?
    public var disableNotification: Bool?
    public var replyParameters: ReplyParameters?
    public var replyMarkup: ReplyMarkup?

    public init(chatId: Int64, text: String, parseMode: String? = "HTML", replyMarkup: ReplyMarkup? = nil,
                replyTo: Int64? = nil, disableNotification: Bool? = nil, disablePreview: Bool = true) {
        self.chatId = chatId; self.text = text; self.parseMode = parseMode; self.replyMarkup = replyMarkup
        self.replyParameters = replyTo.map { ReplyParameters(messageId: $0) }
        self.disableNotification = disableNotification
        self.linkPreviewOptions = disablePreview ? LinkPreviewOptions(isDisabled: true) : nil
    }
}

public struct EditMessageText: BotMethod, Codable, Hashable {
    public typealias Response = MessageOrTrue
    public static let name = "editMessageText"
    public var chatId: Int64
    public var messageId: Int64
    public var text: String
    public var parseMode: String?
    public var linkPreviewOptions: LinkPreviewOptions?
    public var replyMarkup: InlineKeyboardMarkup?

    public init(chatId: Int64, messageId: Int64, text: String, parseMode: String? = "HTML",
                replyMarkup: InlineKeyboardMarkup? = nil, disablePreview: Bool = true) {
        self.chatId = chatId; self.messageId = messageId; self.text = text; self.parseMode = parseMode
        self.replyMarkup = replyMarkup
        self.linkPreviewOptions = disablePreview ? LinkPreviewOptions(isDisabled: true) : nil
    }
}

public struct EditMessageReplyMarkup: BotMethod, Codable, Hashable {
    public typealias Response = MessageOrTrue
    public static let name = "editMessageReplyMarkup"
    public var chatId: Int64
    public var messageId: Int64
    public var replyMarkup: InlineKeyboardMarkup?

    public init(chatId: Int64, messageId: Int64, replyMarkup: InlineKeyboardMarkup?) {
        self.chatId = chatId; self.messageId = messageId; self.replyMarkup = replyMarkup
    }
}

public struct AnswerCallbackQuery: BotMethod, Codable, Hashable {
    public typealias Response = Bool
    public static let name = "answerCallbackQuery"
    public var callbackQueryId: String
    public var text: String?
    public var showAlert: Bool?

    public init(callbackQueryId: String, text: String? = nil, showAlert: Bool? = nil) {
        self.callbackQueryId = callbackQueryId; self.text = text; self.showAlert = showAlert
    }
}

public struct SendPhoto: BotMethod, Codable, Hashable {
    public typealias Response = Message
    public static let name = "sendPhoto"
    public var chatId: Int64
    public var photo: InputFile
    public var caption: String?
    public var parseMode: String?
    public var replyParameters: ReplyParameters?
    public var replyMarkup: ReplyMarkup?

    public init(chatId: Int64, photo: InputFile, caption: String? = nil, parseMode: String? = "HTML",
                replyMarkup: ReplyMarkup? = nil, replyTo: Int64? = nil) {
        self.chatId = chatId; self.photo = photo; self.caption = caption; self.parseMode = parseMode
        self.replyMarkup = replyMarkup; self.replyParameters = replyTo.map { ReplyParameters(messageId: $0) }
    }

    public var uploads: [FileUpload] { [photo.upload].compactMap { $0 } }
}

public struct SendVideo: BotMethod, Codable, Hashable {
    public typealias Response = Message
    public static let name = "sendVideo"
    public var chatId: Int64
    public var video: InputFile
    public var caption: String?
    public var parseMode: String?
    public var replyParameters: ReplyParameters?
    public var replyMarkup: ReplyMarkup?

    public init(chatId: Int64, video: InputFile, caption: String? = nil, parseMode: String? = "HTML",
                replyMarkup: ReplyMarkup? = nil, replyTo: Int64? = nil) {
        self.chatId = chatId; self.video = video; self.caption = caption; self.parseMode = parseMode
        self.replyMarkup = replyMarkup; self.replyParameters = replyTo.map { ReplyParameters(messageId: $0) }
    }

    public var uploads: [FileUpload] { [video.upload].compactMap { $0 } }
}

public struct SendDocument: BotMethod, Codable, Hashable {
    public typealias Response = Message
    public static let name = "sendDocument"
    public var chatId: Int64
    public var document: InputFile
    public var caption: String?
    public var parseMode: String?
    public var replyParameters: ReplyParameters?
    public var replyMarkup: ReplyMarkup?

    public init(chatId: Int64, document: InputFile, caption: String? = nil, parseMode: String? = "HTML",
                replyMarkup: ReplyMarkup? = nil, replyTo: Int64? = nil) {
        self.chatId = chatId; self.document = document; self.caption = caption; self.parseMode = parseMode
        self.replyMarkup = replyMarkup; self.replyParameters = replyTo.map { ReplyParameters(messageId: $0) }
    }

    public var uploads: [FileUpload] { [document.upload].compactMap { $0 } }
}

public struct SendMediaGroup: BotMethod, Codable, Hashable {
    public typealias Response = [Message]
    public static let name = "sendMediaGroup"
    public var chatId: Int64
    /// 2–10 items.
    public var media: [InputMedia]
    public var replyParameters: ReplyParameters?

    public init(chatId: Int64, media: [InputMedia], replyTo: Int64? = nil) {
        self.chatId = chatId; self.media = media; self.replyParameters = replyTo.map { ReplyParameters(messageId: $0) }
    }

    public var uploads: [FileUpload] { media.compactMap(\.media.upload) }
}

public struct CopyMessage: BotMethod, Codable, Hashable {
    public typealias Response = MessageId
    public static let name = "copyMessage"
    public var chatId: Int64
    public var fromChatId: Int64
    public var messageId: Int64
    public var caption: String?
    public var parseMode: String?
    public var replyMarkup: ReplyMarkup?

    public init(chatId: Int64, fromChatId: Int64, messageId: Int64, caption: String? = nil,
                parseMode: String? = nil, replyMarkup: ReplyMarkup? = nil) {
        self.chatId = chatId; self.fromChatId = fromChatId; self.messageId = messageId
        self.caption = caption; self.parseMode = parseMode; self.replyMarkup = replyMarkup
    }
}

public struct SetMyCommands: BotMethod, Codable, Hashable {
    public typealias Response = Bool
    public static let name = "setMyCommands"
    public var commands: [BotCommand]
    public var scope: BotCommandScope?
    public var languageCode: String?

    public init(commands: [BotCommand], scope: BotCommandScope? = nil, languageCode: String? = nil) {
        self.commands = commands; self.scope = scope; self.languageCode = languageCode
    }
}

public struct GetFile: BotMethod, Codable, Hashable {
    public typealias Response = File
    public static let name = "getFile"
    public var fileId: String
    public init(fileId: String) { self.fileId = fileId }
}
