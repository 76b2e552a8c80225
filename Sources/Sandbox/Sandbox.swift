import BotAPI
import FlyingFox
import FlyingSocks
import Foundation

/// A fake Telegram Bot API server on 127.0.0.1 with simulated people, a recorder of what the bot
/// did, and injectable faults. It answers like Telegram, refusals included.
public actor Sandbox {
    /// The setup it was created with.
    public nonisolated let config: SandboxConfig
    /// The bot as getMe describes it.
    public nonisolated let bot: User

    var now: @Sendable () -> Date
    var limiter: FloodLimiter
    var users: [Int64: User] = [:]
    var chats: [Int64: ChatRecord] = [:]
    var files = FileStore()
    var updates: UpdateQueue
    var pendingPoll: PendingPoll?
    var pollCounter: UInt64 = 0
    var webhookURL: String?
    var commandsByScope: [String: [BotCommand]] = [:]
    var openCallbacks: [String: String?] = [:]
    var answers: [CallbackAnswer] = []
    var log: [RecordedRequest] = []
    var floodRefusals = 0
    var faults: [FaultRule] = []
    var waiters: [UInt64: Waiter] = [:]
    var waiterCounter: UInt64 = 0
    var requestObserver: (@Sendable (AnsweredRequest) -> Void)?
    var server: HTTPServer?
    var serverTask: Task<Void, any Error>?
    var url: URL?

    public init(config: SandboxConfig = SandboxConfig()) {
        self.config = config
        self.bot = User(id: config.botId, isBot: true, firstName: config.botFirstName, username: config.botUsername)
        self.now = config.now
        self.limiter = FloodLimiter(limits: config.floodLimits)
        self.updates = UpdateQueue(firstId: config.firstUpdateId)
    }

    /// The token the bot must use.
    public nonisolated var token: String { config.token }

    /// The API base URL (`http://127.0.0.1:PORT`), once started.
    public var baseURL: URL? { url }

    /// Starts listening on a free loopback port and answers the base URL.
    @discardableResult
    public func start() async throws -> URL {
        if let url { return url }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        // Long polls and injected stalls must outlive FlyingFox's default 15 s handler timeout.
        let serverConfig = HTTPServer.Configuration(address: address, timeout: 3600, logger: .disabled)
        let handler = SandboxHTTPHandler(sandbox: self)
        let server = HTTPServer(config: serverConfig, handler: handler)
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port)? = await server.listeningAddress else {
            throw SocketError.unsupportedAddress
        }
        TCPNoDelay.enable(onListenerAt: port)
        let url = URL(string: "http://127.0.0.1:\(port)")!
        self.url = url
        return url
    }

    /// Stops the server; a pending long poll answers with no updates and waits fail.
    public func stop() async {
        if let poll = pendingPoll {
            pendingPoll = nil
            poll.continuation.resume(returning: .updates([]))
        }
        for (id, waiter) in waiters {
            waiters[id] = nil
            waiter.continuation.resume(throwing: SandboxError.timedOut(waiter.what + " (sandbox stopped)"))
        }
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
        url = nil
    }

    // MARK: - Switches

    /// Sets the source of message dates (e.g. the manual clock the bot under test runs on).
    public func setClock(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// Turns Telegram's flood limits on or off.
    public func setFloodLimits(enabled: Bool) { limiter.limits.enabled = enabled }

    /// Replaces the flood limits.
    public func setFloodLimits(_ limits: FloodLimits) { limiter.limits = limits }

    /// Imitates a webhook set elsewhere (getUpdates then answers 409), or removes it.
    public func setWebhook(_ url: String?) { webhookURL = url }

    /// Applies `fault` to the next `times` requests matching `target`, in the order faults were added.
    public func injectFault(_ fault: SandboxFault, on target: FaultTarget = .anyMethod, times: Int = 1) {
        faults.append(FaultRule(target: target, fault: fault, remaining: max(1, times)))
    }

    /// Applies `fault` to the next `times` calls of `method`.
    public func injectFault(_ fault: SandboxFault, method: String, times: Int = 1) {
        injectFault(fault, on: .method(method), times: times)
    }

    /// Removes every fault not yet applied.
    public func clearFaults() { faults.removeAll() }

    var date: Int64 { Int64(now().timeIntervalSince1970) }

    /// Takes the first fault rule matching `method`.
    func takeFault(for method: String) -> SandboxFault? {
        guard let index = faults.firstIndex(where: { $0.target.matches(method) }) else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }
}
