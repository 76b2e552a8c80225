import Foundation
import Dashboard
import Engine
import Logging
import Messaging
import Metrics
import ServiceLifecycle
import Settings
import Store
import Telegram

// The engine's long-running pieces as services of one ServiceGroup. The group starts them together
// and, at a graceful shutdown, stops them one by one in the reverse of their order in the group,
// each only once the one after it has returned (see `OtklikService.serviceGroup`).
//
// None of them returns before its own turn to stop: the group ends with an error when a service
// returns while another is being stopped.

/// A messenger's receiver (Telegram's long poller; MAX's poller or webhook). The graceful shutdown
/// cancels it: a transaction under way ends as a whole and the messenger is told only of what
/// committed. A stop for good (`PollerStop`, `MaxReceiverStop`: a wrong token) is thrown on, which
/// cancels the whole group at once (no drain) and ends its run with that error.
struct ReceivingService: Service, CustomStringConvertible {
    let name: String
    let receive: @Sendable () async throws -> Void

    var description: String { name }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown(receive)
        } catch is CancellationError {
            // Stopped: by the graceful shutdown, or with the group.
        }
    }
}

/// The timers, until the graceful shutdown (or the group's cancellation) cancels them.
struct TimerService: Service, CustomStringConvertible {
    let scheduler: Scheduler

    var description: String { "scheduler" }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [scheduler] in await scheduler.run() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}

/// The VK reader or publisher: stops with the scheduler (a call in flight is abandoned; its row stays
/// pending, and a publication's counted try is looked for at the next start).
struct VKService: Service, CustomStringConvertible {
    let name: String
    let work: @Sendable () async -> Void

    var description: String { name }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [work] in await work() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}

/// A value set once after the closures that read it are made (the scheduler's callback needs the
/// reader, which needs the scheduler).
final class LateBound<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// The sender. At the graceful shutdown the poller and the scheduler have already stopped, so nothing
/// new is queued: it gets up to `drainTime` to deliver what is, then stops; the rest stays in the
/// outbox for the next start. Cancelled with the group (a poller stop), it stops at once.
struct SendingService: Service, CustomStringConvertible {
    let sender: Sender
    let messenger: Messenger
    let database: AppDatabase
    let drainTime: Duration
    let logger: Logger

    var description: String { "sender (\(messenger.rawValue))" }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [sender] in await sender.run() }
            // Returns at the graceful shutdown; throws when the group is cancelled instead.
            if (try? await gracefulShutdown()) != nil {
                logger.info("stopping: delivering what is queued", metadata: ["within": "\(drainTime)"])
                await drain()
            }
            group.cancelAll()
        }
    }

    /// Waits (bounded) until nothing is pending.
    private func drain() async {
        let deadline = ContinuousClock.now + drainTime
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if await backlog() == 0 { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = await backlog()
        if left > 0 { logger.info("stopped with messages still queued; they go out at the next start", metadata: ["count": "\(left)"]) }
    }

    private func backlog() async -> Int {
        (try? await database.read { [messenger] db in try db.outboxBacklog(messenger: messenger).count }) ?? 0
    }
}

/// The command menus, published once beside the work rather than before it (with hundreds of people
/// they delayed the first update by as many round trips). Publishing stops at the graceful shutdown.
struct CommandMenuService: Service, CustomStringConvertible {
    let publish: @Sendable () async -> Void

    var description: String { "command menus" }

    func run() async {
        await cancelWhenGracefulShutdown(publish)
        try? await gracefulShutdown()
    }
}

/// The Prometheus endpoint beside the bot, until the graceful shutdown. A failure is logged and the
/// bot goes on: the scraper sees the endpoint down, which is what it alerts on.
/// The dashboard's web server: stops at the graceful shutdown, with the metrics endpoint.
struct DashboardService: Service, CustomStringConvertible {
    let server: DashboardServer
    let logger: Logger

    var description: String { "dashboard" }

    func run() async {
        do {
            try await cancelWhenGracefulShutdown { [server] in try await server.run() }
        } catch where !Task.isCancelled && !Task.isShuttingDownGracefully {
            logger.error("the dashboard stopped", metadata: ["error": "\(error)"])
        } catch {}
        await server.stop()
        try? await gracefulShutdown()
    }
}

struct MetricsService: Service, CustomStringConvertible {
    let settings: MetricsSettings
    let database: AppDatabase
    let logger: Logger

    var description: String { "metrics" }

    func run() async {
        do {
            let server = try MetricsServer(database: database, host: settings.host, port: settings.port)
            try await cancelWhenGracefulShutdown { [settings, logger] in
                try await server.run { _ in logger.info("metrics at http://\(settings.listen)/metrics") }
            }
        } catch where !Task.isCancelled && !Task.isShuttingDownGracefully {
            logger.error("the metrics endpoint stopped", metadata: ["listen": "\(settings.listen)", "error": "\(error)"])
        } catch {}
        try? await gracefulShutdown()
    }
}
