import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// Running workflow commands: the decision, the journal, the notices, the timers, the cards.
extension BotHandler {
    /// Runs `command` on the case as the turn's actor. A refusal is told to the person and marks the turn.
    @discardableResult
    func apply(_ command: CaseCommand, to caseId: Int64, _ turn: inout Turn) throws -> Case? {
        guard let actor = turn.actor else { return nil }
        guard let current = try turn.db.case(id: caseId) else {
            try refuse(text: turn.text("refusal.case_not_found", ["id": .int(Int(caseId))]), &turn)
            return nil
        }
        switch env.workflow.decide(command, on: current, by: actor, at: turn.now) {
        case let .failure(refusal):
            try refuse(refusal, current, &turn)
            return nil
        case let .success(decision):
            try turn.db.saveCase(decision.state, at: turn.now)
            try carryOut(decision.effects, for: decision.state, by: actor, &turn)
            return decision.state
        }
    }

    func refuse(_ refusal: CaseRefusal, _ c: Case, _ turn: inout Turn) throws {
        let message: String
        switch refusal {
        case let .notPermitted(role):
            message = turn.text("refusal.not_permitted", ["role": .text(turn.text(.role(role)))])
        case .otherDepartment: message = turn.text("refusal.other_department")
        case let .wrongStatus(status):
            if turn.buttonMessageId != nil {
                message = turn.text("error.stale_button")
            } else {
                message = turn.text("refusal.wrong_status", ["id": .int(Int(c.id)), "status": .text(turn.statusName(c))])
            }
            _ = status
        case let .alreadyTaken(by): message = turn.text("refusal.already_taken", ["name": .text(try turn.personName(by))])
        case .sameDepartment: message = turn.text("refusal.same_department")
        case .repeatOfItself: message = turn.text("refusal.repeat_itself")
        case .emptyText: message = turn.text("refusal.empty_text")
        case .interimAlreadyGiven: message = turn.text("refusal.interim_given")
        case let .section11Draft(fragments):
            message = turn.text("draft.obscene_refused", ["matches": .text(fragments.joined(separator: ", "))])
        case .draftReplaced: message = turn.text("refusal.draft_replaced", ["id": .int(Int(c.id))])
        }
        try refuse(text: message, &turn)
    }

    /// A button press gets the refusal as a toast; a typed input as a message.
    func refuse(text: String, _ turn: inout Turn) throws {
        turn.refused = true
        if turn.buttonMessageId != nil { turn.callbackText = Turn.plain(text) } else { try turn.reply(text) }
    }

    /// The effects of a transition, in order: journal, timers, notices, cards.
    func carryOut(_ effects: [CaseEffect], for c: Case, by actor: Actor, _ turn: inout Turn) throws {
        for effect in effects {
            switch effect {
            case let .journal(entry):
                try turn.db.appendJournal(caseId: c.id, entry: entry, at: turn.now)
            case let .setDeadline(due, _):
                try scheduleReminders(for: c, due: due, &turn)
            case .clearDeadline:
                try turn.db.cancelTimers(caseId: c.id, kinds: reminderKinds)
            case let .notify(audience, notice):
                try tell(audience, notice, about: c, by: actor, &turn)
            case let .draftDecided(version, decision, comment):
                try turn.db.recordDraftDecision(caseId: c.id, version: version, decision: decision, by: actor.personId,
                                                at: turn.now, comment: comment)
            }
        }
        try turn.refreshCards(c.id)
    }

    var reminderKinds: Set<TimerKind> {
        Set(env.policy.settings.reminderOffsets.map(TimerKind.beforeDeadline)).union([.overdue, .escalation])
    }

    /// One timer per reminder of the new deadline; the old deadline's reminders go.
    func scheduleReminders(for c: Case, due: Date, _ turn: inout Turn) throws {
        try turn.db.cancelTimers(caseId: c.id, kinds: reminderKinds)
        for reminder in env.policy.reminders(for: due, now: turn.now) {
            let kind: TimerKind
            switch reminder.kind {
            case let .beforeDeadline(offset): kind = .beforeDeadline(offset)
            case .overdue: kind = .overdue
            case .escalation: kind = .escalation
            }
            try turn.db.setTimer(kind: kind, caseId: c.id, dueAt: reminder.at, payload: String(due.timeIntervalSince1970),
                                 at: turn.now)
        }
    }

