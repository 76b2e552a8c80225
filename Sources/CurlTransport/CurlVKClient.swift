import Foundation
import VKAPI

/// The VK API client: HTTP through libcurl (`CurlHTTPClient`), `POST /method/<name>` with a form body and
/// the key in `Authorization: Bearer` (FACTS §3), the key kind each method needs (FACTS §2), VK's
/// per-key request rate kept on our side, and every error text passed through a redactor that knows the keys.
public struct CurlVKClient: VKAPIClient {
    /// VK moved its API to vk.ru in September 2025 (FACTS §1).
    public static let defaultBaseURL = "https://api.vk.ru"
    /// The version the schema in shared/reference describes.
    public static let defaultVersion = "5.199"
    /// Error 6 is re-sent after this pause (FACTS §4: back off about 1 s) …
    public static let tooManyRequestsPause: Duration = .seconds(1)
    /// … at most this many times; nothing else is re-sent by the client.
    public static let tooManyRequestsRetries = 3

    public let baseURL: String
    public let version: String
    private let tokens: [VKTokenKind: String]
    private let http: CurlHTTPClient
    private let redactor: Redactor
    private let wait: @Sendable (Duration) async throws -> Void
    private let limiter: VKRateLimiter

    /// A nil or empty key is not set: the methods that need it throw `.notConfigured`. `wait` performs
    /// the pauses of the rate limiter and of the error-6 retries (tests may shorten them).
    public init(baseURL: String = CurlVKClient.defaultBaseURL, version: String = CurlVKClient.defaultVersion,
                serviceToken: String?, communityToken: String?, userToken: String?, http: CurlHTTPClient,
                wait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.version = version
        var tokens: [VKTokenKind: String] = [:]
        for (kind, token) in [(VKTokenKind.service, serviceToken), (.community, communityToken), (.user, userToken)] {
            if let token, !token.isEmpty { tokens[kind] = token }
        }
        self.tokens = tokens
        self.http = http
        // Also when `http` was made without the keys among its secrets.
        self.redactor = Redactor(secrets: Array(tokens.values))
        self.wait = wait
        self.limiter = VKRateLimiter()
    }

    /// An HTTP client for VK with the keys among the secrets it masks in its own error texts.
    public static func makeHTTPClient(tokens: [String?], options: CurlOptions = CurlOptions(), workers: Int = 2,
                                      name: String = "vk") -> CurlHTTPClient {
        var options = options
        options.secrets.append(contentsOf: tokens.compactMap { $0 }.filter { !$0.isEmpty })
        return CurlHTTPClient(options: options, workers: workers, name: name)
    }

    public var tokenKinds: Set<VKTokenKind> { Set(tokens.keys) }

    /// Masks the keys (and the proxy password) in `text`.
    public func redact(_ text: String) -> String { http.redactor(redactor(text)) }

    // MARK: - Reading

    public func resolveScreenName(_ name: String) async throws(VKAPIError) -> VKResolvedName? {
        // Any key may resolve names; the service key first, as it is the reader's.
        guard let kind = [VKTokenKind.service, .community, .user].first(where: { tokens[$0] != nil }) else {
            throw .notConfigured("utils.resolveScreenName needs a VK key; none is set")
        }
        let data = try await call("utils.resolveScreenName", [("screen_name", name)], as: kind)
        return try decode(ResolvedOrNothing.self, data, method: "utils.resolveScreenName").name
    }

    public func post(ownerId: Int64, postId: Int64) async throws(VKAPIError) -> VKPostsPage {
        let data = try await call("wall.getById", [("posts", "\(ownerId)_\(postId)"), ("extended", "1")], as: .service)
        return try decode(VKPostsPage.self, data, method: "wall.getById")
    }

    public func comments(_ query: VKCommentsQuery) async throws(VKAPIError) -> VKCommentsPage {
        var parameters: [(String, String)] = [
            ("owner_id", String(query.ownerId)), ("post_id", String(query.postId)),
            ("count", String(min(max(query.count, 1), 100))), ("sort", query.newestFirst ? "desc" : "asc"),
            // Full texts, names of the authors.
            ("preview_length", "0"), ("extended", "1"),
        ]
        if let thread = query.threadOf { parameters.append(("comment_id", String(thread))) }
        if let start = query.startCommentId { parameters.append(("start_comment_id", String(start))) }
        let data = try await call("wall.getComments", parameters, as: .service)
        return try decode(VKCommentsPage.self, data, method: "wall.getComments")
    }

    // MARK: - Publishing

