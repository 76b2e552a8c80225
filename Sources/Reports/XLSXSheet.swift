import Casework
import Foundation

/// One worksheet's XML: the header row in bold and frozen, a filter on it, typed cells.
struct XLSXSheet {
    let table: ExportTable
    let zone: CalendarZone

    /// Excel keeps at most this many characters in a cell.
    static let cellLimit = 32767

    /// The header and data as "A1:U42", with its `$A$1:$U$42` form; nil without data rows.
    static func filterRange(_ table: ExportTable) -> (relative: String, absolute: String)? {
        guard !table.rows.isEmpty, !table.headers.isEmpty else { return nil }
        let column = columnName(table.headers.count - 1)
        let last = table.rows.count + 1
        return ("A1:\(column)\(last)", "$A$1:$\(column)$\(last)")
    }

    func xml(selected: Bool) -> String {
        var out = XLSXParts.header
        out += #"<worksheet xmlns="\#(XLSXParts.main)" xmlns:r="\#(XLSXParts.relationships)">"#
        let lastColumn = Self.columnName(max(table.headers.count, 1) - 1)
        out += #"<dimension ref="A1:\#(lastColumn)\#(table.rows.count + 1)"/>"#
        out += #"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#
        out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !table.widths.isEmpty {
            out += "<cols>"
            for (index, width) in table.widths.enumerated() {
                out += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += row(1, table.headers.map { ExportCell.text($0) }, header: true)
        for (index, cells) in table.rows.enumerated() {
            out += row(index + 2, cells, header: false)
        }
        out += "</sheetData>"
        if let range = Self.filterRange(table) { out += #"<autoFilter ref="\#(range.relative)"/>"# }
        out += "</worksheet>"
        return out
    }

    private func row(_ number: Int, _ cells: [ExportCell], header: Bool) -> String {
        var out = #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            let ref = Self.columnName(index) + String(number)
            switch cell {
            case .empty:
                continue
            case let .text(text):
                let style = header ? #" s="\#(XLSXParts.Style.header.rawValue)""# : ""
                let clipped = text.count > Self.cellLimit ? String(text.prefix(Self.cellLimit)) : text
                out += #"<c r="\#(ref)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(XMLText.escape(clipped))</t></is></c>"#
            case let .int(value):
                out += #"<c r="\#(ref)"><v>\#(value)</v></c>"#
            case let .date(instant):
                out += numberCell(ref, serial(instant), .date)
            case let .hours(seconds):
                out += numberCell(ref, seconds / 3600, .hours)
            case let .percent(share):
                out += numberCell(ref, share, .percent)
            }
        }
        return out + "</row>"
    }

    private func numberCell(_ ref: String, _ value: Double, _ style: XLSXParts.Style) -> String {
        guard value.isFinite else { return "" }
        return #"<c r="\#(ref)" s="\#(style.rawValue)"><v>\#(value)</v></c>"#
    }

    /// Excel's serial date of the instant's local date and time (days since 1899-12-30).
    private func serial(_ instant: Date) -> Double {
        let local = instant.timeIntervalSince1970 + Double(zone.offsetSeconds(at: instant))
        return local / 86400 + 25569
    }

    /// "A", "B", … "Z", "AA", … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
