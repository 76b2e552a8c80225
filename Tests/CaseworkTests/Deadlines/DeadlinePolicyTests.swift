import Casework
import Foundation
import Testing

@Suite struct DeadlinePolicyTests {
    let policy = DeadlinePolicy(calendar: calendar2024, zone: barnaul)

    func text(_ d: Date, _ zone: CalendarZone = barnaul) -> String { InstantText.format(d, zone: zone) }

    func schedule(deadline: String, now: String, _ policy: DeadlinePolicy? = nil) -> [String] {
        (policy ?? self.policy).reminders(for: instant(deadline), now: instant(now)).map { reminder in
            let kind = switch reminder.kind {
            case .beforeDeadline(let offset): "before \(Int(offset / 3600))h"
            case .overdue: "overdue"
            case .escalation: "escalation"
            }
            return "\(kind) \(text(reminder.at))"
        }
    }

    @Test func answerIsDue24ClockHoursAfterAssignment() {
        #expect(text(policy.answerDeadline(from: instant("2024-04-26T15:00:00+07:00"))) == "2024-04-27T15:00:00+07:00")
        // Over a weekend too: clock hours ignore the calendar.
        #expect(text(policy.answerDeadline(from: instant("2024-06-14T17:45:00+07:00"))) == "2024-06-15T17:45:00+07:00")
    }

