import BotAPI
import Foundation

/// An error answer as Telegram words it: the HTTP status equals `code`.
struct Refusal: Error, Sendable, Equatable {
    var code: Int
    var description: String
    var retryAfter: Int? = nil

    static func badRequest(_ text: String) -> Refusal { Refusal(code: 400, description: "Bad Request: " + text) }
    static func forbidden(_ text: String) -> Refusal { Refusal(code: 403, description: "Forbidden: " + text) }
    static func tooManyRequests(retryAfter: Int) -> Refusal {
        Refusal(code: 429, description: "Too Many Requests: retry after \(retryAfter)", retryAfter: retryAfter)
    }

    static let unauthorized = Refusal(code: 401, description: "Unauthorized")
    static let notFound = Refusal(code: 404, description: "Not Found")
    static let chatNotFound = badRequest("chat not found")
    static let blocked = forbidden("bot was blocked by the user")
    static let cannotInitiate = forbidden("bot can't initiate conversation with a user")
    static let textEmpty = badRequest("message text is empty")
    static let textTooLong = badRequest("message is too long")
    static let captionTooLong = badRequest("message caption is too long")
    static let buttonDataInvalid = badRequest("BUTTON_DATA_INVALID")
    static let wrongFile = badRequest("wrong file identifier/HTTP URL specified")
    static let notModified = badRequest("message is not modified: specified new message content and reply markup "
        + "are exactly the same as a current content and reply markup of the message")
    static let editNotFound = badRequest("message to edit not found")
    static let cannotEdit = badRequest("message can't be edited")
    static let queryTooOld = badRequest("query is too old and response timeout expired or query ID is invalid")
    static let pollConflict = Refusal(code: 409, description: "Conflict: terminated by other getUpdates request; "
        + "make sure that only one bot instance is running")
    static let webhookConflict = Refusal(code: 409, description: "Conflict: can't use getUpdates method while "
        + "webhook is active; use deleteWebhook to delete the webhook first")

    /// The `{"ok":false,…}` envelope.
    var envelope: Data {
        var object: [String: JSONValue] = [
            "ok": .bool(false), "error_code": .number(Double(code)), "description": .string(description),
        ]
        if let retryAfter { object["parameters"] = .object(["retry_after": .number(Double(retryAfter))]) }
        return (try? BotWire.makeEncoder().encode(JSONValue.object(object))) ?? Data()
    }
}
