import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import MaxAPI
import MaxSandbox
import Sandbox
import Settings
import Store

/// A bot message as a person sees it now, on whichever messenger.
public struct ChatMessage: Sendable {
    /// The messenger's id of the message (Telegram's number, MAX's `mid`), as text.
    public var id: String
    public var text: String?
    /// The links behind its words (Telegram's text links, MAX's link markup).
    public var links: [String]
    /// Whether it holds a monospace block (a report's table).
    public var hasMonospace: Bool = false
    /// The payloads of its buttons.
    public var callbackData: [String]
    public var isEdited: Bool
    /// The pages its link buttons open.
    public var buttonURLs: [String] = []

    public func has(_ action: CallbackAction) -> Bool { callbackData.contains(action.encoded) }

    /// The first action of the given shape among the buttons.
    public func action(where match: (CallbackAction) -> Bool) -> CallbackAction? {
        callbackData.compactMap(CallbackAction.init(encoded:)).first(where: match)
    }
}

/// The whole bot running against one messenger's sandbox, with simulated people: what a story (the
/// demo, an end-to-end test) does, in no messenger's terms. `Stage` plays it on Telegram, `MaxStage`
/// on MAX.
public protocol MessengerStage: AnyObject, Sendable {
    var database: AppDatabase { get }
    var clock: ManualClock { get }
    var config: ServiceConfiguration { get }

    func startService() async throws
    func stop() async

    /// Forwards a post (a text, or photos with a caption) as a specialist would, and lets it settle into a case card.
    func forwardPost(_ text: String, photos: Int, from person: Int64) async throws -> ChatMessage
    /// A person writes, without waiting for the bot.
    func send(_ text: String, from person: Int64) async throws
    /// A person sends a photo, without waiting for the bot.
    func sendPhoto(from person: Int64) async throws
    /// Presses a button by its action, on the newest message that has it, and waits for what followed.
    func pressAndWait(_ action: CallbackAction, by person: Int64) async throws
    /// A press with any payload on a message of `owner`'s chat (a forged or stale button); waits for
    /// the bot and returns the notice the press showed, if any.
    func sendPress(payload: String, by person: Int64, on message: String, of owner: Int64) async throws -> String?
    /// Several people press at once; waits for the bot and returns each press's notice, in order.
    func pressTogether(_ presses: [(action: CallbackAction, person: Int64)]) async throws -> [String?]
    /// A person answers one of the bot's messages, without waiting for the bot.
    func reply(to message: String, text: String, from person: Int64) async throws
    /// Forwards several posts in a row (a batch), then lets them settle; returns the bot's next message.
    func forwardPosts(_ texts: [String], from person: Int64) async throws -> ChatMessage
    /// One of the bot's messages to a person as it is now.
    func message(_ person: Int64, id: String) async -> ChatMessage?
    /// The file a message of the bot carries (a report's workbook), as the person would download it.
    func attachedFile(_ person: Int64, message id: String) async -> (name: String, data: Data)?
    /// Stops the service as SIGTERM stops `otklik run`; `startService()` starts it again.
    func stopService() async
    /// Someone new appears on the messenger (not yet known to the bot).
    func addPerson(_ id: Int64, firstName: String, lastName: String?) async
    /// A person starts the bot, with a deep link's payload (an invitation), without waiting for the bot.
    func startBot(payload: String?, from person: Int64) async throws
    /// The bot's messages to a person, oldest first, as they are now.
    func chat(_ person: Int64) async -> [ChatMessage]
    /// Lets a chat's messages settle and returns the bot's next message after the first `count`.
    func settleChat(_ person: Int64, after count: Int) async throws -> ChatMessage
    /// Waits for the bot's next message to a person after the first `count`.
    func nextChatMessage(to person: Int64, after count: Int) async throws -> ChatMessage
    /// Waits until the bot has handled everything people did and sent what it queued.
    func waitForStore() async throws
    /// Each person's chat as they saw it at the end.
    func transcript(people: [StaffSettings.PersonEntry], english: Bool) async -> String
}

extension MessengerStage {
    /// A person writes and the bot answers.
    public func say(_ text: String, from person: Int64) async throws {
        try await send(text, from: person)
        try await waitForStore()
    }

    public func storedCase(_ id: Int64) async throws -> Case? { try await database.read { db in try db.case(id: id) } }

    /// Waits until `condition` holds for the case.
    @discardableResult
    public func waitForCase(_ id: Int64, _ condition: @escaping @Sendable (Case) -> Bool) async throws -> Case {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let c = try await storedCase(id), condition(c) { return c }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Stage.Failure("case \(id) never reached the expected state; it is \(String(describing: try await storedCase(id)?.status))")
    }

