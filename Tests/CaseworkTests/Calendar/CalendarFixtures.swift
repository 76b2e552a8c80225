import Casework
import Foundation

/// 2024 as Government decree No. 1314 of 10.08.2023 sets it, typed in by hand for pure tests.
let year2024 = CalendarYear(
    year: 2024,
    decrees: ["Постановление Правительства РФ от 10.08.2023 № 1314"],
    holidays: Article112.holidays(in: 2024),
    daysOff: dates("2024-04-29", "2024-04-30", "2024-05-10", "2024-12-30", "2024-12-31"),
    workingWeekendDays: dates("2024-04-27", "2024-11-02", "2024-12-28"),
    shortenedDays: dates("2024-02-22", "2024-03-07", "2024-05-08", "2024-06-11", "2024-11-02")
)

/// 2025 as decree No. 1335 of 04.10.2024 sets it.
let year2025 = CalendarYear(
    year: 2025,
    decrees: ["Постановление Правительства РФ от 04.10.2024 № 1335"],
    holidays: Article112.holidays(in: 2025),
    daysOff: dates("2025-05-02", "2025-05-08", "2025-06-13", "2025-11-03", "2025-12-31"),
    workingWeekendDays: dates("2025-11-01")
)

let calendar2024 = WorkingCalendar(years: [year2024, year2025])
let barnaul = CalendarZone(identifier: "Asia/Barnaul")!
let berlin = CalendarZone(identifier: "Europe/Berlin")!

func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
func dates(_ texts: String...) -> Set<LocalDate> { Set(texts.map(date)) }

/// An instant from ISO 8601 text with an explicit offset.
func instant(_ text: String) -> Date { InstantText.parse(text, zone: barnaul)! }
