import Foundation
import MaxAPI
import Messaging

/// The MAX Bot API client: HTTP through libcurl (`CurlHTTPClient`), the token raw in `Authorization`
/// (no `Bearer`; MAX no longer takes it as a query parameter), every text passed through a redactor
/// that knows the token.
public struct CurlMaxClient: Sendable {
    /// Since 19 July 2026 (FACTS §1); `platform-api.max.ru` is retired.
    public static let defaultBaseURL = "https://platform-api2.max.ru"
    /// The long poll's request may take this much longer than the poll itself before curl gives up.
    public static let pollGrace: Duration = .seconds(10)

    public let baseURL: String
    private let token: String
    private let http: CurlHTTPClient
    private let redactor: Redactor
    private let notReadyWaits: [Duration]
    private let wait: @Sendable (Duration) async throws -> Void

    /// `notReadyWaits` are the pauses before each re-send of a message whose upload is not processed
    /// yet; `wait` performs them (tests pass one that does not sleep).
    public init(baseURL: String = CurlMaxClient.defaultBaseURL, token: String, http: CurlHTTPClient,
                notReadyWaits: [Duration] = MaxLimits.attachmentNotReadyWaits,
                wait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.http = http
        // Also when `http` was made without the token among its secrets.
        self.redactor = Redactor(secrets: [token])
        self.notReadyWaits = notReadyWaits
        self.wait = wait
    }

    /// An HTTP client for MAX: the token among the secrets, and `caBundle` (MAX's chain, Config/ca/
    /// russian-trusted-ca.pem) trusted beside the system store.
    public static func makeHTTPClient(token: String, caBundle: String?, options: CurlOptions = CurlOptions(), workers: Int,
                                      name: String) -> CurlHTTPClient {
        var options = options
        options.secrets.append(token)
        if let caBundle { options.extraCABundlePath = caBundle }
        return CurlHTTPClient(options: options, workers: workers, name: name)
    }

    /// Masks the token (and the proxy password) in `text`.
    public func redact(_ text: String) -> String { http.redactor(redactor(text)) }

    // MARK: - Receiving

    /// `GET /updates`: waits up to `timeout` seconds for events. Pass the `marker` of the previous page
    /// only once that page's handling is committed: it commits every event before it.
    public func updates(marker: Int64?, limit: Int = MaxLimits.batchSize, timeout: Int = MaxLimits.pollTimeoutSeconds,
                        types: [String]? = nil) async throws(MaxAPIError) -> UpdateList {
        var query: [(name: String, value: String)] = [
            ("limit", String(limit.clamped(to: MaxLimits.pollLimitRange))),
            ("timeout", String(timeout.clamped(to: MaxLimits.pollTimeoutRange))),
        ]
        if let marker { query.append(("marker", String(marker))) }
        if let types, !types.isEmpty { query.append(("types", types.joined(separator: ","))) }
        let request = MaxWireRequest(verb: "GET", path: "/updates", query: query)
        let data = try await call(request, body: nil, timeout: .seconds(timeout.clamped(to: MaxLimits.pollTimeoutRange)) + Self.pollGrace)
        return try MaxWire.decode(UpdateList.self, from: data)
    }

    /// `GET /me`.
    public func me() async throws(MaxAPIError) -> BotInfo {
        try MaxWire.decode(BotInfo.self, from: try await call(MaxWireRequest(verb: "GET", path: "/me", query: []), body: nil))
    }

    /// `GET /subscriptions`.
    public func subscriptions() async throws(MaxAPIError) -> [Subscription] {
        let data = try await call(MaxWireRequest(verb: "GET", path: "/subscriptions", query: []), body: nil)
        return try MaxWire.decode(GetSubscriptionsResult.self, from: data).subscriptions
    }

    /// `POST /subscriptions`: MAX then posts updates to `url` with `secret` in `X-Max-Bot-Api-Secret`,
    /// and polling stops working.
    public func subscribe(url: String, secret: String?, types: [String]? = nil) async throws(MaxAPIError) {
        let body = try MaxWire.encode(SubscriptionRequestBody(url: url, updateTypes: types, secret: secret))
        try succeeded(try await call(MaxWireRequest(verb: "POST", path: "/subscriptions", query: []), body: body))
    }

    /// `DELETE /subscriptions?url=`: polling works again.
    public func unsubscribe(url: String) async throws(MaxAPIError) {
        try succeeded(try await call(MaxWireRequest(verb: "DELETE", path: "/subscriptions", query: [("url", url)]), body: nil))
    }

    // MARK: - Sending

    /// Sends an outbox row (`MaxCall.wireRequest`): uploads its files first and puts their tokens into
    /// the attachments, then sends, re-sending on `attachment.not.ready` after each of `notReadyWaits`.
    /// Answers the mids the request created or edited (none for answers and the menu).
    public func send(_ request: WireRequest) async throws(MaxAPIError) -> [String] {
        guard request.messenger == .max else { throw .invalidRequest("a \(request.messenger.rawValue) request sent to MAX") }
        guard let wire = MaxWireRequest(parsing: request.method) else {
            throw .invalidRequest("method \(redact(request.method).debugDescription) is not \"VERB /path?query\"")
        }
        var body = request.parameters.isEmpty ? Data("{}".utf8) : request.parameters
        if !request.files.isEmpty {
            let references = try MaxWireRequest.uploadReferences(in: body)
            var tokens: [String: String] = [:]
            for file in request.files {
                guard let type = references[file.partName] else {
                    throw .invalidRequest("upload \(file.partName) is not attached by the request")
                }
                tokens[file.partName] = try await upload(file, as: type)
            }
            body = try MaxWireRequest.substituting(tokens: tokens, in: body)
        }
        var attempt = 0
        while true {
            do {
                return try Self.mids(of: wire, answer: try await call(wire, body: body))
            } catch {
                guard case .attachmentNotReady = error, attempt < notReadyWaits.count else { throw error }
                do { try await wait(notReadyWaits[attempt]) } catch { throw .cancelled }
                attempt += 1
            }
        }
    }

