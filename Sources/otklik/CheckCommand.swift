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
        // The secrets as `otklik run` will read them (the unit runs check with the same environment);
        // only whether they load is said, never what they are.
        var secrets: [(TokenSource, TokenSource.Format, String)] = []
        if let telegram = loaded.app.telegram { secrets.append((telegram.token, .telegram, "telegram token")) }
        if let max = loaded.app.max {
            secrets.append((max.token, .max, "MAX token"))
            if case let .webhook(webhook) = max.mode { secrets.append((webhook.secret, .webhookSecret, "MAX webhook secret")) }
        }
        if let vk = loaded.app.vk {
            if let key = vk.serviceToken { secrets.append((key, .vk, "VK service key")) }
            if let key = vk.communityToken { secrets.append((key, .vk, "VK community key")) }
            if let key = vk.editorToken { secrets.append((key, .vk, "VK editor's key")) }
        }
        for (source, format, what) in secrets {
            do { _ = try source.load(format: format) } catch { printError("warning: \(what): \(error) (otklik run will not start without it)") }
        }
        let problems = Dialogs.validate(folder: loaded.app.dialogsPath)
        problems.filter { $0.severity == .warning }.forEach { printError("warning: \($0)") }
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            errors.forEach { printError($0.description) }
            printError("\(errors.count) problem(s) found")
            throw ExitCode.failure
        }
        var messengers: [String] = []
        if loaded.app.telegram != nil { messengers.append("telegram") }
        if let max = loaded.app.max {
            if case let .webhook(webhook) = max.mode { messengers.append("max (webhook \(webhook.publicURL))") } else { messengers.append("max (polling)") }
        }
        var extras = ""
        if let vk = loaded.app.vk {
            let can = [vk.serviceToken.map { _ in "read" }, vk.communityId.map { "publish as community \($0)" },
                       vk.editorToken.map { _ in "photos" }].compactMap { $0 }
            extras += "; vk: \(can.isEmpty ? "nothing (no keys)" : can.joined(separator: ", "))"
        }
        if let dashboard = loaded.app.dashboard { extras += "; dashboard: \(dashboard.host):\(dashboard.port) → \(dashboard.publicURL)" }
        print("ok: \(config) — messengers: \(messengers.joined(separator: ", "))\(extras); \(loaded.staff.departments.count) departments, \(loaded.staff.people.count) people, "
            + "calendar \(loaded.calendar.coveredYears.map(String.init).joined(separator: ", ")), "
            + "zone \(loaded.zone.timeZone.identifier), dialogs \(loaded.app.language)")
    }
}
