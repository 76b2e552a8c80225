import BotAPI
import Foundation

/// A file part of a multipart request.
public struct UploadedFile: Sendable, Hashable {
    public var filename: String
    public var mimeType: String
    public var data: Data
}

/// The parameters of one Bot API call, however they arrived: JSON body, urlencoded or multipart
/// form, or query string. Form fields are strings; JSON-serialised objects in them are parsed on use.
public struct RequestParams: Sendable, Hashable {
    public var values: [String: JSONValue] = [:]
    public var files: [String: UploadedFile] = [:]

    public init(values: [String: JSONValue] = [:], files: [String: UploadedFile] = [:]) {
        self.values = values; self.files = files
    }

    /// Parses a request body by its Content-Type, then adds query items the body does not set.
    public static func parse(contentType: String?, body: Data, query: [(String, String)] = [])
        throws(ParamsError) -> RequestParams {
        var params = RequestParams()
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = boundary(in: contentType ?? "") else { throw ParamsError("multipart boundary is missing") }
            params = try Multipart.parse(body, boundary: boundary)
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            params.values = formValues(String(decoding: body, as: UTF8.self)).mapValues { .string($0) }
        } else if !body.isEmpty, type.hasPrefix("application/json") || body.first == UInt8(ascii: "{") {
            guard case let .object(object)? = try? JSONParser.parse(body) else { throw ParamsError("can't parse JSON object") }
            params.values = object
        }
        for (name, value) in query where params.values[name] == nil { params.values[name] = .string(value) }
        return params
    }

    /// `a=1&b=x+y` into a dictionary; `+` is a space, percent escapes are decoded.
    static func formValues(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    static func boundary(in contentType: String) -> String? {
        for piece in contentType.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("boundary=") {
                var value = String(trimmed.dropFirst("boundary=".count))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    // MARK: - Typed access

    subscript(name: String) -> JSONValue? { values[name] }

    func has(_ name: String) -> Bool {
        if let value = values[name], value != .null { return true }
        return files[name] != nil
    }

    func string(_ name: String) -> String? {
        switch values[name] {
        case let .string(s)?: return s
        case let .number(n)?: return n.rounded() == n ? String(Int64(n)) : String(n)
        case let .bool(b)?: return b ? "true" : "false"
        case let value? where value != .null:
            return (try? BotWire.makeEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) }
        default: return nil
        }
    }

    func int64(_ name: String) throws(Refusal) -> Int64? {
        guard let value = values[name], value != .null else { return nil }
        if let n = value.int64Value { return n }
        if case let .string(s) = value, s.isEmpty { return nil }
        throw Refusal.badRequest("invalid \(name) specified")
    }

    func int(_ name: String) throws(Refusal) -> Int? { try int64(name).map { Int(clamping: $0) } }

    func bool(_ name: String) -> Bool? { values[name]?.boolValue }

    /// A JSON-typed parameter: an object/array in a JSON body, or JSON text in a form field.
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws(Refusal) -> T? {
        guard let value = values[name], value != .null else { return nil }
        let data: Data
        if case let .string(text) = value {
            if text.isEmpty { return nil }
            data = Data(text.utf8)
        } else {
            guard let encoded = try? BotWire.makeEncoder().encode(value) else { return nil }
            data = encoded
        }
        do {
            return try BotWire.makeDecoder().decode(T.self, from: data)
        } catch {
            throw Refusal.badRequest("can't parse \(name) JSON object")
        }
    }

    /// A JSONValue parameter, parsing JSON text from form fields.
    func json(_ name: String) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        if case let .string(text) = value, let parsed = try? JSONParser.parse(text.utf8) { return parsed }
        return value
    }

    /// A loggable copy: file contents replaced by their sizes.
    var logValue: JSONValue {
        var object = values
        for (name, file) in files where object[name] == nil {
            object[name] = .string("<file \(file.filename), \(file.data.count) bytes>")
        }
        return .object(object)
    }
}

/// A request body that cannot be read.
public struct ParamsError: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}
