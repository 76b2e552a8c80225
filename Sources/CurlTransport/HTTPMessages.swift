import Foundation

/// One HTTP request as the transport sends it: the body goes out byte for byte.
public struct HTTPRequest: Sendable {
    /// "GET", "POST", "HEAD", or another method token.
    public var method: String
    /// Absolute http:// or https:// URL; it may hold a secret (the bot token), which is redacted from errors.
    public var url: String
    /// Header fields in order; set Content-Type here when there is a body.
    public var headers: [(name: String, value: String)]
    /// Bytes to send (may contain NUL bytes); nil sends no body.
    public var body: Data?
    /// Total time allowed for the whole transfer; nil uses `CurlOptions.defaultTimeout`.
    public var timeout: Duration?

    /// Creates a request; send a body with "POST".
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: Data? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A complete HTTP response; any status, including 4xx and 5xx, arrives here rather than as an error.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields of the final response, names lower-cased, repeated fields joined with ", ".
    public var headers: [String: String]
    /// The response body, decoded if the server compressed it.
    public var body: Data
    /// How the transfer went (connection reuse, worker thread, duration).
    public var metrics: TransferMetrics

    /// Creates a response, e.g. for a fake client in tests.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), metrics: TransferMetrics = .none) {
        self.status = status
        self.headers = headers
        self.body = body
        self.metrics = metrics
    }
}

/// Facts about one transfer, for logs and tests.
public struct TransferMetrics: Sendable, Equatable {
    /// Connections opened for this transfer; 0 means an idle kept-alive connection was reused.
    public var newConnections: Int
    /// Name of the thread the transfer ran on.
    public var thread: String
    /// Time from start to the last byte, as libcurl measured it.
    public var totalTime: Duration

    /// Creates metrics.
    public init(newConnections: Int, thread: String, totalTime: Duration) {
        self.newConnections = newConnections
        self.thread = thread
        self.totalTime = totalTime
    }

    /// Metrics of a response that did not come from a transfer.
    public static let none = TransferMetrics(newConnections: 0, thread: "", totalTime: .zero)
}
