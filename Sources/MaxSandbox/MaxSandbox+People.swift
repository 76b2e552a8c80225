import Foundation
import MaxAPI

/// Acting as people: every action emits the update MAX would send the bot.
extension MaxSandbox {
    /// Adds a person. With `started` they have opened the dialog, so the bot may write to them.
    @discardableResult
    public func addPerson(id: Int64, firstName: String, lastName: String? = nil, username: String? = nil,
                          started: Bool = true, locale: String? = "ru") -> User {
        let user = User(userId: id, firstName: firstName, lastName: lastName, username: username)
        // A dialog's chat id is its own number, not the person's (FACTS §10: [GO] stabs).
        people[id] = PersonRecord(user: user, dialogId: 180_000_000_000 + id, started: started, locale: locale)
        return user
    }

    /// The id of the person's dialog with the bot.
    public func dialogId(of personId: Int64) -> Int64? { people[personId]?.dialogId }

    /// The person writes text; `markup` puts links behind words, as MAX's clients do.
    @discardableResult
    public func write(_ text: String, from personId: Int64, markup: [MarkupElement]? = nil) throws -> Message {
        try post(from: personId, body: { MessageBody(mid: $0, seq: $1, text: text, markup: markup) })
    }

    /// The person sends photos in one message (an album is one message with several images), with a caption.
    @discardableResult
    public func sendPhotos(_ images: [Data], caption: String? = nil, from personId: Int64) throws -> Message {
        try post(from: personId, body: { MessageBody(mid: $0, seq: $1, text: caption ?? "", attachments: self.personImages(images)) })
    }

    /// The person forwards a post: it arrives as `link` of type forward with the content in `link.message`
    /// and the message's own body empty (FACTS §5), unless they added a `comment`.
    @discardableResult
    public func forward(text: String?, images: [Data] = [], markup: [MarkupElement]? = nil, originalSender: User?,
                        originalChat: Int64, comment: String? = nil, from personId: Int64) throws -> Message {
        let linked = MessageBody(mid: "mid." + Self.randomHex(16), seq: allocateSeq(), text: text,
                                 attachments: personImages(images), markup: markup)
        let link = LinkedMessage(type: .forward, sender: originalSender, chatId: originalChat, message: linked)
        return try post(from: personId, link: link, body: { MessageBody(mid: $0, seq: $1, text: comment ?? "", attachments: []) })
    }

    /// The person edits one of their messages: `message_edited` arrives.
    @discardableResult
    public func edit(_ mid: String, to text: String, by personId: Int64) throws -> Message {
        guard var stored = messages[mid], !stored.sentByBot, stored.personId == personId else {
            throw MaxSandboxError.unknownMessage(mid)
        }
        stored.history.append(stored.message)
        stored.message.body?.text = text
        messages[mid] = stored
        emit(.messageEdited(MessageEdited(timestamp: nowMilliseconds, message: stored.message)))
        return stored.message
    }

    /// The person presses Start, from a deep link `https://max.ru/<bot>?start=<payload>` when given:
    /// `bot_started` arrives, and a stopped bot is running again.
    public func startBot(by personId: Int64, payload: String? = nil) throws {
        guard var person = people[personId] else { throw MaxSandboxError.unknownPerson(personId) }
        person.started = true
        person.stopped = false
        people[personId] = person
        emit(.botStarted(BotStarted(timestamp: nowMilliseconds, chatId: person.dialogId, user: person.user, payload: payload,
                                    userLocale: person.locale)))
    }

    /// The person stops the bot: `bot_stopped` arrives, and sends to them answer 403 until they start it again.
    public func stopBot(by personId: Int64) throws {
        guard var person = people[personId] else { throw MaxSandboxError.unknownPerson(personId) }
        person.stopped = true
        people[personId] = person
        emit(.botStopped(BotStopped(timestamp: nowMilliseconds, chatId: person.dialogId, user: person.user)))
    }

