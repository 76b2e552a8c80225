import Casework
import Conversation
import DialogTemplates
import Foundation
import Store

/// § 11 threats are also a security matter: the heads learn of one at once, whatever the hour, with
/// the words that raised it, the link and the case; a specialist may call it a false alarm.
extension BotHandler {
    /// Alerts the heads to a threat found in a case's post (`inDraft`: in a draft for it) and asks the
    /// specialists — the one who brought the post in, or all of them for a draft — to clear a false alarm.
    func alertThreat(_ caseId: Int64, link: String?, screening: ScreeningResult, inDraft: Bool, _ turn: inout Turn) throws {
        guard screening.verdict == .threat, let actor = turn.actor else { return }
        // A refused draft sent again alerts no one twice: once per alarm until it is cleared.
        if inDraft, let last = try turn.db.journal(caseId: caseId).last(where: { [.threatAlert, .clearThreatAlarm].contains($0.action.name) }),
           last.action == .threatAlert(inDraft: true) { return }
        let excerpt = screening.matches.filter { $0.kind == .threat }.map { "«\($0.fragment)»" }.joined(separator: ", ")
        let values: [String: DialogValue] = [
            "id": .int(Int(caseId)), "excerpt": .text(excerpt), "link": .text(link ?? ""), "has_link": .bool(link != nil),
            "draft": .bool(inDraft), "name": .text(try turn.personName(actor.personId)),
        ]
        for head in try turn.chats(for: .heads) {
            try turn.send(to: head, turn.text("threat.alert", values),
                          buttons: [[Button(turn.text("button.show_case"), .showCase(caseId: caseId))]])
        }
        try turn.db.appendJournal(.threatAlert(inDraft: inDraft), actorId: actor.personId, caseId: caseId, at: turn.now)
        let clear = [[Button(turn.text("button.false_alarm"), .clearThreatAlarm(caseId: caseId))]]
        let specialists = inDraft ? try turn.chats(for: .specialists) : [turn.chatId]
        for chat in specialists {
            try turn.send(to: chat, turn.text("threat.heads_alerted", values), buttons: clear)
        }
    }

    /// The alert was a false alarm: journaled with who said so, and the heads are told.
    func clearThreatAlarm(_ caseId: Int64, _ turn: inout Turn) throws {
        guard let actor = turn.actor, try turn.db.case(id: caseId) != nil else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        let journal = try turn.db.journal(caseId: caseId)
        guard let alert = journal.lastIndex(where: { $0.action.name == .threatAlert }) else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        guard !journal[alert...].contains(where: { $0.action == .clearThreatAlarm }) else {
            try refuse(text: turn.text("threat.already_cleared", ["id": .int(Int(caseId))]), &turn)
            return
        }
        try turn.db.appendJournal(.clearThreatAlarm, actorId: actor.personId, caseId: caseId, at: turn.now)
        let values: [String: DialogValue] = ["id": .int(Int(caseId)), "name": .text(try turn.personName(actor.personId))]
        for head in try turn.chats(for: .heads) { try turn.send(to: head, turn.text("threat.cleared_heads", values)) }
        try turn.reply(turn.text("threat.cleared", values))
    }
}
