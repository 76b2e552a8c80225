import Bot
import BotAPI
import Casework
import CurlTransport
import DialogTemplates
import Engine
import Foundation
import Logging
import Max
import MaxAPI
import Messaging
import ServiceLifecycle
import Settings
import Store
import Telegram
import UnixSignals
import VK
import VKAPI
import Dashboard

/// One messenger the service runs: how its updates come in, how the outbox's requests for it go out,
/// within which limits, and how its command menu is published.
public struct MessengerChannel: Sendable {
    public var messenger: Messenger
    public var delivery: any MessengerClient
    /// Fetches the files this messenger holds for the others (when more than one runs).
    public var media: any MediaFetching
    public var limits: RateLimits
    /// Requests in flight at once. Each one in flight when the process is killed may be delivered
    /// twice after the restart (neither messenger has an idempotency key), so the default is 1.
    public var sendConcurrency: Int
    /// The receiver, handing what it receives to the dispatcher; returns only when cancelled, throws a
    /// stop for good (a wrong token).
    public var receive: @Sendable (_ sink: any UpdateSink, _ logger: Logger) async throws -> Void
    /// Publishes the command menu (commands still work when typed if it fails).
    public var publishMenu: @Sendable (_ database: AppDatabase, _ dialogs: Dialogs, _ logger: Logger) async -> Void

    public init(messenger: Messenger, delivery: any MessengerClient, media: any MediaFetching, limits: RateLimits, sendConcurrency: Int,
                receive: @escaping @Sendable (any UpdateSink, Logger) async throws -> Void,
                publishMenu: @escaping @Sendable (AppDatabase, Dialogs, Logger) async -> Void) {
        self.messenger = messenger
        self.delivery = delivery
        self.media = media
        self.limits = limits
        self.sendConcurrency = Swift.max(1, sendConcurrency)
        self.receive = receive
        self.publishMenu = publishMenu
    }

    /// Telegram: long polling, the Bot API's limits, a menu per person.
    public static func telegram(client: any BotAPIClient, pollTimeout: Int = 25, limits: RateLimits = RateLimits(),
                                sendConcurrency: Int = 1) -> MessengerChannel {
        MessengerChannel(
            messenger: .telegram, delivery: BotAPIDelivery(client), media: BotAPIMediaFetcher(client), limits: limits, sendConcurrency: sendConcurrency,
            receive: { sink, logger in
                try await LongPoller(client: client, sink: sink, configuration: PollerConfiguration(timeout: pollTimeout),
                                     logger: logger.with(label: "poller")).run()
            },
            publishMenu: { database, dialogs, logger in
                await ServiceBuilder.publishCommands(client, database: database, dialogs: dialogs, logger: logger)
            })
    }

    /// MAX: long polling or a webhook, MAX's 30 requests a second (and a person's pace), one menu.
    public static func max(client: any MaxAPIClient, database: AppDatabase, webhook: MaxWebhook.Configuration?,
                           limits: RateLimits = .max, sendConcurrency: Int = 1) -> MessengerChannel {
        MessengerChannel(
            messenger: .max, delivery: MaxDelivery(client: client, database: database), media: MaxMediaFetcher(client: client),
            limits: limits,
            sendConcurrency: sendConcurrency,
            receive: { sink, logger in
                if let webhook {
                    try await MaxWebhook(client: client, sink: sink, configuration: webhook,
                                         logger: logger.with(label: "max-webhook")).run { port in
                        logger.info("MAX webhook listening", metadata: ["port": "\(port)", "public_url": "\(webhook.publicURL)"])
                    }
                } else {
                    try await MaxPoller(client: client, sink: sink, database: database, logger: logger.with(label: "max-poller")).run()
                }
            },
            publishMenu: { database, dialogs, logger in
                await ServiceBuilder.publishMaxCommands(client, database: database, dialogs: dialogs, logger: logger)
            })
    }
}

