import Casework
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports
import Store
import Testing
import ZIPFoundation

/// The workbook of the November report, read back as Excel and LibreOffice would read it.
@Suite struct XLSXTests {
    let november: NovemberStore
    let report: Report
    let journal: [JournalLine]
    let data: Data

    init() throws {
        let november = try NovemberStore.shared.get()
        self.november = november
        let (report, journal) = try november.store.read { db in
            let report = try Reports.compute(period: november.period, in: db, now: november.now, policy: november.policy)
            return (report, try Reports.journal(for: report, in: db))
        }
        self.report = report
        self.journal = journal
        data = try XLSXWriter.workbook(report, journal: journal, dialogs: shippedDialogs())
    }

    @Test func everyPartIsThereAndIsWellFormedXML() throws {
        let archive = try Archive(data: data, accessMode: .read)
        let paths = archive.map(\.path)
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                          "xl/_rels/workbook.xml.rels", "xl/styles.xml"] + (1...5).map { "xl/worksheets/sheet\($0).xml" })
        for entry in archive {
            var xml = Data()
            _ = try archive.extract(entry) { xml.append($0) }
            let parser = XMLParser(data: xml)
            #expect(parser.parse(), "\(entry.path): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
    }

    @Test func theSameReportGivesTheSameBytes() throws {
        #expect(try XLSXWriter.workbook(report, journal: journal, dialogs: shippedDialogs()) == data)
    }

    @Test func sheetNamesAreMadeAcceptableToExcel() {
        #expect(XLSXParts.sheetNames(["Показатели", "a/b:c", "", String(repeating: "я", count: 40), "Показатели"])
                == ["Показатели", "a_b_c", "Sheet3", String(repeating: "я", count: 31), "Показатели (2)"])
        #expect(XLSXSheet.columnName(0) == "A" && XLSXSheet.columnName(25) == "Z" && XLSXSheet.columnName(26) == "AA")
    }

    @Test func controlCharactersInAPostDoNotBreakTheSheet() {
        #expect(XMLText.escape("a\u{1}b <c> & \"d\"\n") == "ab &lt;c&gt; &amp; &quot;d&quot;\n")
    }

    @Test(.enabled(if: hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
    func openpyxlReadsEverySheetWithTypedCells() throws {
        let book = try readWithOpenpyxl(data)
        #expect(book.sheets == ["Показатели", "Исполнители", "Соцсети", "Обращения", "Журнал"])

        let figures = try #require(book.data["Показатели"])
        #expect(figures.freeze == "A2")
        #expect(figures.rows[0].allSatisfy { $0.b }, "the header row is bold")
        #expect(figures.rows.map { $0[0].v } == [.text("Подразделение"), .text("Дороги"), .text("ЖКХ"), .text("Соцзащита"),
                                                  .text("Не направлено"), .text("Итого")])
        let total = try #require(figures.rows.last)
        // Received, routed, answered of the total row; the share on time as a percentage.
        #expect(total[1].v == .number(294) && total[2].v == .number(279) && total[3].v == .number(262))
        #expect(total[8].v == .number(221.0 / 262.0) && total[8].f == "0%")
        // Medians in hours with one decimal: first draft 5 h, publication 9 h.
        #expect(total[9].v == .number(5) && total[9].f == "0.0" && total[11].v == .number(9))

        let cases = try #require(book.data["Обращения"])
        #expect(cases.rows.count == 307)
        #expect(cases.filter == "A1:U307")
        #expect(cases.widths["A"] == 7)
        let first = try #require(cases.rows.first { $0[0].v == .number(Double(november.g1[0])) })
        // Opened 2 Nov 09:00 Barnaul, a real date cell shown as local time.
        #expect(first[1].v == .text("2026-11-02T09:00:00") && first[1].t == "datetime" && first[1].f == "dd.mm.yyyy hh:mm")
        #expect(first[5].v == .text("ЖКХ") && first[6].v == .text("Андреева") && first[15].v == .text("В срок (24 ч)"))
        #expect(first[19].v == .number(1) && first[20].v == .number(2))

        let journalSheet = try #require(book.data["Журнал"])
        #expect(journalSheet.rows.count == journal.count + 1)
        #expect(journalSheet.rows.dropFirst().allSatisfy { $0[0].t == "datetime" })
        #expect(journalSheet.rows.contains { $0[3].v == .text("вернул черновик") && $0[2].v == .text("Смирнова") })
    }

    @Test(.enabled(if: hasOpenpyxl, "needs python3 with openpyxl (pip install openpyxl)"))
    func theChartSheetDrawsTheChatsChartNativelyAndEverySheetPrintsWell() throws {
        let figures = try november.store.read { db in
            try Reports.chartFigures(for: report, in: db, now: november.now, policy: november.policy, dialogs: try shippedDialogs())
        }
        let charted = try XLSXWriter.workbook(report, journal: journal, dialogs: shippedDialogs(), chart: figures)
        let archive = try Archive(data: charted, accessMode: .read)
        #expect(archive.map(\.path).contains("xl/charts/chart2.xml") && archive.map(\.path).contains("xl/drawings/drawing1.xml"))
        let book = try readWithOpenpyxl(charted)
        #expect(book.sheets.first == "График", "the workbook opens on the chart")
        let sheet = try #require(book.data["График"])
        #expect(sheet.charts.count == 2)
        #expect(sheet.charts[0].type == "barChart" && sheet.charts[0].grouping == "stacked")
        #expect(sheet.charts[0].refs == ["B", "C", "D", "E"].map { "'График'!$\($0)$2:$\($0)$\(figures.departments.count + 1)" },
                "each series reads its column of the departments' rows: \(sheet.charts[0].refs)")
        #expect(sheet.charts[1].refs.first?.hasPrefix("'График'!$B$") == true)
        #expect(sheet.rows.dropFirst().first?.first?.v == .text(figures.departments[0].name))
        // Every sheet: columns fit their content, headers wrap, the first row stays, A4 landscape with
        // the header row repeated on each printed page.
        for name in book.sheets {
            let s = try #require(book.data[name])
            #expect(s.orientation == "landscape" && s.paper == "9" && s.printTitles == "$1:$1", "\(name)")
            if name != "График" { #expect(s.freeze == "A2", "\(name)") }
        }
        let kpi = try #require(book.data["Показатели"])
        let longest = kpi.rows.dropFirst().compactMap { row -> Int? in if case let .text(t) = row[0].v { t.count } else { nil } }.max() ?? 0
        #expect((kpi.widths["A"] ?? 0) >= Double(longest), "«Комитет по дорожному хозяйству» is not cut")
        #expect((kpi.headerHeight ?? 0) >= 30, "the headers wrap on a taller first row")
    }

    @Test(.enabled(if: findOnPath("libreoffice") != nil || findOnPath("soffice") != nil, "LibreOffice is not installed"))
    func libreOfficeConvertsTheFirstSheetToCSV() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.xlsx")
        try data.write(to: file)
        let office = findOnPath("libreoffice") != nil ? "libreoffice" : "soffice"
        let result = try #require(try runTool(office, ["-env:UserInstallation=file://\(folder.path)/profile", "--headless",
                                                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                                                        "--outdir", folder.path, file.path]))
        #expect(result.status == 0, "\(result.error)")
        let csv = try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.first?.hasPrefix("Подразделение,Поступило,Направлено,Отвечено") == true)
        #expect(lines.last?.hasPrefix("Итого,294,279,262,201,31,20,221,") == true)
    }
}

