import Casework
import Foundation
import Yams

/// Where a secret (a bot token, a webhook secret) comes from. It is never stored in config files.
public enum TokenSource: Sendable, Equatable {
    case environment(String)
    case file(String)

    /// What the secret must look like.
    public enum Format: Sendable {
        /// Telegram's `123456789:AA…` from @BotFather.
        case telegram
        /// MAX's token from business.max.ru: one word of printable characters.
        case max
        /// A MAX webhook secret: 5–256 letters, digits, `_` or `-`.
        case webhookSecret
        /// A VK access key (service, community or user): one word of printable characters.
        case vk
    }

    /// Reads the secret. Errors say where to look but never show any part of it.
    public func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                     format: Format = .telegram) throws(ConfigError) -> String {
        let raw: String
        let origin: String
        switch self {
        case let .environment(name):
            origin = "the environment variable \(name)"
            guard let value = environment[name], !value.isEmpty else {
                let what = switch format {
                case .telegram: "the token @BotFather gave you"
                case .max: "the bot's token from business.max.ru"
                case .webhookSecret: "a secret of 5–256 letters, digits, _ or -"
                case .vk: "the VK key (README, section VK, says where each one is made)"
                }
                throw ConfigError(file: origin, message: "is not set; export it with \(what)")
            }
            raw = value
        case let .file(path):
            origin = path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError(file: path, message: "cannot read the token file (check the path and that the service user may read it)")
            }
            raw = text
        }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch format {
        case .telegram:
            guard Self.looksLikeToken(token) else {
                throw ConfigError(file: origin, message: "does not hold a bot token of the form 123456789:AA… (digits, a colon, then letters, digits, _ or -)")
            }
        case .max, .vk:
            guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                throw ConfigError(file: origin, message: format == .vk ? "does not hold a VK access key (one word of at least 16 Latin letters, digits or signs)"
                                  : "does not hold a MAX bot token (one word of at least 16 Latin letters, digits or signs)")
            }
        case .webhookSecret:
            guard (5...256).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw ConfigError(file: origin, message: "does not hold a webhook secret MAX accepts (5–256 Latin letters, digits, _ or -)")
            }
        }
        return token
    }

    static func looksLikeToken(_ token: String) -> Bool {
        let parts = token.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber), parts[1].count >= 20 else { return false }
        return parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}

/// `Config/otklik.yaml`, validated. Relative paths are resolved against the config file's folder.
public struct AppSettings: Sendable {
    public struct Telegram: Sendable {
        public var apiURL = "https://api.telegram.org"
        public var token = TokenSource.environment("OTKLIK_BOT_TOKEN")
        public var proxy: String?
        public var caBundle: String?
        public var connectTimeout: Duration = .seconds(10)
        public var pollTimeout = 25
        /// Messages in flight at once; each may be sent twice if the process is killed meanwhile.
        public var sendConcurrency = 1
        /// False only against a server without Telegram's flood limits (the sandbox in `make bench`).
        public var rateLimits = true

        public init() {}
    }

    /// `max:` — MAX, the national messenger.
    public struct Max: Sendable {
        public enum Mode: Sendable, Equatable {
            /// `GET /updates` (MAX limits it to 2 requests a second and calls it unfit for production).
            case polling
            /// MAX posts updates to `publicURL`; the city's HTTPS proxy passes them to `listen`.
            case webhook(Webhook)
        }

        public struct Webhook: Sendable, Equatable {
            public var host: String
            public var port: UInt16
            public var publicURL: String
            public var secret: TokenSource
        }

        public var apiURL = "https://platform-api2.max.ru"
        public var token = TokenSource.environment("OTKLIK_MAX_TOKEN")
        /// MAX's chain ends at the Russian Ministry of Digital Development's CA, which Debian's store
        /// lacks; these certificates are trusted for MAX only, beside the system store.
        public var caBundle: String?
        public var proxy: String?
        public var connectTimeout: Duration = .seconds(10)
        public var mode = Mode.polling
        /// Messages in flight at once; each may be sent twice if the process is killed meanwhile.
        public var sendConcurrency = 1
        /// False only against a server without MAX's limits (the sandbox in `make bench`).
        public var rateLimits = true

