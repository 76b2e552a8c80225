import Foundation

/// One Bot API call the bot will make: a message to send, an edit, a callback answer.
public enum OutboundRequest: Codable, Sendable, Hashable {
    case message(SendMessage)
    case editText(EditMessageText)
    case editMarkup(EditMessageReplyMarkup)
    case answerCallback(AnswerCallbackQuery)
    case photo(SendPhoto)
    case video(SendVideo)
    case document(SendDocument)
    case mediaGroup(SendMediaGroup)
    case copy(CopyMessage)
    /// A sendMessage whose JSON body is ready as stored (`PreparedMessage`): the sender posts it as it
    /// is. Only ever made from the outbox's rows, never stored itself.
    case prepared(PreparedMessage)

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
        case let .prepared(m): return m.chatId
        }
    }

    /// Whether Telegram counts it against the flood limits (new messages do; edits and answers do not).
    public var isSend: Bool {
        switch self {
        case .editText, .editMarkup, .answerCallback: return false
        default: return true
        }
    }

    /// Performs the call; returns the ids of the messages it created or edited.
    public func perform(on client: any BotAPIClient) async throws(BotAPIError) -> [Int64] {
        // Only the new messages' ids are read from the answers: decoding whole messages (their keyboards
        // too) was a tenth of the sender's time, and the bot keeps nothing else of them.
        switch self {
        case let .message(m): return [try await client.call(IdsOnly(m)).messageId]
        case let .editText(m): return try await Self.edited(client, m, m.messageId)
        case let .editMarkup(m): return try await Self.edited(client, m, m.messageId)
        case let .answerCallback(m): _ = try await client.call(m); return []
        case let .photo(m): return [try await client.call(IdsOnly(m)).messageId]
        case let .video(m): return [try await client.call(IdsOnly(m)).messageId]
        case let .document(m): return [try await client.call(IdsOnly(m)).messageId]
        case let .mediaGroup(m): return try await client.call(IdsOnly<SendMediaGroup, [MessageId]>(m)).map(\.messageId)
        case let .copy(m): return [try await client.call(m).messageId]
        case let .prepared(m): return [try await client.call(m).messageId]
        }
    }

    /// An edit that changes nothing succeeded as far as the user can tell.
    private static func edited<M: BotMethod>(_ client: any BotAPIClient, _ method: M, _ id: Int64)
        async throws(BotAPIError) -> [Int64] where M.Response == MessageOrTrue {
        do {
            _ = try await client.call(IdsOnly<M, AnyResult>(method))
        } catch where error.isNotModified {
            // Nothing to do: the message already shows this.
        }
        return [id]
    }
}

/// A sendMessage as the outbox keeps it: its chat and its parameters' JSON, exactly the body Telegram
/// takes. The sender decoded every row into a `SendMessage` and encoded it again to post it: a fifth of
/// the service's work while delivering a backlog.
public struct PreparedMessage: BotMethod, NarrowedMethod, Codable, Hashable {
    public typealias Response = MessageId
    public static var name: String { SendMessage.name }
    public var chatId: Int64
    public var json: Data

    public init(chatId: Int64, json: Data) {
        self.chatId = chatId
        self.json = json
    }

    /// The stored request's parameters, if it is a plain sendMessage as `OutboundRequest` encodes it
    /// (`{"message":{"_0":{…}}}`); nil for anything else (those are decoded).
    public static func from(storedJSON text: String, chatId: Int64?) -> PreparedMessage? {
        let prefix = #"{"message":{"_0":"#
        guard let chatId, text.hasPrefix(prefix), text.hasSuffix("}}") else { return nil }
        let bytes = Array(text.utf8)
        return PreparedMessage(chatId: chatId, json: Data(bytes[prefix.utf8.count..<(bytes.count - 2)]))
    }

    /// Posted as is (see `BotMethod.readyBody`).
    public var readyBody: Data? { json }

    public func encode(to encoder: any Encoder) throws {
        // As a value it is the message it stands for.
        try fullMessage().encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let message = try SendMessage(from: decoder)
        chatId = message.chatId
        json = try BotWire.makeEncoder().encode(message)
    }

    /// The message decoded (fakes and tests read it).
    public func fullMessage() throws -> SendMessage { try BotWire.makeDecoder().decode(SendMessage.self, from: json) }

    public var fullMethod: any BotMethod { (try? fullMessage()) ?? SendMessage(chatId: chatId, text: "") }
}

/// Any successful result (an edited message or `true`), not read.
public struct AnyResult: Decodable, Sendable {
    public init(from decoder: any Decoder) throws {}
}

/// A call that reads less of Telegram's answer than its method's full response (`IdsOnly`). Fake
/// clients answer `fullMethod` and hand the answer through the wire's JSON, as Telegram's would be read.
public protocol NarrowedMethod {
    var fullMethod: any BotMethod { get }
}

/// The same call, with its answer read as `R` instead of the method's full response.
struct IdsOnly<M: BotMethod, R: Decodable & Sendable>: BotMethod, NarrowedMethod {
    typealias Response = R
    static var name: String { M.name }
    let method: M

    init(_ method: M) where R == MessageId { self.method = method }
    init(_ method: M) { self.method = method }

    func encode(to encoder: any Encoder) throws { try method.encode(to: encoder) }
    var uploads: [FileUpload] { method.uploads }
    var requestTimeout: Duration? { method.requestTimeout }
    var readyBody: Data? { method.readyBody }
    var fullMethod: any BotMethod { method }
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

    /// The request with `attach://name` references replaced by the uploads of those names — how a
    /// request read back from storage gets its files again.
    public func attaching(_ files: [String: FileUpload]) -> OutboundRequest {
        func attach(_ file: InputFile) -> InputFile {
            if case let .existing(reference) = file, reference.hasPrefix("attach://"),
               let upload = files[String(reference.dropFirst(9))] {
                return .upload(upload)
            }
            return file
        }
        switch self {
        case var .photo(m): m.photo = attach(m.photo); return .photo(m)
        case var .video(m): m.video = attach(m.video); return .video(m)
        case var .document(m): m.document = attach(m.document); return .document(m)
        case var .mediaGroup(m):
            m.media = m.media.map { var item = $0; item.media = attach(item.media); return item }
            return .mediaGroup(m)
        default: return self
        }
    }
}
