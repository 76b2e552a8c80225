import Messaging
import Foundation

/// Rows of plain text laid out in fixed-width columns for a Telegram `<pre>` block, read on a phone.
struct MonoTable {
    /// Characters a phone shows on one monospace line in portrait.
    static let width = 32

    /// Column widths; the first column is left-aligned and cut with "…", the others right-aligned.
    var widths: [Int]
    var rows: [[String]] = []

    init(widths: [Int]) { self.widths = widths }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The `<pre>` block, escaped.
    var html: String {
        let lines = rows.map { cells in
            zip(widths, cells).enumerated().map { index, pair in
                let (width, cell) = pair
                return index == 0 ? Self.cut(cell, to: width).padding(toLength: width, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(1, width - cell.count)) + cell
            }.joined()
        }
        return "<pre>" + RichText.escaping(lines.map { $0.trimmingTrailingSpaces }.joined(separator: "\n")) + "</pre>"
    }

    /// Label-and-value lines: the label left, the value right, at least one space between.
    static func pairs(_ pairs: [(String, String)]) -> String {
        let lines = pairs.map { label, value in
            label + String(repeating: " ", count: max(1, width - label.count - value.count)) + value
        }
        return "<pre>" + RichText.escaping(lines.joined(separator: "\n")) + "</pre>"
    }

    static func cut(_ text: String, to width: Int) -> String {
        text.count <= width - 1 ? text : String(text.prefix(width - 2)) + "…"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The plain text of a rendered label: tags dropped, the five entities decoded.
    public var plainText: String {
        var out = ""
        var inTag = false
        for ch in self {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
