import Casework
import Foundation
import Testing
@testable import Reports

/// `/report` arguments as a head types them, in Asia/Barnaul (UTC+7).
@Suite struct ReportPeriodTests {
    let zone = CalendarZone(identifier: "Asia/Barnaul")!
    /// Wednesday 18 November 2026, 10:00 local.
    var now: Date { zone.instant(LocalDate(iso: "2026-11-18")!, TimeOfDay(hour: 10)!) }

    func days(_ p: ReportPeriod) -> String { "\(p.first) \(p.last)" }

    @Test func nothingAndWeekMeanMondayToSundayOfThisWeek() throws {
        #expect(days(try ReportPeriod.parse("", now: now, zone: zone)) == "2026-11-16 2026-11-22")
        #expect(days(try ReportPeriod.parse("week", now: now, zone: zone)) == "2026-11-16 2026-11-22")
        #expect(days(try ReportPeriod.parse(" Неделя ", now: now, zone: zone)) == "2026-11-16 2026-11-22")
    }

    @Test func monthAndAMonthByNumber() throws {
        #expect(days(try ReportPeriod.parse("month", now: now, zone: zone)) == "2026-11-01 2026-11-30")
        #expect(days(try ReportPeriod.parse("2026-02", now: now, zone: zone)) == "2026-02-01 2026-02-28")
        #expect(days(try ReportPeriod.parse("12.2026", now: now, zone: zone)) == "2026-12-01 2026-12-31")
    }

    @Test func twoDaysIncludeBoth() throws {
        let p = try ReportPeriod.parse("2026-11-01 2026-11-30", now: now, zone: zone)
        #expect(days(p) == "2026-11-01 2026-11-30")
        #expect(days(try ReportPeriod.parse("01.11.2026 – 30.11.2026", now: now, zone: zone)) == "2026-11-01 2026-11-30")
        #expect(days(try ReportPeriod.parse("2026-11-01 - 2026-11-30", now: now, zone: zone)) == "2026-11-01 2026-11-30")
        #expect(days(try ReportPeriod.parse("2026-11-05", now: now, zone: zone)) == "2026-11-05 2026-11-05")
    }

    @Test func theInstantsAreLocalMidnightsInTheZone() throws {
        let p = try ReportPeriod.parse("2026-11", now: now, zone: zone)
        let iso = ISO8601DateFormatter()
        #expect(iso.string(from: p.start) == "2026-10-31T17:00:00Z")
        #expect(iso.string(from: p.end) == "2026-11-30T17:00:00Z")
        #expect(p.contains(p.start) && !p.contains(p.end))
    }

    @Test func theScheduledReportsCoverTheWeekAndMonthBefore() {
        #expect(days(ReportPeriod.previousWeek(before: now, zone: zone)) == "2026-11-09 2026-11-15")
        #expect(days(ReportPeriod.previousMonth(before: now, zone: zone)) == "2026-10-01 2026-10-31")
        let january = zone.instant(LocalDate(iso: "2027-01-11")!, TimeOfDay(hour: 9)!)
        #expect(days(ReportPeriod.previousMonth(before: january, zone: zone)) == "2026-12-01 2026-12-31")
    }

    @Test func badArgumentsAreRefused() {
        #expect(throws: ReportPeriodError.unrecognised("yesterday")) { try ReportPeriod.parse("yesterday", now: now, zone: zone) }
        #expect(throws: ReportPeriodError.unrecognised("2026-13")) { try ReportPeriod.parse("2026-13", now: now, zone: zone) }
        #expect(throws: ReportPeriodError.unrecognised("2026-+1")) { try ReportPeriod.parse("2026-+1", now: now, zone: zone) }
        #expect(throws: ReportPeriodError.endBeforeStart) { try ReportPeriod.parse("2026-11-30 2026-11-01", now: now, zone: zone) }
        #expect(throws: ReportPeriodError.tooLong) { try ReportPeriod.parse("2020-01-01 2026-11-01", now: now, zone: zone) }
    }
}
