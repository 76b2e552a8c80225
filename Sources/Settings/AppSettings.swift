import Casework
import Foundation
import Yams

/// Where the bot token comes from. The token itself is never stored in config files.
public enum TokenSource: Sendable, Equatable {
    case environment(String)
    case file(String)

    /// Reads the token. Errors say where to look but never show any part of a token.
    public func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> String {
        let raw: String
        let origin: String
        switch self {
        case let .environment(name):
            origin = "the environment variable \(name)"
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError(file: origin, message: "is not set; export it with the token @BotFather gave you")
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
        guard Self.looksLikeToken(token) else {
            throw ConfigError(file: origin, message: "does not hold a bot token of the form 123456789:AA… (digits, a colon, then letters, digits, _ or -)")
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
    }

    public struct Intake: Sendable {
        /// Seconds after a specialist's last message before their messages become one case.
        public var settleDelay: Double = 1.5
    }

    public var configPath: String
    public var telegram = Telegram()
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
        let top = r.mapping(file.root, "the config", allowed: ["telegram", "store", "timezone", "language", "staff",
                                                               "calendar", "screening", "dialogs", "deadlines", "metrics",
                                                               "intake"]) ?? [:]
        var s = AppSettings(configPath: file.path, storePath: resolve("data/otklik.sqlite"),
                            timeZone: TimeZone(identifier: "Asia/Barnaul")!, language: "ru",
                            staffPath: resolve("staff.yaml"), calendarPath: resolve("calendar"),
                            screeningPath: resolve("screening"), dialogsPath: resolve("../Dialogs"))

        if let t = r.mapping(top["telegram"], "telegram", allowed: ["api_url", "token_env", "token_file", "proxy",
                                                                    "ca_bundle", "connect_timeout", "poll_timeout",
                                                                    "send_concurrency", "rate_limits"]) {
            if let url = r.string(t["api_url"], "telegram.api_url") {
                if let u = URL(string: url), ["http", "https"].contains(u.scheme ?? ""), u.host != nil {
                    s.telegram.apiURL = url.hasSuffix("/") ? String(url.dropLast()) : url
                } else {
                    r.fail("telegram.api_url must be an http(s) URL such as https://api.telegram.org, not '\(url)'", at: t["api_url"])
                }
            }
            switch (r.string(t["token_env"], "telegram.token_env"), r.string(t["token_file"], "telegram.token_file")) {
            case let (env?, nil): s.telegram.token = .environment(env)
            case let (nil, path?): s.telegram.token = .file(resolve(path))
            case (nil, nil): break
            case (_?, _?): r.fail("telegram: give either token_env or token_file, not both", at: t["token_file"])
            }
            if let proxy = r.string(t["proxy"], "telegram.proxy"), !proxy.isEmpty {
                let schemes = ["http://", "https://", "socks5://", "socks5h://"]
                if schemes.contains(where: proxy.hasPrefix) { s.telegram.proxy = proxy }
                else { r.fail("telegram.proxy must start with one of \(schemes.joined(separator: ", "))", at: t["proxy"]) }
            }
            if let ca = r.string(t["ca_bundle"], "telegram.ca_bundle"), !ca.isEmpty { s.telegram.caBundle = resolve(ca) }
            if let d = r.duration(t["connect_timeout"], "telegram.connect_timeout") { s.telegram.connectTimeout = d }
            if let p = r.int(t["poll_timeout"], "telegram.poll_timeout", in: 1...50) { s.telegram.pollTimeout = p }
            if let c = r.int(t["send_concurrency"], "telegram.send_concurrency", in: 1...16) { s.telegram.sendConcurrency = c }
            if let limits = r.string(t["rate_limits"], "telegram.rate_limits") {
                switch limits {
                case "telegram": s.telegram.rateLimits = true
                case "off": s.telegram.rateLimits = false
                default: r.fail("telegram.rate_limits must be telegram or off, not '\(limits)'", at: t["rate_limits"])
                }
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