extension RateLimits {
    /// MAX's: 30 requests a second overall, and MAX counts every request — its 2 polls a second and,
    /// at a start, `GET /me`, `GET /subscriptions` and the menu, with one more in reserve — so messages
    /// get 24. MAX names no per-chat limit, so a person gets Telegram's pace, which no one reads faster
    /// than anyway.
    public static var max: RateLimits {
        var limits = RateLimits()
        limits.globalPerSecond = MaxLimits.requestsPerSecond - MaxLimits.pollsPerSecond - 4
        return limits
    }
}

/// VK for the service: the client (its keys decide what it may do) and the administration's
/// community, without which nothing is published.
public struct VKConnection: Sendable {
    public var client: any VKAPIClient
    public var communityId: Int64?
    /// How often published answers' threads are looked at for the author's reply.
    public var watchInterval: TimeInterval

    public init(client: any VKAPIClient, communityId: Int64?, watchInterval: TimeInterval = 300) {
        self.client = client
        self.communityId = communityId
        self.watchInterval = watchInterval
    }
}

/// The running bot: each messenger's receiver and sender, the dispatcher and scheduler around one
/// store, and the metrics endpoint when configured, as the services of one `ServiceGroup`. `otklik
/// run`, `otklik demo` and the end-to-end tests all start it the same way and stop it with the group's
/// graceful shutdown.
public final class OtklikService: Sendable {
    public let database: AppDatabase
    public let handler: BotHandler
    public let clock: any BotClock
    let channels: [MessengerChannel]
    let logger: Logger
    let metrics: MetricsSettings?
    /// VK, when configured: shared links are read, and answers published, through it.
    let vk: VKConnection?
    /// The dashboard's web server, when configured.
    let dashboard: DashboardServer.Configuration?

    /// `metrics`: where to serve the Prometheus endpoint, if anywhere.
    public init(database: AppDatabase, handler: BotHandler, channels: [MessengerChannel], clock: any BotClock,
                metrics: MetricsSettings? = nil, vk: VKConnection? = nil, dashboard: DashboardServer.Configuration? = nil,
                logger: Logger) {
        self.dashboard = dashboard
        self.database = database
        self.handler = handler
        self.channels = channels
        self.clock = clock
        self.metrics = metrics
        self.vk = vk
        self.logger = logger
    }

    /// Telegram alone (the end-to-end tests' and the bench's service).
    public convenience init(database: AppDatabase, handler: BotHandler, client: any BotAPIClient, clock: any BotClock,
                            pollTimeout: Int = 25, limits: RateLimits = RateLimits(), sendConcurrency: Int = 1,
                            metrics: MetricsSettings? = nil, logger: Logger) {
        self.init(database: database, handler: handler,
                  channels: [.telegram(client: client, pollTimeout: pollTimeout, limits: limits, sendConcurrency: sendConcurrency)],
                  clock: clock, metrics: metrics, logger: logger)
    }

    /// Runs the services until the graceful shutdown (one of `gracefulShutdownSignals`, or
    /// `triggerGracefulShutdown()` on the group) or until a receiver stops for good (throws its
    /// `PollerStop` or `MaxReceiverStop`: a wrong token). See `serviceGroup` for what stopping does.
    public func run(drainTime: Duration = .seconds(5), gracefulShutdownSignals: [UnixSignal] = []) async throws {
        try await serviceGroup(drainTime: drainTime, gracefulShutdownSignals: gracefulShutdownSignals).run()
    }

