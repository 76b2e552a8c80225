import Foundation

/// The Russian production calendar: which local dates are working days, and deadlines counted in them.
/// Years missing from the entries fall back to weekends and Labour Code art. 112 (see `Article112`).
public struct WorkingCalendar: Sendable {
    /// Years loaded from decrees, by year.
    public let entries: [Int: CalendarYear]
    /// Fallback years computed once, so counting days in an uncovered year allocates nothing.
    private let fallbacks: [Int: CalendarYear]

    /// A calendar from year entries; a year given twice keeps the last entry.
    public init(years: [CalendarYear]) {
        var entries: [Int: CalendarYear] = [:]
        for year in years { entries[year.year] = year }
        self.entries = entries
        let low = (entries.keys.min() ?? 2020) - 10, high = (entries.keys.max() ?? 2020) + 50
        var fallbacks: [Int: CalendarYear] = [:]
        for year in low...high where entries[year] == nil { fallbacks[year] = Article112.fallbackYear(year) }
        self.fallbacks = fallbacks
    }

    /// Years that come from a decree rather than the art. 112 fallback, ascending.
    public var coveredYears: [Int] { entries.keys.sorted() }

    /// Whether `year` comes from a decree (otherwise it is the art. 112 fallback).
    public func isCovered(year: Int) -> Bool { entries[year] != nil }

    /// The year as the calendar counts it: the decree's entry, or the art. 112 fallback.
    public func year(_ year: Int) -> CalendarYear {
        entries[year] ?? fallbacks[year] ?? Article112.fallbackYear(year)
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if let entry = entries[date.year] ?? fallbacks[date.year] { return entry.isWorkingDay(date) }
        return Article112.fallbackYear(date.year).isWorkingDay(date)
    }

    /// Whether `date` is a shortened pre-holiday working day.
    public func isShortened(_ date: LocalDate) -> Bool { year(date.year).shortenedDays.contains(date) }

    /// The `n`-th working day counted from the day after `date` (n = 1: the next working day);
    /// `date` itself for n = 0.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        precondition(n >= 0, "working days to add must not be negative")
        var day = date, left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The last second (23:59:59 local) of the `n`-th working day counted from the day after the
    /// local date of `instant` in `zone`: the regulation's "within N working days" (§ 7).
    public func endOfNthWorkingDay(_ n: Int, after instant: Date, in zone: CalendarZone) -> Date {
        zone.endOfDay(addingWorkingDays(n, to: zone.date(of: instant)))
    }

    /// The number of working days in `year`.
    public func workingDayCount(in year: Int) -> Int { self.year(year).workingDayCount }
}
