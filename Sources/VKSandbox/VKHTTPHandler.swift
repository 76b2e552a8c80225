import FlyingFox
import FlyingSocks
import Foundation
import VKAPI

/// Routes requests to the sandbox: `/method/<name>` (GET or POST; parameters from the query string and
/// a form or multipart body; the key from `Authorization: Bearer` or `access_token`), `/upload/<slot>`
/// (the upload host, no key), `/photos/<name>.jpg` and `/captcha/<sid>.png` (bytes, no key).
struct VKHTTPHandler: HTTPHandler {
    private let box: WeakVKSandbox

    init(sandbox: VKSandbox) { box = WeakVKSandbox(sandbox) }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let sandbox = box.sandbox else { return HTTPResponse(statusCode: .notFound) }
        let body = try await request.bodyData
        let path = request.path
        let verb = request.method.rawValue
        let contentType = request.headers[.contentType]
        let queryParameters = VKForm.decode(request.target.query(percentEncoded: true))

        if path.hasPrefix("/method/"), verb == "GET" || verb == "POST" {
            let method = String(path.dropFirst("/method/".count))
            var parameters = queryParameters
            for (name, value) in VKForm.parameters(body: body, contentType: contentType) { parameters[name] = value }
            let call = VKCall(method: method, parameters: parameters, token: Self.token(request, parameters))
            // Held before it is taken in, as a slow network would hold it.
            if let delay = await sandbox.takeDelay(method) { try? await Task.sleep(for: delay) }
            let answer = await sandbox.answer(call)
            switch answer.drop {
            case .closeConnection?:
                // The headers go out, then the connection closes before the body: the caller cannot know the outcome.
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                    body: HTTPBodySequence(from: BrokenBytes(), count: max(answer.body.count, 1)))
            case .badGateway?:
                let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\r\n"
                return HTTPResponse(statusCode: .badGateway, headers: [.contentType: "text/html"], body: Data(page.utf8))
            case nil:
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: answer.body)
            }
        }

        if path.hasPrefix("/upload/"), verb == "POST" {
            let slot = String(path.dropFirst("/upload/".count))
            let photo = VKForm.multipartParts(body: body, contentType: contentType).first { $0.name == "photo" }?.data
            let carried = Self.token(request, queryParameters) != nil
            let answer = await sandbox.receiveUpload(slot: slot, photo: photo, carriedToken: carried)
            return HTTPResponse(statusCode: answer.status == 200 ? .ok : .notFound,
                                headers: [.contentType: "application/json"], body: answer.body)
        }

        if path.hasPrefix("/photos/"), verb == "GET" || verb == "HEAD" {
            let name = String(path.dropFirst("/photos/".count).prefix { $0 != "." })
            guard let data = await sandbox.servePhoto(named: name) else { return HTTPResponse(statusCode: .notFound) }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: Self.imageType(data)], body: data)
        }

        if path.hasPrefix("/captcha/"), verb == "GET" {
            let sid = String(path.dropFirst("/captcha/".count).prefix { $0 != "." })
            await sandbox.record("captcha", carriedToken: false, parameters: ["sid": sid])
            guard let data = await sandbox.captchaImage(sid) else { return HTTPResponse(statusCode: .notFound) }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "image/png"], body: data)
        }
        return HTTPResponse(statusCode: .notFound)
    }

    /// `Authorization: Bearer <key>` first, else the `access_token` parameter.
    static func token(_ request: HTTPRequest, _ parameters: [String: String]) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        return parameters["access_token"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func imageType(_ data: Data) -> String {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if data.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return "image/jpeg"
    }
}

/// Breaks the sandbox → server → handler → sandbox cycle.
private final class WeakVKSandbox: Sendable {
    weak let sandbox: VKSandbox?
    init(_ sandbox: VKSandbox) { self.sandbox = sandbox }
}

/// A body that fails at its first byte: the server then closes the connection mid-answer.
struct BrokenBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        typealias Buffer = [UInt8]
        mutating func next() async throws -> UInt8? { throw SocketError.disconnected }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? { throw SocketError.disconnected }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}

/// Request parameters: `application/x-www-form-urlencoded` and the text parts of `multipart/form-data`.
enum VKForm {
    /// `a=1&b=x+y%21`; the first value of a repeated name wins.
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(halves[0])
            guard !name.isEmpty, result[name] == nil else { continue }
            result[name] = halves.count > 1 ? unescape(halves[1]) : ""
        }
        return result
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The parameters of a request body, by its content type.
    static func parameters(body: Data, contentType: String?) -> [String: String] {
        guard !body.isEmpty, let type = contentType?.lowercased() else { return [:] }
        if type.hasPrefix("application/x-www-form-urlencoded") { return decode(String(decoding: body, as: UTF8.self)) }
        if type.hasPrefix("multipart/form-data") {
            var result: [String: String] = [:]
            for part in multipartParts(body: body, contentType: contentType) where part.filename == nil && result[part.name] == nil {
                result[part.name] = String(decoding: part.data, as: UTF8.self)
            }
            return result
        }
        return [:]
    }

    struct Part {
        var name: String
        var filename: String?
        var data: Data
    }

    /// The parts of a multipart/form-data body (RFC 7578).
    static func multipartParts(body: Data, contentType: String?) -> [Part] {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=") else { return [] }
        var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        var position = find(delimiter, in: bytes, from: 0)
        while let start = position {
            let headerStart = start + delimiter.count + 2
            guard headerStart < bytes.count, let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: headerStart),
                  let next = find(Array("\r\n".utf8) + delimiter, in: bytes, from: headerEnd + 4) else { break }
            let headers = String(decoding: bytes[headerStart..<headerEnd], as: UTF8.self)
            if let name = quoted("name", in: headers) {
                parts.append(Part(name: name, filename: quoted("filename", in: headers), data: Data(bytes[(headerEnd + 4)..<next])))
            }
            position = next + 2
        }
        return parts
    }

    /// `name="value"` in a Content-Disposition header (`name=` not inside `filename=`).
    private static func quoted(_ key: String, in headers: String) -> String? {
        var search = headers[...]
        while let range = search.range(of: "\(key)=\"") {
            let before = headers[..<range.lowerBound].last
            if before == nil || before == " " || before == ";" {
                return String(headers[range.upperBound...].prefix { $0 != "\"" })
            }
            search = headers[range.upperBound...]
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