        public init() {}
    }

    /// `vk:` — reading shared VK posts (a service key) and publishing answers as the community.
    public struct VK: Sendable {
        public var apiURL = "https://api.vk.ru"
        public var apiVersion = "5.199"
        /// Reads posts and comments; without it links are not read.
        public var serviceToken: TokenSource? = .environment("OTKLIK_VK_SERVICE_TOKEN")
        /// The administration's community (its id, positive).
        public var communityId: Int64?
        /// Comments as the community.
        public var communityToken: TokenSource?
        /// A community editor's user key: photos in answers.
        public var editorToken: TokenSource?
        public var proxy: String?
        /// How often published threads are checked for the author's reply.
        public var watchInterval: Duration = .seconds(300)
        /// How long an intake waits for VK before it opens from the message alone.
        public var readWait: Duration = .seconds(10)

        public init() {}
    }

    /// `dashboard:` — the web page on a local port, and the address people reach it at.
    public struct Dashboard: Sendable, Equatable {
        public var host: String
        public var port: UInt16
        /// `https://…` behind the city's proxy, without a trailing slash.
        public var publicURL: String
    }

    public struct Intake: Sendable {
        /// Seconds after a specialist's last message before their messages become one case.
        public var settleDelay: Double = 1.5
    }

    public var configPath: String
    /// nil when the config has a `max:` section and no `telegram:` one (a city on MAX only).
    public var telegram: Telegram? = Telegram()
    public var max: Max?
    /// nil without a `vk:` section: VK links are taken as they are shared.
    public var vk: VK?
    /// nil without a `dashboard:` section.
    public var dashboard: Dashboard?
    public var storePath: String
    public var timeZone: TimeZone
    public var language: String
    public var staffPath: String
    public var calendarPath: String
    public var screeningPath: String
    public var dialogsPath: String
    public var deadlines = DeadlineSettings()
    /// The Prometheus endpoint, off unless `metrics:` is given.
    public var metrics: MetricsSettings?
    public var intake = Intake()

    public static let defaultPath = "Config/otklik.yaml"

    /// Loads and validates the file; throws every problem found, each with file and line.
    public static func load(_ path: String) throws(ConfigErrors) -> AppSettings {
        let file: YAMLFile
        do { file = try YAMLFile.load(path) } catch { throw ConfigErrors([error]) }
        return try parse(file)
    }

    public static func parse(_ file: YAMLFile) throws(ConfigErrors) -> AppSettings {
        let r = YAMLReader(file)
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : folder.appendingPathComponent(p).standardizedFileURL.path
        }
        let top = r.mapping(file.root, "the config", allowed: ["telegram", "max", "vk", "dashboard", "store", "timezone", "language", "staff",
                                                               "calendar", "screening", "dialogs", "deadlines", "metrics",
                                                               "intake"]) ?? [:]
        var s = AppSettings(configPath: file.path, storePath: resolve("data/otklik.sqlite"),
                            timeZone: TimeZone(identifier: "Asia/Barnaul")!, language: "ru",
                            staffPath: resolve("staff.yaml"), calendarPath: resolve("calendar"),
                            screeningPath: resolve("screening"), dialogsPath: resolve("../Dialogs"))