    public func createComment(_ comment: VKNewComment) async throws(VKAPIError) -> VKCreatedComment {
        // Photos were uploaded with the editor's key and only it may attach them; text goes as the community.
        let kind: VKTokenKind = comment.attachments.isEmpty ? .community : .user
        var parameters: [(String, String)] = [
            ("owner_id", String(comment.ownerId)), ("post_id", String(comment.postId)),
            ("from_group", String(comment.fromGroup)), ("message", comment.message), ("guid", comment.guid),
        ]
        if let reply = comment.replyToComment { parameters.append(("reply_to_comment", String(reply))) }
        if !comment.attachments.isEmpty { parameters.append(("attachments", comment.attachments.joined(separator: ","))) }
        if let captcha = comment.captcha {
            parameters.append(("captcha_sid", captcha.sid))
            parameters.append(("captcha_key", captcha.key))
        }
        let data = try await call("wall.createComment", parameters, as: kind)
        return try decode(VKCreatedComment.self, data, method: "wall.createComment")
    }

    public func uploadWallPhoto(groupId: Int64, data: Data, filename: String, mimeType: String) async throws(VKAPIError) -> VKPhoto {
        guard groupId > 0 else { throw .notConfigured("photos go to a community's wall: group id \(groupId) is not positive") }
        guard tokens[.user] != nil else { throw .notConfigured("photos.getWallUploadServer needs the editor's user key; it is not set") }
        let group = ("group_id", String(groupId))
        let server = try decode(VKUploadServer.self, try await call("photos.getWallUploadServer", [group], as: .user),
                                method: "photos.getWallUploadServer")
        // The upload host takes no key: its URL is signed.
        let form = UploadForm(field: "photo", filename: filename, mimeType: mimeType, data: data)
        let answer = try await perform(HTTPRequest(method: "POST", url: server.uploadUrl,
                                                   headers: [(name: "Content-Type", value: form.contentType)],
                                                   body: form.body, timeout: .seconds(120)), method: "the photo upload")
        guard (200..<300).contains(answer.status) else {
            throw Self.failure(status: answer.status, body: answer.body, method: "the photo upload", redact: redact)
        }
        let uploaded = try decode(VKUploadedPhoto.self, answer.body, method: "the photo upload", wrapped: false)
        // The host answers `"photo":"[]"` when it kept nothing (not an image, too large).
        guard uploaded.photo != "[]", !uploaded.photo.isEmpty else {
            throw .decoding("the upload host kept no photo from \(redact(filename).debugDescription)")
        }
        let saved = try await call("photos.saveWallPhoto",
                                   [group, ("server", String(uploaded.server)), ("photo", uploaded.photo), ("hash", uploaded.hash)],
                                   as: .user)
        guard let photo = try decode([VKPhoto].self, saved, method: "photos.saveWallPhoto").first else {
            throw .decoding("photos.saveWallPhoto saved no photo")
        }
        return photo
    }

