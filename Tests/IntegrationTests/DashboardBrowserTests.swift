import Conversation
import CurlTransport
import DashboardAuth
import Engine
import Foundation
import Messaging
import OtklikApp
import OtklikTesting
import Sandbox
import Settings
import Testing

/// Chromium, headless, where the dashboard's people see it: on a phone-sized and a desktop-sized
/// window, the pages render their figures and charts with no console errors, and the ways in that
/// must stay shut do (a reused link, forged or stale Mini App data). `.ci/run` installs Debian's
/// chromium; without it these are skipped with a message. `OTKLIK_SCREENSHOTS=Docs swift test --filter
/// DashboardBrowserTests` writes the screenshots the README shows.
@Suite(.serialized, .enabled(if: Browser.path != nil, "chromium is not installed (apt-get install chromium)"))
struct DashboardBrowserTests {
    typealias H = BotHarness

    @Test func thePagesRenderOnAPhoneAndADesktopWithoutConsoleErrors() async throws {
        try await DashboardTests().withDashboard { h, _, base in
            let card = try await h.forwardPost("Яма на дороге у дома 9 по ул. Мира, машины бьют колёса")
            let id = try #require(card.action { $0.caseId != nil }?.caseId)
            try await h.pressAndWait(.route(caseId: id, departmentId: "roads"), by: H.specialist)
            try await h.advance(to: H.start.addingTimeInterval(26 * 3600))
            for (name, width, height) in [("phone", 390, 844), ("desktop", 1366, 900)] {
                let overview = try Browser.load(try await DashboardTests().loginLink(h, H.head), width: width, height: height,
                                                screenshot: Browser.shot("dashboard-\(name)"), then: base + "/")
                #expect(overview.errors.isEmpty, "\(name): \(overview.errors)")
                #expect(overview.dom.contains("Комитет по дорожному хозяйству") && overview.dom.contains("<svg")
                        && overview.dom.contains("просрочено"), "\(name): the figures and the chart")
                #expect(overview.dom.contains("/case/\(id)"))
                let size = Browser.pngSize(overview.screenshot)
                #expect(size?.0 == width && size?.1 == height, "\(name): a screenshot of the window")
                let link = try await DashboardTests().loginLink(h, H.head) + "&next=/case/\(id)"
                let page = try Browser.load(link, width: width, height: height, screenshot: Browser.shot("case-\(name)"),
                                            then: base + "/case/\(id)")
                #expect(page.errors.isEmpty && page.dom.contains("ул. Мира") && page.dom.contains("История"), "\(name): the case page")
            }
        }
    }

    @Test func aReusedLinkAndForgedOrStaleMiniAppDataAreRefusedInTheBrowser() async throws {
        try await DashboardTests().withDashboard { h, _, base in
            let card = try await h.forwardPost("Яма на дороге у дома 9 по ул. Мира")
            _ = try #require(card.action { $0.caseId != nil }?.caseId)
            let link = try await DashboardTests().loginLink(h, H.head)
            #expect(try Browser.load(link).dom.contains("Отклик — панель"))
            let reused = try Browser.load(link)
            #expect(reused.dom.contains("Нужен вход") && !reused.dom.contains("ул. Мира"))

            // The Mini App: Telegram opens /app with its signed data in the address's fragment.
            let now = Int(h.clock.now().timeIntervalSince1970)
            let user = #"{"id":\#(H.head),"first_name":"Мария"}"#
            func miniApp(_ data: String) throws -> Browser.Page {
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                return try Browser.load(base + "/app#tgWebAppData=" + (data.addingPercentEncoding(withAllowedCharacters: allowed) ?? data))
            }
            let genuine = try miniApp(TelegramInitData.signed(["auth_date": String(now), "user": user], botToken: h.sandbox.token))
            #expect(genuine.dom.contains("Отклик — панель") && genuine.dom.contains("Сидорова Мария") && genuine.errors.isEmpty)
            let forged = try miniApp(TelegramInitData.signed(["auth_date": String(now), "user": user], botToken: "1:not-the-bot"))
            #expect(forged.dom.contains("Нужен вход"))
            let stale = try miniApp(TelegramInitData.signed(["auth_date": String(now - 86400), "user": user], botToken: h.sandbox.token))
            #expect(stale.dom.contains("Нужен вход"))
        }
    }
}

/// Headless Chromium: the DOM after load, console errors, and a screenshot.
enum Browser {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Page {
        var dom: String
        /// Console messages (errors, uncaught exceptions) the page logged.
        var errors: [String]
        var screenshot: Data?
    }

    /// Where a screenshot goes: `OTKLIK_SCREENSHOTS`/<name>.png, or a temporary file.
    static func shot(_ name: String) -> URL {
        if let folder = ProcessInfo.processInfo.environment["OTKLIK_SCREENSHOTS"] {
            return URL(fileURLWithPath: folder).appendingPathComponent(name + ".png")
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("otklik-\(UUID().uuidString)-\(name).png")
    }

    /// Loads `url` in a fresh profile; with `screenshot`, takes it, then reads the DOM of `then` in the
    /// same profile (the cookie a login link set is still there).
    static func load(_ url: String, width: Int = 390, height: Int = 844, screenshot: URL? = nil, then: String? = nil) throws -> Page {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                         "--window-size=\(width),\(height)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
                         "--hide-scrollbars"]
        if let screenshot { arguments.append("--screenshot=\(screenshot.path)") } else { arguments.append("--dump-dom") }
        var page = Page(dom: "", errors: [], screenshot: nil)
        let first = try run(arguments + [url])
        page.errors = first.errors
        if let screenshot {
            page.screenshot = try? Data(contentsOf: screenshot)
            if ProcessInfo.processInfo.environment["OTKLIK_SCREENSHOTS"] == nil { try? FileManager.default.removeItem(at: screenshot) }
            // The DOM comes from a second load of the page the link led to, with the cookie it set.
            let second = try run(arguments.filter { !$0.hasPrefix("--screenshot") } + ["--dump-dom", then ?? url])
            page.dom = second.dom
            page.errors += second.errors
        } else {
            page.dom = first.dom
        }
        return page
    }

    private static func run(_ arguments: [String]) throws -> (dom: String, errors: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let errors = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (dom, errors)
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ png: Data?) -> (Int, Int)? {
        guard let png, png.count > 24 else { return nil }
        let bytes = [UInt8](png)
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
