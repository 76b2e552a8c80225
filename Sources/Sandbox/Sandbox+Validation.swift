import BotAPI
import Foundation

/// Checks every send and edit goes through: the chat, the text, the keyboard, the flood limits.
extension Sandbox {
    static let maxTextLength = 4096
    static let maxCaptionLength = 1024
    static let maxButtons = 100

    /// The chat a send goes to, refused as Telegram would: unknown, blocked, or never started.
    func writableChat(_ p: RequestParams, key: String = "chat_id") throws(Refusal) -> Int64 {
        guard let raw = p.string(key), !raw.isEmpty else { throw .badRequest("\(key) is empty") }
        guard let id = Int64(raw) else {
            // "@username" addresses public chats only; people's chats cannot be reached that way.
            if let found = chats.values.first(where: { $0.chat.type != "private" && "@" + ($0.chat.username ?? "") == raw }) {
                return found.chat.id
            }
            throw .chatNotFound
        }
        guard let record = chats[id] else { throw .chatNotFound }
        if record.blocked { throw .blocked }
        if !record.startedBot { throw .cannotInitiate }
        return id
    }

    /// Admits one send under the flood limits, or refuses with 429 and the seconds to wait.
    func admitSend(to chatId: Int64) throws(Refusal) {
        if let wait = limiter.admit(chatId: chatId, now: config.floodClock()) {
            floodRefusals += 1
            throw .tooManyRequests(retryAfter: wait)
        }
    }

    /// Text or caption after parse_mode, trimmed and measured as Telegram does.
    func formatted(_ raw: String, parseMode: String?, entitiesParam: [MessageEntity]?,
                   isCaption: Bool) throws(Refusal) -> (text: String, entities: [MessageEntity]?) {
        var text = raw
        var entities = entitiesParam ?? []
        switch parseMode?.lowercased() {
        case nil, "": break
        case "html":
            do {
                (text, entities) = try TelegramHTML.parse(raw)
            } catch {
                throw .badRequest("can't parse entities: " + error.message)
            }
        case "markdown", "markdownv2":
            break // not modelled: kept verbatim (Otklik sends HTML)
        default:
            throw .badRequest("unsupported parse_mode")
        }
        (text, entities) = Self.trimmed(text, entities)
        let length = text.utf16.count
        if isCaption {
            if length > Self.maxCaptionLength { throw .captionTooLong }
        } else {
            if length == 0 { throw .textEmpty }
            if length > Self.maxTextLength { throw .textTooLong }
        }
        return (text, entities.isEmpty ? nil : entities)
    }

    /// Telegram strips leading and trailing whitespace and shifts the entities with it.
    static func trimmed(_ text: String, _ entities: [MessageEntity]) -> (String, [MessageEntity]) {
        let units = Array(text.utf16)
        func isSpace(_ u: UInt16) -> Bool { u == 0x20 || (u >= 0x09 && u <= 0x0D) }
        var start = 0
        var end = units.count
        while start < end, isSpace(units[start]) { start += 1 }
        while end > start, isSpace(units[end - 1]) { end -= 1 }
        if start == 0, end == units.count { return (text, entities) }
        let result = String(decoding: units[start..<end], as: UTF16.self)
        let shifted: [MessageEntity] = entities.compactMap { entity in
            let lower = max(entity.offset, start), upper = min(entity.offset + entity.length, end)
            guard upper > lower else { return nil }
            var e = entity
            e.offset = lower - start
            e.length = upper - lower
            return e
        }
        return (result, shifted)
    }

