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
    /// Column widths in characters.
    public var widths: [Double]
    public var rows: [[ExportCell]]

    /// A table; `widths` are per column, in characters.
    public init(name: String, headers: [String], widths: [Double], rows: [[ExportCell]]) {
        self.name = name
        self.headers = headers
        self.widths = widths
        self.rows = rows
    }
}
