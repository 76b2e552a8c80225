import Casework
import DialogTemplates
import Foundation
import Messaging
import Store

/// What the report's chart shows: per department, the answers in time and late, the cases still open
/// and those overdue; and the on-time share over the periods before (8 weeks, or 6 months).
public struct ChartFigures: Sendable, Equatable {
    public struct Department: Sendable, Equatable {
        public var name: String
        public var onTime: Int
        public var late: Int
        public var open: Int
        public var overdue: Int
        public var total: Int { onTime + late + open + overdue }
    }

    public struct Point: Sendable, Equatable {
        /// The period's first day as "23.11" (weeks) or "11.2026" (months).
        public var label: String
        /// Nil when nothing was answered in it.
        public var onTimeShare: Double?
    }

    public var title: String
    public var departments: [Department]
    public var trend: [Point]
    public var monthly: Bool

    public var isEmpty: Bool { departments.allSatisfy { $0.total == 0 } }
}

extension ChartFigures {
    /// The figures of `report`, with the on-time share of `history` (the periods before, oldest first,
    /// `report`'s own last).
    public init(_ report: Report, history: [Report], monthly: Bool, dialogs: Dialogs) {
        let period = ReportText.periodText(report.period, zone: report.zone, dates: dialogs.dates)
        title = report.departmentName.map {
            dialogs.render(.reportTitleDepartment, ["period": .text(period), "department": .text($0)]).plainText
        } ?? dialogs.render(.reportTitle, ["period": .text(period)]).plainText
        self.monthly = monthly
        var byDepartment: [String?: Department] = [:]
        for line in report.cases {
            var d = byDepartment[line.departmentId] ?? Department(name: line.departmentName ?? dialogs.render(.reportNotRouted).plainText,
                                                                  onTime: 0, late: 0, open: 0, overdue: 0)
            switch line.timeliness {
            case .onTime24h, .onTime7Days: d.onTime += 1
            case .late24h, .late7Days: d.late += 1
            case .overdue: d.overdue += 1
            case .inTime, .noDeadline: d.open += 1
            case .noAnswer: continue
            }
            byDepartment[line.departmentId] = d
        }
        // Every department of the report, in its order; the not-routed ones last.
        departments = report.departments.compactMap { k in
            byDepartment[k.id] ?? (k.id == nil ? nil : Department(name: k.name ?? k.id ?? "—", onTime: 0, late: 0, open: 0, overdue: 0))
        }
        if let unrouted = byDepartment[nil], !report.departments.contains(where: { $0.id == nil }) { departments.append(unrouted) }
        trend = history.map { past in
            let first = past.period.first
            let label = monthly ? String(format: "%02d.%d", first.month, first.year) : String(format: "%02d.%02d", first.day, first.month)
            return Point(label: label, onTimeShare: past.overall.onTimeShare)
        }
    }
}

/// The report's chart as SVG: one drawing for the chat's PNG and the dashboard's page. Portrait, for a
/// phone: each department's full name above its bar, the legend at the top, the on-time trend below.
/// Every word comes from `Dialogs/` (reports.yaml, `chart.*`).
public enum ReportChart {
    public static let width = 720
    static let colours = (onTime: "#2e7d32", late: "#f9a825", open: "#1e88e5", overdue: "#c62828")
    static let font = "DejaVu Sans, Verdana, sans-serif"

