import Messaging
import Casework
import DialogTemplates
import Foundation

/// A report as one Telegram HTML message for a phone: the figures in `<pre>` tables, then the most
/// overdue cases with `/case N` to open each.
public enum ReportText {
    /// How many overdue cases are listed.
    public static let overdueShown = 5

    /// The message, within `limit` visible characters: when the full text is longer, the executor
    /// table is shortened, then dropped, then the network table, then departments are shortened.
    public static func render(_ report: Report, dialogs: Dialogs, limit: Int = 4096) -> String {
        let levels: [Detail] = [
            Detail(executors: .max, networks: true, departments: .max),
            Detail(executors: 8, networks: true, departments: .max),
            Detail(executors: 0, networks: true, departments: .max),
            Detail(executors: 0, networks: false, departments: .max),
            Detail(executors: 0, networks: false, departments: 12),
            Detail(executors: 0, networks: false, departments: 0),
        ]
        var text = ""
        for detail in levels {
            text = render(report, dialogs, detail)
            if RichText.visibleLength(text) <= limit { return text }
        }
        return RichText.split(text, limit: limit).first ?? ""
    }

    /// The whole report as plain text for a terminal: no length limit, no markup.
    public static func plain(_ report: Report, dialogs: Dialogs) -> String {
        render(report, dialogs: dialogs, limit: .max).plainText
    }

    /// The period as people write it: «16–22 нояб. 2026», «28 окт. – 3 нояб. 2026».
    public static func periodText(_ period: ReportPeriod, zone: CalendarZone, dates: DialogDates) -> String {
        let first = dates.dayMonth(zone.startOfDay(period.first), in: zone.timeZone)
        let last = dates.dayMonth(zone.startOfDay(period.last), in: zone.timeZone)
        if period.first == period.last { return "\(last) \(period.last.year)" }
        if period.first.year != period.last.year { return "\(first) \(period.first.year) – \(last) \(period.last.year)" }
        if period.first.month != period.last.month { return "\(first) – \(last) \(period.last.year)" }
        return "\(period.first.day)–\(last) \(period.last.year)"
    }

    struct Detail {
        var executors: Int
        var networks: Bool
        var departments: Int
    }

