import Casework
import DialogTemplates
import Foundation

/// A report's contents as tables with headers from Dialogs: what the XLSX and CSV writers write.
public enum ReportTables {
    /// The KPI columns of a group table, as (label key, value).
    private struct Column: Sendable {
        var key: String
        var hours: Bool = false
        var value: @Sendable (KPIs) -> ExportCell
    }

    private static let kpiColumns: [Column] = [
        Column(key: "received") { .int($0.received) },
        Column(key: "routed") { .int($0.routed) },
        Column(key: "answered") { .int($0.answered) },
        Column(key: "within_24h") { .int($0.answeredWithin24h) },
        Column(key: "after_interim") { .int($0.answeredAfterInterim) },
        Column(key: "within_7_days") { .int($0.finalWithin7WorkingDays) },
        Column(key: "on_time") { .int($0.answeredOnTime) },
        Column(key: "on_time_share") { $0.onTimeShare.map(ExportCell.percent) ?? .empty },
        Column(key: "first_draft_median", hours: true) { $0.firstDraft.median.map(ExportCell.hours) ?? .empty },
        Column(key: "first_draft_p90", hours: true) { $0.firstDraft.p90.map(ExportCell.hours) ?? .empty },
        Column(key: "publication_median", hours: true) { $0.publication.median.map(ExportCell.hours) ?? .empty },
        Column(key: "publication_p90", hours: true) { $0.publication.p90.map(ExportCell.hours) ?? .empty },
        Column(key: "overdue_now") { .int($0.overdueNow) },
        Column(key: "returned") { .int($0.returnedDrafts) },
        Column(key: "repeats") { .int($0.repeats) },
        Column(key: "declined") { .int($0.declined) },
        Column(key: "rejected") { .int($0.rejectedSection11) },
    ]

    /// Executors receive, route and repeat nothing themselves: those columns are left out.
    private static let executorColumns = kpiColumns.filter { !["received", "routed", "repeats"].contains($0.key) }

    /// Every sheet of the workbook, in order: figures per department, per executor, per network, the
    /// cases, the journal.
    public static func all(_ report: Report, journal: [JournalLine], dialogs: Dialogs) -> [ExportTable] {
        [departments(report, dialogs: dialogs), executors(report, dialogs: dialogs), networks(report, dialogs: dialogs),
         cases(report, dialogs: dialogs), self.journal(journal, dialogs: dialogs)]
    }

    /// The chart's figures as a sheet that draws them: each department's cases by how they stand (a
    /// stacked bar each), then the on-time share per period (a column each), as the chat's picture.
    public static func chart(_ figures: ChartFigures, dialogs: Dialogs) -> ExportTable {
        let legend = ["on_time", "late", "open", "overdue"].map { text(DialogKey("chart.legend.\($0)"), dialogs) }
        var rows: [[ExportCell]] = figures.departments.map {
            [.text($0.name), .int($0.onTime), .int($0.late), .int($0.open), .int($0.overdue)]
        }
        let departments = 0..<rows.count
        var charts = [ExportChart(kind: .stackedBars, title: figures.title, rows: departments, categoryColumn: 0,
                                  seriesColumns: [1, 2, 3, 4], colours: ["2E7D32", "F9A825", "1E88E5", "C62828"],
                                  column: 6, row: 0, width: 10, height: max(14, 3 + 2 * rows.count))]
        if !figures.trend.isEmpty {
            rows.append([])
            let names = rows.count
            rows.append([.text(text(DialogKey("chart.col.period"), dialogs)), .text(text(DialogKey("chart.col.on_time_share"), dialogs))])
            let first = rows.count
            rows += figures.trend.map { [.text($0.label), $0.onTimeShare.map { ExportCell.percent($0) } ?? .empty] }
            charts.append(ExportChart(kind: .columns, title: text(DialogKey(figures.monthly ? "chart.trend.monthly" : "chart.trend.weekly"), dialogs),
                                      rows: first..<rows.count, categoryColumn: 0, seriesColumns: [1], namesRow: names,
                                      colours: ["2E7D32"], percent: true, column: 6, row: charts[0].row + charts[0].height + 1,
                                      width: 10, height: 14))
        }
        return ExportTable(name: text(DialogKey("report.sheet.chart"), dialogs),
                           headers: [text(.reportColumn("department"), dialogs)] + legend, widths: [28, 10, 12, 10, 12],
                           rows: rows, charts: charts)
    }