    public func download(url: String) async throws(VKAPIError) -> Data {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .notConfigured("not a URL: \(redact(url))") }
        // A captcha's picture: VK's own host, no key.
        let answer = try await perform(HTTPRequest(method: "GET", url: url, timeout: .seconds(30)), method: "a download")
        guard (200..<300).contains(answer.status) else { throw .ambiguous("a download answered HTTP \(answer.status)") }
        return answer.body
    }

    // MARK: - Calls

    /// One API call with the key of `kind`, re-sent after a pause when VK says error 6; answers the body
    /// of VK's success answer (`{"response": …}`).
    private func call(_ method: String, _ parameters: [(String, String)], as kind: VKTokenKind) async throws(VKAPIError) -> Data {
        guard let token = tokens[kind] else { throw .notConfigured("\(method) needs the VK \(kind.rawValue) key; it is not set") }
        var body = parameters
        body.append(("v", version))
        let request = HTTPRequest(method: "POST", url: "\(baseURL)/method/\(method)",
                                  headers: [(name: "Authorization", value: "Bearer \(token)"),
                                            (name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                  body: Data(Self.formEncoded(body).utf8))
        var retries = 0
        while true {
            do {
                return try await callOnce(request, method: method, kind: kind)
            } catch {
                guard error.code == VKErrorCode.tooManyRequests, retries < Self.tooManyRequestsRetries else { throw error }
                retries += 1
                do { try await wait(Self.tooManyRequestsPause) } catch { throw .cancelled }
            }
        }
    }

    private func callOnce(_ request: HTTPRequest, method: String, kind: VKTokenKind) async throws(VKAPIError) -> Data {
        let ticket: VKRateLimiter.Ticket
        do { ticket = try await limiter.acquire(kind, limit: kind.requestsPerSecond, wait: wait) } catch { throw .cancelled }
        let outcome: Result<HTTPResponse, VKAPIError>
        do { outcome = .success(try await perform(request, method: method)) } catch { outcome = .failure(error) }
        // The window counts from the answer: VK saw the request before we saw its answer.
        await limiter.release(ticket)
        let response = try outcome.get()
        return try Self.checked(status: response.status, body: response.body, method: method, redact: redact)
    }

    private func perform(_ request: HTTPRequest, method: String) async throws(VKAPIError) -> HTTPResponse {
        do {
            return try await http.perform(request)
        } catch {
            switch error {
            case .cancelled, .shutDown: throw .cancelled
            case let .invalidRequest(detail): throw .notConfigured(redact("\(method): \(detail)"))
            // Timeouts and broken connections: the request may have reached VK.
            default: throw .ambiguous(redact("\(method): \(error.description)"))
            }
        }
    }

    /// The value of an answer's `response` member (`wrapped`), or of the whole answer (the upload host's).
    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, method: String, wrapped: Bool = true) throws(VKAPIError) -> T {
        do {
            let decoder = VKWire.decoder()
            return wrapped ? try decoder.decode(ResponseEnvelope<T>.self, from: data).response : try decoder.decode(T.self, from: data)
        } catch {
            throw .decoding(redact("\(method): not a \(T.self): \(Self.describe(data))"))
        }
    }

    /// A 200 answer's body, or the error the answer stands for: VK's error envelope whatever the status.
    static func checked(status: Int, body: Data, method: String, redact: (String) -> String) throws(VKAPIError) -> Data {
        if let envelope = try? VKWire.decoder().decode(ErrorEnvelope.self, from: body) {
            let error = envelope.error
            throw .api(code: error.errorCode, message: redact(error.errorMsg ?? ""),
                       captcha: error.captchaSid.flatMap { sid in error.captchaImg.map { VKCaptcha(sid: sid.value, img: $0) } })
        }
        guard status == 200 else { throw failure(status: status, body: body, method: method, redact: redact) }
        return body
    }

    /// A non-200 answer without VK's error envelope: 5xx leaves open whether the call took effect.
    static func failure(status: Int, body: Data, method: String, redact: (String) -> String) -> VKAPIError {
        let text = redact("\(method): HTTP \(status): \(describe(body))")
        return (500..<600).contains(status) ? .ambiguous(text) : .decoding(text)
    }

    /// The start of a body, on one line, for an error text.
    static func describe(_ body: Data) -> String {
        String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline }
    }

    /// `application/x-www-form-urlencoded`: everything but RFC 3986's unreserved characters escaped.
    static func formEncoded(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

/// VK's per-key rate (FACTS §4): at most `limit` requests of a key in any second. A request holds its
/// slot while in flight and for one second after its answer came, so however long the way to VK,
/// VK never sees more than `limit` in a second.
actor VKRateLimiter {
    struct Ticket: Sendable {
        let kind: VKTokenKind
        let id: UInt64
    }

    static let window: Duration = .seconds(1)
    /// How often to look again while every slot is in flight.
    static let busyPoll: Duration = .milliseconds(20)

    private let clock = ContinuousClock()
    /// Per key kind: the slots' answer times; nil while in flight.
    private var slots: [VKTokenKind: [UInt64: ContinuousClock.Instant?]] = [:]
    private var nextId: UInt64 = 0

    func acquire(_ kind: VKTokenKind, limit: Int,
                 wait: @Sendable (Duration) async throws -> Void) async throws -> Ticket {
        while true {
            let now = clock.now
            var held = slots[kind] ?? [:]
            held = held.filter { _, answered in answered.map { now - $0 < Self.window } ?? true }
            slots[kind] = held
            if held.count < max(limit, 1) {
                nextId += 1
                slots[kind, default: [:]][nextId] = .some(nil)
                return Ticket(kind: kind, id: nextId)
            }
            let oldest = held.values.compactMap { $0 }.min()
            let delay = oldest.map { $0 + Self.window - now } ?? Self.busyPoll
            try await wait(max(delay, .milliseconds(1)))
        }
    }

    func release(_ ticket: Ticket) {
        guard slots[ticket.kind]?[ticket.id] != nil else { return }
        slots[ticket.kind]?[ticket.id] = .some(clock.now)
    }
}

/// `{"response": …}`.
private struct ResponseEnvelope<T: Decodable>: Decodable {
    let response: T
}

/// `{"error": {"error_code", "error_msg", "captcha_sid", "captcha_img", …}}`.
private struct ErrorEnvelope: Decodable {
    struct Body: Decodable {
        let errorCode: Int
        let errorMsg: String?
        let captchaSid: LooseString?
        let captchaImg: String?
    }

    let error: Body
}

/// VK has sent `captcha_sid` both as a string and as a number.
private struct LooseString: Decodable {
    let value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { value = text } else { value = String(try container.decode(Int64.self)) }
    }
}

/// `utils.resolveScreenName`'s answer: an object, or `[]` for a name VK does not know.
private struct ResolvedOrNothing: Decodable {
    let name: VKResolvedName?

    init(from decoder: any Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode([VKResolvedName].self), list.isEmpty {
            name = nil
        } else {
            name = try VKResolvedName(from: decoder)
        }
    }
}
