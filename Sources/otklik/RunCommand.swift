import ArgumentParser
import Bot
import BotAPI
import CSystem
import CurlTransport
import Engine
import Foundation
import Logging
import OtklikApp
import Settings
import Store
import Telegram
import UnixSignals

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
                                    sendConcurrency: loaded.app.telegram.sendConcurrency, metrics: loaded.app.metrics,
                                    logger: logger)
        logger.info("started", metadata: ["bot": "@\(me.username ?? "?")", "store": "\(loaded.app.storePath)"])
        // Starting ran code the bot never runs again (configuration, migrations, templates, the
        // loader's relocations): a third of the process's resident memory. Those pages go back to the
        // kernel; what the bot uses is mapped again from the file on first use.
        let released = otklik_release_readonly_pages()
        logger.debug("start-up pages released", metadata: ["bytes": "\(released)"])

        do {
            try await service.run(gracefulShutdownSignals: [.sigterm, .sigint])
            logger.info("stopped")
        } catch let stop as PollerStop {
            logger.critical("\(stop)")
            throw ExitCode.failure
        }
    }
}

extension OtklikLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
