import Casework
import DialogTemplates
import Foundation

/// Writes a table as CSV that Excel in a Russian locale opens by double-click: UTF-8 with a byte
/// order mark, `;` between fields, CRLF line ends, decimal commas, dates as «30.11.2026 14:05».
public enum CSVWriter {
    /// The cases of the report, one line each.
    public static func cases(_ report: Report, dialogs: Dialogs) -> Data {
        csv(ReportTables.cases(report, dialogs: dialogs), zone: report.zone)
    }

    /// The figures per department with a total line.
    public static func departments(_ report: Report, dialogs: Dialogs) -> Data {
        csv(ReportTables.departments(report, dialogs: dialogs), zone: report.zone)
    }

    /// The journal of the report's period.
    public static func journal(_ lines: [JournalLine], report: Report, dialogs: Dialogs) -> Data {
        csv(ReportTables.journal(lines, dialogs: dialogs), zone: report.zone)
    }

    /// Any table; instants are written as local times of `zone`.
    public static func csv(_ table: ExportTable, zone: CalendarZone) -> Data {
        var lines = [table.headers.map(field).joined(separator: ";")]
        for row in table.rows {
            lines.append(row.map { field(cell($0, zone)) }.joined(separator: ";"))
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func cell(_ cell: ExportCell, _ zone: CalendarZone) -> String {
        switch cell {
        case .empty: return ""
        case let .text(text):
            // A leading = + - @ would make Excel run the text (a post's) as a formula.
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { return "'" + text }
            return text
        case let .int(value): return String(value)
        case let .date(instant): return localDateTime(instant, zone)
        case let .hours(seconds): return decimal(seconds / 3600, digits: 1)
        case let .percent(share): return decimal(share * 100, digits: 1) + "%"
        }
    }

    /// Quoted when it holds a separator, a quote or a line break; quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// «12,5»: rounded to `digits` decimals, with a decimal comma, no trailing «,0».
    static func decimal(_ value: Double, digits: Int) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.\(digits)f", rounded).replacingOccurrences(of: ".", with: ",")
    }

    /// «30.11.2026 14:05» in the zone.
    static func localDateTime(_ instant: Date, _ zone: CalendarZone) -> String {
        let day = zone.date(of: instant)
        let minutes = zone.minutesSinceMidnight(of: instant)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day.day)).\(two(day.month)).\(day.year) \(two(minutes / 60)):\(two(minutes % 60))"
    }
}
