import Foundation
import MaxAPI

/// An error answer as MAX words it: the HTTP status and the `{code, message}` body.
struct MaxRefusal: Error, Sendable, Equatable {
    var status: Int
    var code: String
    var message: String

    static let unauthorized = MaxRefusal(status: 401, code: "verify.token", message: "Invalid access_token")
    static let tooManyRequests = MaxRefusal(status: 429, code: "too.many.requests", message: "Too many requests")
    static let notFound = MaxRefusal(status: 404, code: "not.found", message: "Method not found")
    static let notReady = MaxRefusal(status: 400, code: MaxErrorBody.attachmentNotReadyCode,
                                     message: "Key: errors.process.attachment.file.not.processed")
    /// What a person who stopped the bot gives every send (FACTS §6: "user suspended bot").
    static let stopped = MaxRefusal(status: 403, code: "chat.denied", message: "The user has stopped the bot")
    static let notStarted = MaxRefusal(status: 403, code: "chat.denied", message: "The user has not started a dialog with the bot")
    /// The sandbox's choice: the spec lists 405 for `GET /updates` and says a subscription disables polling.
    static let pollingWhileSubscribed = MaxRefusal(
        status: 405, code: "method.not.allowed",
        message: "Long polling is not available while a webhook subscription is active; DELETE /subscriptions first")

    static func badRequest(_ message: String, code: String = "proto.payload") -> MaxRefusal {
        MaxRefusal(status: 400, code: code, message: message)
    }

    var body: Data { (try? MaxWire.encoder().encode(MaxErrorBody(code: code, message: message))) ?? Data() }
}

/// A person the sandbox plays, with their dialog with the bot.
struct PersonRecord: Sendable {
    var user: User
    /// MAX gives a dialog its own chat id, unlike the person's user id.
    var dialogId: Int64
    /// They have written to or started the bot, so the bot may write to them.
    var started: Bool
    var stopped = false
    var locale: String?
}

/// A message in a dialog, from a person or the bot.
struct StoredMessage: Sendable {
    var message: Message
    var sentByBot: Bool
    var personId: Int64
    var history: [Message] = []
    var format: TextFormat?
    var source: String?
    var strippedTags: [String] = []
    var uploads: [UploadedMedia] = []

    var asSent: SentMaxMessage {
        SentMaxMessage(message: message, history: history, format: format, source: source, strippedTags: strippedTags,
                       uploads: uploads)
    }
}

/// A file the bot uploaded, as the person receives it.
public struct UploadedMedia: Sendable, Hashable {
    public var type: UploadType
    public var filename: String
    public var data: Data
    public var token: String
}

/// A message the bot sent, as the person sees it now, with its earlier versions.
public struct SentMaxMessage: Sendable, Hashable {
    /// The current version: visible text (HTML applied), markup, attachments.
    public var message: Message
    /// Earlier versions, oldest first; empty if never edited.
    public var history: [Message]
    /// The format of the last send or edit, as the bot gave it.
    public var format: TextFormat?
    /// The text exactly as the bot sent it (tags included).
    public var source: String?
    /// HTML tags outside MAX's set, which MAX strips: each one is text the bot meant to format and did not.
    public var strippedTags: [String]
    /// The uploaded files attached, with their bytes.
    public var uploads: [UploadedMedia]

    public var mid: String { message.body?.mid ?? "" }
    public var text: String? { message.body?.text }
    public var isEdited: Bool { !history.isEmpty }
    /// Keyboard rows, top to bottom (empty without a keyboard).
    public var buttons: [[KeyboardButton]] { message.body?.keyboard?.buttons ?? [] }
    public var buttonTexts: [String] { buttons.flatMap { $0.map(\.text) } }
    /// Attachments other than the keyboard.
    public var media: [Attachment] {
        (message.body?.attachments ?? []).filter { if case .inlineKeyboard = $0 { return false } else { return true } }
    }
}

/// A `POST /answers` the bot made.
public struct RecordedCallbackAnswer: Sendable, Hashable {
    public var callbackId: String
    /// The payload of the button that was pressed.
    public var payload: String?
    public var notification: String?
    public var message: NewMessageBody?
}

/// One request the bot made and how the sandbox answered.
public struct MaxRecordedRequest: Sendable, Hashable {
    public var verb: String
    /// Path and query as sent.
    public var target: String
    public var status: Int
    /// The error code, for refusals.
    public var code: String?
    public var isSuccess: Bool { status == 200 }
}

/// One attempt to post an update to a webhook.
public struct WebhookDelivery: Sendable, Hashable {
    public var url: String
    public var updateType: String
    /// The HTTP status the bot answered; 0 when it could not be reached.
    public var status: Int
    /// The `X-Max-Bot-Api-Secret` sent.
    public var secret: String?
    /// 1 for the first attempt.
    public var attempt: Int
}

/// A read-only look at the sandbox for `waitUntil` conditions.
public struct MaxSandboxView: Sendable {
    let sent: [Int64: [SentMaxMessage]]
    public let callbackAnswers: [RecordedCallbackAnswer]
    public let requests: [MaxRecordedRequest]
    /// Events waiting for a poll that commits them.
    public let pendingUpdateCount: Int
    public let isLongPollPending: Bool
    public let webhookDeliveries: [WebhookDelivery]

    /// The bot's messages to a person, oldest first.
    public func sentMessages(to personId: Int64) -> [SentMaxMessage] { sent[personId] ?? [] }
}

/// A condition a test waits for, and how to wake it.
struct Waiter {
    var what: String
    var condition: @Sendable (MaxSandboxView) -> Bool
    var continuation: CheckedContinuation<Void, any Error>
}
