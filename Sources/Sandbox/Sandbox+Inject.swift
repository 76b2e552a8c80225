import BotAPI
import Foundation

/// Pressing buttons, raw updates and bulk injection.
extension Sandbox {
    /// The person presses the button with this text on a bot message (the newest one that has it,
    /// unless `messageId` is given). The callback_query carries the message as it is now.
    @discardableResult
    public func pressButton(_ text: String, by userId: Int64, messageId: Int64? = nil,
                            in chatId: Int64? = nil) throws -> CallbackQuery {
        try press(by: userId, messageId: messageId, in: chatId, describedAs: "\"\(text)\"") { $0.text == text }
    }

    /// The person presses the button carrying this callback data.
    @discardableResult
    public func pressButton(data: String, by userId: Int64, messageId: Int64? = nil,
                            in chatId: Int64? = nil) throws -> CallbackQuery {
        try press(by: userId, messageId: messageId, in: chatId, describedAs: "with data \"\(data)\"") {
            $0.callbackData == data
        }
    }

    /// A callback query with any data on a bot message, as a forged or stale client could send.
    @discardableResult
    public func sendCallback(data: String, by userId: Int64, messageId: Int64, in chatId: Int64? = nil) throws -> CallbackQuery {
        let chatId = chatId ?? userId
        guard let stored = chats[chatId]?.messages[messageId] else {
            throw SandboxError.unknownMessage(chatId: chatId, messageId: messageId)
        }
        return try injectCallback(data: data, by: userId, message: stored.message)
    }

    private func press(by userId: Int64, messageId: Int64?, in chatId: Int64?, describedAs what: String,
                       matching: (InlineKeyboardButton) -> Bool) throws -> CallbackQuery {
        let chatId = chatId ?? userId
        guard let chat = chats[chatId] else { throw SandboxError.unknownChat(chatId) }
        let candidates = messageId.map { [$0] } ?? chat.botMessageIds.reversed()
        for id in candidates {
            guard let message = chat.messages[id]?.message, message.from?.id == bot.id else { continue }
            let buttons = (message.replyMarkup?.inlineKeyboard ?? []).flatMap { $0 }
            if let button = buttons.first(where: matching) {
                guard let data = button.callbackData else { throw SandboxError.noSuchButton(what + " (a link button)") }
                return try injectCallback(data: data, by: userId, message: message)
            }
        }
        throw SandboxError.noSuchButton(what)
    }

    private func injectCallback(data: String, by userId: Int64, message: Message) throws -> CallbackQuery {
        guard let user = users[userId] else { throw SandboxError.unknownUser(userId) }
        guard let instance = chats[message.chat.id]?.chatInstance else { throw SandboxError.unknownChat(message.chat.id) }
        let id = String(UInt64.random(in: 1_000_000_000_000_000_000...9_000_000_000_000_000_000))
        let query = CallbackQuery(id: id, from: user, message: message, chatInstance: instance, data: data)
        openCallbacks[id] = data
        enqueue(Update(updateId: 0, kind: .callbackQuery(query)))
        notifyWaiters()
        return query
    }

    /// Injects any update; its update_id is replaced by the next one. Answers the id given.
    @discardableResult
    public func inject(_ update: Update) -> Int64 {
        if case let .unknown(.object(object)) = update.kind {
            var object = object
            let id = updates.nextId
            object["update_id"] = .number(Double(id))
            let json = (try? BotWire.makeEncoder().encode(JSONValue.object(object))) ?? Data()
            enqueueRaw(id: id, kind: Self.kindName(update.kind), json: json)
            notifyWaiters()
            return id
        }
        let id = enqueue(update)
        notifyWaiters()
        return id
    }

    /// Injects raw JSON as one element of the getUpdates result. An object without update_id gets
    /// the next id; text that is not JSON goes out as is (to test how the bot survives a broken batch).
    @discardableResult
    public func injectRaw(json: String) -> Int64 {
        let data = Data(json.utf8)
        guard case var .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            let id = updates.nextId
            enqueueRaw(id: id, kind: "raw", json: data)
            notifyWaiters()
            return id
        }
        let kind = object.keys.filter { $0 != "update_id" }.sorted().first ?? "raw"
        if let given = object["update_id"]?.int64Value {
            enqueueRaw(id: given, kind: kind, json: data)
            notifyWaiters()
            return given
        }
        let id = updates.nextId
        object["update_id"] = .number(Double(id))
        let encoded = (try? BotWire.makeEncoder().encode(JSONValue.object(object))) ?? data
        enqueueRaw(id: id, kind: kind, json: encoded)
        notifyWaiters()
        return id
    }

    /// Injects `count` text messages round-robin from `userIds`, fast (for benchmarks).
    /// Answers the update ids used.
    @discardableResult
    public func injectTexts(count: Int, from userIds: [Int64],
                            text: @Sendable (Int) -> String = { "message \($0)" }) throws -> ClosedRange<Int64>? {
        guard count > 0, !userIds.isEmpty else { return nil }
        for id in userIds where users[id] == nil { throw SandboxError.unknownUser(id) }
        let encoder = BotWire.makeEncoder()
        let first = updates.nextId
        for index in 0..<count {
            let userId = userIds[index % userIds.count]
            var message = Message(messageId: chats[userId]!.allocateMessageId(), from: users[userId], date: date,
                                  chat: chats[userId]!.chat, text: text(index))
            message.entities = Self.detectEntities(message.text!)
            chats[userId]!.startedBot = true
            chats[userId]!.store(StoredMessage(message: message, sentByBot: false))
            let update = Update(updateId: updates.allocateId(), kind: .message(message))
            let json = (try? encoder.encode(update)) ?? Data("{}".utf8)
            updates.append(QueuedUpdate(id: update.updateId, kind: "message", json: json))
        }
        wakePoll()
        notifyWaiters()
        return first...(updates.nextId - 1)
    }
}
