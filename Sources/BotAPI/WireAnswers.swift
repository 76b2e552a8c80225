import Foundation
import Messaging

extension WireRequest {
    /// An edit answers `true` or the edited message; either way the message is the one it names.
    var isEdit: Bool { method.hasPrefix("editMessage") }
}

extension BotWire {
    /// The body that posts `request`: its JSON, or multipart/form-data when it uploads files.
    public static func body(for request: WireRequest) throws(BotAPIError) -> Body {
        if request.files.isEmpty { return Body(contentType: "application/json", data: request.parameters) }
        return try multipart(json: request.parameters, uploads: request.files)
    }

    /// The ids of the messages Telegram's answer to `request` created or edited. Only the ids are
    /// read: the bot keeps nothing else of what it sent. An edit that changes nothing succeeded as far
    /// as anyone can tell.
    public static func sentMessageIds(for request: WireRequest, status: Int, body: Data) throws(BotAPIError) -> [Int64] {
        do {
            let ids = try decode(SentIds.self, status: status, body: body).ids
            if request.isEdit, ids.isEmpty { return editedId(request) }
            return ids
        } catch where request.isEdit && error.isNotModified {
            return editedId(request)
        }
    }

    private static func editedId(_ request: WireRequest) -> [Int64] {
        struct Edited: Decodable { var messageId: Int64? }
        return ((try? makeDecoder().decode(Edited.self, from: request.parameters))?.messageId).map { [$0] } ?? []
    }

    /// A result read for its message ids only: a message, a list of them (an album), or `true`.
    struct SentIds: Decodable {
        var ids: [Int64]
        private struct One: Decodable { var messageId: Int64 }

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(One.self) { ids = [one.messageId] }
            else if let many = try? c.decode([One].self) { ids = many.map(\.messageId) }
            else { _ = try c.decode(Bool.self); ids = [] }
        }
    }
}
