import BotAPI
import Foundation
import Sandbox

/// Plays the bot over real loopback HTTP: one keep-alive connection, JSON bodies unless told otherwise.
/// Not for concurrent calls: use one TestBot per concurrent caller.
final class TestBot: @unchecked Sendable {
    let sandbox: Sandbox
    let port: Int
    private var connection: RawHTTPConnection?
    /// How many TCP connections this client opened (keep-alive keeps it at 1).
    private(set) var connectionsOpened = 0

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }
        var ok: Bool { json?["ok"]?.boolValue == true }
        var description: String? { json?["description"]?.stringValue }
        var result: JSONValue? { json?["result"] }
        var retryAfter: Int64? { json?["parameters"]?["retry_after"]?.int64Value }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let data = try BotWire.makeEncoder().encode(result ?? .null)
            return try BotWire.makeDecoder().decode(T.self, from: data)
        }
    }

    init(sandbox: Sandbox, port: Int) {
        self.sandbox = sandbox
        self.port = port
    }

    /// A started sandbox (flood limits off unless given) and a client for it.
    static func start(_ config: SandboxConfig = SandboxConfig(floodLimits: .off)) async throws -> (Sandbox, TestBot) {
        let sandbox = Sandbox(config: config)
        let url = try await sandbox.start()
        return (sandbox, TestBot(sandbox: sandbox, port: url.port!))
    }

    /// Another client on the same sandbox (its own connection).
    func sibling() -> TestBot { TestBot(sandbox: sandbox, port: port) }

    /// Calls a method with a JSON body.
    func call(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> Reply {
        let body = try BotWire.makeEncoder().encode(JSONValue.object(params))
        return try await post(path: "/bot\(sandbox.token)/\(method)", contentType: "application/json", body: body)
    }

    /// Calls a typed BotAPI method encoded exactly as the real client encodes it (JSON or multipart).
    func call<M: BotMethod>(_ method: M) async throws -> Reply {
        let body = try BotWire.body(for: method)
        return try await post(path: "/bot\(sandbox.token)/\(M.name)", contentType: body.contentType, body: body.data)
    }

    func post(path: String, contentType: String?, body: Data) async throws -> Reply {
        let request = HTTPRequestBytes.make(path: path, contentType: contentType, body: body)
        guard let reply = try await send(request) else { throw RawHTTPConnection.Failure(description: "dropped") }
        return reply
    }

    func get(path: String) async throws -> Reply {
        guard let reply = try await send(HTTPRequestBytes.make(method: "GET", path: path)) else {
            throw RawHTTPConnection.Failure(description: "dropped")
        }
        return reply
    }

    /// Sends raw request bytes; nil when the server closed the connection without answering.
    func send(_ request: Data) async throws -> Reply? {
        if connection == nil {
            connection = try RawHTTPConnection(port: port)
            connectionsOpened += 1
        }
        guard let response = try await connection!.roundTrip(request) else {
            connection = nil
            return nil
        }
        if response.headers["connection"]?.lowercased() == "close" { connection = nil }
        return Reply(status: response.status, body: response.body)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
}

extension JSONValue {
    static func id(_ value: Int64) -> JSONValue { .number(Double(value)) }
}

/// A keyboard as JSON, rows of (text, callback data).
func keyboard(_ rows: [[(String, String)]]) -> JSONValue {
    .object(["inline_keyboard": .array(rows.map { row in
        .array(row.map { .object(["text": .string($0.0), "callback_data": .string($0.1)]) })
    })])
}

/// A flood clock a test moves by hand.
final class ManualSeconds: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double = 1000
    var now: Double { lock.withLock { value } }
    func advance(_ seconds: Double) { lock.withLock { value += seconds } }
}

let alice: Int64 = 100_001
let bob: Int64 = 200_002
