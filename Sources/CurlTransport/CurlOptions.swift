/// Settings shared by every request of one `CurlHTTPClient`.
public struct CurlOptions: Sendable {
    /// Time allowed to establish a connection (TCP, proxy and TLS handshakes).
    public var connectTimeout: Duration
    /// Total time allowed for a request that sets no timeout of its own.
    public var defaultTimeout: Duration
    /// Proxy URL as curl understands it: http://, https://, socks5://, socks5h:// (DNS via the proxy),
    /// with optional user:password@. nil means no proxy, whatever the environment's *_proxy variables say.
    public var proxy: String?
    /// PEM file of CA certificates to trust instead of the system bundle.
    public var caBundlePath: String?
    /// The User-Agent header sent with every request.
    public var userAgent: String
    /// Strings (the bot token) to redact from every error text; the proxy password is added automatically.
    public var secrets: [String]

    /// Creates options; the defaults suit the Telegram Bot API.
    public init(
        connectTimeout: Duration = .seconds(10),
        defaultTimeout: Duration = .seconds(60),
        proxy: String? = nil,
        caBundlePath: String? = nil,
        userAgent: String = "Otklik",
        secrets: [String] = []
    ) {
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
        self.proxy = proxy
        self.caBundlePath = caBundlePath
        self.userAgent = userAgent
        self.secrets = secrets
    }

    /// The redactor for these options: the secrets plus the proxy's password.
    public var redactor: Redactor {
        Redactor(secrets: secrets + (proxy.map(Redactor.passwords(inURL:)) ?? []))
    }
}
