import ChartRendering
import Foundation
@testable import Reports
import Testing

@Suite struct ReportChartTests {
    static func figures(empty: Bool = false) -> ChartFigures {
        ChartFigures(title: "Отчёт за 23–29 нояб. 2026", departments: empty ? [
            .init(name: "Комитет по дорожному хозяйству", onTime: 0, late: 0, open: 0, overdue: 0),
        ] : [
            .init(name: "Комитет по дорожному хозяйству", onTime: 7, late: 2, open: 3, overdue: 1),
            .init(name: "Отдел благоустройства и озеленения территорий городского округа", onTime: 4, late: 0, open: 1, overdue: 2),
            .init(name: "Отдел благоустройства", onTime: 1, late: 1, open: 0, overdue: 0),
        ], trend: [("05.10", 0.8), ("12.10", 1.0), ("19.10", nil), ("26.10", 0.5), ("02.11", 0.9), ("09.11", 0.75),
                   ("16.11", 1.0), ("23.11", 0.78)].map { ChartFigures.Point(label: $0.0, onTimeShare: $0.1) }, monthly: false)
    }

    @Test func theChartNamesEveryDepartmentInFullAndDrawsThePNG() throws {
        let svg = ReportChart.svg(Self.figures(), dialogs: try shippedDialogs())
        #expect(svg.contains("Комитет по дорожному хозяйству") && svg.contains("Отдел благоустройства и озеленения"))
        #expect(svg.contains("в срок") && svg.contains("просрочено") && svg.contains("Доля ответов в срок, последние 8 недель"))
        #expect(svg.contains(">78%<") && svg.contains(">—<"), "the last week's share, and a week with nothing answered")
        let png = try PNGRenderer.png(fromSVG: svg, width: 1080)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let (width, height) = Self.size(png)
        #expect(width == 1080 && height > 900, "every line fits: \(width)×\(height)")
        if let out = ProcessInfo.processInfo.environment["OTKLIK_CHART_OUT"] { try png.write(to: URL(fileURLWithPath: out)) }
    }

    @Test func anEmptyPeriodSaysSoInsteadOfDrawingNothing() throws {
        let svg = ReportChart.svg(Self.figures(empty: true), dialogs: try shippedDialogs())
        #expect(svg.contains("За этот период обращений не было"))
        #expect(!svg.contains(#"height="30""#), "no bars for the departments (each is 30 high)")
        #expect(ReportChart.svg(Self.figures(), dialogs: try shippedDialogs()).contains(#"height="30""#), "where there are some")
        let english = ReportChart.svg(Self.figures(empty: true), dialogs: try shippedDialogs("en"))
        #expect(english.contains("No cases in this period") && english.contains("on time"))
        _ = try PNGRenderer.png(fromSVG: svg, width: 720)
    }

    /// One golden picture per kind of chart (a week, six months, an empty period), compared with a
    /// tolerance for font rasterising. `OTKLIK_UPDATE_GOLDEN=1 swift test --filter ReportChartTests`
    /// writes them again after a deliberate change.
    @Test(arguments: ["weekly", "monthly", "empty"]) func theChartLooksAsItDid(_ kind: String) throws {
        var figures = Self.figures(empty: kind == "empty")
        if kind == "monthly" {
            figures.monthly = true
            figures.trend = [("06.2026", 0.7), ("07.2026", 0.85), ("08.2026", 0.9), ("09.2026", nil), ("10.2026", 1.0),
                             ("11.2026", 0.95)].map { ChartFigures.Point(label: $0.0, onTimeShare: $0.1) }
        }
        let png = try PNGRenderer.png(fromSVG: ReportChart.svg(figures, dialogs: try shippedDialogs()), width: 1080)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/charts/\(kind).png")
        if ProcessInfo.processInfo.environment["OTKLIK_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try png.write(to: golden)
        }
        let difference = try PNGRenderer.difference(png, try Data(contentsOf: golden))
        #expect(difference < 0.02, "\(kind): \(Int(difference * 1000)) ‰ of the pixels differ from \(golden.path)")
        if kind == "weekly" {
            // The comparison sees a real change: six months' trend is not eight weeks'.
            let monthly = golden.deletingLastPathComponent().appendingPathComponent("monthly.png")
            #expect(try PNGRenderer.difference(png, try Data(contentsOf: monthly)) > 0.02)
        }
    }

    @Test func brokenSVGIsAnErrorNotACrash() {
        #expect(throws: PNGRenderer.Failure.self) { try PNGRenderer.png(fromSVG: "<svg", width: 100) }
    }

    /// Width and height from the PNG's IHDR chunk.
    static func size(_ png: Data) -> (Int, Int) {
        let bytes = [UInt8](png)
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
