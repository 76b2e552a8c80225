import BotAPI
import FlyingFox
import Foundation

/// Routes `/bot<TOKEN>/<method>` and `/file/bot<TOKEN>/<path>` to the sandbox, and turns its
/// outcomes and injected faults into HTTP answers. Parsing and encoding happen here, off the actor.
struct SandboxHTTPHandler: HTTPHandler {
    private let box: WeakSandbox

    init(sandbox: Sandbox) { box = WeakSandbox(sandbox) }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let sandbox = box.sandbox else { return Self.json(Refusal.notFound) }
        let path = request.path
        if path.hasPrefix("/file/bot") {
            return await download(path: String(path.dropFirst("/file/bot".count)), from: sandbox)
        }
        guard path.hasPrefix("/bot") else { return Self.json(.notFound) }
        let rest = path.dropFirst(4)
        guard let slash = rest.firstIndex(of: "/") else { return Self.json(.notFound) }
        let token = String(rest[..<slash])
        let method = String(rest[rest.index(after: slash)...])
        guard token == sandbox.token else { return Self.json(.unauthorized) }
        guard !method.isEmpty, !method.contains("/") else { return Self.json(.notFound) }

        let params: RequestParams
        do {
            let body = try await request.bodyData
            params = try RequestParams.parse(contentType: request.headers[.contentType], body: body,
                                             query: request.query.map { ($0.name, $0.value) })
        } catch let error as ParamsError {
            return Self.json(.badRequest(error.message))
        }

        switch await sandbox.serve(method: method, params: params) {
        case let .answered(outcome):
            return Self.response(outcome)
        case let .fault(fault):
            return await apply(fault, method: method, params: params, sandbox: sandbox)
        }
    }

    private func apply(_ fault: SandboxFault, method: String, params: RequestParams,
                       sandbox: Sandbox) async -> HTTPResponse {
        switch fault {
        case let .serverError(status, description):
            return Self.json(Refusal(code: status, description: description))
        case let .htmlErrorPage(status):
            let phrase = status == 502 ? "Bad Gateway" : status == 503 ? "Service Unavailable" : "Error"
            let page = "<html>\r\n<head><title>\(status) \(phrase)</title></head>\r\n<body>\r\n<center><h1>\(status) "
                + "\(phrase)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase),
                                headers: [.contentType: "text/html"], body: Data(page.utf8))
        case .malformedJSON:
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                body: Data("{\"ok\":tru<".utf8))
        case let .tooManyRequests(retryAfter):
            return Self.json(.tooManyRequests(retryAfter: retryAfter))
        case .dropConnection:
            return Self.dropConnection
        case let .delay(duration):
            try? await Task.sleep(for: duration)
            return Self.response(await sandbox.perform(method: method, params: params))
        case .truncatedJSON:
            let full = Self.response(await sandbox.perform(method: method, params: params))
            let body = (try? await full.bodyData) ?? Data()
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                body: body.prefix(max(1, body.count / 2)))
        case .dropAfterExecuting:
            _ = await sandbox.perform(method: method, params: params)
            return Self.dropConnection
        }
    }

    private func download(path: String, from sandbox: Sandbox) async -> HTTPResponse {
        guard let slash = path.firstIndex(of: "/"), String(path[..<slash]) == sandbox.token else {
            return Self.json(.unauthorized)
        }
        guard let data = await sandbox.fileData(atPath: String(path[path.index(after: slash)...])) else {
            return Self.json(.notFound)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/octet-stream"], body: data)
    }

    // MARK: - Encoding

    static func response(_ outcome: Outcome) -> HTTPResponse {
        switch outcome {
        case let .refusal(refusal):
            return json(refusal)
        case let .updates(list):
            var body = Data("{\"ok\":true,\"result\":[".utf8)
            for (index, update) in list.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body.append(update.json)
            }
            body.append(contentsOf: Array("]}".utf8))
            return ok(body)
        case let .value(value, description):
            guard let result = try? BotWire.makeEncoder().encode(value) else {
                return json(Refusal(code: 500, description: "Internal Server Error: can't encode the result"))
            }
            var body = Data("{\"ok\":true,\"result\":".utf8)
            body.append(result)
            if let description, let text = try? BotWire.makeEncoder().encode(description) {
                body.append(contentsOf: Array(",\"description\":".utf8))
                body.append(text)
            }
            body.append(UInt8(ascii: "}"))
            return ok(body)
        }
    }

    private static func ok(_ body: Data) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: body)
    }

    static func json(_ refusal: Refusal) -> HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(refusal.code, phrase: phrase(refusal.code)),
                     headers: [.contentType: "application/json"], body: refusal.envelope)
    }

    private static func phrase(_ code: Int) -> String {
        switch code {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        default: return "Error"
        }
    }

    /// FlyingFox closes the socket without writing anything when a WebSocket handler fails to start.
    private static var dropConnection: HTTPResponse { HTTPResponse(webSocket: DropConnection()) }
}

private struct DropConnection: WSHandler {
    struct Dropped: Error {}
    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}

/// Breaks the sandbox → server → handler → sandbox cycle.
private final class WeakSandbox: Sendable {
    weak let sandbox: Sandbox?
    init(_ sandbox: Sandbox) { self.sandbox = sandbox }
}

/// What the sandbox decided for one request.
enum Outcome: Sendable {
    case value(any Encodable & Sendable, description: String?)
    case updates([QueuedUpdate])
    case refusal(Refusal)

    static func value(_ value: any Encodable & Sendable) -> Outcome { .value(value, description: nil) }
}

/// A request is answered by the sandbox, or a fault takes its place.
enum Served: Sendable {
    case answered(Outcome)
    case fault(SandboxFault)
}