    /// The person presses the callback button with this text on a bot message (the newest that has it,
    /// unless `mid` is given): `message_callback` arrives with the message as it is now.
    @discardableResult
    public func press(_ buttonText: String, by personId: Int64, on mid: String? = nil) throws -> Callback {
        try press(by: personId, on: mid, describedAs: "\"\(buttonText)\"") { $0.text == buttonText }
    }

    /// A press with any payload on a bot message, as a forged or stale client could send.
    @discardableResult
    public func sendCallback(payload: String, by personId: Int64, on mid: String) throws -> Callback {
        guard let person = people[personId] else { throw MaxSandboxError.unknownPerson(personId) }
        guard let stored = messages[mid], stored.sentByBot else { throw MaxSandboxError.unknownMessage(mid) }
        let callback = Callback(timestamp: nowMilliseconds, callbackId: Self.randomToken(40), payload: payload, user: person.user)
        callbacks[callback.callbackId] = CallbackRecord(mid: mid, payload: payload, personId: personId)
        emit(.messageCallback(MessageCallback(timestamp: callback.timestamp, callback: callback, message: stored.message,
                                              userLocale: person.locale)))
        return callback
    }

    /// The person answers one of the bot's messages (MAX's reply: `link` of type reply).
    @discardableResult
    public func reply(to mid: String, text: String, from personId: Int64) throws -> Message {
        guard let replied = messages[mid], let body = replied.message.body else { throw MaxSandboxError.unknownMessage(mid) }
        let link = LinkedMessage(type: .reply, sender: replied.message.sender, chatId: people[personId]?.dialogId, message: body)
        return try post(from: personId, link: link, body: { MessageBody(mid: $0, seq: $1, text: text) })
    }

    /// The person presses the callback button carrying this payload.
    @discardableResult
    public func press(payload: String, by personId: Int64, on mid: String? = nil) throws -> Callback {
        try press(by: personId, on: mid, describedAs: "with payload \"\(payload)\"") { $0.payload == payload }
    }

    private func press(by personId: Int64, on mid: String?, describedAs what: String,
                       matching: (KeyboardButton) -> Bool) throws -> Callback {
        guard let person = people[personId] else { throw MaxSandboxError.unknownPerson(personId) }
        for candidate in mid.map({ [$0] }) ?? (botMessagesByPerson[personId] ?? []).reversed() {
            guard let stored = messages[candidate], stored.sentByBot, stored.personId == personId else { continue }
            let buttons = (stored.message.body?.keyboard?.buttons ?? []).flatMap { $0 }
            guard let button = buttons.first(where: matching), button.type == .callback else { continue }
            let callback = Callback(timestamp: nowMilliseconds, callbackId: Self.randomToken(40), payload: button.payload,
                                    user: person.user)
            callbacks[callback.callbackId] = CallbackRecord(mid: candidate, payload: button.payload, personId: personId)
            emit(.messageCallback(MessageCallback(timestamp: callback.timestamp, callback: callback, message: stored.message,
                                                  userLocale: person.locale)))
            return callback
        }
        throw MaxSandboxError.noSuchButton(what)
    }

    /// Builds, stores and emits one message from a person; writing starts the dialog.
    private func post(from personId: Int64, link: LinkedMessage? = nil,
                      body: (String, Int64) -> MessageBody) throws -> Message {
        guard var person = people[personId] else { throw MaxSandboxError.unknownPerson(personId) }
        person.started = true
        people[personId] = person
        let mid = "mid." + Self.randomHex(16)
        let message = Message(sender: person.user, recipient: Recipient(chatId: person.dialogId, chatType: .dialog),
                              timestamp: nowMilliseconds, link: link, body: body(mid, allocateSeq()))
        messages[mid] = StoredMessage(message: message, sentByBot: false, personId: personId)
        emit(.messageCreated(MessageCreated(timestamp: message.timestamp, message: message, userLocale: person.locale)))
        return message
    }

