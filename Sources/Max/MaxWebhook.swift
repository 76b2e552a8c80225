import Engine
import FlyingFox
import FlyingSocks
import Foundation
import Logging
import MaxAPI
import Messaging
import Store

/// MAX's webhook: the service listens on a local address behind the city's HTTPS reverse proxy, MAX
/// POSTs each update there with the subscription's secret in `X-Max-Bot-Api-Secret`, and the answer is
/// 200 only once the update is handled and committed (MAX retries anything else, for up to 8 hours),
/// well within MAX's 30 s. At start it makes sure MAX's subscription points at `publicURL`.
public struct MaxWebhook: Sendable {
    public struct Configuration: Sendable {
        /// Where to listen: an IPv4 or IPv6 address and a port ("127.0.0.1", 8443).
        public var host: String
        public var port: UInt16
        /// The HTTPS address MAX posts to (the proxy's); its path is the path served here.
        public var publicURL: String
        public var secret: String

        public init(host: String, port: UInt16, publicURL: String, secret: String) {
            self.host = host; self.port = port; self.publicURL = publicURL; self.secret = secret
        }

        var path: String {
            let path = URL(string: publicURL)?.path ?? "/"
            return path.isEmpty ? "/" : path
        }
    }

    let client: any MaxAPIClient
    let sink: any UpdateSink
    let configuration: Configuration
    let clock: any BotClock
    let logger: Logger

    public init(client: any MaxAPIClient, sink: any UpdateSink, configuration: Configuration,
                clock: any BotClock = MonotonicClock(), logger: Logger = Logger(label: "otklik.max-webhook")) {
        self.client = client
        self.sink = sink
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Subscribes (if MAX does not already post to `publicURL`), then serves until cancelled.
    /// `onListening` gets the port once connections are accepted. Throws `MaxReceiverStop.unauthorized`
    /// for a wrong token, and at once when the address cannot be bound.
    public func run(onListening: @escaping @Sendable (UInt16) -> Void = { _ in }) async throws {
        let handler = MaxWebhookHandler(sink: sink, path: configuration.path, secret: configuration.secret,
                                        logger: logger)
        let address: any SocketAddress = configuration.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: configuration.host, port: configuration.port)
            : try sockaddr_in.inet(ip4: configuration.host, port: configuration.port)
        let server = HTTPServer(config: .init(address: address, logger: .disabled), handler: handler)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening(timeout: 10)
                if case let .ip4(_, port)?? = try? await server.listeningAddress { onListening(port) }
                if case let .ip6(_, port)?? = try? await server.listeningAddress { onListening(port) }
                try await subscribe()
            }
            while try await group.next() != nil {}
        }
    }

    /// Makes MAX post to `publicURL` with the secret; retries what may pass (MAX down, the network).
    func subscribe() async throws {
        let backoff = Backoff()
        var attempt = 0
        while true {
            do throws(MaxAPIError) {
                let current = try await client.subscriptions()
                if current.contains(where: { $0.url == configuration.publicURL }) {
                    logger.info("MAX posts updates to the webhook", metadata: ["url": "\(configuration.publicURL)"])
                } else {
                    try await client.subscribe(url: configuration.publicURL, secret: configuration.secret, types: MaxPoller.types)
                    logger.info("subscribed to MAX's updates", metadata: ["url": "\(configuration.publicURL)"])
                }
                return
            } catch {
                try Task.checkCancellation()
                if case .unauthorized = error { throw MaxReceiverStop.unauthorized }
                let delay = backoff.delay(attempt: attempt)
                attempt += 1
                logger.warning("subscribing to MAX's updates failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                try await clock.sleep(for: delay)
            }
        }
    }
}

/// One update per POST; 200 once it is committed, 401 without the secret, 500 when it could not be handled.
struct MaxWebhookHandler: HTTPHandler {
    let sink: any UpdateSink
    let path: String
    let secret: String
    let logger: Logger

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.path == path else {
            // Most likely the proxy rewrites the path (proxy_pass with a trailing slash): MAX's updates never arrive.
            logger.warning("a webhook call to another path than max.webhook.public_url's was refused; check the proxy's location",
                           metadata: ["path": "\(request.path)", "expected": "\(path)"])
            return HTTPResponse(statusCode: .notFound)
        }
        guard request.method == .POST else { return HTTPResponse(statusCode: .methodNotAllowed) }
        guard let given = request.headers[HTTPHeader("X-Max-Bot-Api-Secret")], Self.same(given, secret) else {
            logger.warning("a webhook call without the right secret was refused")
            return HTTPResponse(statusCode: .unauthorized)
        }
        let body = try await request.bodyData
        guard let update = try? MaxWire.decoder().decode(Update.self, from: body) else {
            // Not an update: MAX would send it again and again; say it is taken.
            logger.warning("a webhook call that is not an update was ignored", metadata: ["bytes": "\(body.count)"])
            return HTTPResponse(statusCode: .ok)
        }
        do {
            let inbound = MaxEvents.inbound(update) { RemoteMessageIds.local($0, of: .max) }
            if !inbound.isEmpty { _ = try await sink.handle(inbound, cursor: nil) }
            return HTTPResponse(statusCode: .ok)
        } catch {
            logger.error("a webhook update could not be handled; MAX will post it again", metadata: ["error": "\(error)"])
            return HTTPResponse(statusCode: .internalServerError)
        }
    }

    /// Compares without stopping at the first difference, so the time taken does not tell how much matched.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<min(x.count, y.count) { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
