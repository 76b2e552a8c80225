import Casework
import Foundation
import Settings
import Testing

/// The repository root: Tests/SettingsTests/<this file> is three levels below it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Config/calendar as shipped.
func shippedCalendar() throws -> LoadedCalendar {
    try CalendarLoader.load(folder: repositoryRoot.appendingPathComponent("Config/calendar").path, expectedYears: 2020...2027)
}

@Suite struct ProductionCalendarTests {
    @Test func loadsEveryYearWithoutWarnings() throws {
        let loaded = try shippedCalendar()
        #expect(loaded.warnings == [])
        #expect(loaded.calendar.coveredYears == Array(2020...2027))
        for year in 2020...2027 {
            let decrees = loaded.calendar.year(year).decrees
            #expect(decrees.contains { $0.contains("О переносе выходных дней в \(year) году") }, "\(year): \(decrees)")
        }
    }

    @Test func agreesWithTheIndependentListingOnEveryDate2020To2027() throws {
        let calendar = try shippedCalendar().calendar
        let listing = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/working-days-2020-2027.txt"), encoding: .utf8)
        var checked = 0, disagreements: [String] = []
        for line in listing.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            let month = parts[0].split(separator: "-").compactMap { Int($0) }
            for (index, mark) in parts[1].enumerated() {
                let day = LocalDate(year: month[0], month: month[1], day: index + 1)!
                if calendar.isWorkingDay(day) != (mark == "W") { disagreements.append("\(day)") }
                checked += 1
            }
        }
        #expect(checked == 2922)  // 2020-01-01 … 2027-12-31
        #expect(disagreements == [])
    }

    @Test func workingDayCountsMatchThePublishedProductionCalendars() throws {
        let calendar = try shippedCalendar().calendar
        let published = [2020: 248, 2021: 247, 2022: 247, 2023: 247, 2024: 248, 2025: 247, 2026: 247]
        for (year, count) in published { #expect(calendar.workingDayCount(in: year) == count, "\(year)") }
    }

    @Test func theIssueExampleWithTheShippedCalendar() throws {
        let calculator = DueCalculator(calendar: try shippedCalendar().calendar, zone: CalendarZone(identifier: "Asia/Barnaul")!)
        let start = InstantText.parse("2024-04-26T15:00:00+07:00", zone: calculator.zone)!
        #expect(calculator.format(calculator.due(DueQuery(from: start, span: .workingDays(7)))) == "2024-05-13T23:59:59+07:00")
        let calendar = try shippedCalendar().calendar
        #expect(calendar.isWorkingDay(LocalDate(iso: "2024-04-27")!))
        #expect(calendar.isWorkingDay(LocalDate(iso: "2024-12-28")!))
        #expect(!calendar.isWorkingDay(LocalDate(iso: "2025-12-31")!))
        #expect(!calendar.isWorkingDay(LocalDate(iso: "2026-01-09")!))
        #expect(calendar.isShortened(LocalDate(iso: "2025-11-01")!))
    }
}
