import Casework
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(LocalDate(iso: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-4-27", "24-04-27", "2024-04-27x", "", "2024/04/27", "２０２４-04-27"] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
        #expect(date("2024-04-07").description == "2024-04-07")
    }

    @Test func dayArithmeticAgreesWithFoundationForTwoCenturies() {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        var day = LocalDate(year: 1950, month: 1, day: 1)!
        var instant = gregorian.date(from: DateComponents(year: 1950, month: 1, day: 1))!
        while day.year < 2150 {
            let c = gregorian.dateComponents([.year, .month, .day, .weekday], from: instant)
            #expect(day == LocalDate(year: c.year!, month: c.month!, day: c.day!))
            // Foundation: 1 = Sunday; ISO: 7 = Sunday.
            #expect(day.weekday == (c.weekday! + 5) % 7 + 1)
            if day != LocalDate(year: c.year!, month: c.month!, day: c.day!) { break }
            day = day.adding(days: 1)
            instant = gregorian.date(byAdding: .day, value: 1, to: instant)!
        }
    }

    @Test func knowsTheWorkingSaturdaysAreSaturdays() {
        #expect(date("2024-04-27").weekday == 6)
        #expect(date("2024-12-28").isWeekend)
        #expect(!date("2024-04-26").isWeekend)
        #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
    }

    @Test func convertsInstantsInTheGivenZoneNotTheMachines() {
        // 2024-04-26 20:30 UTC is already the 27th in Barnaul (+07) but still the 26th in Berlin (+02).
        let late = instant("2024-04-26T20:30:00Z")
        #expect(barnaul.date(of: late) == date("2024-04-27"))
        #expect(berlin.date(of: late) == date("2024-04-26"))
        #expect(InstantText.format(barnaul.endOfDay(date("2024-05-13")), zone: barnaul) == "2024-05-13T23:59:59+07:00")
        // The day DST starts in Berlin has 23 hours; its end is still 23:59:59 local.
        #expect(InstantText.format(berlin.endOfDay(date("2024-03-31")), zone: berlin) == "2024-03-31T23:59:59+02:00")
        #expect(berlin.endOfDay(date("2024-03-31")).timeIntervalSince(berlin.startOfDay(date("2024-03-31"))) == 23 * 3600 - 1)
    }
}
