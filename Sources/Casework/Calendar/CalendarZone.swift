import Foundation

/// A time of day in hours and minutes (quiet hours, the digest time).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A valid time 00:00–23:59, or nil.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM`, or returns nil.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// Converts between UTC instants and local dates and times of one IANA zone, never the machine's.
public struct CalendarZone: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The zone for an IANA identifier such as `Asia/Barnaul`, or nil if the system does not know it.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone)
    }

    /// The local date on which `instant` falls.
    public func date(of instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The local time of day of `instant`, in minutes since midnight (seconds dropped).
    public func minutesSinceMidnight(of instant: Date) -> Int {
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        return c.hour! * 60 + c.minute!
    }

    /// The instant of a local date and time; a time skipped by a DST change moves forward past the gap.
    public func instant(_ date: LocalDate, _ time: TimeOfDay) -> Date {
        let c = DateComponents(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute)
        return calendar.date(from: c)!
    }

    /// The first instant of a local date.
    public func startOfDay(_ date: LocalDate) -> Date {
        calendar.startOfDay(for: instant(date, TimeOfDay(hour: 12)!))
    }

    /// The last second of a local date (23:59:59 where the day has one): "by the end of the day".
    public func endOfDay(_ date: LocalDate) -> Date {
        startOfDay(date.adding(days: 1)).addingTimeInterval(-1)
    }

    /// The UTC offset in seconds at `instant`.
    public func offsetSeconds(at instant: Date) -> Int { timeZone.secondsFromGMT(for: instant) }
}
