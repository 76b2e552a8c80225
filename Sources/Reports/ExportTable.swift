import Foundation

/// One cell of an exported table; the writers give each kind its format (a date cell, a percentage…).
public enum ExportCell: Sendable, Equatable {
    case empty
    case text(String)
    case int(Int)
    /// An instant, shown as a local date and time of the report's zone.
    case date(Date)
    /// A duration, shown in hours with one decimal.
    case hours(Double)
    /// A share 0…1, shown as a percentage.
    case percent(Double)
}

/// A titled table with a header row: one XLSX sheet or one CSV file.
public struct ExportTable: Sendable, Equatable {
    /// The sheet name (Excel allows 31 characters).
    public var name: String
    public var headers: [String]
    /// Column widths in characters: the least each column gets (it widens to fit its content).
    public var widths: [Double]
    public var rows: [[ExportCell]]
    /// Charts drawn from the table's own cells (XLSX only).
    public var charts: [ExportChart] = []

    /// A table; `widths` are per column, in characters.
    public init(name: String, headers: [String], widths: [Double], rows: [[ExportCell]], charts: [ExportChart] = []) {
        self.name = name
        self.headers = headers
        self.widths = widths
        self.rows = rows
        self.charts = charts
    }
}

/// A chart over some of a table's cells: categories in one column, one series per other column.
public struct ExportChart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Horizontal bars, the series stacked: each department's cases by how they stand.
        case stackedBars
        /// Vertical columns of one series: a share over periods.
        case columns
    }

    public var kind: Kind
    public var title: String
    /// The table rows (0-based, header not counted) it reads.
    public var rows: Range<Int>
    public var categoryColumn: Int
    public var seriesColumns: [Int]
    /// The row whose cells name the series (0-based into `rows` of the table), or nil for the header.
    public var namesRow: Int?
    /// One RRGGBB colour per series.
    public var colours: [String]
    /// Values are shares shown as percentages.
    public var percent: Bool
    /// Where it sits: its top-left cell (0-based column, row) and its size in columns and rows.
    public var column: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(kind: Kind, title: String, rows: Range<Int>, categoryColumn: Int, seriesColumns: [Int], namesRow: Int? = nil,
                colours: [String], percent: Bool = false, column: Int, row: Int, width: Int, height: Int) {
        self.kind = kind; self.title = title; self.rows = rows; self.categoryColumn = categoryColumn
        self.seriesColumns = seriesColumns; self.namesRow = namesRow; self.colours = colours; self.percent = percent
        self.column = column; self.row = row; self.width = width; self.height = height
    }
}
