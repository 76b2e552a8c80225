import Casework
import Foundation
@testable import Settings
import Testing

@Suite struct AppSettingsTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func parse(_ yaml: String) throws(ConfigErrors) -> AppSettings {
        let file: YAMLFile
        do { file = try YAMLFile.parse(yaml, path: "/etc/otklik/otklik.yaml") } catch { throw ConfigErrors([error]) }
        return try AppSettings.parse(file)
    }

    func problems(_ yaml: String) -> [String] {
        do { _ = try parse(yaml); return [] } catch { return error.errors.map(\.description) }
    }

    @Test func theShippedConfigIsValid() throws {
        let s = try AppSettings.load(Self.repo.appendingPathComponent("Config/otklik.yaml").path)
        #expect(s.timeZone.identifier == "Asia/Barnaul")
        #expect(s.telegram?.token == .environment("OTKLIK_BOT_TOKEN"))
        #expect(s.storePath.hasSuffix("Config/data/otklik.sqlite"))
        _ = try StaffSettings.load(s.staffPath)
    }

    @Test func relativePathsAreRelativeToTheConfigFolder() throws {
        let s = try parse("staff: people.yaml\nstore: {path: /var/lib/otklik/otklik.sqlite}\ntelegram: {token_file: token}\n")
        #expect(s.staffPath == "/etc/otklik/people.yaml")
        #expect(s.storePath == "/var/lib/otklik/otklik.sqlite")
        #expect(s.telegram?.token == .file("/etc/otklik/token"))
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let found = problems("""
        telegram:
          api_url: ftp://x
          token_env: A
          token_file: /b
          proxy: smtp://p
          poll_timeout: 90
        timezone: Mars/Olympus
        language: de
        staff: staff.yaml
        colour: blue
        """)
        let expected: Set<String> = [
            "/etc/otklik/otklik.yaml:2:12: telegram.api_url must be an http(s) URL such as https://api.telegram.org, not 'ftp://x'",
            "/etc/otklik/otklik.yaml:4:15: telegram: give either token_env or token_file, not both",
            "/etc/otklik/otklik.yaml:5:10: telegram.proxy must start with one of http://, https://, socks5://, socks5h://",
            "/etc/otklik/otklik.yaml:6:17: telegram.poll_timeout must be between 1 and 50, not 90",
            "/etc/otklik/otklik.yaml:7:11: timezone must be an IANA zone such as Asia/Barnaul or Europe/Moscow, not 'Mars/Olympus'",
            "/etc/otklik/otklik.yaml:8:11: language must be ru or en, not 'de'",
            "/etc/otklik/otklik.yaml:10:1: the config: unknown key 'colour' (expected one of: telegram, max, vk, dashboard, store, timezone, language, staff, calendar, screening, dialogs, deadlines, metrics, intake)",
        ]
        #expect(Set(found) == expected)
    }

    @Test func deadlinesAreReadAndChecked() throws {
        let s = try parse("staff: s.yaml\ndeadlines:\n  remind_before: [3h, 30m]\n  quiet_hours: 22:00-07:30\n  answer_hours: 48\n")
        #expect(s.deadlines.reminderOffsets == [3 * 3600, 1800])
        #expect(s.deadlines.answerHours == 48)
        #expect(s.deadlines.quietHours?.start.hour == 22)
        #expect(try parse("staff: s.yaml\ndeadlines: {quiet_hours: \"off\"}").deadlines.quietHours == nil)
        let found = problems("staff: s.yaml\ndeadlines:\n  remind_before: [soon]\n  quiet_hours: night\n  digest_time: \"23:00\"\n")
        #expect(found.contains("/etc/otklik/otklik.yaml:3:19: an item of deadlines.remind_before must be a duration such as 30m, 4h or 1h30m, not 'soon'"))
        #expect(found.contains("/etc/otklik/otklik.yaml:4:16: deadlines.quiet_hours must look like 21:00-08:00 (or off), not 'night'"))
        #expect(found.contains { $0.contains("digest_time 23:00 falls in quiet hours") })
    }

    @Test func theSettleDelayAndTheRateLimitsCanBeChangedForBenchmarks() throws {
        let defaults = try parse("staff: s.yaml\n")
        #expect(defaults.intake.settleDelay == 1.5)
        #expect(defaults.telegram?.rateLimits == true)
        let s = try parse("staff: s.yaml\nintake: {settle_delay: 0.25}\ntelegram: {rate_limits: \"off\"}\n")
        #expect(s.intake.settleDelay == 0.25)
        #expect(s.telegram?.rateLimits == false)
        let found = problems("staff: s.yaml\nintake: {settle_delay: soon}\ntelegram: {rate_limits: none}\n")
        #expect(found.contains("/etc/otklik/otklik.yaml:2:24: intake.settle_delay must be seconds between 0 and 60 such as 1.5, not 'soon'"))
        #expect(found.contains("/etc/otklik/otklik.yaml:3:25: telegram.rate_limits must be telegram or off, not 'none'"))
    }

    @Test func aSyntaxErrorNamesItsLine() {
        let found = problems("telegram:\n  api_url: [unclosed\nstaff: s.yaml\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("/etc/otklik/otklik.yaml:"))
        #expect(found[0].contains("YAML syntax error"))
    }

    @Test func tokensComeFromTheEnvironmentOrAFileAndAreNeverEchoed() throws {
        let token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"
        #expect(try TokenSource.environment("T").load(environment: ["T": token]) == token)
        do {
            _ = try TokenSource.environment("T").load(environment: ["T": "123456:short-but-secret"])
            Issue.record("a malformed token must be refused")
        } catch {
            #expect(!error.description.contains("short-but-secret"))
            #expect(error.description.contains("T"))
        }
        #expect(throws: ConfigError.self) { try TokenSource.environment("MISSING").load(environment: [:]) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-token-\(UUID())").path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try TokenSource.file(path).load() == token)
    }
}