/// What openpyxl saw: per sheet, cells with value, Python type, number format and boldness.
struct OpenpyxlBook: Decodable {
    struct Cell: Decodable {
        var v: Value
        var t: String
        var f: String
        var b: Bool
    }

    struct Sheet: Decodable {
        var rows: [[Cell]]
        var freeze: String?
        var widths: [String: Double]
        var filter: String?
        /// Each chart's type, grouping and the ranges its series read.
        var charts: [Chart]
        var orientation: String?
        var paper: String?
        var printTitles: String?
        var headerHeight: Double?
    }

    struct Chart: Decodable {
        var type: String
        var grouping: String?
        var refs: [String]
    }

    enum Value: Decodable, Equatable {
        case text(String)
        case number(Double)
        case none

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .none } else if let n = try? c.decode(Double.self) { self = .number(n) } else {
                self = .text(try c.decode(String.self))
            }
        }
    }

    var sheets: [String]
    var data: [String: Sheet]
}

func readWithOpenpyxl(_ data: Data) throws -> OpenpyxlBook {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("report.xlsx")
    try data.write(to: file)
    let script = """
        import datetime, json, sys, warnings, zipfile
        import openpyxl
        assert zipfile.ZipFile(sys.argv[1]).testzip() is None
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            wb = openpyxl.load_workbook(sys.argv[1])
        def cell(c):
            v = c.value.isoformat() if isinstance(c.value, datetime.datetime) else c.value
            return {"v": v, "t": type(c.value).__name__, "f": c.number_format, "b": bool(c.font and c.font.b)}
        out = {"sheets": wb.sheetnames, "data": {}}
        for ws in wb.worksheets:
            out["data"][ws.title] = {
                "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
                "freeze": ws.freeze_panes,
                "widths": {k: d.width for k, d in ws.column_dimensions.items()},
                "filter": ws.auto_filter.ref,
                "charts": [{"type": ch.tagname, "grouping": getattr(ch, "grouping", None),
                            "refs": [s.val.numRef.f for s in ch.series]} for ch in ws._charts],
                "orientation": ws.page_setup.orientation,
                "paper": str(ws.page_setup.paperSize),
                "printTitles": ws.print_title_rows,
                "headerHeight": ws.row_dimensions[1].height,
            }
        print(json.dumps(out, ensure_ascii=False))
        """
    let result = try #require(try runTool("python3", ["-c", script, file.path]))
    guard result.status == 0 else { throw OpenpyxlFailure(message: result.error) }
    return try JSONDecoder().decode(OpenpyxlBook.self, from: result.output)
}

struct OpenpyxlFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { "openpyxl could not read the workbook:\n\(message)" }
}
