import Casework
import Foundation
import Testing

@Suite struct WorkingCalendarTests {
    @Test func theIssueExampleEndsOnMay13() {
        // Interim answer published Friday 2024-04-26 15:00 in Barnaul: counting starts on Saturday the
        // 27th (a working day by the decree), skips Apr 28–May 1 and May 9–12.
        let due = calendar2024.endOfNthWorkingDay(7, after: instant("2024-04-26T15:00:00+07:00"), in: barnaul)
        #expect(InstantText.format(due, zone: barnaul) == "2024-05-13T23:59:59+07:00")
    }

    @Test func weekendsAreNotWorkingDays() {
        #expect(!calendar2024.isWorkingDay(date("2024-06-15")))
        #expect(!calendar2024.isWorkingDay(date("2024-06-16")))
        #expect(calendar2024.isWorkingDay(date("2024-06-17")))
        // From a Friday, one working day is the Monday.
        #expect(calendar2024.addingWorkingDays(1, to: date("2024-06-14")) == date("2024-06-17"))
    }

    @Test func newYearHolidaysAndChristmasAreDaysOff() {
        for day in 1...8 { #expect(!calendar2024.isWorkingDay(LocalDate(year: 2024, month: 1, day: day)!)) }
        #expect(calendar2024.isWorkingDay(date("2024-01-09")))
        // Published on 2023-12-29 (no 2023 entry: art. 112 fallback): Jan 9 2024 is the first working day.
        #expect(calendar2024.addingWorkingDays(1, to: date("2023-12-29")) == date("2024-01-09"))
        // Over the 2024/2025 New Year: Dec 28 (Sat) works, Dec 29 – Jan 8 are off.
        #expect(calendar2024.addingWorkingDays(1, to: date("2024-12-27")) == date("2024-12-28"))
        #expect(calendar2024.addingWorkingDays(2, to: date("2024-12-27")) == date("2025-01-09"))
    }

    @Test func workingSaturdaysAndMovedDaysOff() {
        #expect(calendar2024.isWorkingDay(date("2024-04-27")))
        #expect(calendar2024.isWorkingDay(date("2024-12-28")))
        #expect(calendar2024.isWorkingDay(date("2024-11-02")))
        for off in ["2024-04-29", "2024-04-30", "2024-05-10", "2024-12-30", "2024-12-31"] {
            #expect(!calendar2024.isWorkingDay(date(off)), "\(off)")
        }
        #expect(calendar2024.isShortened(date("2024-11-02")))
        #expect(!calendar2024.isShortened(date("2024-12-28")))
        #expect(calendar2024.workingDayCount(in: 2024) == 248)
        #expect(calendar2024.workingDayCount(in: 2025) == 247)
    }

    @Test func countingStartsTheDayAfterEvenLateAtNight() {
        // 23:30 on Monday in Barnaul: day 1 is Tuesday, whatever UTC says.
        let due = calendar2024.endOfNthWorkingDay(1, after: instant("2024-06-17T23:30:00+07:00"), in: barnaul)
        #expect(InstantText.format(due, zone: barnaul) == "2024-06-18T23:59:59+07:00")
        #expect(calendar2024.addingWorkingDays(0, to: date("2024-06-16")) == date("2024-06-16"))
    }

    @Test func aYearWithoutDecreeFallsBackToArticle112() {
        #expect(!calendar2024.isCovered(year: 2026))
        #expect(calendar2024.coveredYears == [2024, 2025])
        // 2026: March 8 and May 9 fall on a weekend, so art. 112 part 2 makes Mar 9 and May 11 days off.
        #expect(!calendar2024.isWorkingDay(date("2026-03-09")))
        #expect(!calendar2024.isWorkingDay(date("2026-05-11")))
        // The decree also moved Jan 3 to Jan 9 and Jan 4 to Dec 31; without it both are working days.
        #expect(calendar2024.isWorkingDay(date("2026-01-09")))
        #expect(calendar2024.isWorkingDay(date("2026-12-31")))
        #expect(calendar2024.isShortened(date("2026-12-31")))
        // Far outside the precomputed window the rule still holds: 2300-05-01 is a Tuesday, a holiday.
        #expect(!calendar2024.isWorkingDay(date("2300-05-01")))
        #expect(calendar2024.isWorkingDay(date("2300-05-02")))
    }

    @Test func article112FallbackMatchesThePackageWhereNoDecreeMovedAnything() {
        // 2020 by art. 112 alone: Feb 24, Mar 9, May 11 off (holidays on Sundays/Saturday), but not
        // May 4–5, which only the decree moved there.
        let fallback = Article112.fallbackYear(2020)
        #expect(fallback.daysOff == dates("2020-02-24", "2020-03-09", "2020-05-11"))
        #expect(fallback.shortenedDays.contains(date("2020-12-31")))
        #expect(fallback.shortenedDays.contains(date("2020-05-08")))
        #expect(Article112.holidays(in: 2030).count == 14)
        #expect(!Article112.holidays(in: 2030).contains(date("2030-12-31")))
    }
}
