import Foundation

/// Any JSON value, with integers kept apart from fractions: MAX's `seq` and ids are 64-bit and do
/// not survive a trip through Double (116327994376978687 is above 2^53).
public enum MaxJSON: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([MaxJSON])
    case object([String: MaxJSON])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([MaxJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: MaxJSON].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .int(i): try c.encode(i)
        case let .double(d): try c.encode(d)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    public subscript(key: String) -> MaxJSON? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var int64Value: Int64? {
        switch self {
        case let .int(i): return i
        case let .double(d) where d.rounded() == d: return Int64(exactly: d)
        default: return nil
        }
    }

    public var objectValue: [String: MaxJSON]? {
        if case let .object(o) = self { return o }
        return nil
    }

    public var arrayValue: [MaxJSON]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// Re-reads this value as a model (a raw update kept for later, a loose request body).
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try MaxWire.decoder().decode(T.self, from: MaxWire.encoder().encode(self))
    }
}

/// The encoder and decoder every MAX body goes through. Keys are written out in each model
/// (MAX's snake_case), so no key strategy touches free-form objects; keys are sorted so the bytes of
/// an outbox row are stable.
public enum MaxWire {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Encodes a body, turning an encoding failure (a NaN, never expected) into the client's error type.
    public static func encode<T: Encodable>(_ value: T) throws(MaxAPIError) -> Data {
        do { return try encoder().encode(value) } catch { throw .invalidRequest("cannot encode \(T.self): \(error)") }
    }

    /// Decodes an answer's body; failures say which type and why, never the body (it may quote a secret).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(MaxAPIError) -> T {
        do { return try decoder().decode(T.self, from: data) } catch {
            throw .decoding("cannot read \(T.self): \(String(describing: error).prefix(300))")
        }
    }
}
