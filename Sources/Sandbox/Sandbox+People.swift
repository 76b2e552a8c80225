import BotAPI
import Foundation

/// What a person sends: text, or media with an optional caption.
public enum PersonContent: Sendable, Hashable {
    /// Text; without entities, url and bot_command entities are detected as Telegram does.
    case text(String, entities: [MessageEntity]? = nil)
    case photo(caption: String? = nil, captionEntities: [MessageEntity]? = nil, data: Data? = nil)
    case video(caption: String? = nil, captionEntities: [MessageEntity]? = nil, data: Data? = nil, duration: Int = 15)
    case document(fileName: String, mimeType: String = "application/pdf", caption: String? = nil, data: Data? = nil)
}

/// People: who exists, who blocked the bot.
extension Sandbox {
    /// Adds a person. With `startedBot` they have opened the bot's chat, so the bot may write to them.
    @discardableResult
    public func addUser(id: Int64, firstName: String, lastName: String? = nil, username: String? = nil,
                        languageCode: String? = "ru", startedBot: Bool = true) -> User {
        let user = User(id: id, firstName: firstName, lastName: lastName, username: username, languageCode: languageCode)
        users[id] = user
        let chat = Chat(id: id, type: "private", username: username, firstName: firstName, lastName: lastName)
        chats[id] = ChatRecord(chat: chat, user: user, startedBot: startedBot, chatInstance: Self.newChatInstance())
        return user
    }

    /// Adds a group (negative id) the bot is a member of; added users can then write in it.
    @discardableResult
    public func addGroup(id: Int64, title: String, type: String = "supergroup", username: String? = nil) -> Chat {
        let chat = Chat(id: id, type: type, title: title, username: username)
        chats[id] = ChatRecord(chat: chat, user: nil, startedBot: true, chatInstance: Self.newChatInstance())
        return chat
    }

    /// The person blocks the bot: sends answer 403, and (by default) a my_chat_member update arrives.
    public func block(_ userId: Int64, notify: Bool = true) throws {
        try setBlocked(userId, blocked: true, notify: notify)
    }

    /// The person unblocks (restarts) the bot.
    public func unblock(_ userId: Int64, notify: Bool = true) throws {
        try setBlocked(userId, blocked: false, notify: notify)
    }

    private func setBlocked(_ userId: Int64, blocked: Bool, notify: Bool) throws {
        guard let user = users[userId], chats[userId] != nil else { throw SandboxError.unknownUser(userId) }
        guard chats[userId]!.blocked != blocked else { return }
        chats[userId]!.blocked = blocked
        if !blocked { chats[userId]!.startedBot = true }
        if notify {
            let member = ChatMember(status: "member", user: bot)
            let kicked = ChatMember(status: "kicked", user: bot)
            let change = ChatMemberUpdated(chat: chats[userId]!.chat, from: user, date: date,
                                           oldChatMember: blocked ? member : kicked,
                                           newChatMember: blocked ? kicked : member)
            enqueue(Update(updateId: 0, kind: .myChatMember(change)))
        }
        notifyWaiters()
    }

    static func newChatInstance() -> String { String(Int64.random(in: 1_000_000_000_000_000...9_000_000_000_000_000_000)) }
}

/// Acting as people: every action injects the update Telegram would send the bot.
extension Sandbox {
    /// The person sends text (in their private chat unless `chatId` names a group).
    @discardableResult
    public func sendText(_ text: String, from userId: Int64, in chatId: Int64? = nil,
                         entities: [MessageEntity]? = nil) throws -> Message {
        try post(.text(text, entities: entities), from: userId, in: chatId)
    }

    /// The person sends a command, e.g. `sendCommand("start", arguments: "invite-123", from: id)`.
    @discardableResult
    public func sendCommand(_ command: String, arguments: String? = nil, from userId: Int64,
                            in chatId: Int64? = nil) throws -> Message {
        let name = command.hasPrefix("/") ? command : "/" + command
        let text = arguments.map { name + " " + $0 } ?? name
        let entity = MessageEntity(type: "bot_command", offset: 0, length: name.utf16.count)
        return try post(.text(text, entities: [entity]), from: userId, in: chatId)
    }

    /// The person replies to a message (usually one of the bot's), so `reply_to_message` is filled.
    @discardableResult
    public func reply(to messageId: Int64, with content: PersonContent, from userId: Int64,
                      in chatId: Int64? = nil) throws -> Message {
        try post(content, from: userId, in: chatId, replyTo: messageId)
    }

    /// The person replies to a message with text.
    @discardableResult
    public func reply(to messageId: Int64, text: String, from userId: Int64, in chatId: Int64? = nil) throws -> Message {
        try post(.text(text), from: userId, in: chatId, replyTo: messageId)
    }

    /// The person forwards a post from elsewhere: `origin` says where it came from.
    @discardableResult
    public func forward(_ content: PersonContent, origin: MessageOrigin, from userId: Int64,
                        in chatId: Int64? = nil) throws -> Message {
        try post(content, from: userId, in: chatId, forwardOrigin: origin)
    }