    /// The reply_markup of a send or edit: an inline keyboard (validated), a force reply, or none.
    func replyMarkup(_ p: RequestParams) throws(Refusal) -> (keyboard: InlineKeyboardMarkup?, forceReply: Bool) {
        guard let value = p.json("reply_markup") else { return (nil, false) }
        guard case let .object(object) = value else { throw .badRequest("can't parse reply keyboard markup JSON object") }
        if let rows = object["inline_keyboard"] {
            try Self.validateInlineKeyboard(rows)
            // Buttons whose fields are all strings (every bot's, nearly) are built directly; anything
            // else goes through decoding, which refuses what Telegram refuses.
            if let keyboard = Self.plainKeyboard(rows) { return (keyboard, false) }
            return (try p.decode(InlineKeyboardMarkup.self, "reply_markup"), false)
        }
        if object["force_reply"]?.boolValue == true { return (nil, true) }
        if object["keyboard"] != nil || object["remove_keyboard"] != nil { return (nil, false) }
        throw .badRequest("can't parse reply keyboard markup JSON object")
    }

    /// The keyboard as decoding would read it, when every button's text, url and callback_data are
    /// strings; nil otherwise. (Re-encoding the JSON to decode it was a tenth of the sandbox's time.)
    static func plainKeyboard(_ rows: JSONValue) -> InlineKeyboardMarkup? {
        guard case let .array(rowList) = rows else { return nil }
        var keyboard: [[InlineKeyboardButton]] = []
        for row in rowList {
            guard case let .array(buttons) = row else { return nil }
            var line: [InlineKeyboardButton] = []
            for value in buttons {
                guard case let .object(fields) = value, case let .string(text)? = fields["text"] else { return nil }
                var button = InlineKeyboardButton(text: text, url: "")
                button.url = nil
                switch fields["url"] {
                case nil: break
                case let .string(url)?: button.url = url
                default: return nil
                }
                switch fields["callback_data"] {
                case nil: break
                case let .string(data)?: button.callbackData = data
                default: return nil
                }
                line.append(button)
            }
            keyboard.append(line)
        }
        return InlineKeyboardMarkup(keyboard)
    }

    static func validateInlineKeyboard(_ rows: JSONValue) throws(Refusal) {
        guard case let .array(rowList) = rows else {
            throw .badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array")
        }
        var count = 0
        for row in rowList {
            guard case let .array(buttons) = row else {
                throw .badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array of Arrays")
            }
            for button in buttons {
                count += 1
                try validateButton(button)
            }
        }
        if count > maxButtons { throw .badRequest("REPLY_MARKUP_TOO_LONG") }
    }

    private static let otherButtonKinds = ["login_url", "switch_inline_query", "switch_inline_query_current_chat",
                                           "switch_inline_query_chosen_chat", "web_app", "callback_game", "pay",
                                           "copy_text"]

    private static func validateButton(_ button: JSONValue) throws(Refusal) {
        guard case let .object(fields) = button else {
            throw .badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        }
        guard case .string? = fields["text"] else {
            throw .badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
        }
        if let data = fields["callback_data"] {
            guard case let .string(text) = data, (1...64).contains(text.utf8.count) else { throw .buttonDataInvalid }
            return
        }
        if let url = fields["url"] {
            guard case let .string(text) = url, let checked = TelegramHTML.checkedLink(text), checked == text else {
                throw .badRequest("BUTTON_URL_INVALID")
            }
            return
        }
        if otherButtonKinds.contains(where: { fields[$0] != nil }) { return }
        throw .badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    }

    /// The message a send replies to, from reply_parameters or the older reply_to_message_id.
    func replyTarget(_ p: RequestParams, chatId: Int64) throws(Refusal) -> Message? {
        var messageId = try p.int64("reply_to_message_id")
        var allowWithout = p.bool("allow_sending_without_reply") ?? false
        if let parameters = p.json("reply_parameters"), case let .object(object) = parameters {
            messageId = object["message_id"]?.int64Value
            allowWithout = object["allow_sending_without_reply"]?.boolValue ?? false
        }
        guard let messageId else { return nil }
        guard var target = chats[chatId]?.messages[messageId]?.message else {
            if allowWithout { return nil }
            throw .badRequest("message to be replied not found")
        }
        target.replyToMessage = nil // Telegram does not nest replies further
        return target
    }
}
