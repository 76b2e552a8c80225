import ArgumentParser
import Bot
import BotAPI
import CSystem
import CurlTransport
import Engine
import Foundation
import Logging
import Max
import MaxAPI
import Messaging
import OtklikApp
import Settings
import Store
import Telegram
import Dashboard
import UnixSignals

/// `otklik run`: the service.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot on Telegram, MAX or both: updates, conversations, the store, reminders. SIGTERM or Ctrl-C stops it cleanly."
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
        // Every secret is known before the first log line, so none can ever be logged.
        let telegramToken: String?
        let maxToken: String?
        var webhookSecret: String?
        var vkKeys: (service: String?, community: String?, editor: String?) = (nil, nil, nil)
        do {
            telegramToken = try loaded.app.telegram.map { try $0.token.load(format: .telegram) }
            maxToken = try loaded.app.max.map { try $0.token.load(format: .max) }
            if case let .webhook(webhook)? = loaded.app.max?.mode { webhookSecret = try webhook.secret.load(format: .webhookSecret) }
            if let vk = loaded.app.vk {
                vkKeys = (try vk.serviceToken?.load(format: .vk), try vk.communityToken?.load(format: .vk),
                          try vk.editorToken?.load(format: .vk))
            }
        } catch {
            printError("not starting: \(error)")
            throw ExitCode.failure
        }
        let secrets = [telegramToken, maxToken, webhookSecret, vkKeys.service, vkKeys.community, vkKeys.editor].compactMap { $0 }
        let (format, level) = (logFormat, logLevel)
        LoggingSystem.bootstrap { label in OtklikLogHandler(label: label, format: format, secrets: secrets, level: level) }
        let logger = Logger(label: "otklik")
        loaded.warnings.forEach { logger.warning("\($0)") }

        let database: AppDatabase
        do { database = try ServiceBuilder.openStore(loaded, now: now) } catch {
            logger.critical("not starting: \(error)")
            throw ExitCode.failure
        }
        var channels: [MessengerChannel] = []
        var botNames: [Messenger: String] = [:]
        if let settings = loaded.app.telegram, let token = telegramToken {
            // One worker per message in flight, one for the long poll, one spare (the menus at start).
            let client = ServiceBuilder.client(settings, token: token, workers: max(6, settings.sendConcurrency + 2))
            let me: BotAPI.User
            do { me = try await client.call(GetMe()) } catch {
                logger.critical("not starting: the Bot API did not answer getMe", metadata: ["error": "\(error)",
                                "api_url": "\(settings.apiURL)"])
                throw ExitCode.failure
            }
            botNames[.telegram] = me.username ?? ""
            channels.append(.telegram(client: client, pollTimeout: settings.pollTimeout,
                                      limits: settings.rateLimits ? RateLimits() : .unlimited,
                                      sendConcurrency: settings.sendConcurrency))
        }
        if let settings = loaded.app.max, let token = maxToken {
            let client = ServiceBuilder.maxClient(settings, token: token, workers: max(4, settings.sendConcurrency + 2))
            let me: BotInfo
            do { me = try await client.me() } catch {
                if case .unauthorized = error {
                    logger.critical("not starting: MAX refused the token (401); check max.token_env or max.token_file and the token on business.max.ru")
                } else {
                    logger.critical("not starting: MAX did not answer GET /me (check max.api_url, the network, and max.ca_bundle for a TLS error)",
                                    metadata: ["error": "\(error)", "api_url": "\(settings.apiURL)"])
                }
                throw ExitCode.failure
            }
            botNames[.max] = me.username ?? ""
            var webhook: MaxWebhook.Configuration?
            if case let .webhook(w) = settings.mode, let secret = webhookSecret {
                webhook = MaxWebhook.Configuration(host: w.host, port: w.port, publicURL: w.publicURL, secret: secret)
            }
            channels.append(.max(client: client, database: database, webhook: webhook,
                                 limits: settings.rateLimits ? .max : .unlimited, sendConcurrency: settings.sendConcurrency))
        }
        let env = try ServiceBuilder.environment(loaded, botNames: botNames)
        let vk = loaded.app.vk.map { settings in
            VKConnection(client: ServiceBuilder.vkClient(settings, service: vkKeys.service, community: vkKeys.community,
                                                         editor: vkKeys.editor), communityId: settings.communityId,
                          watchInterval: Double(settings.watchInterval.components.seconds))
        }
        let service = OtklikService(database: database, handler: BotHandler(env: env), channels: channels, clock: SystemClock(),
                                    metrics: loaded.app.metrics, vk: vk,
                                    dashboard: loaded.app.dashboard.map { DashboardServer.Configuration(host: $0.host, port: $0.port,
                                                                                                    telegramToken: telegramToken) },
                                    logger: logger)
        logger.info("started", metadata: ["bots": "\(botNames.map { "\($0.key.rawValue): @\($0.value)" }.sorted().joined(separator: ", "))",
                                          "store": "\(loaded.app.storePath)"])
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
        } catch let stop as MaxReceiverStop {
            logger.critical("\(stop)")
            throw ExitCode.failure
        }
    }
}

extension OtklikLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
