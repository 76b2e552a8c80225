import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// Notices, help, and the commands that show cases.
extension BotHandler {
    func show(_ notice: Notice, _ turn: inout Turn) throws {
        let key: DialogKey
        switch notice {
        case .accessByInvitation: key = "error.no_access"
        case .help:
            let roles = turn.actor?.roles ?? []
            var parts = [turn.text("help.header")]
            for role in Role.allCases where roles.contains(role) { parts.append(turn.text(.help(role))) }
            parts.append(turn.text("help.footer"))
            try turn.reply(parts.joined(separator: "\n\n"))
            return
        case .cancelled: key = "common.cancelled"
        case .nothingToCancel: key = "notice.nothing_to_cancel"
        case .unknownCommand: key = "error.unknown_command"
        case .notAllowed: key = "error.not_allowed"
        case .staleButton:
            turn.refused = true
            if turn.buttonMessageId != nil { turn.callbackText = Turn.plain(turn.text("error.stale_button")); return }
            key = "error.stale_button"
        case .sendThePost: key = "notice.send_the_post"
        case .executorHint: key = "notice.executor_hint"
        case .askDeclineReason: key = "notice.ask_decline_reason"
        case .askReturnComment: key = "notice.ask_return_comment"
        case .askEditedText: key = "notice.ask_edited_text"
        case .askPublishedLink: key = "notice.ask_published_link"
        case .askAuthorReply: key = "notice.ask_author_reply"
        case .askRepeatNumber: key = "notice.ask_repeat_number"
        case .askVKCaptcha: key = "notice.ask_vk_captcha"
        case .notACaseNumber: key = "notice.not_a_case_number"
        case .needText: key = "notice.need_text"
        case .writeFinal: key = "notice.write_final"
        case .writeInterim: key = "notice.write_interim"
        case .writeClarification: key = "notice.write_clarification"
        case .draftDiscarded: key = "notice.draft_discarded"
        case .nothingToSend: key = "notice.nothing_to_send"
        case .caseNumberUsage: key = "notice.case_number_usage"
        case .findUsage: key = "notice.find_usage"
        }
        if turn.buttonMessageId != nil, [.notAllowed, .nothingToSend].contains(notice) {
            turn.callbackText = Turn.plain(turn.text(key))
            return
        }
        try turn.notice(key)
    }

    /// Whether the actor may see the case: specialists, heads and admins see all; executors their department's.
    func maySee(_ c: Case, _ actor: Actor) -> Bool {
        actor.has(.specialist) || actor.has(.head) || actor.has(.admin) || actor.executes(c.departmentId)
    }

    /// `/case N`: the card, the buttons its viewer may use now, and the timeline.
    func showCase(_ caseId: Int64, _ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        guard let stored = try turn.db.storedCase(id: caseId), maySee(stored.state, actor) else {
            try refuse(text: turn.text("refusal.case_not_found", ["id": .int(Int(caseId))]), &turn)
            return
        }
        let c = stored.state
        var lines = [try turn.card(c, stored.post), "", turn.text("timeline.header")]
        for entry in try turn.db.journal(caseId: caseId) {
            var line = "• " + turn.date(entry.at) + " — " + RichText.escaping(try turn.personName(entry.actorId)) + ": "
                + turn.text(.journal(entry.action.name))
            if let detail = readable(entry.action, turn) { line += " — " + RichText.escaping(Self.short(detail)) }
            lines.append(line)
        }
        let drafts = try turn.db.drafts(caseId: caseId)
        for d in drafts {
            lines.append(turn.text("timeline.draft", ["version": .int(d.version), "kind": .text(turn.kindName(d.kind)),
                                                      "text": .text(Self.short(d.editedText ?? d.text)),
                                                      "decision": .text(d.decision.map { turn.text(.draftDecision($0)) } ?? "")]))
        }
        // § 8: the later posts on the same issue, linked to this case.
        let repeats = try turn.db.repeats(of: caseId)
        if !repeats.isEmpty {
            lines.append(turn.text("timeline.repeats", ["ids": .text(repeats.map { "№\($0)" }.joined(separator: ", "))]))
        }
        var buttons: [[Button]] = []
        if actor.executes(c.departmentId) { buttons = turn.executorButtons(c) }
        if actor.has(.specialist) {
            switch c.status {
            case .intake:
                let suggestions = env.router.suggest(for: stored.post.text).map(\.departmentID)
                buttons = turn.intakeButtons(c, suggestions: suggestions, repeats: [], pieces: 1)
            case .waitingForAuthor:
                buttons = [[Button(turn.text("button.attach_reply"), .attachAuthorReply(caseId: c.id))]]
            case .approved:
                if let post = try turn.db.storedCase(id: c.id)?.post { buttons = publishButtons(c, post, turn) }
            case .onApproval:
                if let v = c.draft?.version {
                    buttons = [[Button(turn.text("button.approve"), .approve(caseId: c.id, version: v))],
                               [Button(turn.text("button.edit_approve"), .editThenApprove(caseId: c.id, version: v)),
                                Button(turn.text("button.return"), .returnDraft(caseId: c.id, version: v))]]
                }
            default: break
            }
        }
        try turn.reply(lines.joined(separator: "\n"), buttons: buttons, caseId: caseId, purpose: .card)
    }

