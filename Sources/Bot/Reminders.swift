import Casework
import DialogTemplates
import Foundation
import Store

/// Fired timers: the chat's settle timer, deadline reminders, escalations, approval reminders, the digest.
extension BotHandler {
    /// Reminders whose moment passed this long ago (the bot was down) are folded into one summary.
    public static let staleAfter: TimeInterval = 3600
    public var staleAfter: TimeInterval { Self.staleAfter }

    public func handleTimer(_ timer: TimerRecord, in db: StoreTransaction, now: Date) throws {
        switch timer.kind {
        case .settle:
            if let chat = timer.personId { try settle(chatId: chat, in: db, now: now) }
        case .digest:
            try digest(db, now: now)
            try db.setTimer(kind: .digest, dueAt: env.policy.nextDigest(after: now), at: now)
        case .weekly:
            try scheduledReport(monthly: false, in: db, now: now)
        case .monthly:
            try scheduledReport(monthly: true, in: db, now: now)
        case .vkPublication:
            if let caseId = timer.caseId { try vkPublicationFinished(caseId: caseId, in: db, now: now) }
        case .vkAuthorReply:
            if let caseId = timer.caseId { try vkAuthorReplied(caseId: caseId, in: db, now: now) }
        case .beforeDeadline, .overdue, .escalation, .approval:
            guard let caseId = timer.caseId, let c = try db.case(id: caseId), c.status.isOpen else { return }
            let turn = Turn(db: db, env: env, now: now, chatId: 0, actor: nil)
            for (chat, text) in try reminderMessages(timer, c, turn) { try turn.send(to: chat, text, caseId: c.id, purpose: .reminder) }
        }
    }

    /// Timers from long ago: one "while the bot was offline" message per person, instead of a burst.
    public func handleStaleTimers(_ timers: [TimerRecord], in db: StoreTransaction, now: Date) throws {
        let turn = Turn(db: db, env: env, now: now, chatId: 0, actor: nil)
        var byChat: [Int64: [String]] = [:]
        for timer in timers {
            if timer.kind.isRecurringOrPersonal {
                try handleTimer(timer, in: db, now: now)
                continue
            }
            guard let caseId = timer.caseId, let c = try db.case(id: caseId), c.status.isOpen else { continue }
            for (chat, _) in try reminderMessages(timer, c, turn) {
                let line = turn.text("remind.summary_line", ["id": .int(Int(c.id)), "status": .text(turn.statusName(c)),
                                                             "when": .text(c.deadline.map(turn.date) ?? "—")])
                if !(byChat[chat]?.contains(line) ?? false) { byChat[chat, default: []].append(line) }
            }
        }
        for (chat, lines) in byChat.sorted(by: { $0.key < $1.key }) {
            try turn.send(to: chat, turn.text("remind.offline_summary") + "\n" + lines.joined(separator: "\n"))
        }
    }

    /// Who hears of a case's timer, and what.
    func reminderMessages(_ timer: TimerRecord, _ c: Case, _ turn: Turn) throws -> [(Int64, String)] {
        let executors = try c.takenBy.map { try turn.chats(for: .person($0)) } ?? turn.chats(for: .department(c.departmentId ?? ""))
        let due = c.deadline ?? timer.dueAt
        let values: [String: DialogValue] = [
            "id": .int(Int(c.id)), "when": .text(turn.date(due)), "left": .text(turn.dialogs.dates.relative(due, now: turn.now)),
            "department": .text(env.departmentName(c.departmentId)),
            "late": .text(turn.dialogs.dates.duration(max(0, turn.now.timeIntervalSince(due)))),
        ]
        switch timer.kind {
        case .overdue:
            guard [.routed, .drafting].contains(c.status) else { return [] }
            return executors.map { ($0, turn.text("remind.overdue.executor", values)) }
                + (try turn.chats(for: .specialists)).map { ($0, turn.text("remind.overdue.specialist", values)) }
        case .escalation:
            guard [.routed, .drafting].contains(c.status) else { return [] }
            return try turn.chats(for: .heads).map { ($0, turn.text("remind.escalation", values)) }
        case .approval:
            guard c.status == .onApproval, let submitted = c.draft?.submittedAt else { return [] }
            var v = values
            v["waiting"] = .text(turn.dialogs.dates.duration(turn.now.timeIntervalSince(submitted)))
            return try turn.chats(for: .specialists).map { ($0, turn.text("remind.approval", v)) }
        case .beforeDeadline:
            guard [.routed, .drafting].contains(c.status) else { return [] }
            return executors.map { ($0, turn.text("remind.before", values)) }
        case .settle, .digest, .weekly, .monthly, .vkPublication, .vkAuthorReply:
            return []
        }
    }

    /// The morning digest on working days: open, due today and overdue, to specialists and heads.
    func digest(_ db: StoreTransaction, now: Date) throws {
        guard env.policy.calendar.isWorkingDay(env.zone.date(of: now)) else { return }
        let turn = Turn(db: db, env: env, now: now, chatId: 0, actor: nil)
        let open = try db.openCases()
        let endOfDay = env.zone.endOfDay(env.zone.date(of: now))
        let overdue = open.filter { ($0.deadline ?? .distantFuture) < now }
        let today = open.filter { ($0.deadline ?? .distantFuture) >= now && ($0.deadline ?? .distantFuture) <= endOfDay }
        var values: [String: DialogValue] = ["open": .int(open.count), "today": .int(today.count), "overdue": .int(overdue.count)]
        if !overdue.isEmpty { values["ids"] = .text(overdue.prefix(10).map { "№\($0.id)" }.joined(separator: ", ")) }
        let text = turn.text("digest.text", values)
        for chat in Set(try turn.chats(for: .specialists) + turn.chats(for: .heads)).sorted() { try turn.send(to: chat, text) }
    }

    /// Makes sure the recurring timers exist (at first start, and after an upgrade adds one).
    public func ensureRecurringTimers(in db: StoreTransaction, now: Date) throws {
        // Read by kind, not among the first timers by date: a store with many cases' timers would hide them.
        let existing = try db.serviceTimers(of: TimerKind.recurring)
        if !existing.contains(.digest) {
            try db.setTimer(kind: .digest, dueAt: env.policy.nextDigest(after: now), at: now)
        }
        if !existing.contains(.weekly) {
            try db.setTimer(kind: .weekly, dueAt: env.policy.nextWeeklyReport(after: now), at: now)
        }
        if !existing.contains(.monthly) {
            try db.setTimer(kind: .monthly, dueAt: nextMonthlyReport(after: now), at: now)
        }
    }
}
