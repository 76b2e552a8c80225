import Casework
import DialogTemplates
import Foundation
import Messaging

/// What the bot knows that does not change while it runs: texts, rules, departments, settings.
public struct BotEnvironment: Sendable {
    public var dialogs: Dialogs
    public var zone: CalendarZone
    public var policy: DeadlinePolicy
    public let departments: [Department]
    /// The bot's name on each messenger it runs on, for invitation links (t.me/<name>?start=TOKEN,
    /// max.ru/<name>?start=TOKEN).
    public var botNames: [Messenger: String]
    /// § 11 screening of a text: the verdict and the fragments that caused it.
    public var screen: @Sendable (String) -> ScreeningResult
    /// How long after a person's last message their messages count as settled (a forwarded batch,
    /// an album, a draft in several messages).
    public var settleDelay: TimeInterval = 1.5
    /// A stranger is told about invitations at most this often.
    public var strangerNoticeInterval: TimeInterval = 60
    public var invitationLifetime: TimeInterval = 72 * 3600
    /// With VK reading on, how long an intake whose post is a VK link waits for VK; nil: reading is off.
    public var vkReadWait: TimeInterval?
    /// Whether approved answers can be published on VK as the community (a community key is set).
    public var vkPublishing = false
    /// How often a published answer's VK thread is looked at for the author's reply; nil: not watched.
    public var vkWatchInterval: TimeInterval?
    /// Draws a report chart's SVG as a PNG for chats (librsvg, injected by the app); nil: reports go
    /// without a picture.
    public var drawChart: (@Sendable (String) -> Data?)?
    /// The dashboard's public address (`https://…`, no trailing slash); nil: no dashboard.
    public var dashboardURL: String?
    /// How long after publication a thread is watched.
    public var vkWatchFor: TimeInterval = 30 * 86400
    /// 128 random bits as URL-safe text, for invitation tokens.
    public var makeToken: @Sendable () -> String
    /// SHA-256 of an invitation token: only the hash is stored.
    public var hashToken: @Sendable (String) -> Data
    /// Renders what the bot says as each messenger's requests, for the messengers the service runs.
    public var renderers: [Messenger: any MessageRenderer]
    /// Recent cases' posts as intake compares them, read and analysed once.
    let posts = PostCache()
    /// Routing suggestions for `departments`: its keyword matchers stem every keyword, so it is built once.
    let router: RoutingSuggester

    public init(dialogs: Dialogs, zone: CalendarZone, policy: DeadlinePolicy, departments: [Department],
                botNames: [Messenger: String], screen: @escaping @Sendable (String) -> ScreeningResult,
                makeToken: @escaping @Sendable () -> String, hashToken: @escaping @Sendable (String) -> Data,
                renderers: [any MessageRenderer]) {
        self.dialogs = dialogs
        self.zone = zone
        self.policy = policy
        self.departments = departments
        self.router = RoutingSuggester(departments: departments)
        self.botNames = botNames
        self.screen = screen
        self.makeToken = makeToken
        self.hashToken = hashToken
        self.renderers = Dictionary(renderers.map { ($0.messenger, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var workflow: Workflow { Workflow(rules: policy) }

    func department(_ id: String?) -> Department? { departments.first { $0.id == id } }

    func departmentName(_ id: String?) -> String { department(id)?.name ?? id ?? "—" }
}

extension BotEnvironment {
    /// The deep link that starts the bot with `payload`, on each messenger the bot has a name on,
    /// `first` first (the inviter's: the one the invitee most likely uses too).
    func startLinks(_ payload: String, first: Messenger?) -> [String] {
        let order = Messenger.allCases.sorted { a, _ in a == first }
        return order.compactMap { messenger in
            guard let name = botNames[messenger], !name.isEmpty else { return nil }
            switch messenger {
            case .telegram: return "https://t.me/\(name)?start=\(payload)"
            case .max: return "https://max.ru/\(name)?start=\(payload)"
            }
        }
    }
}
