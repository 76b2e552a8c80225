import FlyingFox
import FlyingSocks
import Foundation
import MaxAPI

/// A fake MAX Bot API server on 127.0.0.1: people the tests play, a recorder of what the bot did,
/// MAX's refusals and limits (auth by the raw `Authorization` header, 2 polls/s, 30 requests/s,
/// text and payload lengths, uploads not ready at once, 403 after a stop, a subscription disabling
/// polling), and webhook delivery to a loopback URL.
public actor MaxSandbox {
    public nonisolated let config: MaxSandboxConfig
    /// The bot as `GET /me` describes it.
    public nonisolated let bot: User

    var now: @Sendable () -> Date
    var limits: MaxSandboxLimits
    var people: [Int64: PersonRecord] = [:]
    var messages: [String: StoredMessage] = [:]
    var botMessagesByPerson: [Int64: [String]] = [:]
    var nextSeq: Int64 = 1
    var events: EventLog
    var pendingPoll: PendingPoll?
    var pollCounter: UInt64 = 0
    var pollWindow = RateWindow()
    var requestWindow = RateWindow()
    var subscriptions: [String: (subscription: Subscription, secret: String?)] = [:]
    var webhookQueue: [QueuedEvent] = []
    var deliveryRunning = false
    var deliveries: [WebhookDelivery] = []
    var uploadSlots: [String: UploadSlot] = [:]
    var mediaByToken: [String: MediaRecord] = [:]
    var callbacks: [String: CallbackRecord] = [:]
    var answers: [RecordedCallbackAnswer] = []
    var commands: [BotCommand]?
    var log: [MaxRecordedRequest] = []
    var faults: [(prefix: String?, fault: MaxSandboxFault, remaining: Int)] = []
    var waiters: [UInt64: Waiter] = [:]
    var waiterCounter: UInt64 = 0
    var server: HTTPServer?
    var serverTask: Task<Void, any Error>?
    var url: URL?

    public init(config: MaxSandboxConfig = MaxSandboxConfig()) {
        self.config = config
        self.bot = User(userId: config.botUserId, firstName: config.botName, username: config.botUsername, isBot: true)
        self.now = config.now
        self.limits = config.limits
        self.events = EventLog(firstSeq: config.firstMarker)
    }

    /// The token the bot must send in `Authorization`.
    public nonisolated var token: String { config.token }

    /// The API base URL (`http://127.0.0.1:PORT`), once started.
    public var baseURL: URL? { url }

    /// Starts listening on a free loopback port and answers the base URL.
    @discardableResult
    public func start() async throws -> URL {
        if let url { return url }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        // Long polls (up to 90 s) must outlive FlyingFox's default 15 s handler timeout.
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 3600, logger: .disabled),
                                handler: MaxHTTPHandler(sandbox: self))
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port)? = await server.listeningAddress else { throw SocketError.unsupportedAddress }
        let url = URL(string: "http://127.0.0.1:\(port)")!
        self.url = url
        return url
    }

    /// Stops the server; a pending long poll answers with no updates and waits fail.
    public func stop() async {
        if let poll = pendingPoll {
            pendingPoll = nil
            poll.continuation.resume(returning: .success(pollAnswer([], marker: events.nextSeq)))
        }
        for (id, waiter) in waiters {
            waiters[id] = nil
            waiter.continuation.resume(throwing: MaxSandboxError.timedOut(waiter.what + " (sandbox stopped)"))
        }
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
        url = nil
    }

    // MARK: - Switches

    /// Sets the source of message and event times (the bot under test may run on a manual clock).
    public func setClock(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// Replaces the request rate limits.
    public func setLimits(_ limits: MaxSandboxLimits) { self.limits = limits }

    /// Applies `fault` to the next `times` requests whose path starts with `pathPrefix` (any request when nil).
    public func injectFault(_ fault: MaxSandboxFault, pathPrefix: String? = nil, times: Int = 1) {
        faults.append((pathPrefix, fault, max(1, times)))
    }

    var nowMilliseconds: Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded()) }

    func takeFault(for path: String) -> MaxSandboxFault? {
        guard let index = faults.firstIndex(where: { $0.prefix.map(path.hasPrefix) ?? true }) else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    /// Admits one authorised request under the 30 requests/s limit.
    func admitRequest() -> Bool {
        guard limits.enabled else { return true }
        return requestWindow.admit(limit: limits.requestsPerSecond, now: config.rateClock())
    }

    func record(_ verb: String, _ target: String, status: Int, code: String?) {
        log.append(MaxRecordedRequest(verb: verb, target: target, status: status, code: code))
        notifyWaiters()
    }

    // MARK: - Routing

    /// Answers one authorised API request.
    func perform(verb: String, path: String, query: [String: String], body: Data) async -> MaxAnswer {
        do throws(MaxRefusal) {
            switch (verb, path) {
            case ("GET", "/me"): return .json(try encode(botInfo))
            case ("PATCH", "/me"), ("PATCH", "/me/commands"): return .json(try encode(try setCommands(body)))
            case ("GET", "/updates"): return try await poll(query)
            case ("GET", "/subscriptions"): return .json(try encode(GetSubscriptionsResult(subscriptions: subscriptionList)))
            case ("POST", "/subscriptions"): return .json(try encode(try subscribe(body)))
            case ("DELETE", "/subscriptions"): return .json(try encode(unsubscribe(query)))
            case ("POST", "/uploads"): return .json(try encode(try uploadEndpoint(query)))
            case ("POST", "/messages"): return .json(try encode(try sendMessage(query, body)))
            case ("PUT", "/messages"): return .json(try encode(try editMessage(query, body)))
            case ("POST", "/answers"): return .json(try encode(try answer(query, body)))
            default: throw .notFound
            }
        } catch {
            return .refusal(error)
        }
    }

    func encode<T: Encodable>(_ value: T) throws(MaxRefusal) -> Data {
        do { return try MaxWire.encoder().encode(value) } catch {
            throw MaxRefusal(status: 500, code: "internal.error", message: "cannot encode the answer")
        }
    }

    /// A request body as a model, refused as MAX refuses an unreadable one.
    func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws(MaxRefusal) -> T {
        do { return try MaxWire.decoder().decode(T.self, from: body.isEmpty ? Data("{}".utf8) : body) } catch {
            throw .badRequest("Invalid request body: cannot read \(T.self)")
        }
    }

    var botInfo: BotInfo {
        BotInfo(userId: bot.userId, firstName: bot.firstName, username: bot.username, isBot: true, commands: commands)
    }

    func setCommands(_ body: Data) throws(MaxRefusal) -> BotInfo {
        let patch = try decode(BotCommandsPatch.self, body)
        if patch.commands.count > MaxLimits.commandCount {
            throw .badRequest("commands: size must be between 0 and \(MaxLimits.commandCount)")
        }
        for command in patch.commands {
            guard MaxLimits.commandNameLength.contains(MaxLimits.length(command.name)) else {
                throw .badRequest("commands.name: length must be between 1 and 64")
            }
            if let description = command.description, !MaxLimits.commandDescriptionLength.contains(MaxLimits.length(description)) {
                throw .badRequest("commands.description: length must be between 1 and 128")
            }
        }
        commands = patch.commands
        notifyWaiters()
        return botInfo
    }
}

/// What the sandbox answers one request with.
enum MaxAnswer: Sendable {
    case json(Data)
    case refusal(MaxRefusal)
}
