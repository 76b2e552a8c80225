import Bot
import BotAPI
import Casework
import CurlTransport
import DialogTemplates
import Engine
import Foundation
import Logging
import Settings
import Store
import Telegram

/// The running bot: long poller, dispatcher, sender and scheduler around one store.
/// `otklik run`, `otklik demo` and the end-to-end tests all start it the same way.
public final class OtklikService: Sendable {
    public let database: AppDatabase
    public let handler: BotHandler
    public let clock: any BotClock
    let client: any BotAPIClient
    let logger: Logger
    let pollTimeout: Int
    let sendConfiguration: Sender.Configuration

    /// `sendConcurrency`: requests in flight at once. Each one in flight when the process is killed
    /// may be delivered twice after the restart (Telegram has no idempotency key), so the default is 1.
    public init(database: AppDatabase, handler: BotHandler, client: any BotAPIClient, clock: any BotClock,
                pollTimeout: Int = 25, limits: RateLimits = RateLimits(), sendConcurrency: Int = 1, logger: Logger) {
        self.database = database
        self.handler = handler
        self.client = client
        self.clock = clock
        self.pollTimeout = pollTimeout
        self.logger = logger
        var send = Sender.Configuration(limits: limits)
        send.concurrency = max(1, sendConcurrency)
        self.sendConfiguration = send
    }

    /// Runs until the task is cancelled (a graceful stop) or the poller stops for good (401/404).
    /// On cancellation: the transaction in progress completes, the sender gets `drainTime` to
    /// deliver what it holds, and the function returns; the next start continues from the store.
    public func run(drainTime: Duration = .seconds(5)) async throws {
        let clock = self.clock
        let handler = self.handler
        let outbox = StoreOutbox(database: database, now: { clock.now() }, onUnreachable: { db, person, at in
            try handler.personUnreachable(person, in: db, now: at)
        })
        let scheduler = Scheduler(database: database, handler: handler, clock: clock,
                                  logger: logger.with(label: "scheduler"), afterCommit: { outbox.wake() })
        let dispatcher = Dispatcher(database: database, handler: handler, clock: clock, logger: logger.with(label: "dispatcher"),
                                    afterCommit: { outbox.wake(); scheduler.poke() },
                                    beforeWrite: { await scheduler.caughtUp() })
        let sender = Sender(client: client, queue: outbox, configuration: sendConfiguration, logger: logger.with(label: "sender"))
        let poller = LongPoller(client: client, sink: dispatcher,
                                configuration: PollerConfiguration(timeout: pollTimeout), logger: logger.with(label: "poller"))

        // The menus (one call per person) go out beside the work, not before it: with hundreds of
        // people they delayed the first update by as many round trips.
        let menus = Task { [client, database, logger] in
            await ServiceBuilder.publishCommands(client, database: database, dialogs: handler.env.dialogs, logger: logger)
        }
        defer { menus.cancel() }
        let senderTask = Task { await sender.run() }
        let schedulerTask = Task { await scheduler.run() }
        defer { schedulerTask.cancel() }
        do {
            try await withTaskCancellationHandler {
                try await poller.run()
            } onCancel: {}
        } catch is CancellationError {
            logger.info("stopping: delivering what is queued", metadata: ["within": "\(drainTime)"])
        } catch let stop as PollerStop {
            senderTask.cancel()
            throw stop
        }
        schedulerTask.cancel()
        // The drain runs in a task of its own: this one is cancelled, and its sleeps would not wait.
        await Task { await self.drain(within: drainTime) }.value
        senderTask.cancel()
    }

    /// Waits (bounded) until nothing pending remains or nothing is in flight.
    private func drain(within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let pending = (try? await database.read { db in try db.outboxBacklog().count }) ?? 0
            if pending == 0 { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = (try? await database.read { db in try db.outboxBacklog().count }) ?? 0
        if left > 0 { logger.info("stopped with messages still queued; they go out at the next start", metadata: ["count": "\(left)"]) }
    }
}

extension Logger {
    /// A logger with the same handler and level under another label.
    func with(label: String) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = .string(label)
        return copy
    }
}
