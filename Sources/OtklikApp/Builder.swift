import Bot
import BotAPI
import Casework
import ChartRendering
import CurlTransport
import DialogTemplates
import Engine
import Foundation
import Logging
import Max
import MaxAPI
import Messaging
import Settings
import Store
import Telegram

/// Puts the service together from the configuration: the composition root shared by `otklik run`,
/// `otklik demo` and the end-to-end tests.
public enum ServiceBuilder {
    /// The bot environment (texts, rules, departments, screening) from the loaded configuration.
    public static func environment(_ config: ServiceConfiguration, botNames: [Messenger: String],
                                   language: String? = nil) throws -> BotEnvironment {
        let dialogs = try Dialogs.load(folder: config.app.dialogsPath, language: language ?? config.app.language)
        let screener = Screener(lexicon: config.screening)
        var env = BotEnvironment(
            dialogs: dialogs, zone: config.zone, policy: config.deadlinePolicy, departments: config.staff.departments,
            botNames: botNames,
            screen: { screener.screen($0) },
            makeToken: InvitationTokens.make, hashToken: InvitationTokens.hash,
            renderers: Array(botNames.keys).sorted { $0.rawValue < $1.rawValue }.map(Self.renderer))
        env.settleDelay = config.app.intake.settleDelay
        env.dashboardURL = config.app.dashboard?.publicURL
        // Portrait phones are 1080 pixels wide.
        env.drawChart = { svg in try? PNGRenderer.png(fromSVG: svg, width: 1080) }
        if let vk = config.app.vk {
            if vk.serviceToken != nil {
                env.vkReadWait = Double(vk.readWait.components.seconds)
                env.vkWatchInterval = Double(vk.watchInterval.components.seconds)
            }
            env.vkPublishing = vk.communityId != nil && (vk.communityToken != nil || vk.editorToken != nil)
        }
        return env
    }

    /// The renderer of a messenger's adapter.
    static func renderer(_ messenger: Messenger) -> any MessageRenderer {
        switch messenger {
        case .telegram: TelegramRenderer()
        case .max: MaxRenderer()
        }
    }

    /// The libcurl client for the configured Bot API, with the token redacted from every error.
    public static func client(_ config: AppSettings.Telegram, token: String, baseURL: String? = nil, workers: Int = 6) -> CurlBotAPIClient {
        var options = CurlOptions()
        options.proxy = config.proxy
        options.caBundlePath = config.caBundle
        options.connectTimeout = config.connectTimeout
        let http = CurlBotAPIClient.makeHTTPClient(token: token, options: options, workers: workers, name: "otklik-http")
        return CurlBotAPIClient(baseURL: baseURL ?? config.apiURL, token: token, http: http)
    }

    /// The VK client with the keys given (nil: not set; the calls needing one are refused before sending).
    public static func vkClient(_ config: AppSettings.VK, service: String?, community: String?, editor: String?,
                                baseURL: String? = nil) -> CurlVKClient {
        var options = CurlOptions()
        options.proxy = config.proxy
        let http = CurlVKClient.makeHTTPClient(tokens: [service, community, editor], options: options, workers: 2, name: "otklik-vk")
        return CurlVKClient(baseURL: baseURL ?? config.apiURL, version: config.apiVersion, serviceToken: service,
                            communityToken: community, userToken: editor, http: http)
    }

    /// The libcurl client for MAX: its CA trusted beside the system store, the token redacted everywhere.
    public static func maxClient(_ config: AppSettings.Max, token: String, baseURL: String? = nil, workers: Int = 4) -> CurlMaxClient {
        var options = CurlOptions()
        options.proxy = config.proxy
        options.connectTimeout = config.connectTimeout
        let http = CurlMaxClient.makeHTTPClient(token: token, caBundle: config.caBundle, options: options, workers: workers,
                                                name: "otklik-max")
        return CurlMaxClient(baseURL: baseURL ?? config.apiURL, token: token, http: http)
    }

    /// Opens the store and brings staff.yaml's departments and people into it.
    public static func openStore(_ config: ServiceConfiguration, at path: String? = nil, now: Date) throws -> AppDatabase {
        let database = try AppDatabase.open(path: path ?? config.app.storePath)
        try syncStaff(config, into: database, now: now)
        return database
    }

    /// Brings staff.yaml's departments and people into the store.
    public static func syncStaff(_ config: ServiceConfiguration, into database: AppDatabase, now: Date) throws {
        try database.write { db in
            try db.syncStaff(
                departments: config.staff.departments.map { ConfiguredDepartment(id: $0.id, name: $0.name, keywords: $0.keywords) },
                people: config.staff.people.map {
                    ConfiguredPerson(addresses: [$0.telegramId.map { Address(.telegram, $0) }, $0.maxId.map { Address(.max, $0) }].compactMap { $0 },
                                     name: $0.name, roles: $0.roles, departmentId: $0.department)
                },
                at: now)
        }
    }

    /// The commands menu per role, where Telegram allows per-chat scopes.
    public static func publishCommands(_ client: any BotAPIClient, database: AppDatabase, dialogs: Dialogs,
                                       logger: Logger) async {
        func commands(_ roles: Set<Role>) -> [BotAPI.BotCommand] {
            var names = ["cases", "case", "find", "overdue", "dashboard", "help", "cancel"]
            if roles.contains(.specialist) { names.insert("new", at: 0) }
            if roles.contains(.admin) { names += ["staff", "invite", "revoke"] }
            else if roles.contains(.head) { names += ["staff"] }
            return names.map { BotAPI.BotCommand(command: $0, description: dialogs.render(DialogKey("command.\($0)"))) }
        }
        do {
            _ = try await client.call(SetMyCommands(commands: [BotAPI.BotCommand(command: "start", description: dialogs.render("command.start")),
                                                               BotAPI.BotCommand(command: "help", description: dialogs.render("command.help"))]))
            let people = try await database.read { db in try db.allPeople() }
            for person in people where person.active && !person.unreachable {
                _ = try await client.call(SetMyCommands(commands: commands(person.roles), scope: .chat(person.id)))
            }
        } catch {
            logger.warning("could not publish the command menus; commands still work when typed", metadata: ["error": "\(error)"])
        }
    }

    /// MAX's command menu: one for everyone (MAX has no per-person menus); at most 32 commands.
    public static func publishMaxCommands(_ client: any MaxAPIClient, database: AppDatabase, dialogs: Dialogs,
                                          logger: Logger) async {
        let names = ["start", "help", "new", "cases", "case", "find", "overdue", "dashboard", "cancel", "staff", "invite", "revoke"]
        let commands = names.map { MaxAPI.BotCommand(name: $0, description: dialogs.render(DialogKey("command.\($0)"))) }
        do {
            _ = try await client.send(try MaxCall.setCommands(commands).wireRequest())
        } catch {
            logger.warning("could not publish MAX's command menu; commands still work when typed", metadata: ["error": "\(error)"])
        }
    }
}