    /// A person's photos, as MAX has them: their tokens attach to the bot's messages too ("use token
    /// to reuse the same attachment in another message", [S33] `PhotoAttachmentPayload`).
    private func personImages(_ images: [Data]) -> [Attachment] {
        images.map { data in
            let token = Self.randomToken(32)
            mediaByToken[token] = MediaRecord(media: UploadedMedia(type: .image, filename: "photo.jpg", data: data, token: token),
                                              uploadedAt: -1e9, refusedOnce: true)
            return .image(ImagePayload(photoId: Int64.random(in: 1...Int64.max), token: token, url: cdnURL(token)))
        }
    }
}

extension MaxSandbox {
    /// Where the sandbox serves a file's bytes, as MAX's CDN does (`GET`, no token).
    func cdnURL(_ token: String) -> String {
        (url?.absoluteString ?? "https://i.oneme.ru") + "/cdn/" + token
    }

    /// The bytes behind a CDN URL's token.
    func cdnData(_ token: String) -> Data? { mediaByToken[token]?.media.data }
}

/// Reading what the bot did, and waiting for it.
extension MaxSandbox {
    /// The bot's messages to a person, oldest first, as they see them now.
    public func sentMessages(to personId: Int64) -> [SentMaxMessage] {
        (botMessagesByPerson[personId] ?? []).compactMap { messages[$0]?.asSent }
    }

    /// A person's dialog with the bot, both sides, oldest first (the bot's messages as they are now).
    public func chatHistory(with personId: Int64) -> [(fromBot: Bool, message: SentMaxMessage)] {
        messages.values.filter { $0.personId == personId }
            .sorted { ($0.message.body?.seq ?? 0, $0.message.timestamp) < ($1.message.body?.seq ?? 0, $1.message.timestamp) }
            .map { ($0.sentByBot, $0.asSent) }
    }

    /// The bot's newest message to a person.
    public func lastSentMessage(to personId: Int64) -> SentMaxMessage? { sentMessages(to: personId).last }

    /// Every `POST /answers`, in order.
    public var callbackAnswers: [RecordedCallbackAnswer] { answers }

    /// The command menu, or nil if never set.
    public var botCommands: [BotCommand]? { commands }

    /// The webhook subscriptions.
    public var currentSubscriptions: [Subscription] { subscriptionList }

    /// Every request the bot made, in the order answered.
    public var requests: [MaxRecordedRequest] { log }

    /// Every webhook post attempt, in order.
    public var webhookDeliveries: [WebhookDelivery] { deliveries }

    /// Events not yet committed by a poll's marker.
    public var pendingUpdateCount: Int { events.pendingCount }

    /// A `GET /updates` is waiting for events.
    public var isLongPollPending: Bool { pendingPoll != nil }

    /// A snapshot for conditions.
    public var view: MaxSandboxView {
        var sent: [Int64: [SentMaxMessage]] = [:]
        for personId in botMessagesByPerson.keys { sent[personId] = sentMessages(to: personId) }
        return MaxSandboxView(sent: sent, callbackAnswers: answers, requests: log, pendingUpdateCount: events.pendingCount,
                              isLongPollPending: pendingPoll != nil, webhookDeliveries: deliveries)
    }

    /// Returns once `condition` holds, checked after every change; throws `.timedOut` after `timeout`.
    public func waitUntil(_ what: String = "a condition", timeout: Duration = .seconds(20),
                          _ condition: @escaping @Sendable (MaxSandboxView) -> Bool) async throws {
        if condition(view) { return }
        waiterCounter += 1
        let id = waiterCounter
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            waiters[id] = Waiter(what: what, condition: condition, continuation: continuation)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expireWaiter(id)
            }
        }
    }

    private func expireWaiter(_ id: UInt64) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.continuation.resume(throwing: MaxSandboxError.timedOut(waiter.what))
    }

    /// Re-checks waiting conditions after a change.
    func notifyWaiters() {
        guard !waiters.isEmpty else { return }
        let snapshot = view
        for (id, waiter) in waiters where waiter.condition(snapshot) {
            waiters[id] = nil
            waiter.continuation.resume()
        }
    }
}
