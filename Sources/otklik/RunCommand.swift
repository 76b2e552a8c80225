import ArgumentParser
import Bot
import BotAPI
import CSystem
import CurlTransport
import Dispatch
import Engine
import Foundation
import Logging
import Metrics
import OtklikApp
import Settings
import Store
import Telegram

/// `otklik run`: the service.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot: long polling, conversations, the store, reminders. SIGTERM or Ctrl-C stops it cleanly."
    )

    @Option(help: "The service config file.")
    var config = AppSettings.defaultPath

    @Option(name: .customLong("log-format"), help: "text or json.")
    var logFormat: OtklikLogHandler.Format = .text

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let now = Date()
        let loaded: ServiceConfiguration
        do {
            loaded = try ServiceConfiguration.load(configPath: config, now: now)
        } catch {
            error.errors.forEach { printError($0.description) }
            printError("not starting: \(error.errors.count) problem(s) in the configuration (see `otklik check`)")
            throw ExitCode.failure
        }
        let token: String
        do { token = try loaded.app.telegram.token.load() } catch {
            printError("not starting: \(error)")
            throw ExitCode.failure
        }
        let (format, level) = (logFormat, logLevel)
        LoggingSystem.bootstrap { label in OtklikLogHandler(label: label, format: format, secrets: [token], level: level) }
        let logger = Logger(label: "otklik")
        loaded.warnings.forEach { logger.warning("\($0)") }

        let database: AppDatabase
        do { database = try ServiceBuilder.openStore(loaded, now: now) } catch {
            logger.critical("not starting: \(error)")
            throw ExitCode.failure
        }
        // One worker per message in flight, one for the long poll, one spare (the menus at start).
        let client = ServiceBuilder.client(loaded.app, token: token, workers: max(6, loaded.app.telegram.sendConcurrency + 2))
        let me: User
        do { me = try await client.call(GetMe()) } catch {
            logger.critical("not starting: the Bot API did not answer getMe", metadata: ["error": "\(error)",
                            "api_url": "\(loaded.app.telegram.apiURL)"])
            throw ExitCode.failure
        }
        let env = try ServiceBuilder.environment(loaded, botUsername: me.username ?? "")
        let service = OtklikService(database: database, handler: BotHandler(env: env), client: client, clock: SystemClock(),
                                    pollTimeout: loaded.app.telegram.pollTimeout,
                                    limits: loaded.app.telegram.rateLimits ? RateLimits() : .unlimited,
                                    sendConcurrency: loaded.app.telegram.sendConcurrency, logger: logger)
        logger.info("started", metadata: ["bot": "@\(me.username ?? "?")", "store": "\(loaded.app.storePath)"])
        // Starting ran code the bot never runs again (configuration, migrations, templates, the
        // loader's relocations): a third of the process's resident memory. Those pages go back to the
        // kernel; what the bot uses is mapped again from the file on first use.
        let released = otklik_release_readonly_pages()
        logger.debug("start-up pages released", metadata: ["bytes": "\(released)"])

        let metrics = loaded.app.metrics.map { startMetrics($0, database: database, logger: logger) }
        defer { metrics?.cancel() }

        let task = Task { try await service.run() }
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                logger.info("signal \(number): stopping")
                task.cancel()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await task.value
            logger.info("stopped")
        } catch let stop as PollerStop {
            logger.critical("\(stop)")
            throw ExitCode.failure
        }
    }
}

/// Serves the Prometheus endpoint beside the bot. A failure is logged and the bot goes on:
/// the scraper sees the endpoint down, which is what it alerts on.
private func startMetrics(_ settings: MetricsSettings, database: AppDatabase, logger: Logger) -> Task<Void, Never> {
    Task {
        do {
            let server = try MetricsServer(database: database, host: settings.host, port: settings.port)
            try await server.run { _ in logger.info("metrics at http://\(settings.listen)/metrics") }
        } catch where !Task.isCancelled {
            logger.error("the metrics endpoint stopped", metadata: ["listen": "\(settings.listen)", "error": "\(error)"])
        } catch {}
    }
}

extension OtklikLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
