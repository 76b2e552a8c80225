import Casework
import Foundation
import Settings

/// The repository root: Tests/CommandLineTests/<this file> is three levels below it.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Config/calendar as shipped; a failure to load fails the tests that use it.
let shipped = Result { try CalendarLoader.load(folder: repository.appendingPathComponent("Config/calendar").path, expectedYears: 2020...2027) }

extension Result where Success == LoadedCalendar {
    var calendar: WorkingCalendar { get throws { try get().calendar } }
}
