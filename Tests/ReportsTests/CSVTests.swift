import Casework
import Foundation
import Testing
@testable import Reports

/// CSV as Excel in a Russian locale opens it by double-click.
@Suite struct CSVTests {
    @Test func casesAreUTF8WithBOMSemicolonsAndLocalDates() throws {
        let november = try NovemberStore.shared.get()
        let data = CSVWriter.cases(try november.report(), dialogs: try shippedDialogs())
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 306 + 2, "header, 306 cases, and the empty string after the last CRLF")
        #expect(lines[0].hasPrefix("№;Поступило;Соцсеть;Ссылка на пост;Текст (начало);Подразделение;Исполнитель;Статус;"))
        // B1: opened 31 Oct 20:00, first draft after 8 h 50 min (8,8 h), published after 9 h 50 min.
        let b1 = try #require(lines.first { $0.contains(";31.10.2026 20:00;") })
        #expect(b1.contains(";ЖКХ;Андреева;Отвечено;31.10.2026 20:10;01.11.2026 05:00;;01.11.2026 06:00;"))
        #expect(b1.hasSuffix(";В срок (24 ч);;1;0;8,8;9,8"))
    }

    @Test func theFiguresHaveATotalLineAndPercentagesWithADecimalComma() throws {
        let november = try NovemberStore.shared.get()
        let text = String(decoding: CSVWriter.departments(try november.report(), dialogs: try shippedDialogs()).dropFirst(3),
                          as: UTF8.self)
        // Received … on time, then 221/262 = 84,35 %.
        #expect(text.contains("\r\nИтого;294;279;262;201;31;20;221;84,4%;5;30;9;56;8;30;20;20;20\r\n"))
    }

    @Test func fieldsAreQuotedAndFormulasDefused() {
        #expect(CSVWriter.field("a;b") == "\"a;b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.cell(.text("=HYPERLINK(\"x\")"), barnaul) == "'=HYPERLINK(\"x\")")
        #expect(CSVWriter.cell(.text("@SUM(A1)"), barnaul) == "'@SUM(A1)")
        #expect(CSVWriter.cell(.hours(1.5 * 3600), barnaul) == "1,5")
        #expect(CSVWriter.cell(.percent(1), barnaul) == "100%")
    }
}
