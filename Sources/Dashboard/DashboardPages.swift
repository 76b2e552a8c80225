import Casework
import DialogTemplates
import Foundation
import Messaging
import Reports
import Store

/// The dashboard's pages as server-rendered HTML: no JavaScript needed (the Mini App entry uses a few
/// lines to hand Telegram's sign-in to the server), every word from `Dialogs/` (`dashboard.*`), the
/// charts inline SVG drawn by the same code as the chat's picture.
struct DashboardPages {
    let dialogs: Dialogs
    let zone: CalendarZone

    /// A text of `Dialogs/` as plain words (the pages escape them again where they go).
    func text(_ key: String, _ values: [String: DialogValue] = [:]) -> String { dialogs.render(DialogKey(key), values).plainText }

    /// Text made safe inside HTML, attributes (always double-quoted here) included.
    static func escape(_ text: String) -> String { RichText.escaping(text) }

    func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html><html lang="\(dialogs.language.rawValue)"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(Self.escape(title))</title>\
        <style>\(Self.style)</style></head><body><main>\(body)</main></body></html>
        """
    }

    static let style = """
        body{margin:0;font-family:"DejaVu Sans",Verdana,sans-serif;color:#111;background:#f4f5f7}\
        main{max-width:980px;margin:0 auto;padding:16px}h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em}\
        .who{color:#555;font-size:.9em}.load{display:flex;gap:12px;flex-wrap:wrap}\
        .figure{background:#fff;border-radius:8px;padding:12px 16px;flex:1 1 140px;box-shadow:0 1px 2px #0002}\
        .figure b{display:block;font-size:2em}.overdue b{color:#c62828}.chart{background:#fff;border-radius:8px;padding:8px;box-shadow:0 1px 2px #0002}\
        .chart{text-align:center}.chart svg{width:100%;max-width:720px;height:auto}table{border-collapse:collapse;width:100%;background:#fff}\
        th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;vertical-align:top}\
        nav a{margin-right:12px}a{color:#1565c0}.post{white-space:pre-wrap;background:#fff;padding:12px;border-radius:8px}\
        .photos img{max-width:100%;max-height:320px;margin:4px 0;border-radius:6px}.wide{overflow-x:auto}\
        @media (max-width:600px){th,td{padding:5px 4px;font-size:.85em}}
        """

    /// The head's (or a department's) picture of the period: the load now, the chart, the overdue list.
    func overview(viewer: Person, departmentName: String?, load: (open: Int, dueToday: Int, overdue: Int), report: Report,
                  figures: ChartFigures, monthly: Bool, now: Date) -> String {
        var body = "<h1>" + Self.escape(text("dashboard.title")) + "</h1>"
        body += #"<p class="who">"# + Self.escape(viewer.name) + (departmentName.map { " · " + Self.escape($0) } ?? "")
            + #" · <a href="/logout">"# + Self.escape(text("dashboard.logout")) + "</a></p>"
        body += #"<section class="load">"#
        body += figure(text("dashboard.load.open"), load.open, overdue: false)
        body += figure(text("dashboard.load.due_today"), load.dueToday, overdue: false)
        body += figure(text("dashboard.load.overdue"), load.overdue, overdue: true)
        body += "</section>"
        body += "<nav><h2>" + Self.escape(text("dashboard.period")) + "</h2>"
            + link("/?period=week", text("dashboard.period.week"), current: !monthly) + " "
            + link("/?period=month", text("dashboard.period.month"), current: monthly) + "</nav>"
        body += #"<section class="chart">"# + ReportChart.svg(figures, dialogs: dialogs) + "</section>"
        body += "<h2>" + Self.escape(text("dashboard.departments")) + "</h2><div class=\"wide\"><table><tr>"
        for key in ["dashboard.col.department", "chart.legend.on_time", "chart.legend.late", "chart.legend.open", "chart.legend.overdue"] {
            body += "<th>" + Self.escape(text(key)) + "</th>"
        }
        body += "</tr>"
        for d in figures.departments {
            body += "<tr><td>" + Self.escape(d.name) + "</td><td>\(d.onTime)</td><td>\(d.late)</td><td>\(d.open)</td><td>\(d.overdue)</td></tr>"
        }
        body += "</table></div>"
        body += "<h2>" + Self.escape(text("dashboard.overdue")) + "</h2>"
        if report.overdue.isEmpty {
            body += "<p>" + Self.escape(text("dashboard.overdue.none")) + "</p>"
        } else {
            body += "<div class=\"wide\"><table>"
            for o in report.overdue {
                body += #"<tr><td><a href="/case/\#(o.caseId)">№\#(o.caseId)</a></td><td>"# + Self.escape(o.departmentName ?? "—")
                    + "</td><td>" + Self.escape(o.executorName ?? "—") + "</td><td>"
                    + Self.escape(text("dashboard.overdue.by", ["late": .text(dialogs.dates.duration(o.overdueBy))])) + "</td></tr>"
            }
            body += "</table></div>"
        }
        return page(text("dashboard.title"), body)
    }

    func figure(_ label: String, _ value: Int, overdue: Bool) -> String {
        #"<div class="figure\#(overdue ? " overdue" : "")"><b>\#(value)</b>"# + Self.escape(label) + "</div>"
    }

    func link(_ href: String, _ label: String, current: Bool) -> String {
        current ? "<b>" + Self.escape(label) + "</b>" : #"<a href="\#(href)">"# + Self.escape(label) + "</a>"
    }

    /// A case: its card, the post (with VK's photos), its timeline.
    func casePage(_ stored: StoredCase, journal: [(JournalRecord, String)], departmentName: String?, now: Date) -> String {
        let c = stored.state
        var body = #"<p><a href="/">"# + Self.escape(text("dashboard.back")) + "</a></p>"
        body += "<h1>" + Self.escape(text("dashboard.case.title", ["id": .int(Int(c.id))])) + "</h1><div class=\"wide\"><table>"
        let status = (c.status == .closed ? dialogs.render(.reportClosure(c.closure ?? .cancelled)) : dialogs.render(.reportStatus(c.status))).plainText
        body += row(text("dashboard.case.status"), Self.escape(status))
        body += row(text("dashboard.col.department"), Self.escape(departmentName ?? "—"))
        if let deadline = c.deadline {
            body += row(text("dashboard.case.deadline"), Self.escape(dialogs.dates.dateTime(deadline, in: zone.timeZone, now: now)))
        }
        if let link = stored.post.link { body += row(text("dashboard.case.link"), #"<a href="\#(Self.escape(link))">"# + Self.escape(link) + "</a>") }
        if let read = stored.post.vkRead?.post, let author = read.authorName {
            body += row(text("dashboard.case.author"), Self.escape(author))
        }
        if let published = c.publishedLink {
            body += row(text("dashboard.case.published"), #"<a href="\#(Self.escape(published))">"# + Self.escape(published) + "</a>")
        }
        body += "</table></div>"
        body += #"<h2>"# + Self.escape(text("dashboard.case.post")) + #"</h2><div class="post">"# + Self.escape(stored.post.text) + "</div>"
        let photos = stored.post.vkRead?.post?.photoURLs ?? []
        if !photos.isEmpty || !stored.post.media.isEmpty {
            body += #"<h2>"# + Self.escape(text("dashboard.case.photos")) + #"</h2><div class="photos">"#
            for url in photos { body += #"<img src="\#(Self.escape(url))" alt="">"# }
            for index in stored.post.media.indices where stored.post.media[index].kind == .photo {
                body += #"<img src="/media/\#(c.id)/\#(index)" alt="">"#
            }
            body += "</div>"
        }
        body += "<h2>" + Self.escape(text("dashboard.case.timeline")) + "</h2><div class=\"wide\"><table>"
        for (record, who) in journal {
            body += "<tr><td>" + Self.escape(dialogs.dates.dateTime(record.at, in: zone.timeZone, now: now)) + "</td><td>"
                + Self.escape(who) + "</td><td>" + Self.escape(text("journal." + record.action.name.rawValue))
                + (record.action.words.map { " — " + Self.escape($0) } ?? "") + "</td></tr>"
        }
        body += "</table></div>"
        return page(text("dashboard.case.title", ["id": .int(Int(c.id))]), body)
    }

    func row(_ label: String, _ html: String) -> String { "<tr><th>" + Self.escape(label) + "</th><td>" + html + "</td></tr>" }

    /// 401, 403, 404: a short page and nothing else.
    func refusal(_ key: String) -> String { page(text(key), "<h1>" + Self.escape(text(key)) + "</h1><p>" + Self.escape(text(key + "_hint")) + "</p>") }

    /// The Mini App's entry: Telegram opens it with its signed `initData`; a few lines post it to the
    /// server, which answers with the session cookie.
    func miniApp() -> String {
        page(text("dashboard.title"), """
            <p id="status">\(Self.escape(text("dashboard.app.opening")))</p>\
            <form id="f" method="post" action="/telegram/auth"><input type="hidden" name="initData" id="d"></form>\
            <noscript><p>\(Self.escape(text("dashboard.app.no_script")))</p></noscript>\
            <script>
            var p=new URLSearchParams(location.hash.slice(1));var d=p.get("tgWebAppData");
            if(!d&&window.Telegram&&Telegram.WebApp){d=Telegram.WebApp.initData}
            if(d){document.getElementById("d").value=d;document.getElementById("f").submit()}
            else{document.getElementById("status").textContent=\(Self.jsString(text("dashboard.app.no_telegram")))}
            </script>
            """)
    }

    static func jsString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "<", with: "\\u003c") + "\""
    }
}
