/// Why a messenger did not take a request, in the terms the sender acts on.
public struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// It may go through later: a limit (429), the messenger's own trouble (5xx), the network, a
        /// garbled answer, an upload the messenger is still processing.
        case transient
        /// The person stopped or blocked the bot: nothing reaches them until they come back.
        case recipientGone
        /// Refused for good: repeating the same request cannot help (a malformed request, an edit too late).
        case refused
    }

    public var kind: Kind
    /// The messenger's status for it, when it answered (Telegram's `error_code`, MAX's HTTP status).
    public var code: Int?
    /// Seconds the messenger asked to wait before the next call.
    public var retryAfter: Int?
    /// What went wrong, without secrets.
    public var description: String

    public init(_ kind: Kind, code: Int? = nil, retryAfter: Int? = nil, description: String) {
        self.kind = kind
        self.code = code
        self.retryAfter = retryAfter
        self.description = description
    }
}

/// Posts the requests the outbox kept to one messenger. Each adapter provides one.
public protocol MessengerClient: Sendable {
    var messenger: Messenger { get }
    /// Posts `request` as it was kept; answers the ids of the messages it created or edited.
    func send(_ request: WireRequest) async throws(DeliveryFailure) -> [Int64]
}
