import DashboardAuth
import DialogTemplates
import Foundation
import Messaging
import Store

/// `/dashboard`: a one-time link to the dashboard (valid 10 minutes, opened once), and on Telegram a
/// Mini App button that signs the person in with Telegram's own data. The page checks the person's
/// roles on every request, so the link carries nothing but who asked.
extension BotHandler {
    static let loginLinkLifetime: TimeInterval = 600

    func dashboard(_ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        guard let url = env.dashboardURL else { return try turn.notice("dashboard.not_configured") }
        let key = try turn.db.dashboardKey(make: { DashboardKeys.random() })
        let token = DashboardSigner(key: key).loginToken(personId: actor.personId, expires: turn.now.addingTimeInterval(Self.loginLinkLifetime),
                                                         nonce: env.makeToken())
        var rows = [[Button(turn.text("button.dashboard"), link: .url("\(url)/login?t=\(token)"))]]
        // Telegram opens Mini Apps from HTTPS addresses only.
        if turn.address?.messenger == .telegram, url.hasPrefix("https://") {
            rows.append([Button(turn.text("button.dashboard_app"), link: .webApp("\(url)/app"))])
        }
        try turn.reply(turn.text("dashboard.link"), buttons: rows)
    }
}
