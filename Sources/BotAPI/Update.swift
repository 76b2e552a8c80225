import Foundation

/// One incoming update. Kinds we do not handle keep their raw JSON and are skipped by the runtime;
/// an update whose payload fails to decode becomes `.unknown` too, so one odd update never fails a batch.
public struct Update: Codable, Hashable, Sendable {
    public var updateId: Int64
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        case message(Message)
        case editedMessage(Message)
        case callbackQuery(CallbackQuery)
        case myChatMember(ChatMemberUpdated)
        case unknown(JSONValue)
    }

    public init(updateId: Int64, kind: Kind) {
        self.updateId = updateId
        self.kind = kind
    }

    private enum CodingKeys: String, CodingKey {
        case updateId, message, editedMessage, callbackQuery, myChatMember
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        updateId = try c.decode(Int64.self, forKey: .updateId)
        do {
            if let m = try c.decodeIfPresent(Message.self, forKey: .message) { kind = .message(m) }
            else if let m = try c.decodeIfPresent(Message.self, forKey: .editedMessage) { kind = .editedMessage(m) }
            else if let q = try c.decodeIfPresent(CallbackQuery.self, forKey: .callbackQuery) { kind = .callbackQuery(q) }
            else if let u = try c.decodeIfPresent(ChatMemberUpdated.self, forKey: .myChatMember) { kind = .myChatMember(u) }
            else { kind = .unknown(try JSONValue(from: decoder)) }
        } catch {
            kind = .unknown((try? JSONValue(from: decoder)) ?? .null)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch kind {
        case let .unknown(.object(raw)):
            try JSONValue.object(raw).encode(to: encoder)
        case .unknown:
            // A payload that did not even read as JSON (invalid UTF-8 in a string): keep at least the id.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(updateId, forKey: .updateId)
        default:
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(updateId, forKey: .updateId)
            switch kind {
            case let .message(m): try c.encode(m, forKey: .message)
            case let .editedMessage(m): try c.encode(m, forKey: .editedMessage)
            case let .callbackQuery(q): try c.encode(q, forKey: .callbackQuery)
            case let .myChatMember(u): try c.encode(u, forKey: .myChatMember)
            case .unknown: break
            }
        }
    }

    /// The chat the update belongs to: updates of one chat are handled in order.
    public var chatId: Int64? {
        switch kind {
        case let .message(m), let .editedMessage(m): return m.chat.id
        case let .callbackQuery(q): return q.message?.message.chat.id ?? q.from.id
        case let .myChatMember(u): return u.chat.id
        case .unknown: return nil
        }
    }

    /// The person who caused the update.
    public var sender: User? {
        switch kind {
        case let .message(m), let .editedMessage(m): return m.from
        case let .callbackQuery(q): return q.from
        case let .myChatMember(u): return u.from
        case .unknown: return nil
        }
    }
}

/// A lenient array of updates: an element that does not decode is kept as `.unknown` when its
/// update_id can be read (so it is still confirmed), and dropped otherwise, never failing the batch.
public struct UpdateBatch: Decodable, Sendable {
    public var updates: [Update]

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var result: [Update] = []
        while !c.isAtEnd {
            if let u = try? c.decode(Update.self) {
                result.append(u)
            } else if let raw = try? c.decode(JSONValue.self) {
                if let id = raw["update_id"]?.int64Value { result.append(Update(updateId: id, kind: .unknown(raw))) }
            } else {
                // Nothing readable, not even the id (JSONDecoder checks strings lazily, so a control
                // character in a key fails only here). A failed decode does not move the container on:
                // without this step the loop would never end and the poller would hang.
                let before = c.currentIndex
                _ = try? c.decode(Unreadable.self)
                if c.currentIndex == before { break }
            }
        }
        updates = result
    }
}

/// Reads nothing: decoding it steps over an element that cannot be read at all.
private struct Unreadable: Decodable {
    init(from decoder: any Decoder) {}
}
