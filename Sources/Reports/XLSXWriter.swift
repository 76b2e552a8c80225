import Casework
import DialogTemplates
import Foundation
import ZIPFoundation

/// Writes tables as an XLSX workbook (Office Open XML, SpreadsheetML): one sheet per table, a bold
/// frozen header row with a filter, column widths, real date cells in the report's zone, hours with
/// one decimal, shares as percentages. Minimal parts only, so Excel and LibreOffice open it as is.
public enum XLSXWriter {
    /// The report's workbook: figures per department, executor and network, the cases, the journal.
    public static func workbook(_ report: Report, journal: [JournalLine], dialogs: Dialogs) throws -> Data {
        let title = ReportText.periodText(report.period, zone: report.zone, dates: dialogs.dates)
        return try workbook(ReportTables.all(report, journal: journal, dialogs: dialogs), zone: report.zone,
                            title: title, created: report.generatedAt)
    }

    /// Any tables as a workbook; `created` is the entries' time stamp, so equal input gives equal bytes.
    public static func workbook(_ tables: [ExportTable], zone: CalendarZone, title: String, created: Date) throws -> Data {
        let names = XLSXParts.sheetNames(tables.map(\.name))
        var parts: [(String, String)] = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheets: tables.count)),
            ("_rels/.rels", XLSXParts.rootRelationships),
            ("docProps/app.xml", XLSXParts.app),
            ("docProps/core.xml", XLSXParts.core(title: title, created: created)),
            ("xl/workbook.xml", XLSXParts.workbook(names: names, tables: tables)),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheets: tables.count)),
            ("xl/styles.xml", XLSXParts.styles),
        ]
        for (index, table) in tables.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", XLSXSheet(table: table, zone: zone).xml(selected: index == 0)))
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
