/// Labour Code art. 112: the fallback for a year whose Government decree is not in the calendar.
public enum Article112 {
    /// Part 1 (as amended by Federal Law No. 35-FZ of 23.04.2012): January 1–6 and 8 (New Year
    /// holidays), January 7 (Christmas), February 23, March 8, May 1, May 9, June 12, November 4.
    /// December 31 is not among them; in recent years a decree has moved a day off there.
    public static let holidayDays: [(month: Int, day: Int)] = [
        (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
        (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
    ]

    /// The art. 112 holidays of `year`.
    public static func holidays(in year: Int) -> Set<LocalDate> {
        Set(holidayDays.map { LocalDate(year: year, month: $0.month, day: $0.day)! })
    }

    /// The year by art. 112 alone: weekends, the holidays of part 1, and part 2's rule that a holiday
    /// on a Saturday or Sunday (other than the January ones, which only a decree moves) makes the next
    /// working day a day off. Shortened days are the working days right before a holiday (art. 95).
    public static func fallbackYear(_ year: Int) -> CalendarYear {
        let holidays = holidays(in: year)
        var daysOff = Set<LocalDate>()
        for holiday in holidays.sorted() where holiday.month != 1 && holiday.isWeekend {
            var next = holiday.adding(days: 1)
            while next.isWeekend || holidays.contains(next) || daysOff.contains(next) {
                next = next.adding(days: 1)
            }
            daysOff.insert(next)
        }
        var result = CalendarYear(
            year: year,
            decrees: ["Трудовой кодекс РФ, ст. 112 (no Government decree for \(year) in the calendar)"],
            holidays: holidays, daysOff: daysOff
        )
        // December 31 comes right before next year's January 1.
        let eves = holidays.map { $0.adding(days: -1) } + [LocalDate(year: year, month: 12, day: 31)!]
        result.shortenedDays = Set(eves.filter { $0.year == year && result.isWorkingDay($0) })
        return result
    }
}
