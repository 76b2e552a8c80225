import Foundation

/// One question to `otklik calendar due`: from an instant, N working days or H clock hours.
public struct DueQuery: Sendable, Equatable {
    /// How far the deadline lies.
    public enum Span: Sendable, Equatable {
        /// The end of the N-th working day counted from the day after the start's local date (§ 7).
        case workingDays(Int)
        /// Elapsed clock hours (§ 5).
        case hours(Double)
    }

    public var from: Date
    public var span: Span

    public init(from: Date, span: Span) {
        self.from = from
        self.span = span
    }

    /// Limits that keep a typo from counting for minutes: ten years either way.
    public static let maxWorkingDays = 2_500
    public static let maxHours = 87_600.0

    /// Checks the span's number; nil when usable, else the problem as a sentence naming the field as
    /// the user wrote it (`working_days` in JSON, `--working-days` on the command line).
    public static func problem(with span: Span, workingDaysName: String = "working_days", hoursName: String = "hours") -> String? {
        switch span {
        case .workingDays(let n) where n < 1 || n > maxWorkingDays:
            return "\(workingDaysName) must be a whole number from 1 to \(maxWorkingDays), got \(n)"
        case .hours(let h) where !(h > 0 && h <= maxHours):
            return "\(hoursName) must be more than 0 and at most \(Int(maxHours)), got \(h)"
        default:
            return nil
        }
    }
}

/// Answers due queries with one calendar in one zone; what the `calendar due` command runs.
public struct DueCalculator: Sendable {
    public let calendar: WorkingCalendar
    public let zone: CalendarZone

    public init(calendar: WorkingCalendar, zone: CalendarZone) {
        self.calendar = calendar
        self.zone = zone
    }

    /// The deadline for `query`.
    public func due(_ query: DueQuery) -> Date {
        switch query.span {
        case .workingDays(let n): calendar.endOfNthWorkingDay(n, after: query.from, in: zone)
        case .hours(let h): query.from.addingTimeInterval(h * 3600)
        }
    }

    /// Years a working-day query counted through that the calendar has no decree for (art. 112 fallback).
    public func uncoveredYears(_ query: DueQuery, due: Date) -> [Int] {
        guard case .workingDays = query.span else { return [] }
        let first = zone.date(of: query.from).year, last = zone.date(of: due).year
        return (first...max(first, last)).filter { !calendar.isCovered(year: $0) }
    }

    /// The deadline as ISO 8601 in the zone, e.g. `2024-05-13T23:59:59+07:00`.
    public func format(_ instant: Date) -> String { InstantText.format(instant, zone: zone) }
}
