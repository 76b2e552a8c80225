import BotAPI
import Foundation

/// sendMessage, sendPhoto/Video/Document, sendMediaGroup and copyMessage.
extension Sandbox {
    func sendMessage(_ p: RequestParams) throws(Refusal) -> Message {
        let chatId = try writableChat(p)
        guard let raw = p.string("text") else { throw .textEmpty }
        let parseMode = p.string("parse_mode")
        let (text, entities) = try formatted(raw, parseMode: parseMode,
                                             entitiesParam: try p.decode([MessageEntity].self, "entities"), isCaption: false)
        let (keyboard, forceReply) = try replyMarkup(p)
        let reply = try replyTarget(p, chatId: chatId)
        try admitSend(to: chatId)
        var message = newBotMessage(in: chatId)
        message.text = text
        message.entities = entities
        message.replyMarkup = keyboard
        message.replyToMessage = reply.map(Box.init)
        store(message, parseMode: parseMode, source: raw, forceReply: forceReply)
        return message
    }

    func sendMedia(_ p: RequestParams, kind: MediaKind) throws(Refusal) -> Message {
        let chatId = try writableChat(p)
        let file = try resolveFile(p, field: kind.rawValue, kind: kind)
        let parseMode = p.string("parse_mode")
        let raw = p.string("caption")
        let caption = try raw.map { (r: String) throws(Refusal) in
            try formatted(r, parseMode: parseMode,
                          entitiesParam: try p.decode([MessageEntity].self, "caption_entities"), isCaption: true)
        }
        let (keyboard, forceReply) = try replyMarkup(p)
        let reply = try replyTarget(p, chatId: chatId)
        try admitSend(to: chatId)
        var message = newBotMessage(in: chatId)
        Self.attach(file, to: &message)
        message.caption = caption?.text.isEmpty == false ? caption?.text : nil
        message.captionEntities = caption?.entities
        message.replyMarkup = keyboard
        message.replyToMessage = reply.map(Box.init)
        store(message, parseMode: parseMode, source: raw, forceReply: forceReply)
        return message
    }

    func sendMediaGroup(_ p: RequestParams) throws(Refusal) -> [Message] {
        let chatId = try writableChat(p)
        guard case let .array(items)? = p.json("media") else { throw .badRequest("can't parse media JSON object") }
        if items.count > 10 { throw .badRequest("too many messages to send as an album") }
        if items.count < 2 { throw .badRequest("wrong number of messages to send as an album: 2-10 are allowed") }
        var prepared: [(FileRecord, (text: String, entities: [MessageEntity]?)?, String?, String?)] = []
        var kinds = Set<MediaKind>()
        for item in items {
            guard case let .object(fields) = item, let type = fields["type"]?.stringValue,
                  let kind = MediaKind(rawValue: type) else {
                throw .badRequest("unsupported media type in the album")
            }
            kinds.insert(kind)
            var itemParams = RequestParams(values: fields, files: p.files)
            itemParams.values["media"] = fields["media"]
            let file = try resolveFile(itemParams, field: "media", kind: kind)
            let parseMode = fields["parse_mode"]?.stringValue
            let raw = fields["caption"]?.stringValue
            let caption = try raw.map { (r: String) throws(Refusal) in
                try formatted(r, parseMode: parseMode,
                              entitiesParam: try itemParams.decode([MessageEntity].self, "caption_entities"),
                              isCaption: true)
            }
            prepared.append((file, caption, parseMode, raw))
        }
        if kinds.contains(.document), kinds.count > 1 {
            throw .badRequest("document can't be mixed with other media types")
        }
        let reply = try replyTarget(p, chatId: chatId)
        // One album is one send for the limits: counting items would make a 10-item album unsendable.
        try admitSend(to: chatId)
        let groupId = Self.newMediaGroupId()
        return prepared.map { file, caption, parseMode, raw in
            var message = newBotMessage(in: chatId)
            Self.attach(file, to: &message)
            message.mediaGroupId = groupId
            message.caption = caption?.text.isEmpty == false ? caption?.text : nil
            message.captionEntities = caption?.entities
            message.replyToMessage = reply.map(Box.init)
            store(message, parseMode: parseMode, source: raw, forceReply: false)
            return message
        }
    }

    func copyMessage(_ p: RequestParams) throws(Refusal) -> MessageId {
        guard let fromRaw = p.string("from_chat_id"), let fromId = Int64(fromRaw), let source = chats[fromId] else {
            throw .chatNotFound
        }
        guard let sourceId = try p.int64("message_id"), let original = source.messages[sourceId]?.message else {
            throw .badRequest("message to copy not found")
        }
        let chatId = try writableChat(p)
        var message = newBotMessage(in: chatId)
        message.text = original.text
        message.entities = original.entities
        message.photo = original.photo
        message.video = original.video
        message.document = original.document
        message.caption = original.caption
        message.captionEntities = original.captionEntities
        let parseMode = p.string("parse_mode")
        var sourceText = original.text ?? original.caption
        if original.text == nil, let raw = p.string("caption") {
            let caption = try formatted(raw, parseMode: parseMode,
                                        entitiesParam: try p.decode([MessageEntity].self, "caption_entities"),
                                        isCaption: true)
            message.caption = caption.text.isEmpty ? nil : caption.text
            message.captionEntities = caption.entities
            sourceText = raw
        }
        let (keyboard, forceReply) = try replyMarkup(p)
        message.replyMarkup = keyboard
        message.replyToMessage = try replyTarget(p, chatId: chatId).map(Box.init)
        try admitSend(to: chatId)
        store(message, parseMode: parseMode, source: sourceText, forceReply: forceReply)
        return MessageId(messageId: message.messageId)
    }

    // MARK: - Helpers

    /// A message from the bot with the next id of the chat (not stored yet).
    func newBotMessage(in chatId: Int64) -> Message {
        let id = chats[chatId]!.allocateMessageId()
        return Message(messageId: id, from: bot, date: date, chat: chats[chatId]!.chat)
    }

    func store(_ message: Message, parseMode: String?, source: String?, forceReply: Bool) {
        chats[message.chat.id]?.store(StoredMessage(message: message, sentByBot: true, parseMode: parseMode,
                                                    source: source, forceReply: forceReply))
    }

    static func attach(_ file: FileRecord, to message: inout Message) {
        switch file.kind {
        case .photo: message.photo = file.photoSizes
        case .video: message.video = file.video
        case .document: message.document = file.document
        }
    }

    /// The file of a media parameter: an upload (direct part or attach://), or a file_id Telegram has.
    func resolveFile(_ p: RequestParams, field: String, kind: MediaKind) throws(Refusal) -> FileRecord {
        var upload = p.files[field]
        if upload == nil, let value = p.string(field), value.hasPrefix("attach://") {
            guard let part = p.files[String(value.dropFirst("attach://".count))] else { throw .wrongFile }
            upload = part
        }
        if let upload {
            if upload.data.isEmpty { throw .badRequest("file must be non-empty") }
            return files.add(kind: kind, data: upload.data, fileName: upload.filename, mimeType: upload.mimeType)
        }
        guard let reference = p.string(field), !reference.isEmpty else {
            throw .badRequest("there is no \(kind.rawValue) in the request")
        }
        let lower = reference.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            throw .badRequest("failed to get HTTP URL content") // the sandbox reaches no outside URL
        }
        guard let file = files[reference] else { throw .wrongFile }
        guard file.kind == kind else { throw .badRequest("type of file mismatch") }
        return file
    }

    static func newMediaGroupId() -> String {
        String(UInt64.random(in: 10_000_000_000_000_000...99_999_999_999_999_999))
    }
}