    /// Messages that follow a transition, to the people concerned.
    func tell(_ audience: Audience, _ notice: CaseNotice, about c: Case, by actor: Actor, _ turn: inout Turn) throws {
        let id: [String: DialogValue] = ["id": .int(Int(c.id))]
        let chats = try turn.chats(for: audience)
        let post = try turn.db.post(caseId: c.id) ?? CasePost(network: "other", text: "")
        switch notice {
        case .assigned:
            let body = try turn.text("executor.new_case", id) + "\n" + turn.card(c, post)
            for chat in chats {
                try turn.send(to: chat, body, buttons: turn.executorButtons(c), caseId: c.id, purpose: .card)
                try turn.sendMedia(to: chat, post.media)
                if let earlier = c.repeatOf { try sendRepeatHistory(earlier, to: chat, &turn) }
            }
        case .reassignedAway:
            for chat in chats { try turn.send(to: chat, turn.text("executor.reassigned_away", id)) }
        case .taken:
            break // The cards, refreshed below, show who took it.
        case let .declined(reason, department):
            let text = turn.text("declined.specialists", ["id": .int(Int(c.id)), "reason": .text(reason),
                                                           "department": .text(env.departmentName(department))])
            let suggestions = env.router.suggest(for: post.text).map(\.departmentID)
            for chat in chats {
                try turn.send(to: chat, text, buttons: turn.intakeButtons(c, suggestions: suggestions, repeats: [], pieces: 1),
                              caseId: c.id, purpose: .card)
            }
        case .draftSubmitted:
            try sendForApproval(c, to: chats, &turn)
            try turn.db.setTimer(kind: .approval, caseId: c.id,
                                 dueAt: env.policy.approvalReminder(draftSubmittedAt: turn.now), at: turn.now)
        case .draftApproved:
            try turn.db.cancelTimers(caseId: c.id, kinds: [.approval])
            for chat in chats { try turn.send(to: chat, turn.text("approval.approved.executor", id)) }
        case let .draftReturned(comment):
            try turn.db.cancelTimers(caseId: c.id, kinds: [.approval])
            let values: [String: DialogValue] = ["id": .int(Int(c.id)), "comment": .text(comment),
                                                 "when": .text(c.deadline.map(turn.date) ?? "—")]
            for chat in chats {
                try turn.send(to: chat, turn.text("approval.returned.executor", values), buttons: turn.executorButtons(c),
                              caseId: c.id, purpose: .card)
            }
        case .interimPublished:
            let values: [String: DialogValue] = ["id": .int(Int(c.id)), "when": .text(c.deadline.map(turn.date) ?? "—")]
            for chat in chats {
                try turn.send(to: chat, turn.text("published.interim.executor", values), buttons: turn.executorButtons(c),
                              caseId: c.id, purpose: .card)
            }
            try turn.reply(turn.text("published.interim.specialist", values))
        case .clarificationPublished:
            for chat in chats { try turn.send(to: chat, turn.text("published.clarification.executor", id)) }
            try turn.reply(turn.text("published.clarification.specialist", id),
                           buttons: [[Button(turn.text("button.attach_reply"), .attachAuthorReply(caseId: c.id))]],
                           caseId: c.id, purpose: .card)
        case let .authorReplied(reply):
            let values: [String: DialogValue] = ["id": .int(Int(c.id)), "text": .text(reply),
                                                 "when": .text(c.deadline.map(turn.date) ?? "—")]
            for chat in chats {
                try turn.send(to: chat, turn.text("author_replied.executor", values), buttons: turn.executorButtons(c),
                              caseId: c.id, purpose: .card)
            }
            try turn.reply(turn.text("author_replied.specialist", id))
        case .answered:
            try turn.db.cancelTimers(caseId: c.id)
            for chat in chats { try turn.send(to: chat, turn.text("published.final.executor", id)) }
            try turn.reply(turn.text("published.final.specialist", id))
        case .rejected:
            for chat in chats { try turn.send(to: chat, turn.text("rejected.executor", id)) }
        }
    }

    /// § 8–9: the executor of a repeat sees the earlier case's history and what the answer must report.
    func sendRepeatHistory(_ earlier: Int64, to chat: Int64, _ turn: inout Turn) throws {
        let entries = try turn.db.journal(caseId: earlier).suffix(8)
        let lines = try entries.map { entry in
            "• " + turn.date(entry.at) + " — " + RichText.escaping(try turn.personName(entry.actorId)) + ": "
                + turn.text(.journal(entry.action.name))
                + (readable(entry.action, turn).map { " (" + RichText.escaping(Self.short($0)) + ")" } ?? "")
        }
        try turn.send(to: chat, turn.text("executor.repeat_note", ["earlier": .int(Int(earlier)),
                                                                   "history": .html(lines.joined(separator: "\n"))]))
    }

    static func short(_ text: String) -> String { text.count > 120 ? String(text.prefix(120)) + "…" : text }
}

