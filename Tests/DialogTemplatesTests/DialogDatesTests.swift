import Foundation
import Testing
@testable import DialogTemplates

@Suite struct DialogDatesTests {
    let barnaul = TimeZone(identifier: "Asia/Barnaul")!  // UTC+7
    let ru = DialogDates(.ru), en = DialogDates(.en)

    /// An instant given as UTC wall time.
    func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi))!
    }

    @Test func russianDayAndMonthUseGenitiveShortForms() {
        let months = (1...12).map { ru.dayMonth(utc(2025, $0, 5, 5, 0), in: barnaul) }
        #expect(months == ["янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.", "сент.", "окт.", "нояб.", "дек."].map { "5\(nbsp)\($0)" })
    }

    @Test func dateTimeIsInTheGivenZone() {
        // 07:05 UTC is 14:05 in Barnaul; 20:00 UTC on 30 Nov is already 1 Dec there.
        #expect(ru.dateTime(utc(2025, 11, 30, 7, 5), in: barnaul) == "30\(nbsp)нояб., 14:05")
        #expect(ru.dateTime(utc(2025, 11, 30, 20, 0), in: barnaul) == "1\(nbsp)дек., 03:00")
        #expect(en.dateTime(utc(2025, 11, 30, 7, 5), in: barnaul) == "30\(nbsp)Nov, 14:05")
        #expect(ru.dateTime(utc(2025, 5, 1, 2, 0), in: TimeZone(identifier: "Europe/Moscow")!) == "1\(nbsp)мая, 05:00")
    }

    @Test func nearDaysAreNamedAndOtherYearsShown() {
        let now = utc(2025, 12, 30, 3, 0)  // 10:00 on 30 Dec in Barnaul
        #expect(ru.dateTime(utc(2025, 12, 30, 7, 5), in: barnaul, now: now) == "сегодня, 14:05")
        #expect(ru.dateTime(utc(2025, 12, 30, 18, 0), in: barnaul, now: now) == "завтра, 01:00")
        #expect(en.dateTime(utc(2025, 12, 29, 7, 5), in: barnaul, now: now) == "yesterday, 14:05")
        #expect(ru.dateTime(utc(2026, 1, 12, 2, 0), in: barnaul, now: now) == "12\(nbsp)янв.\(nbsp)2026\(nbsp)г., 09:00")
        #expect(ru.dateTime(utc(2025, 12, 5, 2, 0), in: barnaul, now: now) == "5\(nbsp)дек., 09:00")
    }

    @Test func durationsShowTwoUnits() {
        #expect(ru.duration(27 * 3600) == "1\(nbsp)д 3\(nbsp)ч")
        #expect(ru.duration(2 * 3600 + 10 * 60) == "2\(nbsp)ч 10\(nbsp)мин")
        #expect(ru.duration(4 * 3600) == "4\(nbsp)ч")
        #expect(ru.duration(45 * 60 + 10) == "45\(nbsp)мин")
        #expect(ru.duration(10) == "1\(nbsp)мин")
        #expect(en.duration(2 * 86400 + 30 * 60) == "2\(nbsp)d")
    }

    @Test func relativeToADeadline() {
        let now = utc(2025, 11, 30, 7, 0)
        #expect(ru.relative(now.addingTimeInterval(4 * 3600), now: now) == "через 4\(nbsp)ч")
        #expect(ru.relative(now.addingTimeInterval(45 * 60), now: now) == "через 45\(nbsp)мин")
        #expect(ru.relative(now.addingTimeInterval(-(2 * 3600 + 10 * 60)), now: now) == "просрочено на 2\(nbsp)ч 10\(nbsp)мин")
        #expect(ru.relative(now.addingTimeInterval(20), now: now) == "сейчас")
        #expect(en.relative(now.addingTimeInterval(-90 * 60), now: now) == "overdue by 1\(nbsp)h 30\(nbsp)min")
        #expect(en.relative(now.addingTimeInterval(26 * 3600), now: now) == "in 1\(nbsp)d 2\(nbsp)h")
    }
}
