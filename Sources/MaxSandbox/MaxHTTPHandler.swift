import FlyingFox
import Foundation
import MaxAPI

/// Routes requests to the sandbox: `/upload/<id>` (the upload host, no token), `/cdn/<token>` (the
/// files' bytes, no token) and the API, which wants
/// the raw token in `Authorization` (a `Bearer` prefix or an `access_token` query parameter is refused,
/// FACTS §1) and counts against 30 requests/s.
struct MaxHTTPHandler: HTTPHandler {
    private let box: WeakMaxSandbox

    init(sandbox: MaxSandbox) { box = WeakMaxSandbox(sandbox) }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let sandbox = box.sandbox else { return Self.refuse(.notFound) }
        let body = try await request.bodyData
        let verb = request.method.rawValue
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let target = request.query.isEmpty ? request.path
            : request.path + "?" + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")

        if request.path.hasPrefix("/upload/"), verb == "POST" {
            let slot = String(request.path.dropFirst("/upload/".count))
            let file = MaxMultipart.file(named: "data", in: body, contentType: request.headers[.contentType])
            let answer = await sandbox.receiveUpload(slot: slot, file: file)
            await sandbox.record(verb, request.path, status: answer.status, code: nil)
            return HTTPResponse(statusCode: Self.status(answer.status), headers: [.contentType: answer.contentType], body: answer.body)
        }

        if request.path.hasPrefix("/cdn/"), verb == "GET" {
            let data = await sandbox.cdnData(String(request.path.dropFirst("/cdn/".count)))
            await sandbox.record(verb, request.path, status: data == nil ? 404 : 200, code: nil)
            guard let data else { return Self.refuse(.notFound) }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/octet-stream"], body: data)
        }

        let authorization = request.headers[.authorization]
        guard authorization == sandbox.token else {
            await sandbox.record(verb, target, status: 401, code: MaxRefusal.unauthorized.code)
            return Self.refuse(.unauthorized)
        }
        guard await sandbox.admitRequest() else {
            await sandbox.record(verb, target, status: 429, code: MaxRefusal.tooManyRequests.code)
            return Self.refuse(.tooManyRequests)
        }
        if let fault = await sandbox.takeFault(for: request.path) {
            switch fault {
            case let .error(status, code, message):
                await sandbox.record(verb, target, status: status, code: code)
                return Self.refuse(MaxRefusal(status: status, code: code, message: message))
            case let .htmlPage(status):
                await sandbox.record(verb, target, status: status, code: nil)
                let page = "<html><head><title>\(status)</title></head><body><center><h1>\(status)</h1></center><hr><center>nginx</center></body></html>\r\n"
                return HTTPResponse(statusCode: Self.status(status), headers: [.contentType: "text/html"], body: Data(page.utf8))
            case .echoAuthorization:
                await sandbox.record(verb, target, status: 401, code: "verify.token")
                return Self.refuse(MaxRefusal(status: 401, code: "verify.token", message: "Invalid access_token: \(authorization ?? "")"))
            }
        }
        switch await sandbox.perform(verb: verb, path: request.path, query: query, body: body) {
        case let .json(data):
            await sandbox.record(verb, target, status: 200, code: nil)
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: data)
        case let .refusal(refusal):
            await sandbox.record(verb, target, status: refusal.status, code: refusal.code)
            return Self.refuse(refusal)
        }
    }

    static func refuse(_ refusal: MaxRefusal) -> HTTPResponse {
        HTTPResponse(statusCode: status(refusal.status), headers: [.contentType: "application/json"], body: refusal.body)
    }

    static func status(_ code: Int) -> HTTPStatusCode {
        let phrase: String
        switch code {
        case 200: phrase = "OK"
        case 400: phrase = "Bad Request"
        case 401: phrase = "Unauthorized"
        case 403: phrase = "Forbidden"
        case 404: phrase = "Not Found"
        case 405: phrase = "Method Not Allowed"
        case 429: phrase = "Too Many Requests"
        case 500: phrase = "Internal Server Error"
        case 502: phrase = "Bad Gateway"
        case 503: phrase = "Service Unavailable"
        default: phrase = "Error"
        }
        return HTTPStatusCode(code, phrase: phrase)
    }
}

/// Breaks the sandbox → server → handler → sandbox cycle.
private final class WeakMaxSandbox: Sendable {
    weak let sandbox: MaxSandbox?
    init(_ sandbox: MaxSandbox) { self.sandbox = sandbox }
}

/// Reads one file part of a multipart/form-data body (RFC 7578).
enum MaxMultipart {
    static func file(named name: String, in body: Data, contentType: String?) -> (filename: String, data: Data)? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var position = find(delimiter, in: bytes, from: 0)
        while let start = position {
            let headerStart = start + delimiter.count + 2
            guard headerStart < bytes.count, let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: headerStart),
                  let next = find(Array("\r\n".utf8) + delimiter, in: bytes, from: headerEnd + 4) else { return nil }
            let headers = String(decoding: bytes[headerStart..<headerEnd], as: UTF8.self)
            if headers.contains("name=\"\(name)\"") {
                let filename = headers.range(of: "filename=\"").map { String(headers[$0.upperBound...].prefix { $0 != "\"" }) } ?? "file"
                return (filename, Data(bytes[(headerEnd + 4)..<next]))
            }
            position = next + 2
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
