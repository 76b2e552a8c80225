import ArgumentParser
import Casework
import DialogTemplates
import Foundation
import Settings

/// `otklik check`: validates Config/ and Dialogs/, naming file and line of each problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config, staff, calendar, screening and dialog files; exit 1 on any problem."
    )

    @Option(help: "The service config file.")
    var config = AppSettings.defaultPath

    func run() throws {
        let loaded: ServiceConfiguration
        do {
            loaded = try ServiceConfiguration.load(configPath: config, now: Date())
        } catch {
            error.errors.forEach { printError($0.description) }
            printError("\(error.errors.count) problem(s) found")
            throw ExitCode.failure
        }
        loaded.warnings.forEach { printError("warning: \($0)") }
        let problems = Dialogs.validate(folder: loaded.app.dialogsPath)
        problems.filter { $0.severity == .warning }.forEach { printError("warning: \($0)") }
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            errors.forEach { printError($0.description) }
            printError("\(errors.count) problem(s) found")
            throw ExitCode.failure
        }
        print("ok: \(config) — \(loaded.staff.departments.count) departments, \(loaded.staff.people.count) people, "
            + "calendar \(loaded.calendar.coveredYears.map(String.init).joined(separator: ", ")), "
            + "zone \(loaded.zone.timeZone.identifier), dialogs \(loaded.app.language)")
    }
}
