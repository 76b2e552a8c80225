/// One year of the production calendar as the Government's decree and Labour Code art. 112 set it.
public struct CalendarYear: Sendable, Equatable {
    public var year: Int
    /// The decrees the year comes from, e.g. «Постановление Правительства РФ от 10.08.2023 № 1314 …».
    public var decrees: [String]
    /// Non-working holidays (art. 112 part 1), whatever day of the week they fall on.
    public var holidays: Set<LocalDate>
    /// Weekdays that are days off: moved there by the decree, or by art. 112 part 2.
    public var daysOff: Set<LocalDate>
    /// Saturdays and Sundays the decree makes working days.
    public var workingWeekendDays: Set<LocalDate>
    /// Pre-holiday working days, one hour shorter (art. 95). Deadlines do not depend on them.
    public var shortenedDays: Set<LocalDate>

    public init(
        year: Int, decrees: [String], holidays: Set<LocalDate>, daysOff: Set<LocalDate> = [],
        workingWeekendDays: Set<LocalDate> = [], shortenedDays: Set<LocalDate> = []
    ) {
        self.year = year
        self.decrees = decrees
        self.holidays = holidays
        self.daysOff = daysOff
        self.workingWeekendDays = workingWeekendDays
        self.shortenedDays = shortenedDays
    }

    /// Whether `date` (which must fall in this year) is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if workingWeekendDays.contains(date) { return true }
        return !date.isWeekend && !holidays.contains(date) && !daysOff.contains(date)
    }

    /// The number of working days in the year.
    public var workingDayCount: Int {
        var count = 0, day = LocalDate(year: year, month: 1, day: 1)!
        while day.year == year {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
