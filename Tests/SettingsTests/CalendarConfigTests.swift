import Casework
import Foundation
import Settings
import Testing

@Suite struct CalendarConfigTests {
    @Test func withoutAConfigFileTheZoneIsBarnaulAndTheCalendarIsBesideIt() throws {
        let config = try CalendarConfig.read(configPath: "/nonexistent/Config/otklik.yaml")
        #expect(config.zone.timeZone.identifier == "Asia/Barnaul")
        #expect(config.calendarFolder == "/nonexistent/Config/calendar")
    }

    @Test func readsTheTimezone() throws {
        let folder = try CalendarFolder(["otklik.yaml": "language: ru\ntimezone: Europe/Berlin\n"])
        let config = try CalendarConfig.read(configPath: folder.path + "/otklik.yaml")
        #expect(config.zone.timeZone.identifier == "Europe/Berlin")
        let none = try CalendarFolder(["otklik.yaml": "language: ru\n"])
        #expect(try CalendarConfig.read(configPath: none.path + "/otklik.yaml").zone.timeZone.identifier == "Asia/Barnaul")
    }

    @Test func refusesAnUnknownZoneWithItsLine() throws {
        let folder = try CalendarFolder(["otklik.yaml": "language: ru\ntimezone: Asia/Barnaol\n"])
        #expect(throws: ConfigError(file: folder.path + "/otklik.yaml", line: 2, column: 11,
                                    message: "unknown time zone 'Asia/Barnaol'; use an IANA name such as Asia/Barnaul")) {
            try CalendarConfig.read(configPath: folder.path + "/otklik.yaml")
        }
    }
}
