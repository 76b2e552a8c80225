import Casework
import DialogTemplates
import Foundation
import ZIPFoundation

/// Writes tables as an XLSX workbook (Office Open XML, SpreadsheetML): one sheet per table, a bold
/// frozen header row with a filter, column widths, real date cells in the report's zone, hours with
/// one decimal, shares as percentages. Minimal parts only, so Excel and LibreOffice open it as is.
public enum XLSXWriter {
    /// The report's workbook: figures per department, executor and network, the cases, the journal;
    /// with `chart`, first a sheet with the chart the chat shows, drawn by the spreadsheet itself.
    public static func workbook(_ report: Report, journal: [JournalLine], dialogs: Dialogs, chart: ChartFigures? = nil) throws -> Data {
        let title = ReportText.periodText(report.period, zone: report.zone, dates: dialogs.dates)
        let tables = (chart.map { [ReportTables.chart($0, dialogs: dialogs)] } ?? []) + ReportTables.all(report, journal: journal, dialogs: dialogs)
        return try workbook(tables, zone: report.zone, title: title, created: report.generatedAt)
    }

    /// Any tables as a workbook; `created` is the entries' time stamp, so equal input gives equal bytes.
    public static func workbook(_ tables: [ExportTable], zone: CalendarZone, title: String, created: Date) throws -> Data {
        let names = XLSXParts.sheetNames(tables.map(\.name))
        // Sheets with charts get a drawing each, numbered in sheet order; charts are numbered across them.
        var drawings: [Int: Int] = [:], charts = 0
        for (index, table) in tables.enumerated() where !table.charts.isEmpty {
            drawings[index] = drawings.count + 1
            charts += table.charts.count
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheets: tables.count, drawings: drawings.count, charts: charts)),
            ("_rels/.rels", XLSXParts.rootRelationships),
            ("docProps/app.xml", XLSXParts.app),
            ("docProps/core.xml", XLSXParts.core(title: title, created: created)),
            ("xl/workbook.xml", XLSXParts.workbook(names: names, tables: tables)),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheets: tables.count)),
            ("xl/styles.xml", XLSXParts.styles),
        ]
        var chartNumber = 0
        for (index, table) in tables.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml",
                          XLSXSheet(table: table, zone: zone).xml(selected: index == 0, drawing: drawings[index] != nil)))
            guard let drawing = drawings[index] else { continue }
            parts.append(("xl/worksheets/_rels/sheet\(index + 1).xml.rels",
                          XLSXParts.relationships([("rId1", XLSXParts.drawingType, "../drawings/drawing\(drawing).xml")])))
            parts.append(("xl/drawings/drawing\(drawing).xml", XLSXChart.drawing(table.charts)))
            var links: [(String, String, String)] = []
            for (n, chart) in table.charts.enumerated() {
                chartNumber += 1
                links.append(("rId\(n + 1)", XLSXParts.chartType, "../charts/chart\(chartNumber).xml"))
                parts.append(("xl/charts/chart\(chartNumber).xml", XLSXChart.chart(chart, table: table, sheet: names[index])))
            }
            parts.append(("xl/drawings/_rels/drawing\(drawing).xml.rels", XLSXParts.relationships(links)))
        }
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: created,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw XLSXError.noArchiveData }
        return data
    }
}

/// The in-memory archive gave no bytes (ZIPFoundation's memory mode unavailable).
public enum XLSXError: Error {
    case noArchiveData
}
