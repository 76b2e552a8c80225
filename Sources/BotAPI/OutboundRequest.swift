
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

    /// Performs the call; returns the ids of the messages it created or edited.
    public func perform(on client: any BotAPIClient) async throws(BotAPIError) -> [Int64] {
        switch self {
        case let .message(m): return [try await client.call(m).messageId]
        case let .editText(m): return try await Self.edited(client, m, m.messageId)
        case let .editMarkup(m): return try await Self.edited(client, m, m.messageId)
        case let .answerCallback(m): _ = try await client.call(m); return []
        case let .photo(m): return [try await client.call(m).messageId]
        case let .video(m): return [try await client.call(m).messageId]
        case let .document(m): return [try await client.call(m).messageId]
        case let .mediaGroup(m): return try await client.call(m).map(\.messageId)
        case let .copy(m): return [try await client.call(m).messageId]
        }
    }

    /// An edit that changes nothing succeeded as far as the user can tell.
    private static func edited<M: BotMethod>(_ client: any BotAPIClient, _ method: M, _ id: Int64)
        async throws(BotAPIError) -> [Int64] where M.Response == MessageOrTrue {
        do {
            _ = try await client.call(method)
        } catch where error.isNotModified {
            // Nothing to do: the message already shows this.
        }
        return [id]
    }
}

