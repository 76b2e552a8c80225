import Foundation

/// Nightly hours in which non-urgent reminders wait; `start > end` wraps past midnight (21:00–08:00).
public struct QuietHours: Hashable, Sendable {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Whether a local time (minutes since midnight) is quiet; the interval is [start, end).
    public func contains(minutes: Int) -> Bool {
        if start == end { return false }
        if start < end { return minutes >= start.minutes && minutes < end.minutes }
        return minutes >= start.minutes || minutes < end.minutes
    }
}

/// What the deadline policy can be configured with; defaults follow the regulation and PRODUCT.md.
public struct DeadlineSettings: Hashable, Sendable {
    /// § 5: clock hours from assignment (and from the author's reply to a clarification).
    public var answerHours: Double = 24
    /// § 7: working days for the final answer after a published interim one.
    public var interimWorkingDays: Int = 7
    /// Reminders to the executor this long before a deadline, in seconds.
    public var reminderOffsets: [TimeInterval] = [4 * 3600, 1 * 3600]
    /// The head is told this long after a deadline passed unanswered, in seconds.
    public var escalationAfter: TimeInterval = 24 * 3600
    /// A draft waiting for approval this long reminds the specialists, in seconds.
    public var approvalReminderAfter: TimeInterval = 2 * 3600
    /// Hours that hold non-urgent reminders; nil turns holding off.
    public var quietHours: QuietHours? = QuietHours(start: TimeOfDay(hour: 21)!, end: TimeOfDay(hour: 8)!)
    /// The digest of open, due-today and overdue cases goes out at this time each working day.
    public var digestTime: TimeOfDay = TimeOfDay(hour: 9)!
    /// The weekly report goes out at this time on the first working day of each week (Monday as a rule).
    public var weeklyReportTime: TimeOfDay = TimeOfDay(hour: 9)!
    /// Whether the head's escalation may wake people at night; by default it waits for the morning.
    public var escalationIsUrgent: Bool = false

    public init() {}

    /// Problems an operator must fix, as sentences naming the setting; empty when usable.
    public var problems: [String] {
        var found: [String] = []
        if !(answerHours > 0) { found.append("answer_hours must be more than 0") }
        if interimWorkingDays < 1 { found.append("interim_working_days must be at least 1") }
        if reminderOffsets.contains(where: { !($0 > 0) }) { found.append("every reminder offset must be more than 0") }
        if !(escalationAfter >= 0) { found.append("escalation_after must not be negative") }
        if !(approvalReminderAfter > 0) { found.append("approval_reminder_after must be more than 0") }
        if let quiet = quietHours {
            if quiet.contains(minutes: digestTime.minutes) { found.append("digest_time \(digestTime) falls in quiet hours") }
            if quiet.contains(minutes: weeklyReportTime.minutes) {
                found.append("weekly_report_time \(weeklyReportTime) falls in quiet hours")
            }
        }
        return found
    }
}
