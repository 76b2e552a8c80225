import FlyingFox
import FlyingSocks
import Foundation
import Sandbox

/// A FlyingFox server on 127.0.0.1 with the endpoints the transport tests need.
struct LoopbackServer {
    let port: UInt16
    /// Yields once each time a request reaches /stall, so a test knows the transfer is in flight.
    let stallArrivals: AsyncStream<Void>
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    static func start() async throws -> LoopbackServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        let (arrivals, arrived) = AsyncStream<Void>.makeStream()
        await server.appendRoute("GET /hello") { request in
            var headers: HTTPHeaders = [HTTPHeader("X-Reply"): "hi", .contentType: "text/plain"]
            headers.addValue("a", for: HTTPHeader("X-Multi"))
            headers.addValue("b", for: HTTPHeader("X-Multi"))
            headers[HTTPHeader("X-Echo")] = request.headers[HTTPHeader("X-Custom")] ?? "none"
            return HTTPResponse(statusCode: .ok, headers: headers, body: Data("hello".utf8))
        }
        await server.appendRoute("POST /echo") { request in
            let type = request.headers[.contentType] ?? "none"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type], body: try await request.bodyData)
        }
        await server.appendRoute("GET /missing") { _ in
            HTTPResponse(statusCode: .notFound, body: Data("no such thing".utf8))
        }
        await server.appendRoute("GET /broken") { _ in
            HTTPResponse(statusCode: .serviceUnavailable, body: Data("try later".utf8))
        }
        // The client's port as the server sees it: equal across requests means one connection.
        await server.appendRoute("GET /peer") { request in
            guard case .ip4(_, let port) = request.remoteAddress else { return HTTPResponse(statusCode: .internalServerError) }
            return HTTPResponse(statusCode: .ok, body: Data("\(port)".utf8))
        }
        await server.appendRoute("GET /id") { request in
            HTTPResponse(statusCode: .ok, body: Data((request.query["n"] ?? "").utf8))
        }
        await server.appendRoute("GET /stall") { _ in
            arrived.yield()
            try await Task.sleep(for: .seconds(3600))
            return HTTPResponse(statusCode: .ok)
        }
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw CocoaError(.fileReadUnknown)
        }
        return LoopbackServer(port: port, stallArrivals: arrivals, server: server, task: task)
    }

    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    func stop() async {
        await server.stop()
        task.cancel()
    }
}

/// A TCP port on 127.0.0.1 that is bound but not listening: connecting to it is refused.
final class RefusingPort {
    let port: UInt16
    private let descriptor: Int32

    init() throws {
        (port, descriptor) = try LoopbackSocket.bind()
    }

    deinit {
        close(descriptor)
    }
}