    /// The person sends a photo (a video, a document) with an optional caption.
    @discardableResult
    public func sendMedia(_ content: PersonContent, from userId: Int64, in chatId: Int64? = nil) throws -> Message {
        try post(content, from: userId, in: chatId)
    }

    /// The person sends an album: each item is its own update with one media_group_id, and no end marker.
    @discardableResult
    public func sendAlbum(_ items: [PersonContent], from userId: Int64, in chatId: Int64? = nil,
                          forwardOrigin: MessageOrigin? = nil) throws -> [Message] {
        let groupId = Self.newMediaGroupId()
        var result: [Message] = []
        for item in items {
            result.append(try post(item, from: userId, in: chatId, forwardOrigin: forwardOrigin, mediaGroupId: groupId))
        }
        return result
    }

    /// The person edits one of their messages: an edited_message update arrives.
    @discardableResult
    public func editText(of messageId: Int64, to text: String, by userId: Int64, in chatId: Int64? = nil) throws -> Message {
        let chatId = chatId ?? userId
        guard var stored = chats[chatId]?.messages[messageId], !stored.sentByBot,
              stored.message.from?.id == userId else {
            throw SandboxError.unknownMessage(chatId: chatId, messageId: messageId)
        }
        stored.history.append(stored.message)
        stored.message.text = text
        stored.message.entities = Self.detectEntities(text)
        stored.message.editDate = date
        chats[chatId]?.messages[messageId] = stored
        enqueue(Update(updateId: 0, kind: .editedMessage(stored.message)))
        notifyWaiters()
        return stored.message
    }

    /// Builds, stores and injects one message from a person.
    @discardableResult
    func post(_ content: PersonContent, from userId: Int64, in chatId: Int64?, replyTo: Int64? = nil,
              forwardOrigin: MessageOrigin? = nil, mediaGroupId: String? = nil) throws -> Message {
        guard let user = users[userId] else { throw SandboxError.unknownUser(userId) }
        let chatId = chatId ?? userId
        guard chats[chatId] != nil else { throw SandboxError.unknownChat(chatId) }
        if chatId == userId {
            // Writing to the bot is starting it; a blocked bot is unblocked first (the "Restart" button).
            if chats[chatId]!.blocked { try unblock(userId) }
            chats[chatId]!.startedBot = true
        }
        var message = Message(messageId: chats[chatId]!.allocateMessageId(), from: user, date: date,
                              chat: chats[chatId]!.chat)
        if let replyTo {
            guard var target = chats[chatId]!.messages[replyTo]?.message else {
                throw SandboxError.unknownMessage(chatId: chatId, messageId: replyTo)
            }
            target.replyToMessage = nil
            message.replyToMessage = Box(target)
        }
        message.forwardOrigin = forwardOrigin
        message.mediaGroupId = mediaGroupId
        switch content {
        case let .text(text, entities):
            message.text = text
            message.entities = entities ?? Self.detectEntities(text)
        case let .photo(caption, captionEntities, data):
            let file = files.add(kind: .photo, data: data ?? FileStore.placeholder(for: .photo), fileName: nil, mimeType: nil)
            message.photo = file.photoSizes
            setCaption(caption, captionEntities, on: &message)
        case let .video(caption, captionEntities, data, duration):
            let file = files.add(kind: .video, data: data ?? FileStore.placeholder(for: .video), fileName: "video.mp4",
                                 mimeType: "video/mp4", duration: duration)
            message.video = file.video
            setCaption(caption, captionEntities, on: &message)
        case let .document(fileName, mimeType, caption, data):
            let file = files.add(kind: .document, data: data ?? FileStore.placeholder(for: .document),
                                 fileName: fileName, mimeType: mimeType)
            message.document = file.document
            setCaption(caption, nil, on: &message)
        }
        chats[chatId]!.store(StoredMessage(message: message, sentByBot: false))
        enqueue(Update(updateId: 0, kind: .message(message)))
        notifyWaiters()
        return message
    }

    private func setCaption(_ caption: String?, _ entities: [MessageEntity]?, on message: inout Message) {
        guard let caption, !caption.isEmpty else { return }
        message.caption = caption
        message.captionEntities = entities ?? Self.detectEntities(caption)
    }

    /// Telegram marks commands at the start and http(s) links in what people write.
    static func detectEntities(_ text: String) -> [MessageEntity]? {
        var result: [MessageEntity] = []
        var offset = 0
        var isFirst = true
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            for (lineIndex, token) in piece.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if lineIndex > 0 { offset += 1 }
                let length = token.utf16.count
                if isFirst, token.hasPrefix("/"), length > 1 {
                    result.append(MessageEntity(type: "bot_command", offset: offset, length: length))
                } else if token.hasPrefix("http://") || token.hasPrefix("https://") {
                    result.append(MessageEntity(type: "url", offset: offset, length: length))
                }
                isFirst = false
                offset += length
            }
            offset += 1
        }
        return result.isEmpty ? nil : result
    }
}