    @Test func clockHoursAreElapsedTimeAcrossDaylightSaving() {
        let inBerlin = DeadlinePolicy(calendar: calendar2024, zone: berlin)
        // Spring forward: 24 h after Saturday 10:00 CET is Sunday 11:00 CEST.
        #expect(text(inBerlin.answerDeadline(from: instant("2024-03-30T10:00:00+01:00")), berlin) == "2024-03-31T11:00:00+02:00")
        // Fall back: 24 h after Saturday 10:00 CEST is Sunday 09:00 CET.
        #expect(text(inBerlin.answerDeadline(from: instant("2024-10-26T10:00:00+02:00")), berlin) == "2024-10-27T09:00:00+01:00")
        // Working days counted across the change still end at 23:59:59 local summer time.
        #expect(text(inBerlin.finalDeadline(interimPublishedAt: instant("2024-03-29T12:00:00+01:00")), berlin)
            == "2024-04-09T23:59:59+02:00")
    }

    @Test func finalAnswerIsDueAtTheEndOfTheSeventhWorkingDay() {
        #expect(text(policy.finalDeadline(interimPublishedAt: instant("2024-04-26T15:00:00+07:00"))) == "2024-05-13T23:59:59+07:00")
        // Published on a Sunday: counting starts Monday.
        #expect(text(policy.finalDeadline(interimPublishedAt: instant("2024-06-16T11:00:00+07:00"))) == "2024-06-25T23:59:59+07:00")
    }

    @Test func theAuthorsReplyStartsANew24Hours() {
        // Assigned Monday, paused for a clarification, the author replied on Wednesday at 16:10.
        let reply = instant("2024-06-19T16:10:00+07:00")
        #expect(text(policy.answerDeadline(from: reply)) == "2024-06-20T16:10:00+07:00")
    }

    @Test func daytimeDeadlineGetsBothRemindersThenOverdueThenEscalation() {
        #expect(schedule(deadline: "2024-06-20T16:10:00+07:00", now: "2024-06-19T16:10:00+07:00") == [
            "before 4h 2024-06-20T12:10:00+07:00",
            "before 1h 2024-06-20T15:10:00+07:00",
            "overdue 2024-06-20T16:10:00+07:00",
            "escalation 2024-06-21T16:10:00+07:00",
        ])
    }

    @Test func anEarlyMorningReminderWaitsForTheMorningWhenTimeIsLeft() {
        // Deadline 10:30: the 4 h reminder (06:30) is held until 08:00, 2.5 h before; the 1 h one is at 09:30.
        #expect(schedule(deadline: "2024-06-20T10:30:00+07:00", now: "2024-06-19T10:30:00+07:00") == [
            "before 4h 2024-06-20T08:00:00+07:00",
            "before 1h 2024-06-20T09:30:00+07:00",
            "overdue 2024-06-20T10:30:00+07:00",
            "escalation 2024-06-21T10:30:00+07:00",
        ])
    }

    @Test func aReminderTheMorningWouldMakeUselessComesTheEveningBefore() {
        // Deadline 08:30: at 08:00 only 30 min would be left, so the executor hears at 20:59 the evening
        // before, once, and the overdue notice comes at 08:30.
        #expect(schedule(deadline: "2024-06-20T08:30:00+07:00", now: "2024-06-19T08:30:00+07:00") == [
            "before 1h 2024-06-19T20:59:00+07:00",
            "overdue 2024-06-20T08:30:00+07:00",
            "escalation 2024-06-21T08:30:00+07:00",
        ])
    }

    @Test func theOverdueNoticeIsUrgentButTheEscalationWaitsForMorning() {
        // Assigned at 03:00: the deadline is 03:00 the next night; both reminders (23:00, 02:00) move
        // to 20:59 and are sent once.
        #expect(schedule(deadline: "2024-06-20T03:00:00+07:00", now: "2024-06-19T03:00:00+07:00") == [
            "before 1h 2024-06-19T20:59:00+07:00",
            "overdue 2024-06-20T03:00:00+07:00",
            "escalation 2024-06-21T08:00:00+07:00",
        ])
        var settings = DeadlineSettings()
        settings.escalationIsUrgent = true
        let urgent = DeadlinePolicy(settings: settings, calendar: calendar2024, zone: barnaul)
        #expect(schedule(deadline: "2024-06-20T03:00:00+07:00", now: "2024-06-19T03:00:00+07:00", urgent).last
            == "escalation 2024-06-21T03:00:00+07:00")
    }

    @Test func aReminderWhoseEveningHasPassedIsDropped() {
        // A 2-hour answer set at 23:00: its 1 h reminder (00:00) cannot move to 20:59, which has passed,
        // nor to 08:00, which is after the deadline.
        var settings = DeadlineSettings()
        settings.answerHours = 2
        let short = DeadlinePolicy(settings: settings, calendar: calendar2024, zone: barnaul)
        let deadline = short.answerDeadline(from: instant("2024-06-19T23:00:00+07:00"))
        #expect(schedule(deadline: text(deadline), now: "2024-06-19T23:00:00+07:00", short) == [
            "overdue 2024-06-20T01:00:00+07:00",
            "escalation 2024-06-21T08:00:00+07:00",
        ])
    }

    @Test func remindersAlreadyPastAreLeftOut() {
        #expect(schedule(deadline: "2024-06-20T16:10:00+07:00", now: "2024-06-20T13:00:00+07:00") == [
            "before 1h 2024-06-20T15:10:00+07:00",
            "overdue 2024-06-20T16:10:00+07:00",
            "escalation 2024-06-21T16:10:00+07:00",
        ])
    }

    @Test func withoutQuietHoursRemindersGoWhenPlanned() {
        var settings = DeadlineSettings()
        settings.quietHours = nil
        let loud = DeadlinePolicy(settings: settings, calendar: calendar2024, zone: barnaul)
        #expect(schedule(deadline: "2024-06-20T03:00:00+07:00", now: "2024-06-19T03:00:00+07:00", loud).first
            == "before 4h 2024-06-19T23:00:00+07:00")
    }

    @Test func approvalReminderWaitsOutTheNight() {
        #expect(text(policy.approvalReminder(draftSubmittedAt: instant("2024-06-19T14:00:00+07:00"))) == "2024-06-19T16:00:00+07:00")
        #expect(text(policy.approvalReminder(draftSubmittedAt: instant("2024-06-19T20:00:00+07:00"))) == "2024-06-20T08:00:00+07:00")
        #expect(text(policy.approvalReminder(draftSubmittedAt: instant("2024-06-20T01:00:00+07:00"))) == "2024-06-20T08:00:00+07:00")
    }

    @Test func digestComesEachWorkingMorning() {
        #expect(text(policy.nextDigest(after: instant("2024-06-19T08:00:00+07:00"))) == "2024-06-19T09:00:00+07:00")
        #expect(text(policy.nextDigest(after: instant("2024-06-19T09:00:00+07:00"))) == "2024-06-20T09:00:00+07:00")
        // Friday afternoon → Monday.
        #expect(text(policy.nextDigest(after: instant("2024-06-21T15:00:00+07:00"))) == "2024-06-24T09:00:00+07:00")
        // Over the New Year holidays, from the working Saturday Dec 28 to Jan 9.
        #expect(text(policy.nextDigest(after: instant("2024-12-27T10:00:00+07:00"))) == "2024-12-28T09:00:00+07:00")
        #expect(text(policy.nextDigest(after: instant("2024-12-28T10:00:00+07:00"))) == "2025-01-09T09:00:00+07:00")
    }

    @Test func weeklyReportComesOnTheFirstWorkingDayOfTheWeek() {
        #expect(text(policy.nextWeeklyReport(after: instant("2024-06-19T10:00:00+07:00"))) == "2024-06-24T09:00:00+07:00")
        // Apr 29–30 are moved days off and May 1 a holiday: the report comes on Thursday May 2.
        #expect(text(policy.nextWeeklyReport(after: instant("2024-04-26T10:00:00+07:00"))) == "2024-05-02T09:00:00+07:00")
        // The working Saturday Dec 28 is not the first working day of its week: next is Thursday Jan 9.
        #expect(text(policy.nextWeeklyReport(after: instant("2024-12-24T10:00:00+07:00"))) == "2025-01-09T09:00:00+07:00")
    }

    @Test func settingsNameTheirProblems() {
        #expect(DeadlineSettings().problems.isEmpty)
        var settings = DeadlineSettings()
        settings.answerHours = 0
        settings.interimWorkingDays = 0
        settings.reminderOffsets = [3600, -60]
        settings.digestTime = TimeOfDay(hour: 7)!
        #expect(settings.problems == [
            "answer_hours must be more than 0",
            "interim_working_days must be at least 1",
            "every reminder offset must be more than 0",
            "digest_time 07:00 falls in quiet hours",
        ])
    }

    @Test func quietHoursMayWrapMidnightOrNot() {
        let night = QuietHours(start: TimeOfDay(hour: 21)!, end: TimeOfDay(hour: 8)!)
        #expect(night.contains(minutes: 21 * 60))
        #expect(night.contains(minutes: 7 * 60 + 59))
        #expect(!night.contains(minutes: 8 * 60))
        let lunch = QuietHours(start: TimeOfDay(hour: 13)!, end: TimeOfDay(hour: 14)!)
        #expect(lunch.contains(minutes: 13 * 60 + 30))
        #expect(!lunch.contains(minutes: 12 * 60))
        #expect(!QuietHours(start: TimeOfDay(hour: 8)!, end: TimeOfDay(hour: 8)!).contains(minutes: 8 * 60))
        #expect(TimeOfDay(parsing: "9:05") == TimeOfDay(hour: 9, minute: 5))
        #expect(TimeOfDay(parsing: "24:00") == nil)
    }
}
