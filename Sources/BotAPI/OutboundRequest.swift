import Foundation
import Messaging

/// One Bot API call the bot will make: a message to send, an edit, a callback answer. The outbox
/// keeps it as the `WireRequest` it becomes (method, parameters, files), which the sender posts as is.
public enum OutboundRequest: Sendable, Hashable {
    case message(SendMessage)
    case editText(EditMessageText)
    case editMarkup(EditMessageReplyMarkup)
    case answerCallback(AnswerCallbackQuery)
    case photo(SendPhoto)
    case video(SendVideo)
    case document(SendDocument)
    case mediaGroup(SendMediaGroup)
    case copy(CopyMessage)

    /// The chat whose order this request keeps; callback answers have none and never wait behind sends.
    public var chatId: Int64? {
        switch self {
        case let .message(m): return m.chatId
        case let .editText(m): return m.chatId
        case let .editMarkup(m): return m.chatId
        case .answerCallback: return nil
        case let .photo(m): return m.chatId
        case let .video(m): return m.chatId
        case let .document(m): return m.chatId
        case let .mediaGroup(m): return m.chatId
        case let .copy(m): return m.chatId
        }
    }

    /// Whether Telegram counts it against the flood limits (new messages do; edits and answers do not).
    public var isSend: Bool {
        switch self {
        case .editText, .editMarkup, .answerCallback: return false
        default: return true
        }
    }

    /// The request as it goes on the wire: the method's name, its parameters as Telegram takes them, the
    /// files it uploads (referred to from the parameters as `attach://name`).
    public func wireRequest() throws(BotAPIError) -> WireRequest {
        func wire<M: BotMethod>(_ method: M) throws(BotAPIError) -> WireRequest {
            let parameters: Data
            do { parameters = try BotWire.makeEncoder().encode(method) } catch { throw .encoding("\(error)") }
            return WireRequest(messenger: .telegram, method: M.name, parameters: parameters, files: method.uploads, chatId: chatId,
                               countsAgainstLimits: isSend)
        }
        switch self {
        case let .message(m): return try wire(m)
        case let .editText(m): return try wire(m)
        case let .editMarkup(m): return try wire(m)
        case let .answerCallback(m): return try wire(m)
        case let .photo(m): return try wire(m)
        case let .video(m): return try wire(m)
        case let .document(m): return try wire(m)
        case let .mediaGroup(m): return try wire(m)
        case let .copy(m): return try wire(m)
        }
    }
}

extension OutboundRequest {
    /// The files this request uploads (bytes, not file ids).
    public var uploads: [FileUpload] {
        switch self {
        case let .photo(m): return m.uploads
        case let .video(m): return m.uploads
        case let .document(m): return m.uploads
        case let .mediaGroup(m): return m.uploads
        default: return []
        }
    }
}