    /// A group of fresh services over the store; run it once. At its graceful shutdown the receivers
    /// stop (the transaction in progress ends as a whole), then the scheduler, then each sender gets
    /// `drainTime` to deliver what is queued (the rest goes out at the next start), then the menus and
    /// the metrics endpoint stop, and `run()` returns. A receiver that stops for good cancels the rest
    /// at once and `run()` throws its error.
    public func serviceGroup(drainTime: Duration = .seconds(5), gracefulShutdownSignals: [UnixSignal] = []) -> ServiceGroup {
        let clock = self.clock
        let handler = self.handler
        let database = self.database
        let outboxes = channels.map { channel in
            StoreOutbox(database: database, messenger: channel.messenger, now: { clock.now() }, onUnreachable: { db, person, at in
                try handler.personUnreachable(person, in: db, now: at)
            })
        }
        let wakeSenders: @Sendable () -> Void = { outboxes.forEach { $0.wake() } }
        // The VK reader answers the reads an intake asks for (in the scheduler's or the dispatcher's
        // transaction) and settles that intake through the scheduler.
        let reader = LateBound<VKReader>(), publisher = LateBound<VKPublisher>(), watcher = LateBound<VKWatcher>()
        let wakeVK: @Sendable () -> Void = { reader.value?.poke(); publisher.value?.poke(); watcher.value?.poke() }
        let scheduler = Scheduler(database: database, handler: handler, clock: clock,
                                  logger: logger.with(label: "scheduler"), afterCommit: { wakeSenders(); wakeVK() })
        if let vk {
            reader.value = VKReader(database: database, client: vk.client, clock: clock, logger: logger.with(label: "vk-reader"),
                                    afterCommit: { scheduler.poke() })
            watcher.value = VKWatcher(database: database, client: vk.client, interval: vk.watchInterval, clock: clock,
                                      logger: logger.with(label: "vk-watcher"), afterCommit: { scheduler.poke() })
            if let community = vk.communityId {
                publisher.value = VKPublisher(database: database, client: vk.client, communityId: community,
                                              fetchers: channels.map(\.media), clock: clock,
                                              logger: logger.with(label: "vk-publisher"), afterCommit: { scheduler.poke() })
            }
        }
        let dispatcher = Dispatcher(database: database, handler: handler, clock: clock, logger: logger.with(label: "dispatcher"),
                                    afterCommit: { wakeSenders(); scheduler.poke(); wakeVK() },
                                    beforeWrite: { await scheduler.caughtUp() })

        // The group stops its services in the reverse of this order, each once the next has returned.
        var services: [any Service] = []
        if let metrics { services.append(MetricsService(settings: metrics, database: database, logger: logger)) }
        if let dashboard {
            let env = handler.env
            let server = DashboardServer(configuration: dashboard, database: database, dialogs: env.dialogs, zone: env.zone, policy: env.policy,
                                         departments: Dictionary(env.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                                         media: channels.map(\.media), now: { clock.now() }, logger: logger.with(label: "dashboard"))
            services.append(DashboardService(server: server, logger: logger))
        }
        for channel in channels {
            services.append(CommandMenuService { [logger] in
                await channel.publishMenu(database, handler.env.dialogs, logger)
            })
        }
        for (channel, outbox) in zip(channels, outboxes) {
            var configuration = Sender.Configuration(limits: channel.limits)
            configuration.concurrency = channel.sendConcurrency
            // A photo one messenger holds is fetched from it when another's person is to see it.
            let others = channels.filter { $0.messenger != channel.messenger }.map(\.media)
            let client: any MessengerClient = others.isEmpty ? channel.delivery : MediaRelay(channel.delivery, fetchers: others)
            let sender = Sender(client: client, queue: outbox, configuration: configuration,
                                logger: logger.with(label: "sender-\(channel.messenger.rawValue)"))
            services.append(SendingService(sender: sender, messenger: channel.messenger, database: database, drainTime: drainTime,
                                           logger: logger))
        }
        services.append(TimerService(scheduler: scheduler))
        if let reader = reader.value { services.append(VKService(name: "VK reader") { await reader.run() }) }
        if let publisher = publisher.value { services.append(VKService(name: "VK publisher") { await publisher.run() }) }
        if let watcher = watcher.value { services.append(VKService(name: "VK watcher") { await watcher.run() }) }
        for channel in channels {
            services.append(ReceivingService(name: "receiver (\(channel.messenger.rawValue))") { [logger] in
                try await channel.receive(dispatcher, logger)
            })
        }
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
