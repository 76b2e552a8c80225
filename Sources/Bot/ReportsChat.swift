import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Reports
import Store

/// § 12 in chat: `/report`, `/export`, and the reports the head gets on schedule.
extension BotHandler {
    /// Heads, admins and specialists see every department; an executor sees their own.
    func reportScope(_ actor: Actor) -> String? {
        actor.has(.head) || actor.has(.admin) || actor.has(.specialist) ? nil : actor.departmentId
    }

    func period(_ argument: String, _ turn: inout Turn) throws -> ReportPeriod? {
        do {
            return try ReportPeriod.parse(argument, now: turn.now, zone: env.zone)
        } catch {
            try turn.notice(.reportPeriodUsage)
            return nil
        }
    }

    /// `/report [week|month|YYYY-MM|from to]`: the phone table, with the worst overdue cases as buttons.
    func report(_ argument: String, _ turn: inout Turn) throws {
        guard let actor = turn.actor, let period = try period(argument, &turn) else { return }
        let report = try Reports.compute(period: period, department: reportScope(actor), in: turn.db, now: turn.now,
                                         policy: env.policy)
        if let chart = try chart(report, turn) { try turn.say(.image(to: turn.chatId, chart)) }
        try turn.reply(ReportText.render(report, dialogs: turn.dialogs),
                       buttons: overdueButtons(report))
    }

    /// The report's chart, above its text: each department's answers in time and late, the cases open
    /// and overdue, and the on-time share of the 8 weeks (a period over a week: 6 months) up to it.
    func chart(_ report: Report, _ turn: Turn) throws -> FileUpload? {
        guard let draw = env.drawChart else { return nil }
        let figures = try chartFigures(report, turn)
        guard let png = draw(ReportChart.svg(figures, dialogs: turn.dialogs)) else { return nil }
        let name = "otklik-report-\(Self.fileStamp(report.period, zone: env.zone)).png"
        return FileUpload(partName: "chart", filename: name, mimeType: "image/png", data: png)
    }

    /// The figures the chart draws: the report's, and the on-time share of the periods before it.
    func chartFigures(_ report: Report, _ turn: Turn) throws -> ChartFigures {
        try Reports.chartFigures(for: report, in: turn.db, now: turn.now, policy: env.policy, dialogs: turn.dialogs)
    }

    func overdueButtons(_ report: Report) -> [[Button]] {
        let worst = report.overdue.prefix(5).map { Button("№\($0.caseId)", .showCase(caseId: $0.caseId)) }
        return worst.isEmpty ? [] : [Array(worst)]
    }

    /// `/export [csv] [period]`: the workbook (or the cases as CSV for Excel in a Russian locale).
    func export(_ argument: String, _ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        var words = argument.split(whereSeparator: \.isWhitespace).map(String.init)
        let csv = words.first?.lowercased() == "csv"
        if csv { words.removeFirst() }
        guard let period = try period(words.joined(separator: " "), &turn) else { return }
        let report = try Reports.compute(period: period, department: reportScope(actor), in: turn.db, now: turn.now,
                                         policy: env.policy)
        let stamp = Self.fileStamp(period, zone: env.zone)
        let file: FileUpload
        if csv {
            file = FileUpload(partName: "export", filename: "otklik-\(stamp).csv", mimeType: "text/csv",
                              data: CSVWriter.cases(report, dialogs: turn.dialogs))
        } else {
            let journal = try Reports.journal(for: report, in: turn.db)
            file = FileUpload(partName: "export", filename: "otklik-\(stamp).xlsx",
                              mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              data: try XLSXWriter.workbook(report, journal: journal, dialogs: turn.dialogs,
                                                            chart: try chartFigures(report, turn)))
        }
        let caption = ReportText.periodText(period, zone: env.zone, dates: turn.dialogs.dates)
        try turn.say(.file(to: turn.chatId, file, caption: RichText(RichText.escaping(caption))))
    }

    static func fileStamp(_ period: ReportPeriod, zone: CalendarZone) -> String {
        let first = zone.date(of: period.start)
        let last = zone.date(of: period.end.addingTimeInterval(-1))
        func text(_ d: LocalDate) -> String { String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }
        return first == last ? text(first) : "\(text(first))_\(text(last))"
    }

    /// The weekly (previous week) or monthly (previous month) report to the heads, and the next one's timer.
    func scheduledReport(monthly: Bool, in db: StoreTransaction, now: Date) throws {
        let period = monthly ? ReportPeriod.previousMonth(before: now, zone: env.zone)
                             : ReportPeriod.previousWeek(before: now, zone: env.zone)
        let report = try Reports.compute(period: period, in: db, now: now, policy: env.policy)
        let turn = Turn(db: db, env: env, now: now, chatId: 0, actor: nil)
        let picture = try chart(report, turn)
        for head in try turn.chats(for: .heads) {
            if let picture { try turn.say(.image(to: head, picture)) }
            try turn.send(to: head, ReportText.render(report, dialogs: turn.dialogs), buttons: overdueButtons(report))
        }
        if monthly {
            try db.setTimer(kind: .monthly, dueAt: nextMonthlyReport(after: now), at: now)
        } else {
            try db.setTimer(kind: .weekly, dueAt: env.policy.nextWeeklyReport(after: now), at: now)
        }
    }

    /// The first working day of the next month (or of this one, if still ahead), at the report time.
    func nextMonthlyReport(after now: Date) -> Date {
        let zone = env.zone
        let today = zone.date(of: now)
        for monthOffset in 0...2 {
            var month = today.month + monthOffset
            var year = today.year
            while month > 12 { month -= 12; year += 1 }
            guard var day = LocalDate(year: year, month: month, day: 1) else { continue }
            while !env.policy.calendar.isWorkingDay(day) { day = day.adding(days: 1) }
            let instant = zone.instant(day, env.policy.settings.weeklyReportTime)
            if instant > now { return instant }
        }
        return now.addingTimeInterval(28 * 86400)
    }
}