    /// One row per department, then "not routed", then the total.
    public static func departments(_ report: Report, dialogs: Dialogs) -> ExportTable {
        var rows = report.departments.map { [ExportCell.text($0.name ?? text(.reportNotRouted, dialogs))] + cells($0.kpis, kpiColumns) }
        rows.append([.text(text(.reportTotal, dialogs))] + cells(report.overall, kpiColumns))
        return ExportTable(name: text(.reportSheet("kpi"), dialogs), headers: [text(.reportColumn("department"), dialogs)]
                           + headers(kpiColumns, dialogs), widths: [28] + kpiColumns.map { _ in 12 }, rows: rows)
    }

    /// One row per executor with anything to show.
    public static func executors(_ report: Report, dialogs: Dialogs) -> ExportTable {
        let names = Dictionary(report.departments.compactMap { d in d.id.map { ($0, d.name ?? $0) } }, uniquingKeysWith: { a, _ in a })
        let rows = report.executors.map { e in
            [ExportCell.text(e.name), e.departmentId.map { .text(names[$0] ?? $0) } ?? .empty] + cells(e.kpis, executorColumns)
        }
        return ExportTable(name: text(.reportSheet("executors"), dialogs),
                           headers: [text(.reportColumn("executor"), dialogs), text(.reportColumn("department"), dialogs)]
                               + headers(executorColumns, dialogs),
                           widths: [24, 24] + executorColumns.map { _ in 12 }, rows: rows)
    }

    /// One row per network.
    public static func networks(_ report: Report, dialogs: Dialogs) -> ExportTable {
        let rows = report.networks.map { [ExportCell.text(ReportText.networkName($0.network, dialogs))] + cells($0.kpis, kpiColumns) }
        return ExportTable(name: text(.reportSheet("networks"), dialogs), headers: [text(.reportColumn("network"), dialogs)]
                           + headers(kpiColumns, dialogs), widths: [18] + kpiColumns.map { _ in 12 }, rows: rows)
    }

    /// One row per case of the period with every date, the status, the executor and the timeliness.
    public static func cases(_ report: Report, dialogs: Dialogs) -> ExportTable {
        let names = ["case", "opened", "network", "link", "excerpt", "department", "executor", "status", "first_assigned",
                     "first_draft", "interim", "answered", "published_link", "closed", "deadline", "timeliness",
                     "repeat_of", "drafts", "returned", "draft_hours", "publication_hours"]
        let widths: [Double] = [7, 16, 14, 30, 40, 24, 22, 18, 16, 16, 16, 16, 30, 16, 16, 20, 9, 10, 10, 12, 12]
        let date = { (d: Date?) in d.map(ExportCell.date) ?? .empty }
        let optional = { (s: String?) in s.map(ExportCell.text) ?? .empty }
        let labels = Labels(dialogs)
        let rows = report.cases.map { c -> [ExportCell] in
            let status = c.closure.map { labels[.reportClosure($0)] } ?? labels[.reportStatus(c.status)]
            return [
                .int(Int(c.id)), .date(c.openedAt), .text(labels.network(c.network)), optional(c.link),
                .text(c.excerpt), optional(c.departmentName), optional(c.executorName), .text(status),
                date(c.firstAssignedAt), date(c.firstDraftAt), date(c.interimPublishedAt), date(c.answeredAt),
                optional(c.publishedLink), date(c.closedAt), date(c.deadline), .text(labels[.reportTimeliness(c.timeliness)]),
                c.repeatOf.map { .int(Int($0)) } ?? .empty, .int(c.drafts), .int(c.returned),
                c.firstDraftSeconds.map(ExportCell.hours) ?? .empty, c.publicationSeconds.map(ExportCell.hours) ?? .empty,
            ]
        }
        return ExportTable(name: text(.reportSheet("cases"), dialogs), headers: names.map { text(.reportColumn($0), dialogs) },
                           widths: widths, rows: rows)
    }