/// `max:` in otklik.yaml: the names operators and tooling rely on, and every mistake with its line.
@Suite struct MaxSettingsTests {
    func parse(_ yaml: String) throws(ConfigErrors) -> AppSettings { try AppSettingsTests().parse(yaml) }
    func problems(_ yaml: String) -> [String] { AppSettingsTests().problems(yaml) }

    /// The shipped CA bundle, named absolutely: these configs live in a folder that has none beside them.
    static let ca = "  ca_bundle: " + CertificateExpiryTests.shipped + "\n"

    @Test func aCityOnMAXAloneRunsNoTelegram() throws {
        let s = try parse("staff: s.yaml\nmax:\n  token_env: OTKLIK_MAX_TOKEN\n" + Self.ca)
        #expect(s.telegram == nil)
        let max = try #require(s.max)
        #expect(max.apiURL == "https://platform-api2.max.ru" && max.token == .environment("OTKLIK_MAX_TOKEN") && max.mode == .polling)
        let both = try parse("staff: s.yaml\ntelegram: {token_env: T}\nmax:\n  token_file: max.token\n" + Self.ca)
        #expect(both.telegram?.token == .environment("T") && both.max?.token == .file("/etc/otklik/max.token"))
        #expect(try parse("staff: s.yaml\n").max == nil, "no max: section, Telegram as before")
    }