    /// Moves the clock to `instant` in half-hour steps; after each, waits until the scheduler has
    /// fired everything due and the sender has delivered it, however slow the machine.
    public func advance(to instant: Date) async throws {
        while clock.now() < instant {
            clock.set(min(instant, clock.now().addingTimeInterval(1800)))
            try await waitForTimers()
        }
        try await waitForStore()
    }

    /// Waits until no timer is due at the clock's time and the outbox is empty.
    public func waitForTimers() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let now = clock.now()
            let (due, backlog) = try await database.read { db in
                (try db.dueTimers(upTo: now, limit: 1).count, try db.outboxBacklog().count)
            }
            if due == 0 && backlog == 0 { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Stage.Failure("the scheduler did not fire the due timers within 20 s")
    }
}

extension Stage: MessengerStage {
    public func sendPress(payload: String, by person: Int64, on message: String, of owner: Int64) async throws -> String? {
        let answers = await sandbox.callbackAnswers.count
        _ = try await sandbox.sendCallback(data: payload, by: person, messageId: Int64(message) ?? 0, in: owner)
        let all = try await sandbox.waitForCallbackAnswers(count: answers + 1)
        try await waitForStore()
        return all.last?.text
    }

    public func pressTogether(_ presses: [(action: CallbackAction, person: Int64)]) async throws -> [String?] {
        let answers = await sandbox.callbackAnswers.count
        var ids: [String] = []
        for press in presses { ids.append(try await sandbox.pressButton(data: press.action.encoded, by: press.person).id) }
        let all = try await sandbox.waitForCallbackAnswers(count: answers + presses.count)
        try await waitForStore()
        return ids.map { id in all.last { $0.queryId == id }?.text }
    }

    public func reply(to message: String, text: String, from person: Int64) async throws {
        _ = try await sandbox.reply(to: Int64(message) ?? 0, text: text, from: person)
    }

    public func forwardPosts(_ texts: [String], from person: Int64) async throws -> ChatMessage {
        let before = await sandbox.sentMessages(in: person).count
        for (index, text) in texts.enumerated() {
            _ = try await sandbox.forward(.text(text), origin: .hiddenUser(date: 1, senderUserName: "Житель \(index + 1)"), from: person)
        }
        return ChatMessage(try await settle(person, after: before))
    }

    public func message(_ person: Int64, id: String) async -> ChatMessage? {
        await sandbox.sentMessage(in: person, id: Int64(id) ?? 0).map(ChatMessage.init)
    }

    public func addPerson(_ id: Int64, firstName: String, lastName: String?) async {
        _ = await sandbox.addUser(id: id, firstName: firstName, lastName: lastName)
    }

    public func startBot(payload: String?, from person: Int64) async throws {
        _ = try await sandbox.sendCommand("start", arguments: payload, from: person)
    }

    public func attachedFile(_ person: Int64, message id: String) async -> (name: String, data: Data)? {
        guard let sent = await sandbox.sentMessage(in: person, id: Int64(id) ?? 0), let fileId = sent.fileId,
              let data = await sandbox.fileData(fileId) else { return nil }
        return (sent.message.document?.fileName ?? "", data)
    }

    public func forwardPost(_ text: String, photos: Int, from person: Int64) async throws -> ChatMessage {
        guard photos > 0 else { return ChatMessage(try await forwardPost(.text(text), from: person)) }
        let before = await sandbox.sentMessages(in: person).count
        let items: [PersonContent] = [.photo(caption: text)] + Array(repeating: .photo(), count: photos - 1)
        _ = try await sandbox.sendAlbum(items, from: person, forwardOrigin: .hiddenUser(date: 1_796_000_000, senderUserName: "Житель"))
        return ChatMessage(try await settle(person, after: before))
    }

    public func send(_ text: String, from person: Int64) async throws { _ = try await sandbox.sendText(text, from: person) }

    public func sendPhoto(from person: Int64) async throws { _ = try await sandbox.sendMedia(.photo(), from: person) }

    public func chat(_ person: Int64) async -> [ChatMessage] { await messages(person).map(ChatMessage.init) }

    public func settleChat(_ person: Int64, after count: Int) async throws -> ChatMessage {
        ChatMessage(try await settle(person, after: count))
    }

    public func nextChatMessage(to person: Int64, after count: Int) async throws -> ChatMessage {
        ChatMessage(try await nextMessage(in: person, after: count))
    }

