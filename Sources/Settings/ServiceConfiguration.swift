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
        if let ca = app.max?.caBundle { warnings += CertificateExpiry.warnings(for: ca, used: "max.ca_bundle", now: now) }
        guard errors.isEmpty, let screening else { throw ConfigErrors(errors) }
        return ServiceConfiguration(app: app, staff: staff, calendar: calendar, zone: zone, screening: screening,
                                    warnings: warnings)
    }
}
