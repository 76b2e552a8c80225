import ArgumentParser
import Casework
import DialogTemplates
import Foundation
import Reports
import Settings
import Store

/// `otklik report`: the figures for a period from the store file, as text, CSV or XLSX.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A report for a period as text, CSV or XLSX (safe while the service runs).",
        discussion: """
            The period is --from and --to (local days of the configured zone, both included), or --period \
            in the chat's words: week, month, 2026-11, "2026-11-01 2026-11-30" (default: this week). \
            The store is opened read-only; every figure is defined in README.md, "Reports". \
            CSV is for Excel in a Russian locale (UTF-8 with BOM, ';', decimal commas); --table picks \
            which table: kpi (per department, default), cases, or journal. Files are written with mode 0600.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, xlsx
    }

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case kpi, cases, journal
    }

    @Option(help: ArgumentHelp("The first day, YYYY-MM-DD.", valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("The last day, YYYY-MM-DD (included).", valueName: "day"))
    var to: String?

    @Option(help: ArgumentHelp("The period as in /report, instead of --from and --to.", valueName: "words"))
    var period: String?

    @Option(help: "text, csv or xlsx.")
    var format = Format.text

    @Option(help: "For CSV: kpi, cases or journal.")
    var table = Table.kpi

    @Option(help: ArgumentHelp("Only this department's cases and people (its id in staff.yaml).", valueName: "id"))
    var department: String?

    @Option(help: ArgumentHelp("The file to write; text and CSV go to standard output without it.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("The service config; its store.path is read.", valueName: "file"))
    var config = AppSettings.defaultPath

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to, or neither") }
        if from != nil && period != nil { throw ValidationError("give --from and --to, or --period, not both") }
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx needs --out FILE") }
    }

    func run() throws {
        let now = Date()
        let service: ServiceConfiguration
        let dialogs: Dialogs
        do {
            service = try ServiceConfiguration.load(configPath: config, now: now)
            dialogs = try Dialogs.load(folder: service.app.dialogsPath, language: service.app.language)
        } catch let errors as ConfigErrors {
            errors.errors.forEach { printError($0.description) }
            throw ExitCode.failure
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let range = try reportPeriod(now: now, zone: service.zone)
        let policy = service.deadlinePolicy
        let (report, journal, chart): (Report, [JournalLine], ChartFigures?)
        do {
            let store = try AppDatabase.openForReading(path: service.app.storePath)
            (report, journal, chart) = try store.read { db -> (Report, [JournalLine], ChartFigures?) in
                if let department, try !db.departments(includingInactive: true).contains(where: { $0.id == department }) {
                    throw ReportCommandError("no department '\(department)' in the store; see staff.yaml for the ids")
                }
                let report = try Reports.compute(period: range, department: department, in: db, now: now, policy: policy)
                let journal = format == .xlsx || table == .journal ? try Reports.journal(for: report, in: db) : []
                let chart = format == .xlsx ? try Reports.chartFigures(for: report, in: db, now: now, policy: policy, dialogs: dialogs) : nil
                return (report, journal, chart)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let data: Data
        switch format {
        case .text:
            data = Data((ReportText.plain(report, dialogs: dialogs) + "\n").utf8)
        case .csv:
            switch table {
            case .kpi: data = CSVWriter.departments(report, dialogs: dialogs)
            case .cases: data = CSVWriter.cases(report, dialogs: dialogs)
            case .journal: data = CSVWriter.journal(journal, report: report, dialogs: dialogs)
            }
        case .xlsx:
            do {
                data = try XLSXWriter.workbook(report, journal: journal, dialogs: dialogs, chart: chart)
            } catch {
                printError("error: cannot build the workbook: \(error)")
                throw ExitCode.failure
            }
        }
        guard let out else {
            FileHandle.standardOutput.write(data)
            return
        }
        // Reports name people and quote posts: private like the store.
        guard FileManager.default.createFile(atPath: out, contents: data, attributes: [.posixPermissions: 0o600]) else {
            printError("error: cannot write \(out)")
            throw ExitCode.failure
        }
        printError("ok: \(report.cases.count) cases, \(range.first) – \(range.last), written to \(out) (\(data.count) bytes)")
    }

    private func reportPeriod(now: Date, zone: CalendarZone) throws -> ReportPeriod {
        if let from, let to {
            guard let first = LocalDate(iso: from), let last = LocalDate(iso: to) else {
                printError("error: --from and --to take days as YYYY-MM-DD")
                throw ExitCode.failure
            }
            return try parsed("\(first) \(last)", now: now, zone: zone)
        }
        return try parsed(period ?? "", now: now, zone: zone)
    }

    private func parsed(_ words: String, now: Date, zone: CalendarZone) throws -> ReportPeriod {
        do {
            return try ReportPeriod.parse(words, now: now, zone: zone)
        } catch .endBeforeStart {
            printError("error: the last day is before the first")
        } catch .tooLong {
            printError("error: a report covers at most \(ReportPeriod.maximumDays) days")
        } catch {
            printError("error: not a period: '\(words)'; use week, month, YYYY-MM, or two days YYYY-MM-DD")
        }
        throw ExitCode.failure
    }
}

struct ReportCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
