import BotAPI
import Foundation

/// editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands.
extension Sandbox {
    func editMessageText(_ p: RequestParams) throws(Refusal) -> Message {
        var (chatId, stored) = try editableMessage(p)
        guard stored.message.text != nil else { throw .badRequest("there is no text in the message to edit") }
        guard let raw = p.string("text") else { throw .textEmpty }
        let parseMode = p.string("parse_mode")
        let (text, entities) = try formatted(raw, parseMode: parseMode,
                                             entitiesParam: try p.decode([MessageEntity].self, "entities"), isCaption: false)
        // Without reply_markup Telegram removes the keyboard: an edit must repeat it to keep it.
        let (keyboard, _) = try replyMarkup(p)
        let current = stored.message
        if current.text == text, (current.entities ?? []) == (entities ?? []), current.replyMarkup == keyboard {
            throw .notModified
        }
        stored.history.append(current)
        stored.message.text = text
        stored.message.entities = entities
        stored.message.replyMarkup = keyboard
        stored.message.editDate = date
        stored.parseMode = parseMode
        stored.source = raw
        chats[chatId]?.messages[current.messageId] = stored
        return stored.message
    }

    func editMessageReplyMarkup(_ p: RequestParams) throws(Refusal) -> Message {
        var (chatId, stored) = try editableMessage(p)
        let (keyboard, _) = try replyMarkup(p)
        let current = stored.message
        if current.replyMarkup == keyboard { throw .notModified }
        stored.history.append(current)
        stored.message.replyMarkup = keyboard
        stored.message.editDate = date
        chats[chatId]?.messages[current.messageId] = stored
        return stored.message
    }

    /// The bot's own message named by chat_id and message_id.
    private func editableMessage(_ p: RequestParams) throws(Refusal) -> (Int64, StoredMessage) {
        if p.has("inline_message_id") { throw .badRequest("MESSAGE_ID_INVALID") }
        guard let raw = p.string("chat_id"), !raw.isEmpty else { throw .badRequest("chat_id is empty") }
        guard let chatId = Int64(raw), let chat = chats[chatId] else { throw .chatNotFound }
        if chat.blocked { throw .blocked }
        guard let messageId = try p.int64("message_id") else { throw .badRequest("message identifier is not specified") }
        guard let stored = chat.messages[messageId] else { throw .editNotFound }
        guard stored.sentByBot else { throw .cannotEdit }
        return (chatId, stored)
    }

    func answerCallbackQuery(_ p: RequestParams) throws(Refusal) -> Bool {
        guard let id = p.string("callback_query_id"), let data = openCallbacks.removeValue(forKey: id) else {
            throw .queryTooOld
        }
        answers.append(CallbackAnswer(queryId: id, data: data, text: p.string("text"),
                                      showAlert: p.bool("show_alert") ?? false, url: p.string("url")))
        return true
    }

    func setMyCommands(_ p: RequestParams) throws(Refusal) -> Bool {
        guard let commands = try p.decode([BotCommand].self, "commands") else {
            throw .badRequest("can't parse commands JSON object")
        }
        if commands.count > 100 { throw .badRequest("too many commands") }
        for command in commands {
            let name = command.command
            let valid = (1...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
            if !valid { throw .badRequest("BOT_COMMAND_INVALID") }
            if !(1...256).contains(command.description.count) { throw .badRequest("command description is empty or too long") }
        }
        commandsByScope[try commandsKey(p)] = commands
        return true
    }

    /// Commands are kept per scope and language, as Telegram keeps them.
    func commandsKey(_ p: RequestParams) throws(Refusal) -> String {
        let scope = try p.decode(BotCommandScope.self, "scope") ?? .default
        return Self.commandsKey(scope: scope, languageCode: p.string("language_code"))
    }

    static func commandsKey(scope: BotCommandScope, languageCode: String?) -> String {
        let scopeName: String
        switch scope {
        case .default: scopeName = "default"
        case .allPrivateChats: scopeName = "all_private_chats"
        case let .chat(id): scopeName = "chat:\(id)"
        }
        return scopeName + "|" + (languageCode ?? "")
    }
}