    public static func svg(_ figures: ChartFigures, dialogs: Dialogs) -> String {
        let text = { (key: String) in dialogs.render(DialogKey(key)).plainText }
        var body: [String] = []
        var y = 48
        body.append(label(figures.title, x: 24, y: y, size: 26, weight: "bold"))
        y += 22
        // The legend: four coloured squares with their words.
        let legend = [(colours.onTime, text("chart.legend.on_time")), (colours.late, text("chart.legend.late")),
                      (colours.open, text("chart.legend.open")), (colours.overdue, text("chart.legend.overdue"))]
        var x = 24
        y += 18
        for (colour, words) in legend {
            body.append(##"<rect x="\##(x)" y="\##(y - 16)" width="18" height="18" rx="3" fill="\##(colour)"/>"##)
            body.append(label(words, x: x + 26, y: y, size: 18))
            x += 44 + Int(Double(words.count) * 10.5)
        }
        y += 26
        if figures.isEmpty {
            y += 40
            body.append(label(text("chart.empty"), x: width / 2, y: y, size: 22, anchor: "middle", colour: "#555"))
            y += 30
        } else {
            let largest = max(1, figures.departments.map(\.total).max() ?? 1)
            let barWidth = Double(width - 48 - 60)
            for department in figures.departments {
                y += 14
                for line in wrap(department.name, limit: 52) {
                    y += 24
                    body.append(label(line, x: 24, y: y, size: 20))
                }
                y += 8
                var at = 24.0
                for (count, colour) in [(department.onTime, colours.onTime), (department.late, colours.late),
                                        (department.open, colours.open), (department.overdue, colours.overdue)] where count > 0 {
                    let w = barWidth * Double(count) / Double(largest)
                    body.append(##"<rect x="\##(fmt(at))" y="\##(y)" width="\##(fmt(w))" height="30" fill="\##(colour)"/>"##)
                    if w >= 26 {
                        body.append(label(String(count), x: Int(at + w / 2), y: y + 22, size: 17, anchor: "middle", colour: "#fff", weight: "bold"))
                    }
                    at += w
                }
                if department.total == 0 { body.append(##"<rect x="24" y="\##(y)" width="2" height="30" fill="#999"/>"##) }
                body.append(label(String(department.total), x: Int(at) + 10, y: y + 22, size: 18, colour: "#333"))
                y += 30
            }
        }
        if !figures.trend.isEmpty {
            y += 50
            body.append(label(text(figures.monthly ? "chart.trend.monthly" : "chart.trend.weekly"), x: 24, y: y, size: 22, weight: "bold"))
            y += 20
            let top = y, height = 180
            body.append(##"<line x1="24" y1="\##(top + height)" x2="\##(width - 24)" y2="\##(top + height)" stroke="#999" stroke-width="1"/>"##)
            let slot = Double(width - 48) / Double(figures.trend.count)
            for (index, point) in figures.trend.enumerated() {
                let centre = 24 + slot * (Double(index) + 0.5)
                if let share = point.onTimeShare {
                    let h = max(2, Double(height - 28) * share)
                    let colour = share >= 0.9 ? colours.onTime : (share >= 0.7 ? colours.late : colours.overdue)
                    body.append(##"<rect x="\##(fmt(centre - slot * 0.3))" y="\##(fmt(Double(top + height) - h))" width="\##(fmt(slot * 0.6))" height="\##(fmt(h))" fill="\##(colour)"/>"##)
                    body.append(label("\(Int((share * 100).rounded()))%", x: Int(centre), y: Int(Double(top + height) - h) - 6, size: 17,
                                      anchor: "middle"))
                } else {
                    body.append(label("—", x: Int(centre), y: top + height - 8, size: 17, anchor: "middle", colour: "#777"))
                }
                body.append(label(point.label, x: Int(centre), y: top + height + 24, size: 16, anchor: "middle", colour: "#333"))
            }
            y = top + height + 40
        }
        let total = y + 24
        return ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="\##(total)" viewBox="0 0 \##(width) \##(total)" font-family="\##(font)">"##
            + ##"<rect width="100%" height="100%" fill="#fff"/>"## + body.joined() + "</svg>"
    }

    static func label(_ words: String, x: Int, y: Int, size: Int, anchor: String = "start", colour: String = "#111",
                      weight: String = "normal") -> String {
        ##"<text x="\##(x)" y="\##(y)" font-size="\##(size)" text-anchor="\##(anchor)" fill="\##(colour)" font-weight="\##(weight)">\##(RichText.escaping(words))</text>"##
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Lines of at most `limit` characters, broken between words: a long name is shown whole.
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > limit { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }
}

extension Reports {
    /// The chart's figures for `report`: its own, and the on-time share of the 8 weeks (a report over
    /// more than a week: the 6 calendar months) up to it, for the same department.
    public static func chartFigures(for report: Report, in db: StoreTransaction, now: Date, policy: DeadlinePolicy,
                                    dialogs: Dialogs) throws -> ChartFigures {
        let monthly = report.period.dayCount > 7
        let history = try ReportPeriod.trend(ending: report.period, monthly: monthly, zone: report.zone).map { period in
            period == report.period ? report : try compute(period: period, department: report.department, in: db, now: now, policy: policy)
        }
        return ChartFigures(report, history: history, monthly: monthly, dialogs: dialogs)
    }
}

extension ReportPeriod {
    /// The periods a trend shows, oldest first, `period` last: 8 weeks back from it, or 6 calendar months.
    public static func trend(ending period: ReportPeriod, monthly: Bool, zone: CalendarZone) -> [ReportPeriod] {
        if monthly {
            var months: [ReportPeriod] = []
            var (year, month) = (period.first.year, period.first.month)
            for _ in 0..<6 {
                if let m = ReportPeriod.month(year: year, month: month, zone: zone) { months.insert(m, at: 0) }
                (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
            }
            if let last = months.last, last.first == period.first { months[months.count - 1] = period }
            return months
        }
        return (0..<8).reversed().map { weeks in
            weeks == 0 ? period
                : ReportPeriod(first: period.first.adding(days: -7 * weeks), last: period.first.adding(days: -7 * weeks + 6), zone: zone)
        }
    }
}
