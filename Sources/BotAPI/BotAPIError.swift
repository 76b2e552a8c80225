import Foundation

/// Why a Bot API call failed. Descriptions never contain the token: the transport redacts it.
public enum BotAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Telegram answered `ok: false`.
    case api(code: Int, description: String, parameters: ResponseParameters?)
    /// No HTTP answer at all: refused, reset, timed out, DNS, TLS or proxy failure.
    case network(String)
    /// An HTTP answer that is not a Bot API envelope: an HTML error page, malformed JSON.
    case malformedResponse(status: Int, detail: String)
    /// The request could not be encoded (a bug, not a network condition).
    case encoding(String)
    /// The caller's task was cancelled or the client is shutting down.
    case cancelled

    public var description: String {
        switch self {
        case let .api(code, description, parameters):
            var text = "Bot API error \(code): \(description)"
            if let s = parameters?.retryAfter { text += " (retry after \(s) s)" }
            if let id = parameters?.migrateToChatId { text += " (chat migrated to \(id))" }
            return text
        case let .network(detail): return "network error: \(detail)"
        case let .malformedResponse(status, detail): return "unexpected answer (HTTP \(status)): \(detail)"
        case let .encoding(detail): return "cannot encode the request: \(detail)"
        case .cancelled: return "cancelled"
        }
    }

    /// The API's error code, when Telegram answered.
    public var code: Int? {
        if case let .api(code, _, _) = self { return code }
        return nil
    }

    /// Seconds to wait before the next call, for a 429 answer.
    public var retryAfter: Int? {
        if case let .api(429, _, parameters) = self { return parameters?.retryAfter ?? 1 }
        return nil
    }

    /// True when the same call may succeed later: network trouble, 5xx, 429, a garbled answer.
    /// 400/401/403/404/409 are final: repeating the call cannot help.
    public var isTransient: Bool {
        switch self {
        case .network, .malformedResponse: return true
        case let .api(code, _, _): return code == 429 || code >= 500
        case .encoding, .cancelled: return false
        }
    }

    /// "message is not modified": an edit that changes nothing, which callers treat as success.
    public var isNotModified: Bool {
        if case let .api(400, description, _) = self { return description.contains("message is not modified") }
        return false
    }
}
