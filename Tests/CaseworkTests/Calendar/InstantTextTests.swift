import Casework
import Foundation
import Testing

@Suite struct InstantTextTests {
    @Test func readsOffsetsZuluAndLocalTimes() {
        let expected = Date(timeIntervalSince1970: 1_714_118_400)  // 2024-04-26T08:00:00Z
        #expect(InstantText.parse("2024-04-26T15:00:00+07:00", zone: barnaul) == expected)
        #expect(InstantText.parse("2024-04-26T15:00:00+0700", zone: berlin) == expected)
        #expect(InstantText.parse("2024-04-26T08:00:00Z", zone: berlin) == expected)
        #expect(InstantText.parse("2024-04-26T15:00", zone: barnaul) == expected)
        #expect(InstantText.parse("2024-04-26 15:00:00", zone: barnaul) == expected)
        #expect(InstantText.parse("2024-04-26T10:00:00", zone: berlin) == expected)
        #expect(InstantText.parse("2024-04-26T15:00:00.250+07:00", zone: barnaul) == expected.addingTimeInterval(0.25))
        #expect(InstantText.parse("2024-04-26", zone: barnaul) == expected.addingTimeInterval(-15 * 3600))
        #expect(InstantText.parse("2024-04-26T03:00:00-05:00", zone: barnaul) == expected)
    }

    @Test func refusesWhatIsNotADateTime() {
        for bad in ["", "tomorrow", "2024-04-26T", "2024-04-26T25:00", "2024-04-26T15:00:60", "2024-02-30T10:00",
                    "2024-04-26T15:00:00+7", "2024-04-26T15:00:00+07:00 extra", "2024-04-26T15:00:00.+07:00", "26.04.2024"] {
            #expect(InstantText.parse(bad, zone: barnaul) == nil, "\(bad)")
        }
    }

    @Test func printsInTheZoneWithItsOffset() {
        let t = Date(timeIntervalSince1970: 1_714_118_400.9)
        #expect(InstantText.format(t, zone: barnaul) == "2024-04-26T15:00:00+07:00")
        #expect(InstantText.format(t, zone: berlin) == "2024-04-26T10:00:00+02:00")
        #expect(InstantText.format(t, zone: CalendarZone(identifier: "America/New_York")!) == "2024-04-26T04:00:00-04:00")
        #expect(InstantText.format(t, zone: CalendarZone(identifier: "Asia/Kolkata")!) == "2024-04-26T13:30:00+05:30")
        #expect(InstantText.format(instant("2024-01-15T12:00:00Z"), zone: berlin) == "2024-01-15T13:00:00+01:00")
    }
}
