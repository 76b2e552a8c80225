import Casework
import Foundation

/// Whole local days `first…last` of the configured zone, as the UTC instants `[start, end)`.
public struct ReportPeriod: Sendable, Equatable {
    /// The first day, included.
    public let first: LocalDate
    /// The last day, included.
    public let last: LocalDate
    /// The first instant of `first` in the zone.
    public let start: Date
    /// The first instant of the day after `last`: the period is `start ..< end`.
    public let end: Date

    /// The longest period a report covers, in days: a year and a little, so a report stays bounded.
    public static let maximumDays = 400

    /// The days `first…last` (in that order) in `zone`.
    public init(first: LocalDate, last: LocalDate, zone: CalendarZone) {
        self.first = first
        self.last = last
        start = zone.startOfDay(first)
        end = zone.startOfDay(last.adding(days: 1))
    }

    /// Whether an instant falls in the period.
    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// Number of days covered.
    public var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    /// Monday to Sunday of the week that holds `now`.
    public static func week(containing now: Date, zone: CalendarZone) -> ReportPeriod {
        let today = zone.date(of: now)
        let monday = today.adding(days: 1 - today.weekday)
        return ReportPeriod(first: monday, last: monday.adding(days: 6), zone: zone)
    }

    /// The calendar month that holds `now`.
    public static func month(containing now: Date, zone: CalendarZone) -> ReportPeriod {
        let today = zone.date(of: now)
        return month(year: today.year, month: today.month, zone: zone)!
    }

    /// The week before the one that holds `now`: what the Monday report covers.
    public static func previousWeek(before now: Date, zone: CalendarZone) -> ReportPeriod {
        let this = week(containing: now, zone: zone)
        return ReportPeriod(first: this.first.adding(days: -7), last: this.first.adding(days: -1), zone: zone)
    }

    /// The month before the one that holds `now`: what the first-working-day report covers.
    public static func previousMonth(before now: Date, zone: CalendarZone) -> ReportPeriod {
        let this = month(containing: now, zone: zone)
        return month(containing: zone.startOfDay(this.first.adding(days: -1)), zone: zone)
    }

    /// A calendar month, or nil for an invalid one.
    public static func month(year: Int, month: Int, zone: CalendarZone) -> ReportPeriod? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
        return ReportPeriod(first: first, last: next.adding(days: -1), zone: zone)
    }

    /// The period a `/report` or `/export` argument names: "" or "week" (this week), "month" (this
    /// month), "YYYY-MM", one day "YYYY-MM-DD", or two days "YYYY-MM-DD YYYY-MM-DD" (both included).
    /// Russian words (неделя, месяц) and dates written DD.MM.YYYY (months MM.YYYY) are understood too.
    public static func parse(_ argument: String, now: Date, zone: CalendarZone) throws(ReportPeriodError) -> ReportPeriod {
        let words = argument.lowercased()
            .split(whereSeparator: { $0.isWhitespace || $0 == "–" || $0 == "—" })
            .flatMap { $0.components(separatedBy: "..") }
            .filter { !$0.isEmpty && $0 != "-" }
        switch words.count {
        case 0:
            return week(containing: now, zone: zone)
        case 1:
            let word = words[0]
            if ["week", "неделя", "неделю"].contains(word) { return week(containing: now, zone: zone) }
            if ["month", "месяц"].contains(word) { return month(containing: now, zone: zone) }
            if let (year, month) = yearMonth(word), let period = Self.month(year: year, month: month, zone: zone) {
                return period
            }
            if let day = day(word) { return ReportPeriod(first: day, last: day, zone: zone) }
        case 2:
            if let first = day(words[0]), let last = day(words[1]) {
                guard first <= last else { throw .endBeforeStart }
                let period = ReportPeriod(first: first, last: last, zone: zone)
                guard period.dayCount <= maximumDays else { throw .tooLong }
                return period
            }
        default:
            break
        }
        throw .unrecognised(argument)
    }

    /// "YYYY-MM" or "MM.YYYY".
    private static func yearMonth(_ word: String) -> (Int, Int)? {
        let dash = word.split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 2, dash[0].count == 4, dash[1].count == 2, let y = number(dash[0]), let m = number(dash[1]) {
            return (y, m)
        }
        let dot = word.split(separator: ".", omittingEmptySubsequences: false)
        if dot.count == 2, dot[0].count == 2, dot[1].count == 4, let m = number(dot[0]), let y = number(dot[1]) {
            return (y, m)
        }
        return nil
    }

    /// "YYYY-MM-DD" or "DD.MM.YYYY".
    private static func day(_ word: String) -> LocalDate? {
        if let iso = LocalDate(iso: word) { return iso }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              let d = number(parts[0]), let m = number(parts[1]), let y = number(parts[2]) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    /// ASCII digits only (`Int` alone would take "+1").
    private static func number(_ text: Substring) -> Int? {
        text.allSatisfy { $0.isASCII && $0.isNumber } ? Int(text) : nil
    }
}

/// Why a period argument was not understood; the chat shows the usage (`report.period_usage`).
public enum ReportPeriodError: Error, Equatable, Sendable {
    /// Not one of the accepted forms.
    case unrecognised(String)
    /// The second day is before the first.
    case endBeforeStart
    /// More than `ReportPeriod.maximumDays` days.
    case tooLong
}
