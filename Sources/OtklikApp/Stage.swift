import Bot
import BotAPI
import Casework
import Conversation
import CurlTransport
import Engine
import Foundation
import Logging
import Messaging
import Sandbox
import ServiceLifecycle
import Settings
import Store
import VKSandbox
import Dashboard

/// The whole bot — real libcurl client, real SQLite store in a temporary folder, real scheduler on a
/// manual clock — against the embedded sandbox, with simulated people. The demo and the end-to-end
/// tests both play on it.
public final class Stage: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let sandbox: Sandbox
    /// The fake VK, when the stage reads and publishes through VK.
    public let vk: VKSandbox?
    public let clock: ManualClock
    public let database: AppDatabase
    public let config: ServiceConfiguration
    public let logs = LogCapture()
    /// The running service's environment (its caches are what some tests look at).
    public private(set) var env: BotEnvironment?
    public let folder: URL
    let language: String?
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?

    /// `people` replace staff.yaml's; the store lives in a fresh temporary folder.
    /// The dashboard's local port, when the stage serves it (`withDashboard`).
    public private(set) var dashboardPort: UInt16?

    public init(configPath: String, people: [StaffSettings.PersonEntry], start: Date, language: String? = nil,
                withVK: Bool = false, withDashboard: Bool = false) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-stage-\(UUID().uuidString)")
        clock = ManualClock(start)
        self.language = language
        var loaded = try ServiceConfiguration.load(configPath: configPath, now: start)
        loaded.staff.people = people
        config = loaded
        database = try ServiceBuilder.openStore(loaded, at: folder.appendingPathComponent("otklik.sqlite").path, now: start)
        sandbox = Sandbox(config: SandboxConfig(now: { [clock] in clock.now() }))
        _ = try await sandbox.start()
        // Flood limits have their own test; here they would only slow the story down.
        await sandbox.setFloodLimits(enabled: false)
        for person in people {
            guard let id = person.telegramId else { continue }
            _ = await sandbox.addUser(id: id, firstName: person.name)
        }
        if withDashboard { dashboardPort = MaxStage.freePort() }
        if withVK {
            let vk = VKSandbox(config: VKSandboxConfig(now: { [clock] in clock.now() }, commentsPerMinute: 30))
            _ = try await vk.start()
            self.vk = vk
        } else {
            vk = nil
        }
    }

    /// Starts the service (again, after a stop: the store carries everything over).
    public func startService() async throws {
        guard let url = await sandbox.baseURL else { throw Failure("the sandbox is not running") }
        let client = ServiceBuilder.client(config.app.telegram ?? AppSettings.Telegram(), token: sandbox.token, baseURL: url.absoluteString,
                                           workers: 4)
        var env = try ServiceBuilder.environment(config, botNames: [.telegram: sandbox.bot.username ?? "otklik_bot"], language: language)
        var connection: VKConnection?
        if let vk, let vkURL = await vk.baseURL {
            let keys = vk.config
            connection = VKConnection(client: ServiceBuilder.vkClient(AppSettings.VK(), service: keys.serviceToken, community: keys.communityToken,
                                                                      editor: keys.userToken, baseURL: vkURL.absoluteString),
                                      communityId: keys.communityId)
            env.vkReadWait = 10
            env.vkPublishing = true
            env.vkWatchInterval = 300
        }
        if let dashboardPort { env.dashboardURL = "http://127.0.0.1:\(dashboardPort)" }
        self.env = env
        let service = OtklikService(database: database, handler: BotHandler(env: env),
                                    channels: [.telegram(client: client, pollTimeout: 1, limits: .unlimited, sendConcurrency: 1)],
                                    clock: clock, vk: connection,
                                    dashboard: dashboardPort.map { DashboardServer.Configuration(host: "127.0.0.1", port: $0, telegramToken: sandbox.token) },
                                    logger: logs.logger("stage"))
        let group = service.serviceGroup(drainTime: .seconds(2))
        self.group = group
        task = Task { try await group.run() }
        try await waitUntilStarted()
    }

    /// Waits until the service has set its recurring timers (the digest and the reports): a story
    /// that moves the clock before then would race the scheduler's start.
    private func waitUntilStarted() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let kinds = try await database.read { db in try db.serviceTimers(of: TimerKind.recurring) }
            if kinds == TimerKind.recurring { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Failure("the service did not start within 20 s")
    }

    /// Stops the service as SIGTERM stops `otklik run`: the group's graceful shutdown, awaited.
    public func stopService() async {
        await group?.triggerGracefulShutdown()
        _ = await task?.result
        group = nil
        task = nil
    }

    public func stop() async {
        if ProcessInfo.processInfo.environment["OTKLIK_E2E_LOGS"] != nil { print(logs.all.joined(separator: "\n")) }
        await stopService()
        await sandbox.stop()
        await vk?.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: People acting

    /// Forwards a post to the bot as a specialist would, and lets it settle into a case card.
    @discardableResult
    public func forwardPost(_ content: PersonContent, from person: Int64,
                            origin: MessageOrigin = .hiddenUser(date: 1_796_000_000, senderUserName: "Житель Славгорода"))
        async throws -> SentMessage {
        let before = await sandbox.sentMessages(in: person).count
        _ = try await sandbox.forward(content, origin: origin, from: person)
        return try await settle(person, after: before)
    }

    @discardableResult
    public func forwardPost(_ text: String, from person: Int64) async throws -> SentMessage {
        try await forwardPost(.text(text), from: person)
    }

    /// Lets a chat's messages settle (the manual clock passes the settle delay) and returns the bot's next message.
    public func settle(_ person: Int64, after count: Int) async throws -> SentMessage {
        try await waitForStore()
        clock.advance(by: 2)
        let message = try await nextMessage(in: person, after: count)
        // The card's delivery is recorded (and the card linked to its case) a moment after the sandbox
        // has it; a press before that would find a message the bot does not know as the card yet.
        try await waitForStore()
        return message
    }

    /// Waits until the store has handled every update the sandbox made and sent what it queued.
    public func waitForStore() async throws {
        try await sandbox.waitUntilUpdatesConsumed()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let last = await sandbox.lastUpdateId
            let (handled, backlog) = try await database.read { db in
                (try last.map { try db.isHandled(updateId: $0) } ?? true, try db.outboxBacklog().count)
            }
            if handled && backlog == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Failure("the bot did not finish handling and sending within 20 s")
    }

    /// The bot's first message in the chat after the first `count` ones.
    public func nextMessage(in chat: Int64, after count: Int, timeout: Duration = .seconds(20)) async throws -> SentMessage {
        let all = try await sandbox.waitForSentMessages(in: chat, count: count + 1, timeout: timeout)
        return all[count]
    }

    public func messages(_ chat: Int64) async -> [SentMessage] { await sandbox.sentMessages(in: chat) }

    /// Presses a button by its action, on the newest message that has it.
    public func press(_ action: CallbackAction, by person: Int64) async throws {
        _ = try await sandbox.pressButton(data: action.encoded, by: person)
    }

    /// Presses, and waits until the bot has answered and sent what followed.
    public func pressAndWait(_ action: CallbackAction, by person: Int64) async throws {
        let answers = await sandbox.callbackAnswers.count
        try await press(action, by: person)
        _ = try await sandbox.waitForCallbackAnswers(count: answers + 1)
        try await waitForStore()
    }
}

extension SentMessage {
    /// All callback data of the message's buttons.
    public var callbackData: [String] { (message.replyMarkup?.inlineKeyboard ?? []).flatMap { $0 }.compactMap(\.callbackData) }
    /// The pages its link buttons open.
    public var buttonURLs: [String] { (message.replyMarkup?.inlineKeyboard ?? []).flatMap { $0 }.compactMap { $0.url ?? $0.webApp?.url } }

    public func has(_ action: CallbackAction) -> Bool { callbackData.contains(action.encoded) }

    /// The first action of the given shape among the buttons.
    public func action(where match: (CallbackAction) -> Bool) -> CallbackAction? {
        callbackData.compactMap(CallbackAction.init(encoded:)).first(where: match)
    }
}

/// Keeps every log line, to show or check what operators would see.
public final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    public var all: [String] { lock.withLock { lines } }

    public func append(_ line: String) { lock.withLock { lines.append(line) } }

    public func logger(_ label: String) -> Logger {
        Logger(label: label) { [self] _ in OtklikLogHandler(label: label, format: .text, secrets: [], level: .debug,
                                                             write: { self.append($0) }) }
    }
}

