import DashboardAuth
import Casework
import DialogTemplates
import FlyingFox
import FlyingSocks
import Foundation
import Logging
import Messaging
import Reports
import Store

/// The dashboard: a small web part of the service on a local port, behind the city's HTTPS proxy.
/// People come in by a one-time login link the bot sends, or from Telegram as a Mini App (its signed
/// `initData`); either gives a session cookie (`HttpOnly`, `Secure`, `SameSite=Strict`). Every request
/// checks the session and the person's roles again, and ids in URLs are never trusted: a stranger gets
/// 401, a case outside an executor's department 403, and nothing else.
public actor DashboardServer {
    public struct Configuration: Sendable {
        public var host: String
        public var port: UInt16
        /// The Telegram bot token, to check Mini App sign-ins; nil: no Mini App.
        public var telegramToken: String?
        /// How old Telegram's `auth_date` may be.
        public var initDataMaxAge: TimeInterval = 3600
        public var sessionLifetime: TimeInterval = 12 * 3600

        public init(host: String, port: UInt16, telegramToken: String?) {
            self.host = host; self.port = port; self.telegramToken = telegramToken
        }
    }

    let configuration: Configuration
    let database: AppDatabase
    let pages: DashboardPages
    let policy: DeadlinePolicy
    let departments: [String: String]
    let media: [Messenger: any MediaFetching]
    let now: @Sendable () -> Date
    let logger: Logger
    private var server: HTTPServer?
    private var signer: DashboardSigner?

    public init(configuration: Configuration, database: AppDatabase, dialogs: Dialogs, zone: CalendarZone, policy: DeadlinePolicy,
                departments: [String: String], media: [any MediaFetching] = [], now: @escaping @Sendable () -> Date, logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.pages = DashboardPages(dialogs: dialogs, zone: zone)
        self.policy = policy
        self.departments = departments
        self.media = Dictionary(media.map { ($0.messenger, $0) }, uniquingKeysWith: { a, _ in a })
        self.now = now
        self.logger = logger
    }

    /// The signer with the store's key (made at first use).
    public static func signer(_ database: AppDatabase) async throws -> DashboardSigner {
        DashboardSigner(key: try await database.write { db in try db.dashboardKey(make: { DashboardKeys.random() }) })
    }

    /// Serves until cancelled.
    public func run() async throws {
        signer = try await Self.signer(database)
        let address = try sockaddr_in.inet(ip4: configuration.host, port: configuration.port)
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled),
                                handler: Handler(dashboard: self))
        self.server = server
        logger.info("dashboard listening", metadata: ["address": "\(configuration.host):\(configuration.port)"])
        try await server.run()
    }

    public func waitUntilListening() async throws {
        for _ in 0..<200 where server == nil { try await Task.sleep(for: .milliseconds(10)) }
        try await server?.waitUntilListening(timeout: 10)
    }

    public func stop() async { await server?.stop(timeout: 2) }

    struct Handler: HTTPHandler {
        let dashboard: DashboardServer
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse { await dashboard.respond(request) }
    }

    // MARK: - Requests

    static let cookie = "otklik_session"

    func respond(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch {
            logger.error("a dashboard request failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
            return html(500, pages.refusal("dashboard.error"))
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let signer else { return html(503, pages.refusal("dashboard.error")) }
        let path = request.path
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        switch (request.method, path) {
        case (.GET, "/login"):
            guard let token = query["t"], let login = signer.verifyLogin(token, now: now()),
                  try await database.read({ db in try db.actor(personId: login.personId) }) != nil,
                  try await database.write({ [now] db in try db.useDashboardLogin(nonce: login.nonce, personId: login.personId, at: now()) })
            else { return html(401, pages.refusal("dashboard.unauthorized")) }
            // `next`: a page of the dashboard itself (a path), where the link leads once signed in.
            let next = query["next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") && !$0.contains("\\") ? $0 : nil } ?? "/"
            return signedIn(login.personId, signer, next: next)
        case (.GET, "/app"):
            return html(200, pages.miniApp())
        case (.POST, "/telegram/auth"):
            let body = String(decoding: try await request.bodyData, as: UTF8.self)
            let form = Self.form(body)
            guard let token = configuration.telegramToken, let data = form["initData"],
                  let telegramId = TelegramInitData.userId(data, botToken: token, now: now(), maxAge: configuration.initDataMaxAge),
                  let person = try await database.read({ db in try db.personId(at: Address(.telegram, telegramId)) }),
                  try await database.read({ db in try db.actor(personId: person) }) != nil
            else { return html(401, pages.refusal("dashboard.unauthorized")) }
            return signedIn(person, signer)
        case (.GET, "/logout"):
            return HTTPResponse(statusCode: .seeOther, headers: [.location: "/", HTTPHeader("Set-Cookie"): Self.clearCookie], body: Data())
        default:
            break
        }
        guard request.method == .GET else { return html(405, pages.refusal("dashboard.not_found")) }
        // Everything else is for a signed-in person who still has access.
        guard let value = Self.cookieValue(request.headers[HTTPHeader("Cookie")]), let personId = signer.verifySession(value, now: now()),
              let person = try await database.read({ db in try db.person(id: personId) }), person.active, let actor = person.actor
        else { return html(401, pages.refusal("dashboard.unauthorized")) }
        // Heads, admins and specialists see everything; an executor their department (none: nothing).
        let seesAll = actor.has(.head) || actor.has(.admin) || actor.has(.specialist)
        guard seesAll || actor.departmentId != nil else { return html(403, pages.refusal("dashboard.forbidden")) }
        let scope = seesAll ? nil : actor.departmentId
        if path == "/" { return try await overview(person, scope: scope, monthly: query["period"] == "month") }
        let parts = path.split(separator: "/").map(String.init)
        if parts.count == 2, parts[0] == "case", let id = Int64(parts[1]) { return try await casePage(id, scope: scope) }
        if parts.count == 3, parts[0] == "media", let id = Int64(parts[1]), let index = Int(parts[2]) {
            return try await mediaFile(id, index, scope: scope)
        }
        return html(404, pages.refusal("dashboard.not_found"))
    }

    private func overview(_ person: Person, scope: String?, monthly: Bool) async throws -> HTTPResponse {
        let now = self.now()
        let zone = pages.zone, policy = self.policy, dialogs = pages.dialogs
        let (load, report, figures) = try await database.read { db in
            let open = try db.openCases(department: scope)
            let endOfDay = zone.endOfDay(zone.date(of: now))
            let overdue = open.filter { ($0.deadline ?? .distantFuture) < now }.count
            let today = open.filter { ($0.deadline ?? .distantFuture) >= now && ($0.deadline ?? .distantFuture) <= endOfDay }.count
            let period = monthly ? ReportPeriod.month(containing: now, zone: zone) : ReportPeriod.week(containing: now, zone: zone)
            let report = try Reports.compute(period: period, department: scope, in: db, now: now, policy: policy)
            let figures = try Reports.chartFigures(for: report, in: db, now: now, policy: policy, dialogs: dialogs)
            return ((open.count, today, overdue), report, figures)
        }
        return html(200, pages.overview(viewer: person, departmentName: scope.flatMap { departments[$0] }, load: load, report: report,
                                        figures: figures, monthly: monthly, now: now))
    }

    private func casePage(_ id: Int64, scope: String?) async throws -> HTTPResponse {
        let found = try await database.read { db -> (StoredCase, [(JournalRecord, String)])? in
            guard let stored = try db.storedCase(id: id) else { return nil }
            let journal = try db.journal(caseId: id).map { record in
                (record, record.actorId == 0 ? "—" : (try db.person(id: record.actorId)?.name ?? "—"))
            }
            return (stored, journal)
        }
        guard let (stored, journal) = found else { return html(404, pages.refusal("dashboard.not_found")) }
        if let scope, stored.state.departmentId != scope { return html(403, pages.refusal("dashboard.forbidden")) }
        return html(200, pages.casePage(stored, journal: journal, departmentName: stored.state.departmentId.flatMap { departments[$0] },
                                        now: now()))
    }

    /// A photo of a case's post, fetched from the messenger that holds it.
    private func mediaFile(_ id: Int64, _ index: Int, scope: String?) async throws -> HTTPResponse {
        guard let stored = try await database.read({ db in try db.storedCase(id: id) }), stored.post.media.indices.contains(index)
        else { return html(404, pages.refusal("dashboard.not_found")) }
        if let scope, stored.state.departmentId != scope { return html(403, pages.refusal("dashboard.forbidden")) }
        let item = stored.post.media[index]
        guard item.kind == .photo, let fetcher = media[item.messenger], let file = try? await fetcher.fetch(item) else {
            return html(404, pages.refusal("dashboard.not_found"))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: file.mimeType ?? "image/jpeg", HTTPHeader("Cache-Control"): "private, max-age=3600"],
                            body: file.data)
    }

    // MARK: - Responses

    private func signedIn(_ person: Int64, _ signer: DashboardSigner, next: String = "/") -> HTTPResponse {
        let lifetime = configuration.sessionLifetime
        let value = signer.session(personId: person, expires: now().addingTimeInterval(lifetime))
        let cookie = "\(Self.cookie)=\(value); Path=/; Max-Age=\(Int(lifetime)); HttpOnly; Secure; SameSite=Strict"
        return HTTPResponse(statusCode: .seeOther, headers: [.location: next, HTTPHeader("Set-Cookie"): cookie], body: Data())
    }

    static let clearCookie = "\(cookie)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"

    private func html(_ status: Int, _ page: String) -> HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(status, phrase: Self.phrase(status)),
                     headers: [.contentType: "text/html; charset=utf-8", HTTPHeader("Cache-Control"): "no-store",
                               HTTPHeader("X-Frame-Options"): "SAMEORIGIN", HTTPHeader("Referrer-Policy"): "no-referrer"],
                     body: Data(page.utf8))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 503: "Service Unavailable"
        default: "Internal Server Error"
        }
    }

    static func cookieValue(_ header: String?) -> String? {
        header?.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(cookie + "=") }.map { String($0.dropFirst(cookie.count + 1)) }
    }

    static func form(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            out[name] = value
        }
        return out
    }
}
