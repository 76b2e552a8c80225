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
    /// PEM file of CA certificates to trust beside the system store, for one service only (MAX chains to
    /// the Russian Ministry's CA, which Debian lacks). With OpenSSL, libcurl then reads this file as
    /// CURLOPT_CAINFO and the system store from `systemCADirectory` as CURLOPT_CAPATH. Cannot be combined
    /// with `caBundlePath` (each request fails with `invalidRequest`).
    public var extraCABundlePath: String?
    /// The hashed certificate directory of the system store (`c_rehash` names), read beside `extraCABundlePath`.
    public var systemCADirectory: String
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
        extraCABundlePath: String? = nil,
        systemCADirectory: String = "/etc/ssl/certs",
        userAgent: String = "Otklik",
        secrets: [String] = []
    ) {
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
        self.proxy = proxy
        self.caBundlePath = caBundlePath
        self.extraCABundlePath = extraCABundlePath
        self.systemCADirectory = systemCADirectory
        self.userAgent = userAgent
        self.secrets = secrets
    }

    /// The redactor for these options: the secrets plus the proxy's password.
    public var redactor: Redactor {
        Redactor(secrets: secrets + (proxy.map(Redactor.passwords(inURL:)) ?? []))
    }
}
