import BotAPI
import Casework
import Conversation
import CurlTransport
import Foundation
import Logging
import OtklikApp
import Runtime
import Sandbox
import Settings
import Store
import Testing

/// The whole bot — real libcurl client, real SQLite store, real scheduler on a manual clock — against
/// the sandbox, with the people of a small administration.
final class BotHarness: @unchecked Sendable {
    static let specialist: Int64 = 100001   // specialist and admin
    static let roads: Int64 = 200001         // executor, roads
    static let roads2: Int64 = 200002        // executor, roads
    static let housing: Int64 = 200101       // executor, housing
    static let head: Int64 = 300001
    static let specialist2: Int64 = 100002   // specialist only

    let sandbox: Sandbox
    let clock: ManualClock
    let database: AppDatabase
    let config: ServiceConfiguration
    let logs = LogCapture()
    private var task: Task<Void, any Error>?
    let folder: URL

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// 10:00 on Monday 2026-11-30 in Barnaul (UTC+7): a working day, outside quiet hours.
    static let start = Date(timeIntervalSince1970: 1_796_007_600)

    init(storeFolder: URL? = nil) async throws {
        folder = storeFolder ?? FileManager.default.temporaryDirectory.appendingPathComponent("otklik-e2e-\(UUID().uuidString)")
        clock = ManualClock(Self.start)
        var loaded = try ServiceConfiguration.load(configPath: Self.repo.appendingPathComponent("Config/otklik.yaml").path,
                                                   now: Self.start)
        loaded.staff.people = [
            .init(telegramId: Self.specialist, name: "Иванова Анна", roles: [.specialist, .admin], department: nil),
            .init(telegramId: Self.specialist2, name: "Орлова Вера", roles: [.specialist], department: nil),
            .init(telegramId: Self.roads, name: "Петров Пётр", roles: [.executor], department: "roads"),
            .init(telegramId: Self.roads2, name: "Кузнецов Олег", roles: [.executor], department: "roads"),
            .init(telegramId: Self.housing, name: "Смирнова Ольга", roles: [.executor], department: "housing"),
            .init(telegramId: Self.head, name: "Сидорова Мария", roles: [.head], department: nil),
        ]
        config = loaded
        database = try ServiceBuilder.openStore(loaded, at: folder.appendingPathComponent("otklik.sqlite").path, now: Self.start)
        sandbox = Sandbox(config: SandboxConfig(now: { [clock] in clock.now() }))
        _ = try await sandbox.start()
        // Flood limits have their own test (SendingTests); here they would only slow the story down.
        await sandbox.setFloodLimits(enabled: false)
        for person in loaded.staff.people {
            _ = try await sandbox.addUser(id: person.telegramId, firstName: person.name)
        }
    }

    /// Starts the service (again, after a stop: the store carries everything over).
    func startService() async throws {
        let url = try #require(await sandbox.baseURL)
        let client = ServiceBuilder.client(config.app, token: sandbox.token, baseURL: url.absoluteString, workers: 4)
        let env = try ServiceBuilder.environment(config, botUsername: sandbox.bot.username ?? "otklik_bot")
        let service = OtklikService(database: database, handler: BotHandler(env: env), client: client, clock: clock,
                                    pollTimeout: 1, limits: .unlimited, logger: logs.logger("e2e"))
        task = Task { try await service.run(drainTime: .seconds(2)) }
    }

    static func running() async throws -> BotHarness {
        let h = try await BotHarness()
        try await h.startService()
        return h
    }

    func stopService() async {
        task?.cancel()
        _ = await task?.result
        task = nil
    }

    func stop() async {
        if ProcessInfo.processInfo.environment["OTKLIK_E2E_LOGS"] != nil { print(logs.all.joined(separator: "\n")) }
        await stopService()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: People acting

    /// Forwards a VK post to the bot as a specialist would, and lets it settle into a case card.
    @discardableResult
    func forwardPost(_ text: String, from person: Int64 = specialist,
                     origin: MessageOrigin = .hiddenUser(date: 1_796_000_000, senderUserName: "Житель Славгорода")) async throws -> SentMessage {
        let before = await sandbox.sentMessages(in: person).count
        _ = try await sandbox.forward(.text(text), origin: origin, from: person)
        return try await settle(person, after: before)
    }

    /// Lets a chat's messages settle (the manual clock passes the settle delay) and returns the bot's next message.
    func settle(_ person: Int64, after count: Int) async throws -> SentMessage {
        try await sandbox.waitUntilUpdatesConsumed()
        try await waitForStore()
        clock.advance(by: 2)
        return try await nextMessage(in: person, after: count)
    }

    /// Waits until the store has handled every update the sandbox delivered and sent what it queued.
    func waitForStore() async throws {
        try await sandbox.waitUntilUpdatesConsumed()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let last = await sandbox.lastUpdateId
            let (handled, backlog) = try await database.read { db in
                (try last.map { try db.isHandled(updateId: $0) } ?? true, try db.outboxBacklog().count)
            }
            if handled && backlog == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }


    /// The bot's first message in the chat after the first `count` ones.
    func nextMessage(in chat: Int64, after count: Int, timeout: Duration = .seconds(10)) async throws -> SentMessage {
        let all = try await sandbox.waitForSentMessages(in: chat, count: count + 1, timeout: timeout)
        return all[count]
    }

    func messages(_ chat: Int64) async -> [SentMessage] { await sandbox.sentMessages(in: chat) }

    /// Presses a button by its action, on the newest message that has it.
    func press(_ action: CallbackAction, by person: Int64) async throws {
        _ = try await sandbox.pressButton(data: action.encoded, by: person)
    }

    /// Presses and waits for the bot's answer to that press to be consumed.
    func pressAndWait(_ action: CallbackAction, by person: Int64) async throws {
        let answers = await sandbox.callbackAnswers.count
        try await press(action, by: person)
        _ = try await sandbox.waitForCallbackAnswers(count: answers + 1)
        try await waitForStore()
    }

    func say(_ text: String, from person: Int64) async throws {
        _ = try await sandbox.sendText(text, from: person)
        try await waitForStore()
    }

    func storedCase(_ id: Int64) async throws -> Case? { try await database.read { db in try db.case(id: id) } }

    /// Waits until `condition` holds for the case.
    func waitForCase(_ id: Int64, _ condition: @escaping @Sendable (Case) -> Bool) async throws -> Case {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let c = try await storedCase(id), condition(c) { return c }
            try await Task.sleep(for: .milliseconds(20))
        }
        let c = try await storedCase(id)
        Issue.record("case \(id) never reached the expected state; it is \(String(describing: c?.status))")
        throw CancellationError()
    }
}

extension SentMessage {
    /// All callback data of the message's buttons.
    var callbackData: [String] { (message.replyMarkup?.inlineKeyboard ?? []).flatMap { $0 }.compactMap(\.callbackData) }

    func has(_ action: CallbackAction) -> Bool { callbackData.contains(action.encoded) }
}
