import FlyingFox
import FlyingSocks
import Foundation
import Store

/// The Prometheus endpoint: `GET /metrics` on a loopback address, its figures read from the store at
/// each scrape, so the service's hot path does nothing for it.
public final class MetricsServer: Sendable {
    private let server: HTTPServer

    /// A server for `host` (an IPv4 or IPv6 address, bound as given) and `port` (0: a free one).
    public init(database: AppDatabase, host: String, port: UInt16,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        let handler = MetricsHandler(database: database, now: now)
        // No access log: a scrape every 15 s would drown the service's own lines.
        if host.contains(":") {
            server = HTTPServer(config: .init(address: try sockaddr_in6.inet6(ip6: host, port: port), logger: .disabled),
                                handler: handler)
        } else {
            server = HTTPServer(config: .init(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled),
                                handler: handler)
        }
    }

    /// Serves until the task is cancelled; throws at once when the address cannot be bound.
    /// `onListening` is called with the port once connections are accepted.
    public func run(onListening: @escaping @Sendable (UInt16) -> Void = { _ in }) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask { onListening(try await self.listeningPort()) }
            // `next()` throws the first failure (waitForAll would first wait out the other task);
            // leaving the group then cancels the wait for listening.
            while try await group.next() != nil {}
        }
    }

    /// The port it listens on, once it does (useful when started on port 0).
    public func listeningPort(timeout: TimeInterval = 10) async throws -> UInt16 {
        try await server.waitUntilListening(timeout: timeout)
        switch await server.listeningAddress {
        case let .ip4(_, port)?, let .ip6(_, port)?: return port
        default: throw MetricsServerError.notListening
        }
    }
}

/// The server did not come to listen on an IP address.
public enum MetricsServerError: Error {
    case notListening
}

/// Answers `GET /metrics`; any other path is 404, any other method 405.
struct MetricsHandler: HTTPHandler {
    let database: AppDatabase
    let now: @Sendable () -> Date

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.path == "/metrics" else { return Self.text(.notFound, "not found; try /metrics\n") }
        guard request.method == .GET else {
            var response = Self.text(.methodNotAllowed, "only GET\n")
            response.headers[HTTPHeader("Allow")] = "GET"
            return response
        }
        let status: StoreStatus
        do {
            let instant = now()
            status = try await database.read { db in try db.status(now: instant) }
        } catch {
            // Prometheus marks the target down on a 5xx: the same alert as a stopped service.
            return Self.text(.internalServerError, "cannot read the store: \(error)\n")
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: Exposition.contentType],
                            body: Data(Exposition.render(status).utf8))
    }

    static func text(_ code: HTTPStatusCode, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(body.utf8))
    }
}
