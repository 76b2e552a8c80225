import ArgumentParser
import Foundation
import Settings

/// `otklik check`: validates Config/ and names file and line of each problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config, staff, calendar and screening files; exit 1 on any problem."
    )

    @Option(help: "The service config file.")
    var config = AppSettings.defaultPath

    func run() throws {
        do {
            let loaded = try ServiceConfiguration.load(configPath: config, now: Date())
            loaded.warnings.forEach { printError("warning: \($0)") }
            print("ok: \(config) — \(loaded.staff.departments.count) departments, \(loaded.staff.people.count) people, "
                + "calendar \(loaded.calendar.coveredYears.map(String.init).joined(separator: ", ")), zone \(loaded.zone.timeZone.identifier)")
        } catch {
            error.errors.forEach { printError($0.description) }
            printError("\(error.errors.count) problem(s) found")
            throw ExitCode.failure
        }
    }
}
