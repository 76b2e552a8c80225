import Casework
import DialogTemplates

// The texts of reports (Dialogs/<lang>/reports.yaml): the phone table, the files' sheets and columns.
extension DialogKey {
    /// Values: `period` (e.g. «1–30 нояб. 2026»).
    public static let reportTitle: DialogKey = "report.title"
    /// Values: `period`, `department`.
    public static let reportTitleDepartment: DialogKey = "report.title_department"
    public static let reportEmpty: DialogKey = "report.empty"
    /// How to name a period; shown when `/report` or `/export` gets an argument it does not understand.
    public static let reportPeriodUsage: DialogKey = "report.period_usage"
    /// Values: `count`.
    public static let reportMore: DialogKey = "report.more"
    public static let reportLegend: DialogKey = "report.legend"
    public static let reportTotal: DialogKey = "report.total"
    public static let reportNotRouted: DialogKey = "report.not_routed"
    public static let reportSystem: DialogKey = "report.system"

    static func reportKPI(_ name: String) -> DialogKey { DialogKey("report.kpi.\(name)") }
    static func reportSection(_ name: String) -> DialogKey { DialogKey("report.section.\(name)") }
    static func reportShort(_ name: String) -> DialogKey { DialogKey("report.short.\(name)") }
    static func reportSheet(_ name: String) -> DialogKey { DialogKey("report.sheet.\(name)") }
    static func reportColumn(_ name: String) -> DialogKey { DialogKey("report.col.\(name)") }
    public static func reportStatus(_ status: CaseStatus) -> DialogKey { DialogKey("report.status." + snake(status.rawValue)) }
    public static func reportClosure(_ closure: Closure) -> DialogKey { DialogKey("report.closure." + snake(closure.rawValue)) }
    static func reportTimeliness(_ t: Timeliness) -> DialogKey { DialogKey("report.timeliness." + snake(t.rawValue)) }

    /// Keys are lowercase: "onTime7Days" → "on_time_7_days", "rejectedSection11" → "rejected_section_11".
    static func snake(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for ch in name {
            if ch.isUppercase || (ch.isNumber && previous.map { !$0.isNumber } ?? false) { out += "_" }
            out += ch.lowercased()
            previous = ch
        }
        return out
    }
    static func reportAction(_ action: JournalAction.Name) -> DialogKey { DialogKey("report.action.\(action.rawValue)") }
    static func reportNetwork(_ network: String) -> DialogKey { DialogKey("report.network.\(network)") }

    static let reportKPINames = [
        "received", "routed", "answered", "within_24h", "after_interim", "within_7_days", "on_time", "on_time_share",
        "first_draft_median", "first_draft_p90", "publication_median", "publication_p90", "overdue_now", "returned",
        "repeats", "declined", "rejected",
    ]
    static let reportSectionNames = ["departments", "executors", "networks", "overdue"]
    static let reportShortNames = ["department", "executor", "network", "received", "answered", "on_time", "overdue",
                                   "first_draft", "rejected"]
    static let reportSheetNames = ["kpi", "executors", "networks", "cases", "journal"]
    static let reportColumnNames = [
        "department", "executor", "network", "case", "opened", "link", "excerpt", "status", "first_assigned",
        "first_draft", "interim", "answered", "published_link", "closed", "deadline", "timeliness", "repeat_of",
        "drafts", "returned", "draft_hours", "publication_hours", "at", "actor", "action", "from", "to", "detail",
    ]

    /// Every report key; each language must have them all (a test checks).
    public static let reports: [DialogKey] = {
        var keys: [DialogKey] = [reportTitle, reportTitleDepartment, reportEmpty, reportPeriodUsage, reportMore,
                                 reportLegend, reportTotal, reportNotRouted, reportSystem]
        keys += reportKPINames.map(reportKPI) + reportSectionNames.map(reportSection) + reportShortNames.map(reportShort)
        keys += reportSheetNames.map(reportSheet) + reportColumnNames.map(reportColumn)
        keys += CaseStatus.allCases.map(reportStatus) + [Closure.answered, .rejectedSection11, .cancelled].map(reportClosure)
        keys += Timeliness.allCases.map(reportTimeliness) + JournalAction.Name.allCases.map(reportAction)
        keys += Network.allCases.map { reportNetwork($0.rawValue) }
        return keys
    }()
}