    static func render(_ report: Report, _ dialogs: Dialogs, _ detail: Detail) -> String {
        let label = { (key: DialogKey) in dialogs.render(key).plainText }
        let period = periodText(report.period, zone: report.zone, dates: dialogs.dates)
        var parts = [report.departmentName.map {
            dialogs.render(.reportTitleDepartment, ["period": .text(period), "department": .text($0)])
        } ?? dialogs.render(.reportTitle, ["period": .text(period)])]
        let k = report.overall
        if k.isEmpty && report.cases.isEmpty {
            parts.append(dialogs.render(.reportEmpty))
            return parts.joined(separator: "\n")
        }
        let duration = { (seconds: Double?) in seconds.map(dialogs.dates.duration) ?? "—" }
        parts.append(MonoTable.pairs([
            (label(.reportKPI("received")), "\(k.received)"),
            (label(.reportKPI("routed")), "\(k.routed)"),
            (label(.reportKPI("answered")), "\(k.answered)"),
            (" " + label(.reportKPI("within_24h")), share(k.answeredWithin24h, of: k.answeredUnder24hRule)),
            (" " + label(.reportKPI("after_interim")), "\(k.answeredAfterInterim)"),
            (" " + label(.reportKPI("within_7_days")), share(k.finalWithin7WorkingDays, of: k.answeredAfterInterim)),
            (label(.reportKPI("on_time")), share(k.answeredOnTime, of: k.answered)),
            (label(.reportKPI("first_draft_median")), duration(k.firstDraft.median)),
            (label(.reportKPI("first_draft_p90")), duration(k.firstDraft.p90)),
            (label(.reportKPI("publication_median")), duration(k.publication.median)),
            (label(.reportKPI("publication_p90")), duration(k.publication.p90)),
            (label(.reportKPI("overdue_now")), "\(k.overdueNow)"),
            (label(.reportKPI("returned")), "\(k.returnedDrafts)"),
            (label(.reportKPI("repeats")), "\(k.repeats)"),
            (label(.reportKPI("declined")), "\(k.declined)"),
            (label(.reportKPI("rejected")), "\(k.rejectedSection11)"),
        ]))

        var legend = false
        let departments = report.departments.filter { !$0.kpis.isEmpty }
        if report.department == nil, detail.departments > 0, !departments.isEmpty {
            var table = MonoTable(widths: [11, 5, 5, 5, 6])
            table.add([label(.reportShort("department")), label(.reportShort("received")), label(.reportShort("answered")),
                       label(.reportShort("on_time")), label(.reportShort("overdue"))])
            for row in departments.prefix(detail.departments) {
                let k = row.kpis
                table.add([row.name ?? label(.reportNotRouted), "\(k.received)", "\(k.answered)", percent(k.onTimeShare),
                           "\(k.overdueNow)"])
            }
            parts.append("<b>" + dialogs.render(.reportSection("departments")) + "</b>\n" + table.html
                         + more(departments.count - detail.departments, dialogs))
            legend = true
        }
        let executors = report.executors.filter { !$0.kpis.isEmpty }
        if detail.executors > 0, !executors.isEmpty {
            var table = MonoTable(widths: [11, 5, 5, 5, 6])
            table.add([label(.reportShort("executor")), label(.reportShort("answered")), label(.reportShort("on_time")),
                       label(.reportShort("first_draft")), label(.reportShort("overdue"))])
            for row in executors.prefix(detail.executors) {
                let k = row.kpis
                table.add([row.name, "\(k.answered)", percent(k.onTimeShare), compact(k.firstDraft.median, dialogs.language),
                           "\(k.overdueNow)"])
            }
            parts.append("<b>" + dialogs.render(.reportSection("executors")) + "</b>\n" + table.html
                         + more(executors.count - detail.executors, dialogs))
            legend = true
        }
        if detail.networks, !report.networks.isEmpty {
            var table = MonoTable(widths: [12, 5, 5, 5, 5])
            table.add([label(.reportShort("network")), label(.reportShort("received")), label(.reportShort("answered")),
                       label(.reportShort("on_time")), label(.reportShort("rejected"))])
            for row in report.networks {
                let k = row.kpis
                table.add([networkName(row.network, dialogs), "\(k.received)", "\(k.answered)", percent(k.onTimeShare),
                           "\(k.rejectedSection11)"])
            }
            parts.append("<b>" + dialogs.render(.reportSection("networks")) + "</b>\n" + table.html)
            legend = true
        }
        if !report.overdue.isEmpty {
            var lines = ["<b>" + dialogs.render(.reportSection("overdue")) + "</b>"]
            for c in report.overdue.prefix(overdueShown) {
                let who = [c.departmentName, c.executorName].compactMap { $0 }.map(RichText.escaping)
                lines.append((["/case \(c.caseId)"] + who + ["+" + dialogs.dates.duration(c.overdueBy)]).joined(separator: " · "))
            }
            lines[lines.count - 1] += more(report.overdue.count - overdueShown, dialogs)
            parts.append(lines.joined(separator: "\n"))
        }
        if legend { parts.append("<i>" + dialogs.render(.reportLegend) + "</i>") }
        return parts.joined(separator: "\n\n")
    }

    /// «80 (89%)», or the count alone when there is nothing to divide by.
    static func share(_ count: Int, of total: Int) -> String {
        total == 0 ? "\(count)" : "\(count) (\(percent(Double(count) / Double(total))))"
    }

    /// «89%», rounded half up; «—» for nothing answered.
    static func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
    }

    /// A duration in a narrow column: «45м», «17ч», «3д» (en: m, h, d).
    static func compact(_ seconds: Double?, _ language: DialogLanguage) -> String {
        guard let seconds else { return "—" }
        let (m, h, d) = language == .ru ? ("м", "ч", "д") : ("m", "h", "d")
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes)\(m)" }
        if minutes < 48 * 60 { return "\(Int((Double(minutes) / 60).rounded()))\(h)" }
        return "\(Int((Double(minutes) / 1440).rounded()))\(d)"
    }

    static func networkName(_ network: String, _ dialogs: Dialogs) -> String {
        let key = DialogKey.reportNetwork(network)
        return dialogs.contains(key) ? dialogs.render(key).plainText : network
    }

    private static func more(_ count: Int, _ dialogs: Dialogs) -> String {
        count > 0 ? "\n" + dialogs.render(.reportMore, ["count": .int(count)]) : ""
    }
}