    /// The upload flow: `POST /uploads?type=` gives a URL (and, for video and audio, the token); the bytes
    /// go there as multipart field `data`; images and files get their token in that answer.
    public func upload(_ file: FileUpload, as type: UploadType) async throws(MaxAPIError) -> String {
        let endpointData = try await call(MaxWireRequest(verb: "POST", path: "/uploads", query: [("type", type.rawValue)]), body: nil)
        let endpoint = try MaxWire.decode(UploadEndpoint.self, from: endpointData)
        let form = UploadForm(file: file)
        // The upload host is a CDN: it gets no token (its URL is signed).
        let answer = try await perform(HTTPRequest(method: "POST", url: endpoint.url,
                                                   headers: [(name: "Content-Type", value: form.contentType)],
                                                   body: form.body, timeout: nil))
        if type.tokenComesWithURL {
            guard let token = endpoint.token else { throw .decoding("POST /uploads?type=\(type.rawValue) gave no token") }
            return token
        }
        if let token = try? MaxWire.decoder().decode(UploadedToken.self, from: answer).token { return token }
        // Images may come back as {"photos":{"<id>":{"token":…}}}.
        if let photos = (try? MaxWire.decoder().decode(MaxJSON.self, from: answer))?["photos"]?.objectValue,
           let token = photos.values.compactMap({ $0["token"]?.stringValue }).first {
            return token
        }
        throw .decoding("the upload answer has no token: \(redact(MaxAPIError.describeAnswer(answer)))")
    }

    public func download(url: String) async throws(MaxAPIError) -> Data {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .invalidRequest("not a media URL: \(redact(url))") }
        // The CDN gets no token, as the upload host does not.
        return try await perform(HTTPRequest(method: "GET", url: url, headers: [], body: nil, timeout: .seconds(120)))
    }

    // MARK: - HTTP

    private func call(_ request: MaxWireRequest, body: Data?, timeout: Duration? = nil) async throws(MaxAPIError) -> Data {
        var headers: [(name: String, value: String)] = [(name: "Authorization", value: token)]
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        return try await perform(HTTPRequest(method: request.verb, url: baseURL + request.pathWithQuery, headers: headers,
                                             body: body, timeout: timeout))
    }

    private func perform(_ request: HTTPRequest) async throws(MaxAPIError) -> Data {
        let response: HTTPResponse
        do {
            response = try await http.perform(request)
        } catch {
            switch error {
            case .cancelled, .shutDown: throw .cancelled
            case let .invalidRequest(detail): throw .invalidRequest(redact(detail))
            default: throw .network(redact(error.description))
            }
        }
        if let error = MaxAPIError.from(status: response.status, body: response.body, redact: redact) { throw error }
        return response.body
    }

    private func succeeded(_ answer: Data) throws(MaxAPIError) {
        let result = try MaxWire.decode(SimpleQueryResult.self, from: answer)
        if !result.success { throw .badRequest(code: "success.false", message: redact(result.message ?? "")) }
    }

    /// What a successful answer says was sent: the new message's mid, or the edited one's.
    private static func mids(of request: MaxWireRequest, answer: Data) throws(MaxAPIError) -> [String] {
        switch (request.verb, request.path) {
        case ("POST", "/messages"):
            guard let mid = try MaxWire.decode(SendMessageResult.self, from: answer).message.body?.mid else {
                throw .decoding("the sent message has no body")
            }
            return [mid]
        case ("PUT", "/messages"):
            let result = try MaxWire.decode(SimpleQueryResult.self, from: answer)
            guard result.success else { throw .badRequest(code: "success.false", message: result.message ?? "") }
            return request.value("message_id").map { [$0] } ?? []
        case ("POST", "/answers"):
            let result = try MaxWire.decode(SimpleQueryResult.self, from: answer)
            guard result.success else { throw .badRequest(code: "success.false", message: result.message ?? "") }
            return []
        default:
            return []
        }
    }
}

/// A multipart/form-data body with one file: in field `data`, as MAX's upload hosts take it, or in
/// another field (VK's wall upload wants `photo`).
struct UploadForm {
    let contentType: String
    let body: Data

    init(file: FileUpload) {
        self.init(field: "data", filename: file.filename, mimeType: file.mimeType, data: file.data)
    }

    init(field: String, filename: String, mimeType: String, data: Data) {
        let boundary = "otklik-" + UUID().uuidString
        contentType = "multipart/form-data; boundary=\(boundary)"
        // A quote or line break in a name would end the header early.
        func quoted(_ text: String) -> String {
            text.filter { $0 != "\r" && $0 != "\n" }
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        let mimeType = mimeType.filter { $0 != "\r" && $0 != "\n" }
        var body = Data("--\(boundary)\r\n".utf8)
        body.append(Data("Content-Disposition: form-data; name=\"\(quoted(field))\"; filename=\"\(quoted(filename))\"\r\n".utf8))
        body.append(Data("Content-Type: \(mimeType)\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        self.body = body
    }
}

extension MaxAPIError {
    /// A short, printable account of an answer body for an error text.
    static func describeAnswer(_ body: Data) -> String {
        String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline }
    }
}

extension Int {
    fileprivate func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

extension CurlMaxClient: MaxAPIClient {}
