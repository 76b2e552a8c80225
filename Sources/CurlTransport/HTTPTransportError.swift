/// Why a request got no HTTP response. Every text in it has passed through the client's `Redactor`.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server (or its name) could not be reached.
    case connectFailed(String)
    /// The connect timeout or the request's total timeout ran out.
    case timedOut(String)
    /// TLS handshake or certificate verification failed.
    case tls(String)
    /// The configured proxy could not be reached or refused the tunnel.
    case proxy(String)
    /// Any other libcurl failure, with its CURLcode.
    case network(code: Int, message: String)
    /// The request cannot be sent as given (bad method or header).
    case invalidRequest(String)
    /// The calling task was cancelled; an in-flight transfer was aborted.
    case cancelled
    /// The client was shut down before the request completed.
    case shutDown

    /// True for failures that may go away on retry (network trouble), false for configuration or caller errors.
    public var isTransient: Bool {
        switch self {
        case .connectFailed, .timedOut, .proxy, .network: true
        case .tls, .invalidRequest, .cancelled, .shutDown: false
        }
    }

    public var description: String {
        switch self {
        case .connectFailed(let text): "connection failed: \(text)"
        case .timedOut(let text): "timed out: \(text)"
        case .tls(let text): "TLS failure: \(text)"
        case .proxy(let text): "proxy failure: \(text)"
        case .network(let code, let text): "network error (curl \(code)): \(text)"
        case .invalidRequest(let text): "invalid request: \(text)"
        case .cancelled: "request cancelled"
        case .shutDown: "HTTP client shut down"
        }
    }
}
