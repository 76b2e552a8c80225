import ArgumentParser
import Foundation
import OtklikApp
import Settings

/// `otklik status`: the service's health read from its store, for people and monitoring scripts.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the service's health from its store (read-only, safe while the service runs).",
        discussion: """
            Shows the last update handled, the outbox backlog, failed sends of the last 24 hours, the next \
            timer and overdue ones, open and overdue cases, failed updates and people who blocked the bot.

            Exit codes: 0 healthy; 1 unhealthy — a message has waited over 5 minutes to be sent, or a timer \
            has been due over 5 minutes without firing (the service is stopped or stuck, or cannot reach \
            Telegram); 2 the config or the store cannot be read. Blocked people and failed updates are shown \
            as notes and do not change the exit code.
            """
    )

    @Option(help: ArgumentHelp("The service config; its store.path is the store read.", valueName: "file"))
    var config = AppSettings.defaultPath

    @Flag(help: "Print one JSON object (for monitoring scripts).")
    var json = false

    func run() throws {
        let now = Date()
        let report: StatusReport
        var zone = TimeZone.current
        do {
            let settings = try AppSettings.load(config)
            zone = settings.timeZone
            report = StatusReport.read(storePath: settings.storePath, now: now)
        } catch {
            report = StatusReport(storePath: nil, now: now, unreadable: error.description)
        }
        print(json ? report.json() : report.text(zone: zone), terminator: "")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
