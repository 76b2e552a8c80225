import Bot
import Casework
import Conversation
import CurlTransport
import Engine
import Foundation
import Logging
import Max
import MaxAPI
import MaxSandbox
import Messaging
import ServiceLifecycle
import Settings
import Store

/// The whole bot on MAX alone — real libcurl client, real SQLite store in a temporary folder, real
/// scheduler on a manual clock — against the embedded MAX sandbox (MAX's limits on), with simulated
/// people. Long polling by default; with `webhook` MAX's sandbox posts each update to the service.
public final class MaxStage: @unchecked Sendable {
    public let sandbox: MaxSandbox
    public let clock: ManualClock
    public let database: AppDatabase
    public let config: ServiceConfiguration
    public let logs = LogCapture()
    public let folder: URL
    let webhook: Bool
    let language: String?
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?
    private var http: CurlHTTPClient?
    private var webhookPort: UInt16?

    /// `people` replace staff.yaml's (give them `maxId`); the store lives in a fresh temporary folder.
    public init(configPath: String, people: [StaffSettings.PersonEntry], start: Date, language: String? = nil,
                webhook: Bool = false) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-max-stage-\(UUID().uuidString)")
        clock = ManualClock(start)
        self.webhook = webhook
        self.language = language
        var loaded = try ServiceConfiguration.load(configPath: configPath, now: start)
        loaded.staff.people = people
        config = loaded
        database = try ServiceBuilder.openStore(loaded, at: folder.appendingPathComponent("otklik.sqlite").path, now: start)
        // Message dates on the service's clock: the 7-day edit window and the 24 h event life follow the story.
        sandbox = MaxSandbox(config: MaxSandboxConfig(now: { [clock] in clock.now() }, attachmentReadyDelay: 0))
        _ = try await sandbox.start()
        for person in people {
            guard let id = person.maxId else { continue }
            await sandbox.addPerson(id: id, firstName: person.name)
        }
    }

    /// Starts the service (again, after a stop: the store, with MAX's marker, carries everything over).
    public func startService() async throws {
        guard let url = await sandbox.baseURL else { throw Stage.Failure("the MAX sandbox is not running") }
        let http = CurlMaxClient.makeHTTPClient(token: sandbox.token, caBundle: nil, workers: 4, name: "stage-max")
        self.http = http
        let client = CurlMaxClient(baseURL: url.absoluteString, token: sandbox.token, http: http)
        var hook: MaxWebhook.Configuration?
        if webhook {
            // The port stays the same across restarts, as a proxy's upstream does.
            let port = webhookPort ?? Self.freePort()
            webhookPort = port
            hook = MaxWebhook.Configuration(host: "127.0.0.1", port: port, publicURL: "http://127.0.0.1:\(port)/max",
                                            secret: "stage-webhook-secret")
        }
        let env = try ServiceBuilder.environment(config, botNames: [.max: sandbox.bot.username ?? "otklik_max_bot"], language: language)
        let service = OtklikService(database: database, handler: BotHandler(env: env),
                                    channels: [.max(client: client, database: database, webhook: hook)], clock: clock,
                                    logger: logs.logger("max-stage"))
        let group = service.serviceGroup(drainTime: .seconds(2))
        self.group = group
        task = Task { try await group.run() }
        try await waitUntilStarted()
    }

    private func waitUntilStarted() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let kinds = try await database.read { db in try db.serviceTimers(of: TimerKind.recurring) }
            let receiving = webhook ? !(await sandbox.currentSubscriptions.isEmpty) : await sandbox.isLongPollPending
            if kinds == TimerKind.recurring && receiving { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Stage.Failure("the service did not start within 20 s")
    }

    /// Stops the service as SIGTERM stops `otklik run`: the group's graceful shutdown, awaited.
    public func stopService() async {
        await group?.triggerGracefulShutdown()
        _ = await task?.result
        http?.shutdown()
        group = nil
        task = nil
    }

    public func stop() async {
        if ProcessInfo.processInfo.environment["OTKLIK_E2E_LOGS"] != nil { print(logs.all.joined(separator: "\n")) }
        await stopService()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A port free on 127.0.0.1 now.
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    // MARK: People acting

    /// Whose message the specialists forward: a resident who wrote to them (as on Telegram, a person, not a channel).
    static let resident = User(userId: 555_000_001, firstName: "Житель", lastName: "Славгорода")
    static let residentDialog: Int64 = 180_555_000_001

    /// Forwards a post to the bot as a specialist would, and lets it settle into a case card.
    @discardableResult
    public func forwardPost(_ text: String, from person: Int64) async throws -> SentMaxMessage {
        let before = await sandbox.sentMessages(to: person).count
        _ = try await sandbox.forward(text: text, originalSender: Self.resident, originalChat: Self.residentDialog, from: person)
        return try await settle(person, after: before)
    }

    /// Lets a chat's messages settle (the manual clock passes the settle delay) and returns the bot's next message.
    public func settle(_ person: Int64, after count: Int) async throws -> SentMaxMessage {
        try await waitForStore()
        clock.advance(by: 2)
        let message = try await nextMessage(to: person, after: count)
        try await waitForStore()
        return message
    }

    /// Waits until the bot has handled every update the sandbox made and sent what it queued.
    public func waitForStore() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let view = await sandbox.view
            let received: Bool
            if webhook {
                let backlog = await sandbox.webhookBacklog
                received = backlog == 0 && view.webhookDeliveries.allSatisfy { $0.status == 200 }
            } else {
                // The poller polls again only after the page before is handled; the poll commits it.
                received = view.pendingUpdateCount == 0 && view.isLongPollPending
            }
            let backlog = try await database.read { db in try db.outboxBacklog().count }
            if received && backlog == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Stage.Failure("the bot did not finish handling and sending within 20 s")
    }

    /// The bot's first message to a person after the first `count` ones.
    public func nextMessage(to person: Int64, after count: Int) async throws -> SentMaxMessage {
        try await sandbox.waitUntil("message \(count + 1) to \(person)") { $0.sentMessages(to: person).count > count }
        return await sandbox.sentMessages(to: person)[count]
    }

    public func messages(_ person: Int64) async -> [SentMaxMessage] { await sandbox.sentMessages(to: person) }

    /// Presses a button by its action, on the newest message that has it, and waits until the bot has
    /// handled the press and sent what followed.
    public func pressAndWait(_ action: CallbackAction, by person: Int64) async throws {
        let message = await sandbox.sentMessages(to: person).last { $0.has(action) }
        _ = try await sandbox.press(payload: action.encoded, by: person, on: message?.mid)
        try await waitForStore()
    }
}

extension SentMaxMessage {
    /// The payloads of the message's callback buttons.
    public var callbackData: [String] { buttons.flatMap { $0 }.compactMap(\.payload) }
    /// The pages its link buttons open.
    public var buttonURLs: [String] { buttons.flatMap { $0 }.compactMap(\.url) }

    public func has(_ action: CallbackAction) -> Bool { callbackData.contains(action.encoded) }

    /// The first action of the given shape among the buttons.
    public func action(where match: (CallbackAction) -> Bool) -> CallbackAction? {
        callbackData.compactMap(CallbackAction.init(encoded:)).first(where: match)
    }
}
