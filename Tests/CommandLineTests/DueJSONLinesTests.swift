import Casework
import Foundation
@testable import otklik
import Testing

/// `otklik due --jsonl`: one answer line per input line, errors in line, warnings on stderr.
@Suite struct DueJSONLinesTests {
    /// The shipped calendar's 2024 and 2025, so that 2026 is a year without a decree.
    let calculator: DueCalculator

    init() throws {
        let calendar = try shipped.calendar
        calculator = DueCalculator(calendar: WorkingCalendar(years: [calendar.year(2024), calendar.year(2025)]),
                                   zone: CalendarZone(identifier: "Asia/Barnaul")!)
    }

    func run(_ lines: [String]) -> (output: [String], diagnostics: [String], failures: Int) {
        var output: [String] = [], diagnostics: [String] = []
        let failures = calculator.answerLines(lines, output: { output.append($0) }, diagnostic: { diagnostics.append($0) })
        return (output, diagnostics, failures)
    }

    @Test func answersWorkingDaysAndHoursInOrder() {
        let result = run([
            #"{"from": "2024-04-26T15:00:00+07:00", "working_days": 7}"#,
            #"{"from": "2024-04-26T15:00:00+07:00", "hours": 24}"#,
            #"{"from": "2024-12-27T18:00:00+07:00", "hours": 1.5}"#,
        ])
        #expect(result.output == [
            #"{"due": "2024-05-13T23:59:59+07:00"}"#,
            #"{"due": "2024-04-27T15:00:00+07:00"}"#,
            #"{"due": "2024-12-27T19:30:00+07:00"}"#,
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.failures == 0)
    }

    @Test func aBadLineGetsAnErrorObjectAndTheRestGoOn() {
        let result = run([
            "not json",
            #"{"from": "2024-04-26T15:00:00+07:00"}"#,
            #"{"from": "2024-04-26T15:00:00+07:00", "working_days": 7, "hours": 24}"#,
            #"{"from": "26.04.2024", "working_days": 7}"#,
            #"{"from": "2024-04-26T15:00:00+07:00", "working_days": 0}"#,
            #"{"from": "2024-04-26T15:00:00+07:00", "working_days": "7"}"#,
            #"{"working_days": 7}"#,
            "",
            #"{"from": "2024-04-26T15:00:00+07:00", "hours": -1}"#,
            #"{"from": "2024-04-26T15:00:00+07:00", "working_days": 1}"#,
        ])
        #expect(result.output.count == 10)
        #expect(result.failures == 9)
        #expect(result.output.last == #"{"due": "2024-04-27T23:59:59+07:00"}"#)
        #expect(result.output[0].hasPrefix(#"{"error": "not a JSON object"#))
        #expect(result.output[1] == #"{"error": "give working_days or hours"}"#)
        #expect(result.output[2] == #"{"error": "give working_days or hours, not both"}"#)
        #expect(result.output[3] == #"{"error": "from is not an ISO 8601 date-time: 26.04.2024"}"#)
        #expect(result.output[4].contains("from 1 to"))
        #expect(result.output[5] == #"{"error": "working_days must be a whole number"}"#)
        #expect(result.output[6] == #"{"error": "from is missing"}"#)
        #expect(result.output[7] == #"{"error": "empty line"}"#)
        #expect(result.diagnostics.first?.hasPrefix("line 1: not a JSON object") == true)
        #expect(result.diagnostics.contains("line 9: hours must be more than 0 and at most 87600, got -1.0"))
        // Every error object is valid JSON.
        for line in result.output {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    @Test func theIssueExampleWithTheWholeShippedCalendar() throws {
        let calculator = DueCalculator(calendar: try shipped.calendar, zone: CalendarZone(identifier: "Asia/Barnaul")!)
        var output: [String] = []
        _ = calculator.answerLines([#"{"from": "2024-04-26T15:00:00+07:00", "working_days": 7}"#], output: { output.append($0) }, diagnostic: { _ in })
        #expect(output == [#"{"due": "2024-05-13T23:59:59+07:00"}"#])
    }

    @Test func warnsOncePerYearCountedWithoutADecree() {
        let result = run([
            #"{"from": "2026-03-06T10:00:00+07:00", "working_days": 1}"#,
            #"{"from": "2026-04-06T10:00:00+07:00", "working_days": 1}"#,
            #"{"from": "2026-03-06T10:00:00+07:00", "hours": 24}"#,
        ])
        // Without the 2026 decree, art. 112 still gives Mar 9 off: day 1 after Friday Mar 6 is Tuesday.
        #expect(result.output[0] == #"{"due": "2026-03-10T23:59:59+07:00"}"#)
        #expect(result.diagnostics == [DueCalculator.fallbackWarning(2026)])
        #expect(result.failures == 0)
    }
}
