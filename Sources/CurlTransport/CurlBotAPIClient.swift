import BotAPI
import Foundation
import Messaging

/// The production `BotAPIClient`: Bot API calls as HTTP POSTs through libcurl.
/// `baseURL` is https://api.telegram.org, a local Bot API server, or the sandbox.
public struct CurlBotAPIClient: BotAPIClient {
    public let baseURL: String
    private let token: String
    private let http: CurlHTTPClient

    /// `http` must have been created with the token among `CurlOptions.secrets`, so it is redacted
    /// from every error; `CurlBotAPIClient.makeHTTPClient` does that.
    public init(baseURL: String, token: String, http: CurlHTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.http = http
    }

    /// An HTTP client whose errors can never show `token`.
    public static func makeHTTPClient(token: String, options: CurlOptions = CurlOptions(), workers: Int,
                                      name: String) -> CurlHTTPClient {
        var options = options
        options.secrets.append(token)
        return CurlHTTPClient(options: options, workers: workers, name: name)
    }

    public func call<M: BotMethod>(_ method: M) async throws(BotAPIError) -> M.Response {
        let response = try await post(M.name, try BotWire.body(for: method), timeout: method.requestTimeout)
        do {
            return try BotWire.decode(M.Response.self, status: response.status, body: response.body)
        } catch {
            throw redacted(error)
        }
    }

    public func send(_ request: WireRequest) async throws(BotAPIError) -> [Int64] {
        let response = try await post(request.method, try BotWire.body(for: request), timeout: nil)
        do {
            return try BotWire.sentMessageIds(for: request, status: response.status, body: response.body)
        } catch {
            throw redacted(error)
        }
    }

    public func download(filePath: String) async throws(BotAPIError) -> Data {
        let response = try await perform(HTTPRequest(method: "GET", url: "\(baseURL)/file/bot\(token)/\(filePath)", timeout: .seconds(120)))
        guard response.status == 200 else {
            throw redacted(.api(code: response.status, description: "downloading a file: HTTP \(response.status)", parameters: nil))
        }
        return response.body
    }

    private func post(_ method: String, _ body: BotWire.Body, timeout: Duration?) async throws(BotAPIError) -> HTTPResponse {
        let request = HTTPRequest(
            method: "POST",
            url: "\(baseURL)/bot\(token)/\(method)",
            headers: [(name: "Content-Type", value: body.contentType)],
            body: body.data,
            timeout: timeout
        )
        return try await perform(request)
    }

    private func perform(_ request: HTTPRequest) async throws(BotAPIError) -> HTTPResponse {
        do {
            return try await http.perform(request)
        } catch {
            if case .cancelled = error { throw .cancelled }
            if case .shutDown = error { throw .cancelled }
            throw .network(error.description)
        }
    }

    /// An answer from a proxy might echo the URL; never let the token through.
    private func redacted(_ error: BotAPIError) -> BotAPIError {
        switch error {
        case let .malformedResponse(status, detail): return .malformedResponse(status: status, detail: http.redactor(detail))
        case let .api(code, description, parameters):
            return .api(code: code, description: http.redactor(description), parameters: parameters)
        default: return error
        }
    }
}
