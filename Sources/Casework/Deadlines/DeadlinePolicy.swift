import Foundation

/// Who a reminder is for and why; recipients: executor, executor and specialist, head.
public enum ReminderKind: Hashable, Sendable {
    /// To the executor, the configured number of seconds before the deadline.
    case beforeDeadline(TimeInterval)
    /// To the executor and the specialist, at the deadline.
    case overdue
    /// To the head, `escalationAfter` past an unanswered deadline.
    case escalation
}

/// A reminder to send at a UTC instant.
public struct Reminder: Hashable, Sendable {
    public var kind: ReminderKind
    public var at: Date

    public init(kind: ReminderKind, at: Date) {
        self.kind = kind
        self.at = at
    }
}

/// The regulation's deadlines and the reminder schedule, in the configured zone; all results are UTC
/// instants, and every input that depends on the present takes `now`.
///
/// Quiet hours (e.g. 21:00–08:00) and the users' view of them:
/// - The overdue notice is urgent: it goes at the deadline, night or not, because that is when § 5/§ 7
///   is breached and the specialist may still act (publish an interim answer, re-route).
/// - A "before the deadline" reminder is useful only before the deadline. One that falls in quiet hours
///   waits for the morning if at least the smallest reminder offset (1 h by default) is then still left;
///   otherwise it is sent in the last minute before the quiet hours began (20:59), so the executor
///   learns in the evening about a deadline that falls overnight or early in the morning; if that
///   minute has already passed (the case arrived during the night) it is dropped: the card showed the
///   deadline, and the overdue notice follows. Reminders that land on the same minute are sent once.
/// - The head's escalation and the specialists' approval reminders wait for the morning: they call for
///   management, not for action at night. `escalationIsUrgent` makes the escalation go at once.
public struct DeadlinePolicy: Sendable {
    public let settings: DeadlineSettings
    public let calendar: WorkingCalendar
    public let zone: CalendarZone

    public init(settings: DeadlineSettings = DeadlineSettings(), calendar: WorkingCalendar, zone: CalendarZone) {
        self.settings = settings
        self.calendar = calendar
        self.zone = zone
    }

    /// § 5: `answerHours` clock hours (elapsed time, so a DST change does not stretch them) from the
    /// assignment, or from the author's reply that ends a clarification pause.
    public func answerDeadline(from start: Date) -> Date {
        start.addingTimeInterval(settings.answerHours * 3600)
    }

    /// § 7: the end (23:59:59 local) of the `interimWorkingDays`-th working day counted from the day
    /// after the interim answer was published.
    public func finalDeadline(interimPublishedAt published: Date) -> Date {
        calendar.endOfNthWorkingDay(settings.interimWorkingDays, after: published, in: zone)
    }

    /// The reminders for `deadline` still to come after `now`, in time order (see the type's notes).
    public func reminders(for deadline: Date, now: Date) -> [Reminder] {
        var result: [Reminder] = []
        let smallestOffset = settings.reminderOffsets.min() ?? 0
        for offset in settings.reminderOffsets.sorted(by: >) {
            let planned = deadline.addingTimeInterval(-offset)
            guard planned > now, let at = placeBeforeDeadline(planned, deadline: deadline, now: now, lead: smallestOffset)
            else { continue }
            // The same minute twice: keep the later (smaller) offset, the more pressing one.
            result.removeAll { $0.at == at }
            result.append(Reminder(kind: .beforeDeadline(offset), at: at))
        }
        result.append(Reminder(kind: .overdue, at: deadline))
        let escalation = deadline.addingTimeInterval(settings.escalationAfter)
        result.append(Reminder(kind: .escalation, at: settings.escalationIsUrgent ? escalation : heldForQuietHours(escalation)))
        return result.filter { $0.at > now }.sorted { $0.at < $1.at }
    }

    /// When to remind the specialists of a draft submitted for approval at `submitted`.
    public func approvalReminder(draftSubmittedAt submitted: Date) -> Date {
        heldForQuietHours(submitted.addingTimeInterval(settings.approvalReminderAfter))
    }

    /// The next digest after `now`: `digestTime` on a working day.
    public func nextDigest(after now: Date) -> Date {
        firstDay(after: now, at: settings.digestTime) { calendar.isWorkingDay($0) }
    }

    /// The next weekly report after `now`: `weeklyReportTime` on the first working day of a week
    /// (Monday, or the day after a Monday holiday); a week with no working day has no report.
    public func nextWeeklyReport(after now: Date) -> Date {
        firstDay(after: now, at: settings.weeklyReportTime) { calendar.isWorkingDay($0) && isFirstWorkingDayOfWeek($0) }
    }

    /// `instant` itself, or the end of the quiet hours it falls in.
    public func heldForQuietHours(_ instant: Date) -> Date {
        quietPeriod(containing: instant)?.end ?? instant
    }

    /// Where a before-deadline reminder planned at `planned` goes, or nil to drop it.
    private func placeBeforeDeadline(_ planned: Date, deadline: Date, now: Date, lead: TimeInterval) -> Date? {
        guard let quiet = quietPeriod(containing: planned) else { return planned }
        if deadline.timeIntervalSince(quiet.end) >= lead { return quiet.end }
        let evening = quiet.start.addingTimeInterval(-60)
        return evening > now ? evening : nil
    }

    /// The quiet period (start and end instants) that contains `instant`, if any.
    private func quietPeriod(containing instant: Date) -> (start: Date, end: Date)? {
        guard let quiet = settings.quietHours, quiet.contains(minutes: zone.minutesSinceMidnight(of: instant)) else {
            return nil
        }
        let day = zone.date(of: instant)
        let wraps = quiet.start > quiet.end
        let startDay = wraps && zone.minutesSinceMidnight(of: instant) < quiet.end.minutes ? day.adding(days: -1) : day
        let endDay = wraps ? startDay.adding(days: 1) : startDay
        return (zone.instant(startDay, quiet.start), zone.instant(endDay, quiet.end))
    }

    /// The first `time` after `now` on a day that passes `accepts`; a calendar with no such day within
    /// two years (impossible with real data) gets tomorrow, so a scheduler never spins.
    private func firstDay(after now: Date, at time: TimeOfDay, where accepts: (LocalDate) -> Bool) -> Date {
        var day = zone.date(of: now)
        for _ in 0..<732 {
            let at = zone.instant(day, time)
            if at > now, accepts(day) { return at }
            day = day.adding(days: 1)
        }
        return zone.instant(zone.date(of: now).adding(days: 1), time)
    }

    private func isFirstWorkingDayOfWeek(_ day: LocalDate) -> Bool {
        var earlier = day.adding(days: -1)
        for _ in 0..<(day.weekday - 1) {
            if calendar.isWorkingDay(earlier) { return false }
            earlier = earlier.adding(days: -1)
        }
        return true
    }
}

/// The workflow asks the policy for its deadlines.
extension DeadlinePolicy: DeadlineRules {
    public func answerDue(from start: Date) -> Date { answerDeadline(from: start) }
    public func finalDue(afterInterimPublishedAt published: Date) -> Date { finalDeadline(interimPublishedAt: published) }
}
