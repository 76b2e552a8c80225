import Casework
import Foundation
import Settings
import Testing

/// A calendar folder in a fresh temporary directory.
struct CalendarFolder {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-calendar-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: (path as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func load(expecting years: [Int] = []) throws(ConfigErrors) -> LoadedCalendar {
        try CalendarLoader.load(folder: path, expectedYears: years)
    }

    /// The errors loading throws (none if it loads).
    func errors() -> [ConfigError] {
        do {
            _ = try load()
            return []
        } catch {
            return error.errors
        }
    }
}

/// A valid 2024 file; tests change one line at a time.
let valid2024 = """
    year: 2024
    working_day_count: 248
    decrees:
      - "Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»"
    holidays: [2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, 2024-01-07, 2024-01-08,
               2024-02-23, 2024-03-08, 2024-05-01, 2024-05-09, 2024-06-12, 2024-11-04]
    days_off:
      - {date: 2024-04-29, from: 2024-04-27}
      - {date: 2024-04-30, from: 2024-11-02}
      - {date: 2024-05-10, from: 2024-01-06}
      - {date: 2024-12-30, from: 2024-12-28}
      - {date: 2024-12-31, from: 2024-01-07}
    working_days:
      - 2024-04-27
      - 2024-11-02
      - 2024-12-28
    shortened:
      - 2024-02-22
      - 2024-11-02

    """

@Suite struct CalendarLoaderTests {
    /// The single error loading `text` as 2024.yaml gives.
    func refusal(_ text: String, name: String = "2024.yaml") throws -> ConfigError {
        let errors = try CalendarFolder([name: text]).errors()
        try #require(errors.count == 1, "\(errors)")
        return errors[0]
    }

    func replacing(_ old: String, with new: String) -> String {
        precondition(valid2024.contains(old))
        return valid2024.replacingOccurrences(of: old, with: new)
    }

    @Test func loadsAValidFileAndWarnsAboutMissingYears() throws {
        let loaded = try CalendarFolder(["2024.yaml": valid2024, "README.md": "not a year"]).load(expecting: [2024, 2025])
        #expect(loaded.calendar.isWorkingDay(LocalDate(iso: "2024-04-27")!))
        #expect(!loaded.calendar.isWorkingDay(LocalDate(iso: "2024-12-31")!))
        #expect(loaded.calendar.isShortened(LocalDate(iso: "2024-11-02")!))
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.description.contains("no production calendar for 2025") == true)
    }

    @Test func refusesAMalformedDateWithItsLine() throws {
        let error = try refusal(replacing("  - 2024-02-22", with: "  - 2024-02-30"))
        #expect(error.file.hasSuffix("/2024.yaml"))
        #expect(error.line == 18)
        #expect(error.message == "'2024-02-30' is not a date (YYYY-MM-DD)")
        #expect(error.description.contains("2024.yaml:18:"))
    }

    @Test func refusesADateOfAnotherYear() throws {
        let error = try refusal(replacing("  - 2024-02-22", with: "  - 2025-02-22"))
        #expect(error.line == 18)
        #expect(error.message == "2025-02-22 belongs to 2025, not to 2024")
    }

    @Test func refusesADuplicate() throws {
        let error = try refusal(replacing("  - 2024-12-28\n", with: "  - 2024-12-28\n  - 2024-04-27\n"))
        #expect(error.line == 17)
        #expect(error.message == "2024-04-27 is listed twice in working_days (first at line 14)")
    }

    @Test func refusesADayThatIsBothOffAndWorking() throws {
        let errors = try CalendarFolder(["2024.yaml": replacing("  - 2024-12-28\n", with: "  - 2024-12-28\n  - 2024-05-10\n")]).errors()
        #expect(errors.contains { $0.line == 17 && $0.message == "2024-05-10 is both in days_off (line 10) and in working_days" })
    }

    @Test func refusesAHolidayAlsoListedAsMovedDayOff() throws {
        let error = try refusal(replacing("  - {date: 2024-05-10, from: 2024-01-06}", with: "  - {date: 2024-05-09, from: 2024-01-06}"))
        #expect(error.line == 10)
        #expect(error.message == "2024-05-09 is both in holidays (line 6) and in days_off")
    }