    @Test func theWebhookAsTheIssueNamesIt() throws {
        let s = try parse("""
            staff: s.yaml
            max:
              api_url: https://platform-api2.max.ru
              token_env: OTKLIK_MAX_TOKEN
              mode: webhook
              webhook: {listen: "127.0.0.1:8443", public_url: "https://bot.example.ru/max", secret_env: OTKLIK_MAX_WEBHOOK_SECRET}
            """ + "\n" + Self.ca)
        #expect(s.max?.mode == .webhook(.init(host: "127.0.0.1", port: 8443, publicURL: "https://bot.example.ru/max",
                                              secret: .environment("OTKLIK_MAX_WEBHOOK_SECRET"))))
    }

    @Test func withoutMAXsCABesideTheConfigItSaysWhatToCopy() {
        #expect(problems("staff: s.yaml\nmax:\n  token_env: OTKLIK_MAX_TOKEN\n").contains {
            $0.contains("max: no CA bundle at /etc/otklik/ca/russian-trusted-ca.pem; copy Config/ca beside otklik.yaml")
        })
        #expect(problems("staff: s.yaml\nmax:\n  api_url: http://127.0.0.1:8081\n").isEmpty, "the sandbox over plain HTTP needs none")
    }

    @Test func mistakesAreNamedWithTheirLine() {
        let found = problems("""
            staff: s.yaml
            max:
              api_url: ftp://max
              ca_bundle: ca/none.pem
              mode: webhook
              webhook: {listen: "8443", public_url: "http://bot.example.ru:8080/max"}
              rate_limits: never
            """)
        #expect(found.contains("/etc/otklik/otklik.yaml:3:12: max.api_url must be an http(s) URL such as https://platform-api2.max.ru, not 'ftp://max'"))
        #expect(found.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:4:14: max.ca_bundle: cannot read /etc/otklik/ca/none.pem") })
        #expect(found.contains("/etc/otklik/otklik.yaml:6:21: max.webhook.listen must be an address and a port such as 127.0.0.1:8443, not '8443'"))
        #expect(found.contains("/etc/otklik/otklik.yaml:7:16: max.rate_limits must be max or off, not 'never'"))
        #expect(problems("staff: s.yaml\nmax: {mode: webhook}\n").contains { $0.contains("max.mode: webhook needs max.webhook") })
        #expect(problems("staff: s.yaml\nmax:\n  mode: webhook\n  webhook: {listen: \"127.0.0.1:8443\", public_url: \"http://x.ru/max\"}\n")
            .contains { $0.contains("max.webhook.public_url must be the https:// address (port 443)") })
    }

    @Test func aMAXTokenAndAWebhookSecretAreCheckedForWhatMAXTakes() throws {
        #expect(try TokenSource.environment("M").load(environment: ["M": "f9LHodD0cOJ5Bxv4l2rcT0yh3dYhDkOtD8pM"], format: .max)
            == "f9LHodD0cOJ5Bxv4l2rcT0yh3dYhDkOtD8pM")
        #expect(throws: ConfigError.self) { try TokenSource.environment("M").load(environment: ["M": "short"], format: .max) }
        #expect(throws: ConfigError.self) { try TokenSource.environment("S").load(environment: ["S": "no spaces!"], format: .webhookSecret) }
        do {
            _ = try TokenSource.environment("S").load(environment: ["S": "bad secret with spaces"], format: .webhookSecret)
        } catch {
            #expect(!error.description.contains("bad secret"), "the secret never shows in the error")
        }
    }
}

/// MAX's CA certificates expire; `otklik check` says so 60 days ahead, with how to renew them.
@Suite struct CertificateExpiryTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/ca/russian-trusted-ca.pem").path

    @Test func theShippedBundleHoldsTheRootAndTheSubCA() throws {
        let certificates = try #require(CertificateExpiry.certificates(inPEMFile: Self.shipped))
        #expect(certificates.count == 2)
        #expect(certificates.contains { $0.subject.contains("Russian Trusted Root CA") })
        let sub = try #require(certificates.first { $0.subject.contains("Russian Trusted Sub CA") })
        #expect(ISO8601DateFormatter().string(from: sub.notAfter).hasPrefix("2027-03-0"))
    }

    @Test func aCertificateExpiringWithin60DaysIsAWarningWithTheWayToRenewIt() throws {
        let today = ISO8601DateFormatter().date(from: "2026-12-06T00:00:00Z")!
        #expect(CertificateExpiry.warnings(for: Self.shipped, used: "max.ca_bundle", now: today).isEmpty, "90 days left")
        let february = ISO8601DateFormatter().date(from: "2027-02-01T00:00:00Z")!
        let warnings = CertificateExpiry.warnings(for: Self.shipped, used: "max.ca_bundle", now: february)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("Russian Trusted Sub CA") == true && warnings.first?.contains("2027-03-0") == true)
        #expect(warnings.first?.contains("gosuslugi.ru/crt") == true)
        let april = ISO8601DateFormatter().date(from: "2027-04-01T00:00:00Z")!
        #expect(CertificateExpiry.warnings(for: Self.shipped, used: "max.ca_bundle", now: april).first?.contains("expired") == true)
        #expect(CertificateExpiry.warnings(for: "/nonexistent.pem", used: "max.ca_bundle", now: april) == ["max.ca_bundle: cannot read the CA bundle /nonexistent.pem"])
    }
}

