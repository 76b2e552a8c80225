import BotAPI
import Foundation
@testable import Engine

/// A scripted Bot API: records every call (Penny-style) and answers from a script of outcomes per
/// method; with no script entry it answers success.
actor FakeBotAPI {
    struct Call: Sendable {
        var method: String
        var chatId: Int64?
        var text: String?
        /// When the call arrived, by the fake's clock.
        var at: Date
    }

    let clock: any BotClock
    init(clock: any BotClock = SystemClock()) { self.clock = clock }

    private(set) var calls: [Call] = []
    private var script: [String: [BotAPIError?]] = [:]
    private var updates: [Update] = []
    private var nextMessageId: Int64 = 1

    func fail(_ method: String, with errors: [BotAPIError?]) { script[method, default: []] += errors }
    func push(_ batch: [Update]) { updates += batch }
    func calls(_ method: String) -> [Call] { calls.filter { $0.method == method } }

    func answer<M: BotMethod>(_ method: M) throws(BotAPIError) -> M.Response {
        let json = (try? BotWire.makeEncoder().encode(method))
            .flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
        calls.append(Call(method: M.name, chatId: json?["chat_id"]?.int64Value, text: json?["text"]?.stringValue,
                          at: clock.now()))
        if var queue = script[M.name], !queue.isEmpty {
            let outcome = queue.removeFirst()
            script[M.name] = queue
            if let outcome { throw outcome }
        }
        let result: Any
        switch (method as? any NarrowedMethod)?.fullMethod ?? method {
        case let m as GetUpdates:
            let offset = m.offset ?? Int64.min
            updates.removeAll { $0.updateId < offset }
            let batch = Array(updates.prefix(m.limit ?? 100))
            result = try! BotWire.makeDecoder().decode(UpdateBatch.self, from: BotWire.makeEncoder().encode(batch))
        case is DeleteWebhook, is AnswerCallbackQuery: result = true
        case let m as SendMessage:
            nextMessageId += 1
            result = Message(messageId: nextMessageId, date: 0, chat: Chat(id: m.chatId, type: "private"), text: m.text)
        case let m as EditMessageText:
            result = MessageOrTrue.message(Message(messageId: m.messageId, date: 0, chat: Chat(id: m.chatId, type: "private")))
        default: fatalError("FakeBotAPI does not script \(M.name)")
        }
        if method is any NarrowedMethod {
            // Read as the client reads Telegram's JSON: only the part the narrowed call asks for.
            let answer: any Encodable = (result as? any Encodable) ?? true
            let json = try! BotWire.makeEncoder().encode(answer)
            return try! BotWire.makeDecoder().decode(M.Response.self, from: json)
        }
        return result as! M.Response
    }
}

struct FakeClient: BotAPIClient {
    let api: FakeBotAPI
    func call<M: BotMethod>(_ method: M) async throws(BotAPIError) -> M.Response {
        if M.self == GetUpdates.self { try? await Task.sleep(for: .milliseconds(2)) }
        return try await api.answer(method)
    }
}

func textUpdate(_ id: Int64, chat: Int64 = 7, text: String = "hi") -> Update {
    Update(updateId: id, kind: .message(Message(messageId: id, from: User(id: chat, firstName: "U"), date: 0,
                                                 chat: Chat(id: chat, type: "private"), text: text)))
}
