import Casework
import Foundation

/// Everything the service reads from `Config/`, loaded and cross-checked in one go. `otklik check`
/// prints the problems; `otklik run` refuses to start on any.
public struct ServiceConfiguration: Sendable {
    public var app: AppSettings
    public var staff: StaffSettings
    public var calendar: WorkingCalendar
    public var zone: CalendarZone
    public var screening: ScreeningLexicon
    /// Not errors, but an operator must see them (e.g. next year's calendar is missing).
    public var warnings: [String]

    public var deadlinePolicy: DeadlinePolicy {
        DeadlinePolicy(settings: app.deadlines, calendar: calendar, zone: zone)
    }

    /// Loads otklik.yaml and every file it names; collects the problems of all files before throwing.
    /// `now` decides which calendar years must be present (this one and the next).
    public static func load(configPath: String, now: Date) throws(ConfigErrors) -> ServiceConfiguration {
        let app: AppSettings
        do { app = try AppSettings.load(configPath) } catch { throw error }
        var errors: [ConfigError] = []
        var staff = StaffSettings()
        do { staff = try StaffSettings.load(app.staffPath) } catch { errors += error.errors }
        let zone = CalendarZone(app.timeZone)
        let thisYear = zone.date(of: now).year
        var calendar = WorkingCalendar(years: [])
        var warnings: [String] = []
        do {
            let loaded = try CalendarLoader.load(folder: app.calendarPath, expectedYears: thisYear...(thisYear + 1))
            calendar = loaded.calendar
            warnings += loaded.warnings.map(\.description)
        } catch {
            errors += error.errors
        }
        var screening: ScreeningLexicon?
        do { screening = try ScreeningLoader.load(folder: app.screeningPath) } catch { errors += error.errors }
        if let ca = app.max?.caBundle {
            if CertificateExpiry.certificates(inPEMFile: ca)?.isEmpty ?? true {
                errors.append(ConfigError(file: ca, message: "max.ca_bundle holds no PEM certificate; MAX's TLS check would fail (Config/ca/russian-trusted-ca.pem is the one to use)"))
            } else {
                warnings += CertificateExpiry.warnings(for: ca, used: "max.ca_bundle", now: now)
            }
        }
        if case let .webhook(webhook)? = app.max?.mode, !["127.0.0.1", "::1", "localhost"].contains(webhook.host) {
            warnings.append("max.webhook.listen \(webhook.host):\(webhook.port) is not a loopback address: plain HTTP with the secret would be reachable past the proxy")
        }
        if let dashboard = app.dashboard, let metrics = app.metrics, dashboard.port == metrics.port {
            errors.append(ConfigError(file: app.configPath, message: "dashboard.listen and metrics.listen use the same port \(dashboard.port); give the dashboard another"))
        }
        // Everyone listed must be reachable on a messenger this config runs, or nobody can let them in.
        let running = [app.telegram.map { _ in "telegram" }, app.max.map { _ in "max" }].compactMap { $0 }
        for person in staff.people
        where !((app.telegram != nil && person.telegramId != nil) || (app.max != nil && person.maxId != nil)) {
            errors.append(ConfigError(file: app.staffPath, message: "\(person.name) has no id on the messengers this config runs "
                + "(\(running.joined(separator: ", "))): add \(app.max != nil ? "max_id" : "telegram_id")"))
        }
        guard errors.isEmpty, let screening else { throw ConfigErrors(errors) }
        return ServiceConfiguration(app: app, staff: staff, calendar: calendar, zone: zone, screening: screening,
                                    warnings: warnings)
    }
}