        var telegram = Telegram()
        if let t = r.mapping(top["telegram"], "telegram", allowed: ["api_url", "token_env", "token_file", "proxy",
                                                                    "ca_bundle", "connect_timeout", "poll_timeout",
                                                                    "send_concurrency", "rate_limits"]) {
            let endpoint = readEndpoint(t, "telegram", example: "https://api.telegram.org", r, resolve: resolve)
            telegram.apiURL = endpoint.apiURL ?? telegram.apiURL
            telegram.token = endpoint.token ?? telegram.token
            telegram.proxy = endpoint.proxy
            if let ca = r.string(t["ca_bundle"], "telegram.ca_bundle"), !ca.isEmpty { telegram.caBundle = resolve(ca) }
            if let d = r.duration(t["connect_timeout"], "telegram.connect_timeout") { telegram.connectTimeout = d }
            if let p = r.int(t["poll_timeout"], "telegram.poll_timeout", in: 1...50) { telegram.pollTimeout = p }
            if let c = r.int(t["send_concurrency"], "telegram.send_concurrency", in: 1...16) { telegram.sendConcurrency = c }
            if let limits = r.string(t["rate_limits"], "telegram.rate_limits") {
                switch limits {
                case "telegram": telegram.rateLimits = true
                case "off": telegram.rateLimits = false
                default: r.fail("telegram.rate_limits must be telegram or off, not '\(limits)'", at: t["rate_limits"])
                }
            }
        }
        // Telegram runs when configured, and by default when MAX is not.
        s.telegram = top["telegram"] != nil || top["max"] == nil ? telegram : nil
        if let m = top["max"] { s.max = readMax(m, r, resolve: resolve) }
        if let v = top["vk"] { s.vk = readVK(v, r, resolve: resolve) }
        if let d = r.mapping(top["dashboard"], "dashboard", allowed: ["listen", "public_url"]),
           let listen = r.string(d["listen"], "dashboard.listen", required: true, parent: top["dashboard"]),
           let publicURL = r.string(d["public_url"], "dashboard.public_url", required: true, parent: top["dashboard"]) {
            let parts = listen.split(separator: ":", omittingEmptySubsequences: false)
            let trimmed = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
            // The pages link from the site's root, so the dashboard needs a host of its own, not a path.
            let hasPath = URL(string: trimmed).map { !$0.path.isEmpty && $0.path != "/" } ?? true
            if parts.count == 2, let port = UInt16(parts[1]), port > 0, parts[0].split(separator: ".").count == 4,
               MetricsSettings.isLoopback(String(parts[0])) {
                if !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://127.0.0.1") || publicURL.hasPrefix("http://localhost")) {
                    r.fail("dashboard.public_url must be the https:// address of the proxy (session cookies are Secure), not '\(publicURL)'", at: d["public_url"])
                } else if hasPath {
                    r.fail("dashboard.public_url must be a site of its own such as https://otklik.example.ru, without a path (the pages link from the root), not '\(publicURL)'", at: d["public_url"])
                } else {
                    s.dashboard = Dashboard(host: String(parts[0]), port: port, publicURL: trimmed)
                }
            } else {
                r.fail("dashboard.listen must be a loopback IPv4 address and a port such as 127.0.0.1:8088 (only the proxy may reach it), not '\(listen)'", at: d["listen"])
            }
        }
        if let store = r.mapping(top["store"], "store", allowed: ["path"]),
           let p = r.string(store["path"], "store.path", required: true, parent: top["store"]) {
            s.storePath = resolve(p)
        }
        if let tz = r.string(top["timezone"], "timezone") {
            if let zone = TimeZone(identifier: tz) { s.timeZone = zone }
            else { r.fail("timezone must be an IANA zone such as Asia/Barnaul or Europe/Moscow, not '\(tz)'", at: top["timezone"]) }
        }
        if let lang = r.string(top["language"], "language") {
            if ["ru", "en"].contains(lang) { s.language = lang }
            else { r.fail("language must be ru or en, not '\(lang)'", at: top["language"]) }
        }
        if let p = r.string(top["staff"], "staff", required: true, parent: file.root) { s.staffPath = resolve(p) }
        if let p = r.string(top["calendar"], "calendar") { s.calendarPath = resolve(p) }
        if let p = r.string(top["screening"], "screening") { s.screeningPath = resolve(p) }
        if let p = r.string(top["dialogs"], "dialogs") { s.dialogsPath = resolve(p) }
        if let d = top["deadlines"] { readDeadlines(d, into: &s.deadlines, r) }
        if let m = top["metrics"] { s.metrics = MetricsSettings.read(m, r) }
        if let intake = r.mapping(top["intake"], "intake", allowed: ["settle_delay"]),
           let text = r.string(intake["settle_delay"], "intake.settle_delay") {
            // Seconds, fractions allowed: the default 1.5 s is below the whole-second durations elsewhere.
            if let seconds = Double(text.hasSuffix("s") ? String(text.dropLast()) : text), (0...60).contains(seconds) {
                s.intake.settleDelay = seconds
            } else {
                r.fail("intake.settle_delay must be seconds between 0 and 60 such as 1.5, not '\(text)'", at: intake["settle_delay"])
            }
        }
        if !r.errors.isEmpty { throw ConfigErrors(r.errors) }
        return s
    }

    /// What every messenger's section names alike: `api_url`, `token_env` or `token_file`, `proxy`.
    static func readEndpoint(_ m: [String: Node], _ section: String, example: String, _ r: YAMLReader,
                             resolve: (String) -> String) -> (apiURL: String?, token: TokenSource?, proxy: String?) {
        var result: (apiURL: String?, token: TokenSource?, proxy: String?) = (nil, nil, nil)
        if let url = r.string(m["api_url"], "\(section).api_url") {
            if let u = URL(string: url), ["http", "https"].contains(u.scheme ?? ""), u.host != nil {
                result.apiURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                r.fail("\(section).api_url must be an http(s) URL such as \(example), not '\(url)'", at: m["api_url"])
            }
        }
        switch (r.string(m["token_env"], "\(section).token_env"), r.string(m["token_file"], "\(section).token_file")) {
        case let (env?, nil): result.token = .environment(env)
        case let (nil, path?): result.token = .file(resolve(path))
        case (nil, nil): break
        case (_?, _?): r.fail("\(section): give either token_env or token_file, not both", at: m["token_file"])
        }
        if let proxy = r.string(m["proxy"], "\(section).proxy"), !proxy.isEmpty {
            let schemes = ["http://", "https://", "socks5://", "socks5h://"]
            if schemes.contains(where: proxy.hasPrefix) { result.proxy = proxy }
            else { r.fail("\(section).proxy must start with one of \(schemes.joined(separator: ", "))", at: m["proxy"]) }
        }
        return result
    }

    /// `vk:` — the VK API, its three keys (each from `<key>_env` or `<key>_file`), the community, and
    /// how often answered threads are watched.
    static func readVK(_ node: Node, _ r: YAMLReader, resolve: (String) -> String) -> VK? {
        let keys = ["service_token", "community_token", "editor_token"]
        guard let m = r.mapping(node, "vk", allowed: ["api_url", "api_version", "community_id", "proxy", "watch_interval", "read_wait"]
                                + keys.flatMap { ["\($0)_env", "\($0)_file"] }) else { return nil }
        var vk = VK()
        let endpoint = readEndpoint(m, "vk", example: "https://api.vk.ru", r, resolve: resolve)
        vk.apiURL = endpoint.apiURL ?? vk.apiURL
        vk.proxy = endpoint.proxy
        if let version = r.string(m["api_version"], "vk.api_version") {
            if version.split(separator: ".").count == 2, version.allSatisfy({ $0.isNumber || $0 == "." }) { vk.apiVersion = version }
            else { r.fail("vk.api_version must be a version such as \"5.199\", not '\(version)'", at: m["api_version"]) }
        }
        var sources: [String: TokenSource] = [:]
        for key in keys {
            switch (r.string(m["\(key)_env"], "vk.\(key)_env"), r.string(m["\(key)_file"], "vk.\(key)_file")) {
            case let (env?, nil): sources[key] = .environment(env)
            case let (nil, path?): sources[key] = .file(resolve(path))
            case (nil, nil): break
            case (_?, _?): r.fail("vk: give either \(key)_env or \(key)_file, not both", at: m["\(key)_file"])
            }
        }
        vk.serviceToken = sources["service_token"] ?? vk.serviceToken
        vk.communityToken = sources["community_token"]
        vk.editorToken = sources["editor_token"]
        if let raw = r.string(m["community_id"], "vk.community_id") {
            if let id = Int64(raw), id > 0 { vk.communityId = id }
            else { r.fail("vk.community_id must be the community's positive number, without a minus sign or «club» (12345678 for vk.com/club12345678), not '\(raw)'", at: m["community_id"]) }
        }
        if vk.communityToken != nil || vk.editorToken != nil, m["community_id"] == nil {
            r.fail("vk: publishing answers needs vk.community_id (the administration's community, a number such as 12345678)", at: node)
        }
        if let d = r.duration(m["watch_interval"], "vk.watch_interval") {
            if d >= .seconds(60) { vk.watchInterval = d }
            else { r.fail("vk.watch_interval must be at least 1m (VK's limits are shared with reading), not '\(r.string(m["watch_interval"], "vk.watch_interval") ?? "")'", at: m["watch_interval"]) }
        }
        if let d = r.duration(m["read_wait"], "vk.read_wait") {
            if d >= .seconds(1), d <= .seconds(60) { vk.readWait = d }
            else { r.fail("vk.read_wait must be between 1s and 60s, not '\(r.string(m["read_wait"], "vk.read_wait") ?? "")'", at: m["read_wait"]) }
        }
        return vk
    }

    /// `max:` — the MAX messenger: its API, token, CA, and how updates come (polling or a webhook).
    static func readMax(_ node: Node, _ r: YAMLReader, resolve: (String) -> String) -> Max? {
        guard let m = r.mapping(node, "max", allowed: ["api_url", "token_env", "token_file", "ca_bundle", "proxy", "connect_timeout",
                                                       "mode", "webhook", "send_concurrency", "rate_limits"]) else { return nil }
        var max = Max()
        let endpoint = readEndpoint(m, "max", example: "https://platform-api2.max.ru", r, resolve: resolve)
        max.apiURL = endpoint.apiURL ?? max.apiURL
        max.token = endpoint.token ?? max.token
        max.proxy = endpoint.proxy
        // Config/ca/ ships MAX's CA: used unless another bundle is named. Without it every call to MAX
        // fails its TLS check, so a missing bundle is an error (unless MAX is reached over plain HTTP: the sandbox).
        let shipped = resolve("ca/russian-trusted-ca.pem")
        if m["ca_bundle"] == nil {
            if FileManager.default.isReadableFile(atPath: shipped) {
                max.caBundle = shipped
            } else if max.apiURL.hasPrefix("https://") {
                r.fail("max: no CA bundle at \(shipped); copy Config/ca beside otklik.yaml (cp -r Config/ca /etc/otklik/) or set max.ca_bundle",
                       at: node)
            }
        }
        if let ca = r.string(m["ca_bundle"], "max.ca_bundle"), !ca.isEmpty {
            let path = resolve(ca)
            if FileManager.default.isReadableFile(atPath: path) { max.caBundle = path }
            else { r.fail("max.ca_bundle: cannot read \(path) (the PEM file of MAX's CA certificates, shipped as Config/ca/russian-trusted-ca.pem)", at: m["ca_bundle"]) }
        }
        if let d = r.duration(m["connect_timeout"], "max.connect_timeout") { max.connectTimeout = d }
        if let c = r.int(m["send_concurrency"], "max.send_concurrency", in: 1...16) { max.sendConcurrency = c }
        if let limits = r.string(m["rate_limits"], "max.rate_limits") {
            switch limits {
            case "max": max.rateLimits = true
            case "off": max.rateLimits = false
            default: r.fail("max.rate_limits must be max or off, not '\(limits)'", at: m["rate_limits"])
            }
        }
        let mode = r.string(m["mode"], "max.mode") ?? "polling"
        switch mode {
        case "polling":
            if m["webhook"] != nil { r.fail("max.webhook is used only with max.mode: webhook", at: m["webhook"]) }
        case "webhook":
            guard let w = r.mapping(m["webhook"], "max.webhook", allowed: ["listen", "public_url", "secret_env", "secret_file"]) else {
                r.fail("max.mode: webhook needs max.webhook with listen and public_url (the secret: secret_env, by default OTKLIK_MAX_WEBHOOK_SECRET, or secret_file)", at: m["mode"])
                break
            }
            guard let listen = r.string(w["listen"], "max.webhook.listen", required: true, parent: m["webhook"]),
                  let publicURL = r.string(w["public_url"], "max.webhook.public_url", required: true, parent: m["webhook"]) else { break }
            let parts = listen.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, let port = UInt16(parts.last!), port > 0 else {
                r.fail("max.webhook.listen must be an address and a port such as 127.0.0.1:8443, not '\(listen)'", at: w["listen"])
                break
            }
            var host = parts.dropLast().joined(separator: ":")
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            // MAX posts only to HTTPS on port 443 (dev.max.ru, POST /subscriptions).
            guard let url = URL(string: publicURL), url.scheme == "https", url.host != nil, url.port == nil || url.port == 443 else {
                r.fail("max.webhook.public_url must be the https:// address (port 443) MAX posts to, not '\(publicURL)'", at: w["public_url"])
                break
            }
            let secret: TokenSource
            switch (r.string(w["secret_env"], "max.webhook.secret_env"), r.string(w["secret_file"], "max.webhook.secret_file")) {
            case let (env?, nil): secret = .environment(env)
            case let (nil, path?): secret = .file(resolve(path))
            case (nil, nil): secret = .environment("OTKLIK_MAX_WEBHOOK_SECRET")
            case (_?, _?):
                r.fail("max.webhook: give either secret_env or secret_file, not both", at: w["secret_file"])
                return max
            }
            max.mode = .webhook(Max.Webhook(host: host, port: port, publicURL: publicURL, secret: secret))
        default:
            r.fail("max.mode must be polling or webhook, not '\(mode)'", at: m["mode"])
        }
        return max
    }

    /// `deadlines:` — the regulation's periods, reminders and quiet hours.
    static func readDeadlines(_ node: Node, into d: inout DeadlineSettings, _ r: YAMLReader) {
        let keys = ["answer_hours", "interim_working_days", "remind_before", "escalate_after", "approval_reminder_after",
                    "quiet_hours", "digest_time", "weekly_report_time", "escalation_is_urgent"]
        guard let m = r.mapping(node, "deadlines", allowed: keys) else { return }
        func seconds(_ duration: Duration) -> TimeInterval { TimeInterval(duration.components.seconds) }
        if let h = r.int(m["answer_hours"], "deadlines.answer_hours", in: 1...720) { d.answerHours = Double(h) }
        if let n = r.int(m["interim_working_days"], "deadlines.interim_working_days", in: 1...60) { d.interimWorkingDays = n }
        if let items = r.sequence(m["remind_before"], "deadlines.remind_before") {
            d.reminderOffsets = items.compactMap { r.duration($0, "an item of deadlines.remind_before").map(seconds) }
        }
        if let x = r.duration(m["escalate_after"], "deadlines.escalate_after") { d.escalationAfter = seconds(x) }
        if let x = r.duration(m["approval_reminder_after"], "deadlines.approval_reminder_after") { d.approvalReminderAfter = seconds(x) }
        if let q = m["quiet_hours"] {
            if let text = r.string(q, "deadlines.quiet_hours") {
                let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                if text.isEmpty || text == "off" {
                    d.quietHours = nil
                } else if parts.count == 2, let a = TimeOfDay(parsing: parts[0]), let b = TimeOfDay(parsing: parts[1]) {
                    d.quietHours = QuietHours(start: a, end: b)
                } else {
                    r.fail("deadlines.quiet_hours must look like 21:00-08:00 (or off), not '\(text)'", at: q)
                }
            }
        }
        for (key, path) in [("digest_time", \DeadlineSettings.digestTime), ("weekly_report_time", \DeadlineSettings.weeklyReportTime)] {
            guard let text = r.string(m[key], "deadlines.\(key)") else { continue }
            if let t = TimeOfDay(parsing: text) { d[keyPath: path] = t }
            else { r.fail("deadlines.\(key) must be a time such as 09:00, not '\(text)'", at: m[key]) }
        }
        if let b = r.bool(m["escalation_is_urgent"], "deadlines.escalation_is_urgent") { d.escalationIsUrgent = b }
        for problem in d.problems { r.fail("deadlines: \(problem)", at: node) }
    }
}
