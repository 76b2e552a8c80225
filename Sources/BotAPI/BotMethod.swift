import Foundation
import Messaging

/// A Bot API method: its parameters are the struct's encoded fields, `Response` is its result.
public protocol BotMethod: Encodable, Sendable {
    associatedtype Response: Decodable & Sendable
    /// The method name in the URL, e.g. "sendMessage".
    static var name: String { get }
    /// Files to upload; a method with uploads is sent as multipart/form-data, otherwise as JSON.
    var uploads: [FileUpload] { get }
    /// How long the whole HTTP exchange may take; nil = the client's default. Long polls need more.
    var requestTimeout: Duration? { get }
}

extension BotMethod {
    public var uploads: [FileUpload] { [] }
    public var requestTimeout: Duration? { nil }
}

/// Telegram answers `true` for some methods; `editMessage*` answer the edited message or `true`.
public enum MessageOrTrue: Decodable, Hashable, Sendable {
    case message(Message)
    case success

    public init(from decoder: any Decoder) throws {
        if let m = try? Message(from: decoder) { self = .message(m) }
        else if try decoder.singleValueContainer().decode(Bool.self) { self = .success }
        else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "false")) }
    }
}

/// The `scope` of setMyCommands: everyone's private chats, or one chat (a person with a given role).
public enum BotCommandScope: Codable, Hashable, Sendable {
    case `default`
    case allPrivateChats
    case chat(Int64)

    private enum CodingKeys: String, CodingKey { case type, chatId }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "all_private_chats": self = .allPrivateChats
        case "chat": self = .chat(try c.decode(Int64.self, forKey: .chatId))
        default: self = .default
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .default: try c.encode("default", forKey: .type)
        case .allPrivateChats: try c.encode("all_private_chats", forKey: .type)
        case let .chat(id): try c.encode("chat", forKey: .type); try c.encode(id, forKey: .chatId)
        }
    }
}
