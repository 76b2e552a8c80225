import Engine
import Foundation
import Logging
import MaxAPI
import Messaging
import Store

/// Why MAX's receiver stopped for good. Everything else it rides out.
public enum MaxReceiverStop: Error, Equatable, CustomStringConvertible {
    /// 401: the token is wrong or revoked.
    case unauthorized
    /// Polling while a webhook subscription exists: MAX allows one or the other.
    case subscribed([String])

    public var description: String {
        switch self {
        case .unauthorized:
            return "MAX rejected the bot token (401). Check max.token_env or max.token_file in the config, "
                + "and the token on business.max.ru (Чат-боты → Интеграция → Получить токен)."
        case let .subscribed(urls):
            return "MAX delivers this bot's updates to a webhook (\(urls.joined(separator: ", "))), and then refuses "
                + "long polling. Set max.mode: webhook, or remove the subscription (DELETE /subscriptions?url=…) "
                + "to poll."
        }
    }
}

/// Long polling of `GET /updates` with MAX's marker. Passing a marker confirms every update before it,
/// so the marker of a page is saved in the transaction that handles the page and passed only after
/// that commit; a page handled and then lost to a crash comes again and its receipts (message and
/// callback ids) make it a no-op. MAX allows 2 polls a second and keeps events 24 hours.
public struct MaxPoller: Sendable {
    /// The update kinds the bot acts on; MAX filters out the rest.
    public static let types = ["message_created", "message_callback", "bot_started", "bot_stopped"]

    let client: any MaxAPIClient
    let sink: any UpdateSink
    let database: AppDatabase
    let clock: any BotClock
    let timeout: Int
    let backoff: Backoff
    let logger: Logger

    public init(client: any MaxAPIClient, sink: any UpdateSink, database: AppDatabase, clock: any BotClock = MonotonicClock(),
                timeout: Int = MaxLimits.pollTimeoutSeconds, backoff: Backoff = Backoff(),
                logger: Logger = Logger(label: "otklik.max-poller")) {
        self.client = client
        self.sink = sink
        self.database = database
        self.clock = clock
        self.timeout = timeout
        self.backoff = backoff
        self.logger = logger
    }

    /// Polls until cancelled. Throws only `MaxReceiverStop` (and `CancellationError` when cancelled).
    public func run() async throws {
        var failures = 0
        while true {
            do {
                let subscriptions = try await client.subscriptions()
                if !subscriptions.isEmpty { throw MaxReceiverStop.subscribed(subscriptions.map(\.url)) }
                break
            } catch {
                try Task.checkCancellation()
                try stopIfFatal(error)
                try await pause(after: error, failures: &failures, doing: "GET /subscriptions")
            }
        }
        var marker = try await database.read { try $0.receiverCursor(of: .max) }
        var lastPoll: Date?
        while true {
            try Task.checkCancellation()
            // MAX answers more than 2 polls a second with 429; a little more than half a second apart
            // keeps two polls out of any one second even when a wake-up comes late.
            if let lastPoll { try await clock.sleep(until: lastPoll.addingTimeInterval(1.2 / Double(MaxLimits.pollsPerSecond))) }
            lastPoll = clock.now()
            let page: UpdateList
            do {
                page = try await client.updates(marker: marker, limit: MaxLimits.batchSize, timeout: timeout, types: Self.types)
            } catch {
                try Task.checkCancellation()
                try stopIfFatal(error)
                try await pause(after: error, failures: &failures, doing: "GET /updates")
                continue
            }
            failures = 0
            let next = page.marker ?? marker
            guard !page.updates.isEmpty || next != marker else { continue }
            do {
                let updates = page.updates.flatMap { MaxEvents.inbound($0) { RemoteMessageIds.local($0, of: .max) } }
                _ = try await sink.handle(updates, cursor: next.map { ReceiverCursor(messenger: .max, value: $0) })
            } catch {
                try Task.checkCancellation()
                logger.error("handling a page of \(page.updates.count) MAX updates failed; it will be fetched again",
                             metadata: ["error": "\(error)"])
                try await clock.sleep(for: backoff.delay(attempt: min(failures, 6)))
                failures += 1
                continue
            }
            marker = next
        }
    }

    private func stopIfFatal(_ error: any Error) throws {
        guard let error = error as? MaxAPIError else {
            if let stop = error as? MaxReceiverStop { throw stop }
            return
        }
        switch error {
        case .unauthorized: throw MaxReceiverStop.unauthorized
        case .notAllowed: throw MaxReceiverStop.subscribed([])
        default: return
        }
    }

    /// 429 waits a second (MAX names no wait); everything else backs off exponentially with jitter.
    private func pause(after error: any Error, failures: inout Int, doing what: String) async throws {
        let delay: Duration
        if case .tooManyRequests? = error as? MaxAPIError {
            delay = .seconds(1)
        } else {
            delay = backoff.delay(attempt: failures)
            failures += 1
        }
        logger.warning("\(what) failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
        try await clock.sleep(for: delay)
    }
}