    @Test func refusesAWorkingDayOnAWeekday() throws {
        let errors = try CalendarFolder(["2024.yaml": replacing("  - 2024-11-02\n  - 2024-12-28", with: "  - 2024-11-01\n  - 2024-12-28")]).errors()
        #expect(errors.contains { $0.line == 15 && $0.message.contains("2024-11-01 is a Friday; working_days lists Saturdays and Sundays") })
    }

    @Test func refusesADayOffOnAWeekend() throws {
        let error = try refusal(replacing("{date: 2024-05-10, from: 2024-01-06}", with: "{date: 2024-05-11, from: 2024-01-06}"))
        #expect(error.line == 10)
        #expect(error.message == "2024-05-11 is a Saturday already; days_off lists weekdays made days off")
    }

    @Test func refusesAMoveFromADayThatDidNotBecomeWorking() throws {
        let error = try refusal(replacing("from: 2024-12-28}", with: "from: 2024-12-21}"))
        #expect(error.line == 11)
        #expect(error.message == "2024-12-30 is moved from 2024-12-21, which is neither a holiday nor in working_days")
        let weekday = try refusal(replacing("from: 2024-01-07}", with: "from: 2024-01-05}"))
        #expect(weekday.message.contains("a Friday; only Saturdays and Sundays move"))
    }

    @Test func refusesAShortenedDayOff() throws {
        let error = try refusal(replacing("  - 2024-02-22", with: "  - 2024-02-24"))
        #expect(error.line == 18)
        #expect(error.message == "2024-02-24 is listed as shortened but is not a working day")
    }

    @Test func refusesAWrongWorkingDayCount() throws {
        let error = try refusal(replacing("working_day_count: 248", with: "working_day_count: 247"))
        #expect(error.line == 2)
        #expect(error.message == "working_day_count is 247, but the dates give 248 working days")
    }

    @Test func refusesUnknownKeysAndMissingDecrees() throws {
        let unknown = try refusal(replacing("shortened:", with: "shortend:"))
        #expect(unknown.line == 17)
        #expect(unknown.message.hasPrefix("unknown key 'shortend'"))
        let noDecree = try refusal(replacing("""
            decrees:
              - "Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»"

            """, with: "decrees: []\n"))
        #expect(noDecree.line == 3)
        #expect(noDecree.message == "decrees must list the Government decree(s) the year comes from")
    }

    @Test func refusesAYearThatContradictsTheFileName() throws {
        let errors = try CalendarFolder(["2023.yaml": valid2024]).errors()
        #expect(errors.first?.line == 1)
        #expect(errors.first?.message == "year is 2024, but the file name says 2023")
        // …and the dates then belong to another year, each named.
        #expect(errors.count > 20)
    }

    @Test func refusesBadFileNamesAndSyntax() throws {
        let name = try CalendarFolder(["calendar-2024.yaml": valid2024]).errors()
        #expect(name.map(\.message) == ["calendar files are named YYYY.yaml, one per year"])
        let syntax = try refusal(valid2024 + "holidays: [2024-01-01\n")
        #expect(syntax.message.hasPrefix("YAML syntax error"))
        #expect(syntax.line != nil)
        let twice = try CalendarFolder(["2024.yaml": valid2024, "2024.yml": valid2024]).errors()
        #expect(twice.count == 1 && twice[0].message.hasPrefix("2024 is already in"))
    }

    @Test func reportsEveryProblemAcrossFilesAtOnce() throws {
        let errors = try CalendarFolder([
            "2024.yaml": replacing("  - 2024-02-22", with: "  - 2024-02-30"),
            "2025.yaml": "year: 2025\ndecrees: [x]\nholidays: [2025-01-01, 2025-01-01]\n",
        ]).errors()
        #expect(errors.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["2024.yaml", "2025.yaml"])
    }

    @Test func warnsWhenAnArticle112HolidayIsMissing() throws {
        let text = replacing("2024-06-12, ", with: "").replacingOccurrences(of: "working_day_count: 248", with: "working_day_count: 249")
        let loaded = try CalendarFolder(["2024.yaml": text]).load()
        #expect(loaded.warnings.map(\.message) == ["holidays lack 2024-06-12, which Labour Code art. 112 lists"])
        #expect(loaded.warnings.first?.line == 5)
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: ConfigErrors.self) { try CalendarLoader.load(folder: "/nonexistent/calendar", expectedYears: [2024]) }
    }
}
