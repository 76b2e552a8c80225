import BotAPI
import Engine
import FoundationEssentials
import Logging
import Messaging

/// Why the poller stopped for good. Everything else it rides out.
public enum PollerStop: Error, Equatable, CustomStringConvertible {
    /// 401: the token is wrong or revoked.
    case unauthorized
    /// 404 on getUpdates: the API URL is wrong or the token is malformed.
    case notFound(String)

    public var description: String {
        switch self {
        case .unauthorized:
            return "Telegram rejected the bot token (401 Unauthorized). Check the token source in the config "
                + "(telegram.token_env or telegram.token_file) and that the token is current in @BotFather."
        case let .notFound(detail):
            return "The Bot API answered 404 Not Found (\(detail)). Check telegram.api_url and the token's format."
        }
    }
}

public struct PollerConfiguration: Sendable {
    /// Long-poll timeout in seconds.
    public var timeout: Int = 25
    /// 1…100 updates per call.
    public var limit: Int = 100
    /// The update kinds Otklik handles; Telegram filters out the rest.
    public var allowedUpdates: [String] = ["message", "edited_message", "callback_query", "my_chat_member"]
    public var backoff = Backoff()

    public init(timeout: Int = 25, limit: Int = 100, backoff: Backoff = Backoff()) {
        self.timeout = timeout
        self.limit = limit
        self.backoff = backoff
    }
}

/// Long polling with offset confirmation. Starts without an offset (Telegram then returns the oldest
/// unconfirmed updates; the sink skips those already handled), because Telegram may restart update
/// ids after a week of silence, and a stored offset would then hide new updates forever.
public struct LongPoller: Sendable {
    let client: any BotAPIClient
    let sink: any UpdateSink
    let configuration: PollerConfiguration
    /// What waits between failed polls run on (a manual clock in tests).
    let clock: any BotClock
    let logger: Logger

    public init(client: any BotAPIClient, sink: any UpdateSink, configuration: PollerConfiguration = .init(),
                clock: any BotClock = MonotonicClock(), logger: Logger = Logger(label: "otklik.poller")) {
        self.client = client
        self.sink = sink
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Deletes any webhook (polling is refused while one is set), then polls until cancelled.
    /// Throws only `PollerStop` (and `CancellationError` when cancelled).
    public func run() async throws {
        var failures = 0
        var webhookDeleted = false
        while !webhookDeleted {
            do {
                _ = try await client.call(DeleteWebhook(dropPendingUpdates: false))
                webhookDeleted = true
            } catch {
                try Task.checkCancellation()
                try stopIfFatal(error)
                try await pause(after: error, failures: &failures, doing: "deleteWebhook")
            }
        }
        var offset: Int64?
        while true {
            try Task.checkCancellation()
            let batch: [Update]
            do {
                batch = try await client.call(GetUpdates(offset: offset, limit: configuration.limit,
                                                         timeout: configuration.timeout,
                                                         allowedUpdates: configuration.allowedUpdates)).updates
            } catch {
                try Task.checkCancellation()
                try stopIfFatal(error)
                if error.code == 409 {
                    logger.error("getUpdates refused with 409 Conflict: another instance is polling this token, or a webhook is set")
                    if error.description.contains("webhook") { _ = try? await client.call(DeleteWebhook()) }
                }
                try await pause(after: error, failures: &failures, doing: "getUpdates")
                continue
            }
            failures = 0
            guard !batch.isEmpty else { continue }
            let handled: Set<Int64>
            do {
                handled = try await sink.handle(batch.map(TelegramEvents.inbound), cursor: nil)
            } catch {
                try Task.checkCancellation()
                logger.error("handling a batch of \(batch.count) updates failed; they will be fetched again", metadata: ["error": "\(error)"])
                try await clock.sleep(for: configuration.backoff.delay(attempt: min(failures, 6)))
                failures += 1
                continue
            }
            offset = Self.nextOffset(after: batch, handled: handled) ?? offset
        }
    }

    /// The offset that confirms the longest prefix of `batch` the sink handled: an update after
    /// one it did not handle must come again, so confirmation stops at the first gap.
    static func nextOffset(after batch: [Update], handled: Set<Int64>) -> Int64? {
        var confirmed: Int64?
        for update in batch {
            guard handled.contains(update.updateId) else { break }
            confirmed = update.updateId
        }
        return confirmed.map { $0 + 1 }
    }

    private func stopIfFatal(_ error: BotAPIError) throws {
        switch error.code {
        case 401: throw PollerStop.unauthorized
        case 404: throw PollerStop.notFound(error.description)
        default: return
        }
    }

    /// 429 waits exactly `retry_after`; everything else backs off exponentially with jitter.
    private func pause(after error: BotAPIError, failures: inout Int, doing what: String) async throws {
        let delay: Duration
        if let retryAfter = error.retryAfter {
            delay = .seconds(retryAfter)
        } else {
            delay = configuration.backoff.delay(attempt: failures)
            failures += 1
        }
        logger.warning("\(what) failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
        try await clock.sleep(for: delay)
    }
}
