import BotAPI
import Foundation
import Engine
import Messaging

/// A scripted Bot API: records every call (Penny-style) and answers from a script of outcomes per
/// method; with no script entry it answers success. Sent requests are answered with the JSON Telegram
/// would send and read back by `BotWire.sentMessageIds`, as the real client reads them.
public actor FakeBotAPI {
    public struct Call: Sendable {
        public var method: String
        public var chatId: Int64?
        public var text: String?
        /// When the call arrived, by the fake's clock.
        public var at: Date
    }

    public private(set) var calls: [Call] = []
    private var script: [String: [BotAPIError?]] = [:]
    private var updates: [Update] = []
    private var nextMessageId: Int64 = 1

    public nonisolated let clock: any BotClock
    public init(clock: any BotClock = SystemClock()) { self.clock = clock }

    public func fail(_ method: String, with errors: [BotAPIError?]) { script[method, default: []] += errors }
    public func push(_ batch: [Update]) { updates += batch }
    public func calls(_ method: String) -> [Call] { calls.filter { $0.method == method } }

    /// The next scripted outcome of `method`, after recording the call.
    private func record(_ method: String, _ parameters: JSONValue?) throws(BotAPIError) {
        calls.append(Call(method: method, chatId: parameters?["chat_id"]?.int64Value, text: parameters?["text"]?.stringValue,
                          at: clock.now()))
        if var queue = script[method], !queue.isEmpty {
            let outcome = queue.removeFirst()
            script[method] = queue
            if let outcome { throw outcome }
        }
    }

    /// The poller's calls.
    public func answer<M: BotMethod>(_ method: M) throws(BotAPIError) -> M.Response {
        let json = (try? BotWire.makeEncoder().encode(method)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
        try record(M.name, json)
        switch method {
        case let m as GetUpdates:
            let offset = m.offset ?? Int64.min
            updates.removeAll { $0.updateId < offset }
            let batch = Array(updates.prefix(m.limit ?? 100))
            return try! BotWire.makeDecoder().decode(M.Response.self, from: BotWire.makeEncoder().encode(batch))
        case is DeleteWebhook: return true as! M.Response
        default: fatalError("FakeBotAPI does not script \(M.name)")
        }
    }

    /// The sender's calls: Telegram's answer as (HTTP status, JSON body).
    public func respond(to request: WireRequest) throws(BotAPIError) -> (status: Int, body: Data) {
        let parameters = try? JSONDecoder().decode(JSONValue.self, from: request.parameters)
        do throws(BotAPIError) {
            try record(request.method, parameters)
        } catch {
            guard case let .api(code, description, retry) = error else { throw error }
            var envelope: [String: JSONValue] = ["ok": .bool(false), "error_code": .number(Double(code)), "description": .string(description)]
            if let after = retry?.retryAfter { envelope["parameters"] = .object(["retry_after": .number(Double(after))]) }
            return (code, try! JSONEncoder().encode(JSONValue.object(envelope)))
        }
        let result: JSONValue
        if request.method.hasPrefix("send") || request.method == "copyMessage" {
            nextMessageId += 1
            result = .object(["message_id": .number(Double(nextMessageId)), "date": .number(0),
                              "chat": .object(["id": parameters?["chat_id"] ?? .number(0), "type": .string("private")])])
        } else {
            result = .bool(true)
        }
        return (200, try! JSONEncoder().encode(JSONValue.object(["ok": .bool(true), "result": result])))
    }
}

public struct FakeClient: BotAPIClient {
    public let api: FakeBotAPI
    public init(api: FakeBotAPI) { self.api = api }
    public func call<M: BotMethod>(_ method: M) async throws(BotAPIError) -> M.Response {
        if M.self == GetUpdates.self { try? await Task.sleep(for: .milliseconds(2)) }
        return try await api.answer(method)
    }

    public func send(_ request: WireRequest) async throws(BotAPIError) -> [Int64] {
        let (status, body) = try await api.respond(to: request)
        return try BotWire.sentMessageIds(for: request, status: status, body: body)
    }

    public func download(filePath: String) async throws(BotAPIError) -> Data {
        throw .api(code: 404, description: "Not Found", parameters: nil)
    }
}

public func textUpdate(_ id: Int64, chat: Int64 = 7, text: String = "hi") -> Update {
    Update(updateId: id, kind: .message(Message(messageId: id, from: User(id: chat, firstName: "U"), date: 0,
                                                 chat: Chat(id: chat, type: "private"), text: text)))
}
