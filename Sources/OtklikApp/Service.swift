import Bot
import BotAPI
import Casework
import CurlTransport
import DialogTemplates
import Engine
import Foundation
import Logging
import ServiceLifecycle
import Settings
import Store
import Telegram
import UnixSignals

/// The running bot: long poller, dispatcher, scheduler and sender around one store, and the metrics
/// endpoint when configured, as the services of one `ServiceGroup`. `otklik run`, `otklik demo` and
/// the end-to-end tests all start it the same way and stop it with the group's graceful shutdown.
public final class OtklikService: Sendable {
    public let database: AppDatabase
    public let handler: BotHandler
    public let clock: any BotClock
    let client: any BotAPIClient
    let logger: Logger
    let pollTimeout: Int
    let sendConfiguration: Sender.Configuration
    let metrics: MetricsSettings?

    /// `sendConcurrency`: requests in flight at once. Each one in flight when the process is killed
    /// may be delivered twice after the restart (Telegram has no idempotency key), so the default is 1.
    /// `metrics`: where to serve the Prometheus endpoint, if anywhere.
    public init(database: AppDatabase, handler: BotHandler, client: any BotAPIClient, clock: any BotClock,
                pollTimeout: Int = 25, limits: RateLimits = RateLimits(), sendConcurrency: Int = 1,
                metrics: MetricsSettings? = nil, logger: Logger) {
        self.database = database
        self.handler = handler
        self.client = client
        self.clock = clock
        self.pollTimeout = pollTimeout
        self.metrics = metrics
        self.logger = logger
        var send = Sender.Configuration(limits: limits)
        send.concurrency = max(1, sendConcurrency)
        self.sendConfiguration = send
    }

    /// Runs the services until the graceful shutdown (one of `gracefulShutdownSignals`, or
    /// `triggerGracefulShutdown()` on the group) or until the poller stops for good (throws its
    /// `PollerStop`, 401/404). See `serviceGroup` for what stopping does.
    public func run(drainTime: Duration = .seconds(5), gracefulShutdownSignals: [UnixSignal] = []) async throws {
        try await serviceGroup(drainTime: drainTime, gracefulShutdownSignals: gracefulShutdownSignals).run()
    }

    /// A group of fresh services over the store; run it once. At its graceful shutdown the poller
    /// stops (the transaction in progress ends as a whole), then the scheduler, then the sender gets
    /// `drainTime` to deliver what is queued (the rest goes out at the next start), then the menus and
    /// the metrics endpoint stop, and `run()` returns. A poller that stops for good cancels the rest at
    /// once and `run()` throws its `PollerStop`.
    public func serviceGroup(drainTime: Duration = .seconds(5), gracefulShutdownSignals: [UnixSignal] = []) -> ServiceGroup {
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
        let menus = CommandMenuService { [client, database, logger] in
            await ServiceBuilder.publishCommands(client, database: database, dialogs: handler.env.dialogs, logger: logger)
        }

        // The group stops its services in the reverse of this order, each once the next has returned.
        var services: [any Service] = []
        if let metrics { services.append(MetricsService(settings: metrics, database: database, logger: logger)) }
        services += [
            menus,
            SendingService(sender: sender, database: database, drainTime: drainTime, logger: logger),
            TimerService(scheduler: scheduler),
            PollingService(poller: poller),
        ]
        return ServiceGroup(services: services, gracefulShutdownSignals: gracefulShutdownSignals,
                            logger: logger.with(label: "lifecycle"))
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
