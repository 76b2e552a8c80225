import Conversation
import CurlTransport
import DashboardAuth
import Engine
import Foundation
import Messaging
import Sandbox
import OtklikApp
import OtklikTesting
import Settings
@testable import Store
import Testing

/// The dashboard as a person reaches it: a link from the bot, or Telegram's Mini App sign-in; the pages
/// with their figures; and every way in that must stay shut (a reused or expired link, forged or stale
/// initData, a stranger's or forged cookie, another department's case).
@Suite(.serialized) struct DashboardTests {
    typealias H = BotHarness

    func withDashboard<T>(_ body: (Stage, CurlHTTPClient, String) async throws -> T) async throws -> T {
        try await scoped({
            let stage = try await Stage(configPath: H.repo.appendingPathComponent("Config/otklik.yaml").path, people: H.people,
                                        start: H.start, withDashboard: true)
            try await stage.startService()
            return stage
        }, stop: { await $0.stop() }) { stage in
            let http = CurlHTTPClient(workers: 2, name: "test-dash")
            defer { http.shutdown() }
            let base = "http://127.0.0.1:\(try #require(stage.dashboardPort))"
            #expect(try await eventually { (try? await http.perform(HTTPRequest(url: base + "/app")))?.status == 200 })
            return try await body(stage, http, base)
        }
    }

    /// The login link the bot gives `person` for /dashboard.
    func loginLink(_ h: Stage, _ person: Int64) async throws -> String {
        try await h.say("/dashboard", from: person)
        let message = try #require(await h.chat(person).last)
        #expect(message.text?.contains("10 минут") == true)
        return try #require(message.buttonURLs.first { $0.contains("/login?t=") })
    }

    /// Follows a sign-in answer: its session cookie.
    func cookie(_ response: HTTPResponse) -> String? {
        guard response.status == 303, let header = response.headers["set-cookie"] else { return nil }
        #expect(header.contains("HttpOnly") && header.contains("Secure") && header.contains("SameSite=Strict"))
        return header.split(separator: ";").first.map(String.init)
    }

    func get(_ http: CurlHTTPClient, _ url: String, cookie: String? = nil) async throws -> (Int, String) {
        let response = try await http.perform(HTTPRequest(url: url, headers: cookie.map { [(name: "Cookie", value: $0)] } ?? []))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func theHeadOpensTheDashboardFromTheBotAndSeesTheFigures() async throws {
        try await withDashboard { h, http, base in
            let card = try await h.forwardPost("Яма на дороге у дома 9 по ул. Мира, машины бьют колёса")
            let id = try #require(card.action { $0.caseId != nil }?.caseId)
            try await h.pressAndWait(.route(caseId: id, departmentId: "roads"), by: H.specialist)
            try await h.advance(to: H.start.addingTimeInterval(26 * 3600))

            let link = try await loginLink(h, H.head)
            let session = try #require(cookie(try await http.perform(HTTPRequest(url: link))))
            let (status, page) = try await get(http, base + "/", cookie: session)
            #expect(status == 200)
            #expect(page.contains("Сидорова Мария") && page.contains("<svg") && page.contains("Комитет по дорожному хозяйству"))
            #expect(page.contains(#"href="/case/\#(id)""#), "the overdue case is listed, one tap away")
            let (caseStatus, casePage) = try await get(http, base + "/case/\(id)", cookie: session)
            #expect(caseStatus == 200 && casePage.contains("ул. Мира") && casePage.contains("направлено исполнителю"))
            #expect(try await get(http, base + "/?period=month", cookie: session).1.contains("последние 6 месяцев"))

            // The link opened once; a second time, or after ten minutes, it is refused.
            let (again, refusal) = try await get(http, link)
            #expect(again == 401 && !refusal.contains("ул. Мира"))
            let late = try await loginLink(h, H.head)
            h.clock.advance(by: 601)
            #expect(try await http.perform(HTTPRequest(url: late)).status == 401)
        }
    }

    @Test func strangersAndOtherDepartmentsGetNothing() async throws {
        try await withDashboard { h, http, base in
            let card = try await h.forwardPost("Яма на дороге у дома 9 по ул. Мира")
            let id = try #require(card.action { $0.caseId != nil }?.caseId)
            try await h.pressAndWait(.route(caseId: id, departmentId: "roads"), by: H.specialist)
            // No cookie, a forged one, another key's: 401 and nothing of the case.
            for cookie in [nil, "otklik_session=session.300001.9999999999.deadbeef",
                           "otklik_session=" + DashboardSigner(key: Data(repeating: 7, count: 32)).session(personId: H.head, expires: .distantFuture)] {
                for path in ["/", "/case/\(id)", "/media/\(id)/0"] {
                    let (status, page) = try await get(http, base + path, cookie: cookie)
                    #expect(status == 401 && !page.contains("ул. Мира"), "\(path) with \(cookie ?? "no cookie")")
                }
            }
            // The housing executor sees their department, not roads' case.
            let session = try #require(cookie(try await http.perform(HTTPRequest(url: try await loginLink(h, H.housing)))))
            let (status, page) = try await get(http, base + "/case/\(id)", cookie: session)
            #expect(status == 403 && !page.contains("ул. Мира"))
            let overview = try await get(http, base + "/", cookie: session).1
            #expect(overview.contains("Комитет по ЖКХ") && !overview.contains("Комитет по дорожному хозяйству"))
            // Someone whose access was revoked is out at the next request.
            let now = h.clock.now()
            try await h.database.write { db in try db.revoke(personId: H.housing, at: now) }
            #expect(try await get(http, base + "/", cookie: session).0 == 401)
        }
    }

    @Test func telegramsMiniAppSignsInWithItsInitDataAndNothingElse() async throws {
        try await withDashboard { h, http, base in
            let token = h.sandbox.token
            func signIn(_ fields: [String: String], token: String) async throws -> HTTPResponse {
                let data = TelegramInitData.signed(fields, botToken: token)
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let body = "initData=" + (data.addingPercentEncoding(withAllowedCharacters: allowed) ?? data)
                return try await http.perform(HTTPRequest(method: "POST", url: base + "/telegram/auth",
                                                          headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                                          body: Data(body.utf8)))
            }
            let now = Int(h.clock.now().timeIntervalSince1970)
            let head = ["auth_date": String(now), "query_id": "AAE1", "user": #"{"id":\#(H.head),"first_name":"Мария"}"#]
            let session = try #require(cookie(try await signIn(head, token: token)))
            #expect(try await get(http, base + "/", cookie: session).0 == 200)
            // Signed with another token, tampered with, or two hours old: refused.
            #expect(try await signIn(head, token: "123456:another-bot-token").status == 401)
            let forged = TelegramInitData.signed(head, botToken: token).replacingOccurrences(of: "\(H.head)", with: "\(H.specialist)")
            let response = try await http.perform(HTTPRequest(method: "POST", url: base + "/telegram/auth",
                                                              headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                                              body: Data(("initData=" + (forged.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).utf8)))
            #expect(response.status == 401)
            var stale = head
            stale["auth_date"] = String(now - 7200)
            #expect(try await signIn(stale, token: token).status == 401)
            // A Telegram user the bot does not know: refused.
            var stranger = head
            stranger["user"] = #"{"id":999999,"first_name":"Чужой"}"#
            #expect(try await signIn(stranger, token: token).status == 401)
        }
    }
}
