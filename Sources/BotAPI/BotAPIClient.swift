import Foundation
import Messaging

/// Calls Bot API methods. The real one is `CurlBotAPIClient`; tests may use fakes.
public protocol BotAPIClient: Sendable {
    func call<M: BotMethod>(_ method: M) async throws(BotAPIError) -> M.Response
    /// Posts a request the outbox kept, as it was kept; answers the ids of the messages it created
    /// or edited (`BotWire.sentMessageIds`).
    func send(_ request: WireRequest) async throws(BotAPIError) -> [Int64]
    /// The bytes of a file `getFile` named (`File.filePath`), from `/file/bot<token>/<path>`.
    func download(filePath: String) async throws(BotAPIError) -> Data
}

/// Encodes requests and decodes answers exactly as Telegram expects them, independent of the HTTP library.
public enum BotWire {
    /// JSON with snake_case keys, as the Bot API names them; keys sorted, so a request is the same
    /// bytes each time it is encoded (the outbox keeps them).
    public static func makeEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return e
    }

    public static func makeDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    /// A request body: JSON, or multipart/form-data when the method uploads files.
    public struct Body: Sendable {
        public var contentType: String
        public var data: Data
    }

    public static func body<M: BotMethod>(for method: M) throws(BotAPIError) -> Body {
        let json: Data
        do { json = try makeEncoder().encode(method) } catch { throw .encoding("\(error)") }
        let uploads = method.uploads
        if uploads.isEmpty { return Body(contentType: "application/json", data: json) }
        return try multipart(json: json, uploads: uploads)
    }

    /// Each top-level parameter becomes a form field (objects and arrays as JSON text). A top-level
    /// file parameter carries the file itself; files referenced from inside (media groups) are
    /// separate parts named by their `attach://` name, as the Bot API requires.
    static func multipart(json: Data, uploads: [FileUpload]) throws(BotAPIError) -> Body {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: json) else {
            throw .encoding("parameters are not an object")
        }
        let boundary = "otklik-" + UUID().uuidString
        var form = MultipartForm(boundary: boundary)
        var byPart = Dictionary(uploads.map { ($0.partName, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .null: continue
            case let .string(s):
                if s.hasPrefix("attach://"), let file = byPart.removeValue(forKey: String(s.dropFirst(9))) {
                    form.addFile(name: key, file: file)
                } else {
                    form.addField(name: key, value: s)
                }
            case let .bool(b): form.addField(name: key, value: b ? "true" : "false")
            case .number, .array, .object:
                let text = (try? makeEncoder().encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                form.addField(name: key, value: text)
            }
        }
        for file in uploads where byPart[file.partName] != nil { form.addFile(name: file.partName, file: file) }
        return Body(contentType: "multipart/form-data; boundary=\(boundary)", data: form.finish())
    }

    private struct Envelope<R: Decodable>: Decodable {
        var ok: Bool
        var result: R?
        var errorCode: Int?
        var description: String?
        var parameters: ResponseParameters?
    }

    /// Decodes Telegram's `{"ok":…}` envelope. Anything else (an HTML page from a proxy, truncated
    /// JSON) is `.malformedResponse` with the HTTP status, so callers can retry.
    public static func decode<R: Decodable>(_ type: R.Type, status: Int, body: Data) throws(BotAPIError) -> R {
        let envelope: Envelope<R>
        do {
            envelope = try makeDecoder().decode(Envelope<R>.self, from: body)
        } catch {
            throw .malformedResponse(status: status, detail: snippet(body))
        }
        if envelope.ok, let result = envelope.result { return result }
        if envelope.ok { throw .malformedResponse(status: status, detail: "ok without result") }
        throw .api(code: envelope.errorCode ?? status, description: envelope.description ?? "no description",
                   parameters: envelope.parameters)
    }

    static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        return text.isEmpty ? "empty body" : text
    }
}

/// A multipart/form-data body builder (RFC 7578).
struct MultipartForm {
    let boundary: String
    private var data = Data()

    init(boundary: String) { self.boundary = boundary }

    mutating func addField(name: String, value: String) {
        data.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n")
        data.append(value)
        data.append("\r\n")
    }

    mutating func addFile(name: String, file: FileUpload) {
        data.append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; "
            + "filename=\"\(Self.quoted(file.filename))\"\r\nContent-Type: \(file.mimeType)\r\n\r\n")
        data.append(file.data)
        data.append("\r\n")
    }

    mutating func finish() -> Data {
        data.append("--\(boundary)--\r\n")
        return data
    }

    private static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
    }
}

extension Data {
    mutating func append(_ string: String) { append(contentsOf: Array(string.utf8)) }
}
