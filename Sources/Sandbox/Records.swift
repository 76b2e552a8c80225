import BotAPI
import Foundation

/// The kind of media a message carries.
public enum MediaKind: String, Sendable, Hashable {
    case photo, video, document
}

/// A button as the person sees it.
public struct SentButton: Sendable, Hashable {
    public var text: String
    public var callbackData: String?
    public var url: String?
}

/// A message the bot sent, as the person sees it now, with its earlier versions.
public struct SentMessage: Sendable, Hashable {
    /// The current version, as Telegram would show it (visible text, entities, keyboard).
    public var message: Message
    /// Earlier versions, oldest first; empty if never edited.
    public var history: [Message]
    /// The parse_mode of the last send or edit, as the bot gave it.
    public var parseMode: String?
    /// The text or caption exactly as the bot sent it (with tags, before parsing).
    public var source: String?
    /// True when the bot asked for a reply interface (ForceReply).
    public var forceReply: Bool

    public var messageId: Int64 { message.messageId }
    public var chatId: Int64 { message.chat.id }
    public var text: String? { message.text }
    public var caption: String? { message.caption }
    public var entities: [MessageEntity] { message.allEntities }
    public var replyToMessageId: Int64? { message.replyToMessage?.value.messageId }
    public var isEdited: Bool { !history.isEmpty }

    public var mediaKind: MediaKind? {
        if message.photo != nil { return .photo }
        if message.video != nil { return .video }
        if message.document != nil { return .document }
        return nil
    }

    /// The file id of the media (the largest photo size for photos).
    public var fileId: String? {
        message.photo?.last?.fileId ?? message.video?.fileId ?? message.document?.fileId
    }

    /// Keyboard rows, top to bottom.
    public var buttons: [[SentButton]] {
        (message.replyMarkup?.inlineKeyboard ?? []).map { row in
            row.map { SentButton(text: $0.text, callbackData: $0.callbackData, url: $0.url) }
        }
    }

    /// Every button text, row by row.
    public var buttonTexts: [String] { buttons.flatMap { $0.map(\.text) } }
}

/// An answerCallbackQuery the bot made.
public struct CallbackAnswer: Sendable, Hashable {
    public var queryId: String
    /// The data of the button that was pressed.
    public var data: String?
    public var text: String?
    public var showAlert: Bool
    public var url: String?

    public init(queryId: String, data: String?, text: String?, showAlert: Bool, url: String?) {
        self.queryId = queryId; self.data = data; self.text = text; self.showAlert = showAlert; self.url = url
    }
}

/// One HTTP request the bot made, and how the sandbox answered.
public struct RecordedRequest: Sendable, Hashable {
    /// The method as named in the URL.
    public var method: String
    /// Parameters; file parts appear as "<file NAME, N bytes>".
    public var params: JSONValue
    /// The HTTP status answered; 0 when the connection was dropped without an answer.
    public var status: Int
    /// The error description, for refusals.
    public var description: String?
    public var isSuccess: Bool { status == 200 && description == nil }
}

/// A read-only look at the sandbox for `waitUntil` conditions.
public struct SandboxView: Sendable {
    let chats: [Int64: ChatRecord]
    public let callbackAnswers: [CallbackAnswer]
    public let requests: [RecordedRequest]
    /// Updates injected but not yet confirmed by the bot (via the next getUpdates offset).
    public let pendingUpdateCount: Int
    /// 429 answers given because of flood limits.
    public let floodRefusalCount: Int
    /// A getUpdates is waiting for updates.
    public let isLongPollPending: Bool
    /// Injected faults not yet applied.
    public let remainingFaultCount: Int

    /// The bot's messages in a chat, oldest first, as the person sees them now.
    public func sentMessages(in chatId: Int64) -> [SentMessage] { chats[chatId]?.sentByBot ?? [] }
}
