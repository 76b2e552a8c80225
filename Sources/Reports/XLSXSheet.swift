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

    /// Characters a column gets at most, however long its longest cell: longer text wraps when printed.
    static let widestColumn = 60.0

    /// Each column as wide as its longest cell (at least its set width, at most `widestColumn`); a
    /// header wraps within it rather than widening it, but a header's longest word fits.
    var fittedWidths: [Double] {
        (0..<table.headers.count).map { index in
            let set = table.widths[safe: index] ?? 10
            let longestWord = table.headers[index].split(separator: " ").map(\.count).max() ?? 0
            let longestCell = table.rows.reduce(0) { widest, row in max(widest, Self.shownLength(row[safe: index] ?? .empty)) }
            return min(Self.widestColumn, max(set, Double(max(longestWord, longestCell)) + 2))
        }
    }

    /// How many characters a cell shows.
    static func shownLength(_ cell: ExportCell) -> Int {
        switch cell {
        case .empty: 0
        case let .text(text): text.split(separator: "\n").map(\.count).max() ?? 0
        case let .int(value): String(value).count
        case .date: 16
        case .hours: 6
        case .percent: 5
        }
    }

    func xml(selected: Bool, drawing: Bool = false) -> String {
        var out = XLSXParts.header
        out += #"<worksheet xmlns="\#(XLSXParts.main)" xmlns:r="\#(XLSXParts.relationships)">"#
        // Printed on A4 landscape, as wide as one page.
        out += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        let lastColumn = Self.columnName(max(table.headers.count, 1) - 1)
        out += #"<dimension ref="A1:\#(lastColumn)\#(table.rows.count + 1)"/>"#
        out += #"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#
        out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        let widths = fittedWidths
        if !widths.isEmpty {
            out += "<cols>"
            for (index, width) in widths.enumerated() {
                out += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        // The header row tall enough for its longest header wrapped in its column.
        let lines = zip(table.headers, widths).map { header, width in Int((Double(header.count) / max(1, width - 1)).rounded(.up)) }.max() ?? 1
        out += row(1, table.headers.map { ExportCell.text($0) }, header: true, height: lines > 1 ? 15 * Double(lines) : nil)
        for (index, cells) in table.rows.enumerated() {
            out += row(index + 2, cells, header: false)
        }
        out += "</sheetData>"
        if let range = Self.filterRange(table) { out += #"<autoFilter ref="\#(range.relative)"/>"# }
        out += #"<printOptions gridLines="1"/>"#
        out += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        out += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        if drawing { out += #"<drawing r:id="rId1"/>"# }
        out += "</worksheet>"
        return out
    }

    private func row(_ number: Int, _ cells: [ExportCell], header: Bool, height: Double? = nil) -> String {
        var out = height.map { #"<row r="\#(number)" ht="\#($0)" customHeight="1">"# } ?? #"<row r="\#(number)">"#
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