    /// A journal line's details as people read it: department names instead of ids, kinds in words.
    func readable(_ action: JournalAction, _ turn: Turn) -> String? {
        switch action {
        case let .route(department): return env.departmentName(department)
        case let .markRepeat(earlier, department): return "№\(earlier) → " + env.departmentName(department)
        case let .submitDraft(kind, version): return turn.kindName(kind) + ", №\(version)"
        case let .approve(edited): return edited ? turn.text("timeline.edited") : nil
        case let .invite(role, department):
            return turn.text(.role(role)) + (department.map { ", " + env.departmentName($0) } ?? "")
        case let .join(roles): return roles.map { turn.text(.role($0)) }.joined(separator: ", ")
        case let .revoke(_, name), let .unreachable(name): return name
        case let .threatAlert(inDraft): return inDraft ? turn.text("timeline.threat_in_draft") : nil
        case .open, .rejectSection11, .cancel, .take, .clearThreatAlarm: return nil
        case .decline, .returnDraft, .markPublished, .attachAuthorReply, .withdraw: return action.words
        case let .publishedOnVK(link, approver):
            guard let approver, let name = try? turn.personName(approver) else { return link }
            return link + " · " + turn.text("timeline.approved_by", ["name": .text(name)])
        }
    }

    /// A list of cases, each as a line and the first ten as buttons.
    func list(_ cases: [Case], title: DialogKey, empty: DialogKey, _ turn: inout Turn) throws {
        guard !cases.isEmpty else {
            try turn.notice(empty)
            return
        }
        var lines = [turn.text(title, ["count": .int(cases.count)])]
        for c in cases.prefix(30) {
            var line = "№\(c.id) · " + RichText.escaping(turn.statusName(c))
            if let d = c.departmentId { line += " · " + RichText.escaping(env.departmentName(d)) }
            if let due = c.deadline {
                line += " · " + RichText.escaping(turn.date(due))
                if due < turn.now { line += " ⚠️" }
            }
            lines.append(line)
        }
        if cases.count > 30 { lines.append(turn.text("cases.more", ["count": .int(cases.count - 30)])) }
        let buttons = stride(from: 0, to: min(cases.count, 10), by: 5).map { start in
            cases[start..<min(start + 5, cases.count, 10)].map { Button("№\($0.id)", .showCase(caseId: $0.id)) }
        }
        try turn.reply(lines.joined(separator: "\n"), buttons: buttons)
    }

    /// `/cases`: an executor's department's open cases; everyone else's open cases; by deadline.
    func listMyCases(_ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        var cases = try turn.db.openCases(department: actor.has(.specialist) || actor.has(.head) ? nil : actor.departmentId)
        if !(actor.has(.specialist) || actor.has(.head)) && actor.departmentId == nil { cases = [] }
        cases.sort { ($0.deadline ?? .distantFuture, $0.id) < ($1.deadline ?? .distantFuture, $1.id) }
        try list(cases, title: "cases.title", empty: "cases.empty", &turn)
    }

    func find(_ words: String, _ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        let found = try turn.db.searchCases(words: words.split(whereSeparator: \.isWhitespace).map(String.init))
            .filter { maySee($0, actor) }
        try list(found, title: "find.title", empty: "find.empty", &turn)
    }

    func overdue(_ turn: inout Turn) throws {
        guard let actor = turn.actor else { return }
        let cases = try turn.db.overdueCases(now: turn.now).filter { maySee($0, actor) }
        try list(cases, title: "overdue.title", empty: "overdue.empty", &turn)
    }
}
