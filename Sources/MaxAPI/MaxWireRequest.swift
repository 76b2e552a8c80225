import Foundation
import Messaging

/// Who a new message goes to: a person (`?user_id=`) or a chat (`?chat_id=`).
public enum MaxAddress: Sendable, Hashable {
    case user(Int64)
    case chat(Int64)
}

/// A MAX call as the outbox keeps it. The convention (`WireRequest` with `messenger == .max`):
/// `method` is the HTTP verb, one space, and the path with its query (`"POST /messages?user_id=123"`);
/// `parameters` is the JSON body, `{}` when there is none; `files` are uploads, each referred to from an
/// attachment as `{"type":"image","payload":{"token":"attach://<partName>"}}`, which the client replaces
/// by the upload's token before sending.
public enum MaxCall: Sendable, Hashable {
    /// `POST /messages?user_id=` or `?chat_id=`.
    case send(to: MaxAddress, NewMessageBody)
    /// `PUT /messages?message_id=`; `chat` is the chat whose order the edit keeps.
    case edit(mid: String, chat: Int64?, NewMessageBody)
    /// `POST /answers?callback_id=`.
    case answer(callbackId: String, CallbackAnswer)
    /// `PATCH /me` with the command menu.
    case setCommands([BotCommand])

    /// The outbox row this call becomes; keys sorted, so the same call always has the same bytes.
    public func wireRequest(files: [FileUpload] = []) throws(MaxAPIError) -> WireRequest {
        let method: MaxWireRequest
        let body: Data
        let chatId: Int64?
        switch self {
        case let .send(address, message):
            switch address {
            case let .user(id): method = MaxWireRequest(verb: "POST", path: "/messages", query: [("user_id", String(id))])
            case let .chat(id): method = MaxWireRequest(verb: "POST", path: "/messages", query: [("chat_id", String(id))])
            }
            body = try MaxWire.encode(message)
            switch address { case let .user(id), let .chat(id): chatId = id }
        case let .edit(mid, chat, message):
            method = MaxWireRequest(verb: "PUT", path: "/messages", query: [("message_id", mid)])
            body = try MaxWire.encode(message)
            chatId = chat
        case let .answer(callbackId, answer):
            method = MaxWireRequest(verb: "POST", path: "/answers", query: [("callback_id", callbackId)])
            body = try MaxWire.encode(answer)
            chatId = nil
        case let .setCommands(commands):
            method = MaxWireRequest(verb: "PATCH", path: "/me", query: [])
            body = try MaxWire.encode(BotCommandsPatch(commands: commands))
            chatId = nil
        }
        let referenced = Set(try MaxWireRequest.uploadReferences(in: body).keys)
        let given = Set(files.map(\.partName))
        guard referenced == given, given.count == files.count else {
            throw .invalidRequest("uploads \(given.sorted()) do not match the attachments' references \(referenced.sorted())")
        }
        return WireRequest(messenger: .max, method: method.description, parameters: body, files: files, chatId: chatId,
                           countsAgainstLimits: isSend)
    }

    /// New messages count against the per-chat pace; edits, answers and the menu do not (all count
    /// against MAX's 30 requests/s).
    public var isSend: Bool {
        if case .send = self { return true }
        return false
    }
}

/// The `method` of a MAX outbox row, parsed: `"POST /messages?user_id=123"`.
public struct MaxWireRequest: Sendable, Hashable, CustomStringConvertible {
    /// What an attachment's token starts with while it refers to an upload of the same request.
    public static let attachPrefix = "attach://"

    public var verb: String
    public var path: String
    /// Query items in order, not percent-encoded.
    public var query: [(name: String, value: String)]

    public init(verb: String, path: String, query: [(name: String, value: String)]) {
        self.verb = verb; self.path = path; self.query = query
    }

    /// Parses `"VERB /path?a=1&b=2"`; nil when it does not have that shape.
    public init?(parsing method: String) {
        let parts = method.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts[1].hasPrefix("/"), !parts[1].contains(" ") else { return nil }
        verb = String(parts[0])
        let pathAndQuery = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(pathAndQuery[0])
        query = pathAndQuery.count > 1
            ? pathAndQuery[1].split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0]).removingPercentEncoding ?? String(pair[0])
                let value = pair.count > 1 ? (String(pair[1]).removingPercentEncoding ?? String(pair[1])) : ""
                return (name: name, value: value)
            }
            : []
    }

    /// The value of a query item.
    public func value(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Path and percent-encoded query, as it goes after the base URL.
    public var pathWithQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { Self.escape($0.name) + "=" + Self.escape($0.value) }.joined(separator: "&")
    }

    public var description: String { verb + " " + pathWithQuery }

    public static func == (lhs: MaxWireRequest, rhs: MaxWireRequest) -> Bool {
        lhs.description == rhs.description
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Unreserved characters stay; everything else (`+`, `=`, `&`, `/` in a callback id) is escaped.
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Every `attach://<part>` token in a body's attachments, by part name, with the upload type the
    /// attachment asks for.
    public static func uploadReferences(in body: Data) throws(MaxAPIError) -> [String: UploadType] {
        var found: [String: UploadType] = [:]
        var conflict: String?
        func walk(_ value: MaxJSON) {
            switch value {
            case let .object(object):
                if let type = object["type"]?.stringValue.flatMap(UploadType.init(rawValue:)),
                   let token = object["payload"]?["token"]?.stringValue, token.hasPrefix(attachPrefix) {
                    let part = String(token.dropFirst(attachPrefix.count))
                    if let earlier = found[part], earlier != type { conflict = part }
                    found[part] = type
                }
                object.values.forEach(walk)
            case let .array(items): items.forEach(walk)
            default: break
            }
        }
        walk(try MaxWire.decode(MaxJSON.self, from: body))
        if let conflict { throw .invalidRequest("upload part \(conflict) is attached as two different types") }
        return found
    }

    /// The body with each `attach://<part>` token replaced by the upload's token; keys sorted.
    public static func substituting(tokens: [String: String], in body: Data) throws(MaxAPIError) -> Data {
        func replace(_ value: MaxJSON) -> MaxJSON {
            switch value {
            case var .object(object):
                if let token = object["payload"]?["token"]?.stringValue, token.hasPrefix(attachPrefix),
                   let uploaded = tokens[String(token.dropFirst(attachPrefix.count))],
                   case var .object(payload)? = object["payload"] {
                    payload["token"] = .string(uploaded)
                    object["payload"] = .object(payload)
                }
                return .object(object.mapValues(replace))
            case let .array(items): return .array(items.map(replace))
            default: return value
            }
        }
        return try MaxWire.encode(replace(try MaxWire.decode(MaxJSON.self, from: body)))
    }
}
