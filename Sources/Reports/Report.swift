import Casework
import Foundation

/// A report for a period: the figures overall, per department, per executor and per network, the
/// cases overdue now, and one line per case of the period. Built by `Reports.compute`.
public struct Report: Sendable {
    public let period: ReportPeriod
    /// The zone the period and every local date and time are in.
    public let zone: CalendarZone
    /// The department the report is limited to (an executor's view), or nil for all.
    public let department: String?
    /// The department's name, when limited to one.
    public let departmentName: String?
    /// When it was computed: "overdue now" is as of this instant.
    public let generatedAt: Date
    public let overall: KPIs
    /// Every active department (and any other with figures); `id` nil is "not routed yet".
    public let departments: [DepartmentKPIs]
    /// Executors with anything to show, by department then name.
    public let executors: [ExecutorKPIs]
    /// Networks with anything to show, most received first.
    public let networks: [NetworkKPIs]
    /// Open cases past their deadline now, most overdue first.
    public let overdue: [OverdueCase]
    /// The cases opened or acted on in the period, by number.
    public let cases: [CaseLine]
}

/// One department's figures.
public struct DepartmentKPIs: Sendable, Equatable {
    /// nil: cases not assigned to any department.
    public let id: String?
    public let name: String?
    public let kpis: KPIs
}

/// One executor's figures.
public struct ExecutorKPIs: Sendable, Equatable {
    public let personId: Int64
    public let name: String
    public let departmentId: String?
    public let kpis: KPIs
}

/// One network's figures (`vk`, `ok`, `telegram`…, as `Network` names them).
public struct NetworkKPIs: Sendable, Equatable {
    public let network: String
    public let kpis: KPIs
}

/// An open case past its deadline at the report's time.
public struct OverdueCase: Sendable, Equatable {
    public let caseId: Int64
    public let departmentId: String?
    public let departmentName: String?
    public let executorId: Int64?
    public let executorName: String?
    public let deadline: Date
    /// Seconds past the deadline at `Report.generatedAt`.
    public let overdueBy: TimeInterval
}

/// How a case stands against its deadlines, for the case list.
public enum Timeliness: String, Sendable, Equatable, CaseIterable {
    /// Final answer published within the § 5 deadline (24 h).
    case onTime24h
    /// Final answer published after the § 5 deadline.
    case late24h
    /// Final answer after an interim one, published within the § 7 deadline.
    case onTime7Days
    /// Final answer after an interim one, published after the § 7 deadline.
    case late7Days
    /// Open, past its deadline now.
    case overdue
    /// Open, its deadline not yet reached.
    case inTime
    /// Open with no clock running (not routed yet, or waiting for the author's reply).
    case noDeadline
    /// Closed under § 11 or cancelled: no answer due.
    case noAnswer
}

/// One case of the period with every date that matters, for the XLSX and CSV case lists.
public struct CaseLine: Sendable, Equatable {
    public let id: Int64
    public let openedAt: Date
    public let network: String
    public let link: String?
    /// The start of the post's text.
    public let excerpt: String
    public let departmentId: String?
    public let departmentName: String?
    public let executorId: Int64?
    public let executorName: String?
    public let status: CaseStatus
    public let closure: Closure?
    public let firstAssignedAt: Date?
    public let firstDraftAt: Date?
    public let interimPublishedAt: Date?
    public let answeredAt: Date?
    public let publishedLink: String?
    public let closedAt: Date?
    /// The deadline running now (open cases), or the one the final answer was held to.
    public let deadline: Date?
    public let repeatOf: Int64?
    public let drafts: Int
    public let returned: Int
    public let timeliness: Timeliness
    /// First assignment to first draft, seconds.
    public let firstDraftSeconds: Double?
    /// First assignment to the final answer's publication, seconds.
    public let publicationSeconds: Double?
}

/// One journal entry with the actor's name, for the journal sheet.
public struct JournalLine: Sendable, Equatable {
    public let at: Date
    public let caseId: Int64?
    public let actorId: Int64
    /// The person's name; nil for the system (actor 0) or someone unknown.
    public let actorName: String?
    public let action: JournalAction
    public let fromStatus: CaseStatus?
    public let toStatus: CaseStatus?
    /// The department the entry assigns or an invitation names, by name.
    public let departmentName: String?
}