@Suite struct StaffSettingsTests {
    func problems(_ yaml: String) -> [String] {
        do {
            _ = try StaffSettings.parse(try YAMLFile.parse(yaml, path: "staff.yaml"))
            return []
        } catch let error as ConfigErrors {
            return error.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func validStaffParses() throws {
        let staff = try StaffSettings.parse(try YAMLFile.parse("""
        departments:
          - {id: roads, name: Дороги, keywords: [Дорог, ям]}
        people:
          - {telegram_id: 1, name: A, roles: [specialist, admin]}
          - {telegram_id: 2, name: B, roles: [executor], department: roads}
        """, path: "staff.yaml"))
        #expect(staff.departments == [.init(id: "roads", name: "Дороги", keywords: ["дорог", "ям"])])
        #expect(staff.people[1].roles == [.executor])
    }

    /// A person is listed by their Telegram id, their MAX id, or both.
    @Test func peopleOnMAXTelegramOrBoth() throws {
        let staff = try StaffSettings.parse(try YAMLFile.parse("""
        departments:
          - {id: roads, name: Дороги}
        people:
          - {telegram_id: 1, name: A, roles: [specialist, admin]}
          - {max_id: 52000001, name: B, roles: [executor], department: roads}
          - {telegram_id: 3, max_id: 52000003, name: C, roles: [head]}
        """, path: "staff.yaml"))
        #expect(staff.people.map(\.telegramId) == [1, nil, 3])
        #expect(staff.people.map(\.maxId) == [nil, 52_000_001, 52_000_003])
        let found = problems("""
        departments:
          - {id: roads, name: Дороги}
        people:
          - {name: A, roles: [specialist, admin]}
          - {max_id: -5, name: B, roles: [head]}
          - {max_id: 7, name: C, roles: [head]}
          - {max_id: 7, name: D, roles: [head]}
        """)
        #expect(found.contains("staff.yaml:4:5: A needs telegram_id, max_id or both"))
        #expect(found.contains("staff.yaml:5:14: max_id must be a person's numeric MAX id, not '-5'"))
        #expect(found.contains("staff.yaml:7:14: max_id 7 is listed twice"))
    }

    @Test func refusesWhatWouldBreakTheBot() {
        let found = problems("""
        departments:
          - {id: Roads Dept, name: Дороги}
          - {id: parks, name: Парки}
          - {id: parks, name: Парки 2}
        people:
          - {telegram_id: abc, name: A, roles: [specialist]}
          - {telegram_id: 2, name: B, roles: [executor]}
          - {telegram_id: 3, name: C, roles: [boss], department: zoo}
          - {telegram_id: 3, name: D, roles: [head]}
        """)
        #expect(found.contains("staff.yaml:2:10: department id 'Roads Dept' must be up to 24 lowercase Latin letters, digits, _ or -"))
        #expect(found.contains("staff.yaml:4:10: department id 'parks' is used twice"))
        #expect(found.contains("staff.yaml:6:19: telegram_id must be a person's numeric Telegram id, not 'abc'"))
        #expect(found.contains("staff.yaml:7:5: B is an executor and needs a department"))
        #expect(found.contains("staff.yaml:8:39: unknown role 'boss' (expected specialist, executor, head or admin)"))
        #expect(found.contains("staff.yaml:8:58: department 'zoo' is not among the departments above"))
        #expect(found.contains("staff.yaml:9:19: telegram_id 3 is listed twice"))
        #expect(found.contains { $0.contains("at least one person with the admin role") })
    }
}

/// `vk:` in otklik.yaml, as the issue names its keys, and its mistakes with their lines.
@Suite struct VKSettingsTests {
    func parse(_ yaml: String) throws(ConfigErrors) -> AppSettings { try AppSettingsTests().parse(yaml) }
    func problems(_ yaml: String) -> [String] { AppSettingsTests().problems(yaml) }

    @Test func theSectionAsTheIssueWritesIt() throws {
        let s = try parse("""
            staff: s.yaml
            vk:
              api_url: https://api.vk.ru
              api_version: "5.199"
              service_token_env: OTKLIK_VK_SERVICE_TOKEN
              community_id: 12345678
              community_token_env: OTKLIK_VK_COMMUNITY_TOKEN
              editor_token_file: vk-editor.token
              watch_interval: 5m
            """)
        let vk = try #require(s.vk)
        #expect(vk.apiURL == "https://api.vk.ru" && vk.apiVersion == "5.199" && vk.communityId == 12_345_678)
        #expect(vk.serviceToken == .environment("OTKLIK_VK_SERVICE_TOKEN"))
        #expect(vk.communityToken == .environment("OTKLIK_VK_COMMUNITY_TOKEN"))
        #expect(vk.editorToken == .file("/etc/otklik/vk-editor.token"))
        #expect(vk.watchInterval == .seconds(300) && vk.readWait == .seconds(10))
        #expect(try parse("staff: s.yaml\n").vk == nil, "no vk: section, links taken as shared")
        #expect(try parse("staff: s.yaml\nvk: {}\n").vk?.serviceToken == .environment("OTKLIK_VK_SERVICE_TOKEN"), "reading by default")
    }

    @Test func mistakesAreNamedWithTheirLine() {
        let found = problems("""
            staff: s.yaml
            vk:
              api_version: latest
              community_token_env: C
              watch_interval: 10s
              service_token_env: S
              service_token_file: s.token
              colour: blue
            """)
        #expect(found.contains("/etc/otklik/otklik.yaml:3:16: vk.api_version must be a version such as \"5.199\", not 'latest'"))
        #expect(found.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:3:") && $0.contains("publishing answers needs vk.community_id") })
        #expect(found.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:5:") && $0.contains("vk.watch_interval must be at least 1m") })
        #expect(found.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:7:") && $0.contains("either service_token_env or service_token_file") })
        #expect(found.contains { $0.contains("colour") })
    }

    @Test func theCommunityIsItsPositiveNumber() {
        for wrong in ["-12345678", "club12345678"] {
            let found = problems("staff: s.yaml\nvk:\n  community_id: \(wrong)\n  community_token_env: C\n")
            #expect(found.count == 1 && found[0].contains("vk.community_id must be the community's positive number"), "\(found)")
        }
    }

    @Test func aVKKeyIsCheckedAndNeverShown() {
        #expect(throws: ConfigError.self) { try TokenSource.environment("V").load(environment: ["V": "short"], format: .vk) }
        do {
            _ = try TokenSource.environment("V").load(environment: ["V": "vk1.a.secret with spaces"], format: .vk)
        } catch {
            #expect(!error.description.contains("secret"), "the key never shows in the error")
            #expect(error.description.contains("VK access key"))
        }
    }
}

/// `dashboard:` in otklik.yaml.
@Suite struct DashboardSettingsTests {
    func parse(_ yaml: String) throws(ConfigErrors) -> AppSettings { try AppSettingsTests().parse(yaml) }
    func problems(_ yaml: String) -> [String] { AppSettingsTests().problems(yaml) }

    @Test func aLocalPortBehindAnHTTPSAddress() throws {
        let s = try parse("staff: s.yaml\ndashboard: {listen: \"127.0.0.1:8088\", public_url: \"https://otklik.example.ru/\"}\n")
        #expect(s.dashboard == AppSettings.Dashboard(host: "127.0.0.1", port: 8088, publicURL: "https://otklik.example.ru"))
        #expect(try parse("staff: s.yaml\n").dashboard == nil)
        let found = problems("staff: s.yaml\ndashboard:\n  listen: \"8088\"\n  public_url: \"http://otklik.example.ru\"\n")
        #expect(found.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:3:") && $0.contains("dashboard.listen must be a loopback IPv4 address") })
        #expect(problems("staff: s.yaml\ndashboard: {listen: \"0.0.0.0:8088\", public_url: \"https://otklik.example.ru\"}\n")
            .contains { $0.contains("dashboard.listen must be a loopback") }, "only the proxy may reach it")
        #expect(problems("staff: s.yaml\ndashboard: {listen: \"127.0.0.1:8088\", public_url: \"https://city.ru/otklik/\"}\n")
            .contains { $0.contains("without a path") })
        let plain = problems("staff: s.yaml\ndashboard:\n  listen: \"127.0.0.1:8088\"\n  public_url: \"http://otklik.example.ru\"\n")
        #expect(plain.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:4:") && $0.contains("https://") })
    }
}