    /// The journal of the period in order: who did what, when.
    public static func journal(_ lines: [JournalLine], dialogs: Dialogs) -> ExportTable {
        let labels = Labels(dialogs)
        let status = { (s: CaseStatus?) in s.map { ExportCell.text(labels[.reportStatus($0)]) } ?? .empty }
        let system = labels[.reportSystem]
        let rows = lines.map { line -> [ExportCell] in
            let action = DialogKey.reportAction(line.action.name)
            let who = line.actorId == 0 ? system : line.actorName ?? "#\(line.actorId)"
            return [.date(line.at), line.caseId.map { .int(Int($0)) } ?? .empty, .text(who),
                    .text(dialogs.contains(action) ? labels[action] : line.action.name.rawValue),
                    status(line.fromStatus), status(line.toStatus),
                    detail(line).map(ExportCell.text) ?? .empty]
        }
        return ExportTable(name: text(.reportSheet("journal"), dialogs),
                           headers: ["at", "case", "actor", "action", "from", "to", "detail"].map { text(.reportColumn($0), dialogs) },
                           widths: [16, 7, 24, 24, 18, 18, 50], rows: rows)
    }

    /// A journal line's details in a cell: the department by name, the earlier case, the draft, the words.
    static func detail(_ line: JournalLine) -> String? {
        let department = line.departmentName ?? ""
        switch line.action {
        case .route: return department
        case let .markRepeat(earlier, _): return "№\(earlier) → \(department)"
        case let .submitDraft(kind, version): return "\(kind.rawValue) №\(version)"
        case let .approve(edited): return edited ? "edited" : nil
        case let .invite(role, departmentId): return role.rawValue + (departmentId == nil ? "" : ", " + department)
        case let .join(roles): return roles.map(\.rawValue).joined(separator: ", ")
        case let .revoke(person, name): return "\(name) (#\(person))"
        case let .unreachable(name): return name
        // The pieces of a batch: the post is in the case list already.
        case let .threatAlert(inDraft): return inDraft ? "draft" : "post"
        case .open, .rejectSection11, .cancel, .take, .clearThreatAlarm: return nil
        case .decline, .returnDraft, .markPublished, .attachAuthorReply, .withdraw, .publishedOnVK: return line.action.words
        }
    }

    private static func cells(_ kpis: KPIs, _ columns: [Column]) -> [ExportCell] { columns.map { $0.value(kpis) } }

    private static func headers(_ columns: [Column], _ dialogs: Dialogs) -> [String] {
        let unit = dialogs.language == .ru ? ", ч" : ", h"
        return columns.map { text(.reportKPI($0.key), dialogs) + ($0.hours ? unit : "") }
    }

    private static func text(_ key: DialogKey, _ dialogs: Dialogs) -> String { dialogs.render(key).plainText }

    /// Labels rendered once each: a long case list or journal repeats a handful of them thousands of times.
    private final class Labels {
        let dialogs: Dialogs
        var cache: [DialogKey: String] = [:]
        var networks: [String: String] = [:]

        init(_ dialogs: Dialogs) { self.dialogs = dialogs }

        subscript(key: DialogKey) -> String {
            if let known = cache[key] { return known }
            let label = dialogs.render(key).plainText
            cache[key] = label
            return label
        }

        func network(_ name: String) -> String {
            if let known = networks[name] { return known }
            let label = ReportText.networkName(name, dialogs)
            networks[name] = label
            return label
        }
    }
}
