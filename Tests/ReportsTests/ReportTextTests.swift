import Casework
import DialogTemplates
import Foundation
@testable import Reports
import Store
import Messaging
import Testing

/// `/report` as the head reads it on a phone.
@Suite struct ReportTextTests {
    let november: NovemberStore

    init() throws { november = try NovemberStore.shared.get() }

    @Test func theMonthReadsAsShortTables() throws {
        let text = ReportText.render(try november.report(), dialogs: try shippedDialogs())
        #expect(text.hasPrefix("<b>Отчёт за 1–30\u{A0}нояб. 2026</b>\n\n<pre>"))
        #expect(text.contains("Поступило                    294\n"))
        #expect(text.contains(" в срок 24 ч           201 (87%)\n"))
        #expect(text.contains(" в срок 7 р. д.         20 (65%)\n"))
        #expect(text.contains("Отвечено в срок        221 (84%)\n"))
        #expect(text.contains("Черновик, медиана            5\u{A0}ч\n"))
        #expect(text.contains("Публикация, 90%          2\u{A0}д 8\u{A0}ч\n"))
        #expect(text.contains("Просрочено сейчас              8\n"))
        // The department table: received, answered, share on time, overdue now.
        #expect(text.contains("""
            <pre>Отдел       Пост  Отв Срок Проср
            Дороги        79   70  57%     8
            ЖКХ          120  121 100%     0
            Соцзащита     80   71  85%     0
            Не направ…    15    0    —     0</pre>
            """))
        #expect(text.contains("Васильев      70  57%   9ч     8\n"))
        #expect(text.contains("ВКонтакте     164  141  79%   15\n"))
        // The most overdue first, with the command that opens each.
        #expect(text.contains("<b>Просрочены сильнее всего</b>\n/case \(november.g12[0]) · Дороги · Васильев · +2\u{A0}д 2\u{A0}ч\n"))
        #expect(text.contains("… и ещё 3"))
    }

    @Test func everyLineOfATableFitsAPhoneAndTheMessageFitsTelegram() throws {
        let text = ReportText.render(try november.report(), dialogs: try shippedDialogs())
        #expect(RichText.problems(in: text) == [])
        #expect(RichText.visibleLength(text) <= 4096)
        let blocks = text.components(separatedBy: "<pre>").dropFirst().map { $0.components(separatedBy: "</pre>")[0] }
        #expect(blocks.count == 4)
        for line in blocks.joined(separator: "\n").split(separator: "\n") {
            #expect(line.count <= MonoTable.width, "\(line)")
        }
    }

    @Test func anExecutorsViewShowsTheirDepartmentOnly() throws {
        let text = ReportText.render(try november.report(department: "roads"), dialogs: try shippedDialogs())
        #expect(text.hasPrefix("<b>Отчёт за 1–30\u{A0}нояб. 2026</b> · Дороги"))
        #expect(!text.contains("По подразделениям"))
        #expect(!text.contains("ЖКХ"))
        #expect(text.contains("Васильев"))
    }

    @Test func inEnglishToo() throws {
        let text = ReportText.render(try november.report(), dialogs: try shippedDialogs("en"))
        #expect(text.hasPrefix("<b>Report for 1–30\u{A0}Nov 2026</b>"))
        #expect(text.contains("Received                     294\n"))
        #expect(text.contains("Executor     Ans Time Drft  Late\n"))
    }

    @Test func aPeriodWithNothingSaysSo() throws {
        let period = ReportPeriod.month(year: 2026, month: 6, zone: barnaul)!
        let report = try november.store.read { db in
            try Reports.compute(period: period, in: db, now: november.now, policy: november.policy)
        }
        let ru = try shippedDialogs()
        // Overdue cases are as of now, whatever the period, so June still lists them.
        #expect(report.overall.received == 0 && report.overall.overdueNow == 8)
        let empty = Report(period: period, zone: barnaul, department: nil, departmentName: nil, generatedAt: november.now,
                           overall: KPIs(), departments: [], executors: [], networks: [], overdue: [], cases: [])
        #expect(ReportText.render(empty, dialogs: ru) == "<b>Отчёт за 1–30\u{A0}июня 2026</b>\nЗа этот период обращений нет.")
    }

    @Test func aLongReportIsShortenedToFitOneMessage() throws {
        let full = try november.report()
        // 200 executors with long names cannot all fit: the executor table goes first.
        let many = (0..<200).map { i in
            ExecutorKPIs(personId: Int64(1000 + i), name: "Исполнитель с очень длинным именем \(i)", departmentId: "zhkh",
                         kpis: full.executors[0].kpis)
        }
        let big = Report(period: full.period, zone: full.zone, department: nil, departmentName: nil, generatedAt: full.generatedAt,
                         overall: full.overall, departments: full.departments, executors: many, networks: full.networks,
                         overdue: full.overdue, cases: full.cases)
        let text = ReportText.render(big, dialogs: try shippedDialogs())
        #expect(RichText.visibleLength(text) <= 4096)
        #expect(text.contains("По подразделениям"))
        #expect(RichText.problems(in: text) == [])
    }

    @Test func periodsAreWrittenAsPeopleWriteThem() throws {
        let dates = try shippedDialogs().dates
        func text(_ a: String, _ b: String) -> String {
            ReportText.periodText(ReportPeriod(first: LocalDate(iso: a)!, last: LocalDate(iso: b)!, zone: barnaul),
                                  zone: barnaul, dates: dates).replacingOccurrences(of: "\u{A0}", with: " ")
        }
        #expect(text("2026-11-16", "2026-11-22") == "16–22 нояб. 2026")
        #expect(text("2026-10-26", "2026-11-01") == "26 окт. – 1 нояб. 2026")
        #expect(text("2026-12-28", "2027-01-03") == "28 дек. 2026 – 3 янв. 2027")
        #expect(text("2026-11-05", "2026-11-05") == "5 нояб. 2026")
    }

    @Test func everyReportKeyIsInEveryLanguage() throws {
        for language in ["ru", "en"] {
            #expect(try shippedDialogs(language).missingKeys(DialogKey.reports) == [], "\(language)")
        }
    }
}