    public func transcript(people: [StaffSettings.PersonEntry], english: Bool) async -> String {
        await Transcript.render(self, people: people, english: english)
    }
}

extension ChatMessage {
    init(_ message: SentMessage) {
        self.init(id: String(message.messageId), text: message.text, links: message.entities.compactMap(\.url),
                  hasMonospace: message.entities.contains { $0.type == "pre" }, callbackData: message.callbackData,
                  isEdited: message.isEdited)
        buttonURLs = message.buttonURLs
    }

    init(_ message: SentMaxMessage) {
        self.init(id: message.mid, text: message.text, links: message.message.body?.markupLinks ?? [],
                  hasMonospace: (message.message.body?.markup ?? []).contains { $0.type == .monospaced },
                  callbackData: message.callbackData, isEdited: message.isEdited)
        buttonURLs = message.buttonURLs
    }
}

extension MaxStage: MessengerStage {
    public func sendPress(payload: String, by person: Int64, on message: String, of owner: Int64) async throws -> String? {
        let answers = await sandbox.callbackAnswers.count
        let callback = try await sandbox.sendCallback(payload: payload, by: person, on: message)
        try await waitForStore()
        return await sandbox.callbackAnswers.dropFirst(answers).last { $0.callbackId == callback.callbackId }?.notification
    }

    public func pressTogether(_ presses: [(action: CallbackAction, person: Int64)]) async throws -> [String?] {
        let answers = await sandbox.callbackAnswers.count
        var ids: [String] = []
        for press in presses {
            let message = await sandbox.sentMessages(to: press.person).last { $0.has(press.action) }
            ids.append(try await sandbox.press(payload: press.action.encoded, by: press.person, on: message?.mid).callbackId)
        }
        try await waitForStore()
        let given = await sandbox.callbackAnswers.dropFirst(answers)
        return ids.map { id in given.last { $0.callbackId == id }?.notification }
    }

    public func reply(to message: String, text: String, from person: Int64) async throws {
        _ = try await sandbox.reply(to: message, text: text, from: person)
    }

    public func forwardPosts(_ texts: [String], from person: Int64) async throws -> ChatMessage {
        let before = await sandbox.sentMessages(to: person).count
        for text in texts {
            _ = try await sandbox.forward(text: text, originalSender: Self.resident, originalChat: Self.residentDialog, from: person)
        }
        return ChatMessage(try await settle(person, after: before))
    }

    public func message(_ person: Int64, id: String) async -> ChatMessage? {
        await sandbox.sentMessages(to: person).first { $0.mid == id }.map(ChatMessage.init)
    }

    public func addPerson(_ id: Int64, firstName: String, lastName: String?) async {
        await sandbox.addPerson(id: id, firstName: firstName, lastName: lastName)
    }

    public func startBot(payload: String?, from person: Int64) async throws {
        try await sandbox.startBot(by: person, payload: payload)
    }

    public func attachedFile(_ person: Int64, message id: String) async -> (name: String, data: Data)? {
        guard let upload = await sandbox.sentMessages(to: person).first(where: { $0.mid == id })?.uploads.first else { return nil }
        return (upload.filename, upload.data)
    }

    public func forwardPost(_ text: String, photos: Int, from person: Int64) async throws -> ChatMessage {
        let before = await sandbox.sentMessages(to: person).count
        // MAX brings an album as one message with several images, forwarded in `link.message`.
        _ = try await sandbox.forward(text: text, images: Array(repeating: Data([0xFF, 0xD8, 0xFF]), count: photos),
                                      originalSender: MaxStage.resident, originalChat: MaxStage.residentDialog, from: person)
        return ChatMessage(try await settle(person, after: before))
    }

    public func send(_ text: String, from person: Int64) async throws { _ = try await sandbox.write(text, from: person) }

    public func sendPhoto(from person: Int64) async throws { _ = try await sandbox.sendPhotos([Data([0xFF, 0xD8, 0xFF])], from: person) }

    public func chat(_ person: Int64) async -> [ChatMessage] { await messages(person).map(ChatMessage.init) }

    public func settleChat(_ person: Int64, after count: Int) async throws -> ChatMessage {
        ChatMessage(try await settle(person, after: count))
    }

    public func nextChatMessage(to person: Int64, after count: Int) async throws -> ChatMessage {
        ChatMessage(try await nextMessage(to: person, after: count))
    }

    public func transcript(people: [StaffSettings.PersonEntry], english: Bool) async -> String {
        await Transcript.render(self, people: people, english: english)
    }
}
