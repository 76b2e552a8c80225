import Bot
import BotAPI
import Casework
import Engine
import Foundation
import Logging
import Messaging
import OtklikApp
import Settings
import Store

/// The bot alone, in process: events in, outbox rows out, on a store in memory and a manual clock, so
/// a rule of the bot is tested in milliseconds (the end-to-end suites keep the whole path, over
/// loopback HTTP to the sandbox). Each event goes through the real dispatcher — its own transaction,
/// its receipt recorded — and timers through the real scheduler. What an event queued is returned
/// and counts as delivered at once (message ids as Telegram would give them), so cards are linked
/// to their cases and later presses find them.
public final class BotInProcess: @unchecked Sendable {
    public let database: AppDatabase
    public let clock: ManualClock
    public let env: BotEnvironment
    private let dispatcher: Dispatcher<BotHandler>
    private let scheduler: Scheduler
    private let messenger = FakeBotAPI()
    private var receipt: Int64 = 650_000_000
    private var messageId: Int64 = 0

    /// `people` replace staff.yaml's.
    public init(configPath: String, people: [StaffSettings.PersonEntry], start: Date) throws {
        var config = try ServiceConfiguration.load(configPath: configPath, now: start)
        config.staff.people = people
        database = try AppDatabase.inMemory()
        try ServiceBuilder.syncStaff(config, into: database, now: start)
        env = try ServiceBuilder.environment(config, botNames: [.telegram: "otklik_test_bot"])
        clock = ManualClock(start)
        let handler = BotHandler(env: env)
        let logger = Logger(label: "otklik.in-process")
        dispatcher = Dispatcher(database: database, handler: handler, clock: clock, logger: logger, afterCommit: {})
        scheduler = Scheduler(database: database, handler: handler, clock: clock, logger: logger, afterCommit: {})
    }

    /// Handles `event` and returns what it queued, oldest first.
    @discardableResult
    public func receive(_ event: InboundEvent) async throws -> [OutboxRecord] {
        receipt += 1
        _ = try await dispatcher.handle([InboundUpdate(messenger: .telegram, receipt: receipt, event: event)])
        return try await deliverQueued()
    }

    /// A text (or a command) a person writes in their chat with the bot.
    @discardableResult
    public func say(_ text: String, from person: Int64, name: String = "Сотрудник") async throws -> [OutboxRecord] {
        try await receive(.message(message(text, from: person, name: name)))
    }

    /// A post a person forwards; it becomes a case once the settle delay has passed (`advance`).
    @discardableResult
    public func forward(_ text: String, from person: Int64, origin: ForwardOriginInfo = .hiddenUser(name: "Житель"))
        async throws -> [OutboxRecord] {
        var m = message(text, from: person, name: "Сотрудник")
        m.forwardOrigin = origin
        return try await receive(.message(m))
    }

    /// A press on a button whose payload is `payload`, under the bot's message `messageId`.
    @discardableResult
    public func press(_ payload: String, by person: Int64, on messageId: Int64?) async throws -> [OutboxRecord] {
        receipt += 1
        return try await receive(.press(ButtonPress(id: "press-\(receipt)", from: InboundPerson(id: person, name: "Сотрудник"),
                                                    chat: person, messageId: messageId, payload: payload)))
    }

    /// Moves the clock and fires what fell due, as the scheduler does; returns what that queued.
    @discardableResult
    public func advance(by seconds: TimeInterval) async throws -> [OutboxRecord] {
        clock.advance(by: seconds)
        try await scheduler.fireDue()
        return try await deliverQueued()
    }

    private func message(_ text: String, from person: Int64, name: String) -> InboundMessage {
        messageId += 1
        return InboundMessage(chat: person, isPrivate: true, from: InboundPerson(id: person, name: name), messageId: messageId,
                              text: text, links: Self.links(in: text))
    }

    static func links(in text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
    }

    /// Marks every queued request delivered, with the message ids a messenger would answer.
    private func deliverQueued() async throws -> [OutboxRecord] {
        let queued = try await database.read { db in try db.pendingOutbox(limit: 10_000) }
        var records: [OutboxRecord] = []
        for item in queued {
            let (status, body) = try await messenger.respond(to: item.request)
            let ids = try BotWire.sentMessageIds(for: item.request, status: status, body: body)
            let now = clock.now()
            let record = try await database.write { db -> OutboxRecord? in
                try db.markDelivered(item.id, messageIds: ids, at: now)
                return try db.outboxRecord(id: item.id)
            }
            if let record { records.append(record) }
        }
        return records
    }
}

extension OutboxRecord {
    /// The request's parameters.
    public var body: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(parameters.utf8))) ?? .null }
    /// The text or caption it sends or edits to.
    public var text: String? { body["text"]?.stringValue ?? body["caption"]?.stringValue }
    /// The payloads of its buttons, row by row flattened.
    public var payloads: [String] {
        (body["reply_markup"]?["inline_keyboard"]?.arrayValue ?? []).flatMap { $0.arrayValue ?? [] }
            .compactMap { $0["callback_data"]?.stringValue }
    }
    /// The message an edit changes.
    public var editedMessageId: Int64? { body["message_id"]?.int64Value }
    /// The first message id the messenger gave it.
    public var messageId: Int64? { messageIds?.first }
}
