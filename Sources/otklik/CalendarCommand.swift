import ArgumentParser
import Casework
import Foundation
import Settings

/// `otklik calendar …`: questions about the production calendar.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days and deadlines by the Russian production calendar.",
        subcommands: [Due.self]
    )

    /// `otklik calendar due`: a deadline from a start instant and N working days or H clock hours.
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a deadline as ISO 8601 in the configured zone.",
            discussion: """
                --working-days N: the end (23:59:59) of the N-th working day counted from the day after \
                the start's local date (regulation § 7). --hours H: H clock hours later (§ 5).
                --jsonl reads {"from": "...", "working_days": N} or {"from": "...", "hours": H} per line \
                on stdin and writes {"due": "..."} per line in order; a bad line gets {"error": "..."} \
                (so output lines match input lines), is named on stderr, and makes the exit status 1.
                """
        )

        @Option(help: "Start instant, ISO 8601, e.g. 2024-04-26T15:00:00+07:00 (no offset: the configured zone).")
        var from: String?

        @Option(name: .customLong("working-days"), help: "Working days (regulation § 7).")
        var workingDays: Int?

        @Option(help: "Clock hours (regulation § 5).")
        var hours: Double?

        @Flag(help: "Read JSON lines from stdin, write one answer per line.")
        var jsonl = false

        @Option(help: "Service config; its timezone and the calendar/ folder beside it are used.")
        var config = "Config/otklik.yaml"

        func validate() throws {
            if jsonl {
                guard from == nil, workingDays == nil, hours == nil else {
                    throw ValidationError("--jsonl takes from, working_days and hours from each line, not from options")
                }
                return
            }
            guard from != nil else { throw ValidationError("give --from, e.g. --from 2024-04-26T15:00:00+07:00") }
            guard (workingDays == nil) != (hours == nil) else {
                throw ValidationError("give exactly one of --working-days and --hours")
            }
        }

        func run() throws {
            let calculator = try loadCalculator()
            if jsonl {
                let failures = calculator.answerLines(StandardInputLines(), output: { print($0) }, diagnostic: printError)
                if failures > 0 {
                    printError("\(failures) line(s) had no answer")
                    throw ExitCode.failure
                }
                return
            }
            guard let start = InstantText.parse(from ?? "", zone: calculator.zone) else {
                printError("error: --from is not an ISO 8601 date-time: \(from ?? "")")
                throw ExitCode.failure
            }
            let span: DueQuery.Span = workingDays.map { .workingDays($0) } ?? .hours(hours ?? 0)
            if let problem = DueQuery.problem(with: span, workingDaysName: "--working-days", hoursName: "--hours") {
                printError("error: \(problem)")
                throw ExitCode.failure
            }
            let query = DueQuery(from: start, span: span)
            let due = calculator.due(query)
            calculator.uncoveredYears(query, due: due).forEach { printError(DueCalculator.fallbackWarning($0)) }
            print(calculator.format(due))
        }

        /// The zone from the config and the calendar from the folder beside it.
        private func loadCalculator() throws -> DueCalculator {
            do {
                let settings = try CalendarConfig.read(configPath: config)
                let loaded = try CalendarLoader.load(folder: settings.calendarFolder, expectedYears: [])
                loaded.warnings.forEach { printError($0.description) }
                return DueCalculator(calendar: loaded.calendar, zone: settings.zone)
            } catch let error as ConfigError {
                printError("error: \(error)")
            } catch let errors as ConfigErrors {
                printError("error: the production calendar has problems:\n\(errors)")
            }
            throw ExitCode.failure
        }
    }
}

/// Lines of standard input, read as they come.
private struct StandardInputLines: Sequence, IteratorProtocol {
    mutating func next() -> String? { readLine(strippingNewline: true) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
