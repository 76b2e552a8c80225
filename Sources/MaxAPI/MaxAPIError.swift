import Foundation

/// MAX's error body [S33 `Error`]: `code` is a key such as `verify.token`, `chat.denied`,
/// `attachment.not.ready`; `message` is for people.
public struct MaxErrorBody: Codable, Hashable, Sendable {
    public var code: String
    public var message: String
    public var error: String?

    public init(code: String, message: String, error: String? = nil) { self.code = code; self.message = message; self.error = error }

    public static let attachmentNotReadyCode = "attachment.not.ready"
}

/// Why a MAX call failed, decided by the HTTP status first and the body's `code` second. Texts have
/// passed the client's redactor: they never hold the token.
public enum MaxAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 401: the token is wrong or missing (`verify.token`). Final: fix the configuration.
    case unauthorized(message: String)
    /// 403: the person stopped the bot, or the bot may not write to or forward from the chat. Final.
    case forbidden(code: String, message: String)
    /// 404: no such message, callback or method. Final.
    case notFound(code: String, message: String)
    /// 405: not allowed now, e.g. polling while a webhook subscription exists. Final until reconfigured.
    case notAllowed(code: String, message: String)
    /// 400 (and other 4xx): MAX refused the request as given (too long, bad payload). Final.
    case badRequest(code: String, message: String)
    /// 429: over MAX's 30 requests/s or 2 polls/s. Transient: wait and retry.
    case tooManyRequests(message: String)
    /// 400 `attachment.not.ready`: an upload is still being processed. Transient: retry with a growing wait.
    case attachmentNotReady
    /// 5xx. Transient.
    case server(status: Int)
    /// No HTTP answer: connect, TLS, timeout. Transient (a TLS failure rarely heals, but the sender waits anyway).
    case network(String)
    /// The caller's task was cancelled or the client shut down. Final for this attempt.
    case cancelled
    /// An answer that is not what MAX sends (an HTML page with 200, broken JSON). Transient, like a garbled answer.
    case decoding(String)
    /// The request cannot be sent as given (a malformed outbox method, a missing upload part). Final: a bug.
    case invalidRequest(String)

    /// True when the same request may succeed later; false when repeating it cannot help.
    public var isTransient: Bool {
        switch self {
        case .tooManyRequests, .attachmentNotReady, .server, .network, .decoding: return true
        case .unauthorized, .forbidden, .notFound, .notAllowed, .badRequest, .cancelled, .invalidRequest: return false
        }
    }

    /// The person stopped the bot (or never started it): they are unreachable until they start it again.
    public var isChatDenied: Bool {
        if case .forbidden = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .unauthorized(message): return "MAX 401 unauthorized: \(message)"
        case let .forbidden(code, message): return "MAX 403 \(code): \(message)"
        case let .notFound(code, message): return "MAX 404 \(code): \(message)"
        case let .notAllowed(code, message): return "MAX 405 \(code): \(message)"
        case let .badRequest(code, message): return "MAX 400 \(code): \(message)"
        case let .tooManyRequests(message): return "MAX 429 too many requests: \(message)"
        case .attachmentNotReady: return "MAX 400 attachment.not.ready: the upload is still being processed"
        case let .server(status): return "MAX server error (HTTP \(status))"
        case let .network(detail): return "network error: \(detail)"
        case .cancelled: return "cancelled"
        case let .decoding(detail): return "unexpected answer from MAX: \(detail)"
        case let .invalidRequest(detail): return "invalid MAX request: \(detail)"
        }
    }

    /// The error an HTTP answer means, or nil for a 2xx. `redact` masks secrets in texts from the body.
    public static func from(status: Int, body: Data, redact: (String) -> String = { $0 }) -> MaxAPIError? {
        guard !(200..<300).contains(status) else { return nil }
        let envelope = try? MaxWire.decoder().decode(MaxErrorBody.self, from: body)
        let code = envelope?.code ?? ""
        let message = redact(envelope?.message ?? describeNonJSON(body))
        switch status {
        case 401: return .unauthorized(message: message)
        case 403: return .forbidden(code: code, message: message)
        case 404: return .notFound(code: code, message: message)
        case 405: return .notAllowed(code: code, message: message)
        case 429: return .tooManyRequests(message: message)
        case 500...: return .server(status: status)
        default:
            if code == MaxErrorBody.attachmentNotReadyCode { return .attachmentNotReady }
            if envelope == nil, status != 400 { return .decoding("HTTP \(status): \(message)") }
            return .badRequest(code: code, message: message)
        }
    }

    /// "not JSON: <first bytes>" for an answer a proxy wrote, without control characters.
    static func describeNonJSON(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        return text.isEmpty ? "empty body" : "not JSON: \(text)"
    }
}
