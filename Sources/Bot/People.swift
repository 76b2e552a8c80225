import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// People and access: invitations, joining, the staff list, revoking.
extension BotHandler {
    func redeem(token: String, _ turn: inout Turn, sender: InboundPerson?) throws {
        guard let sender, let address = turn.address else { return }
        if turn.actor != nil {
            try turn.notice("invitation.already_member")
            return
        }
        let name = sender.name
        switch try turn.db.redeemInvitation(tokenHash: env.hashToken(token), personId: turn.chatId, address: address, name: name, at: turn.now) {
        case let .success(actor):
            try turn.db.appendJournal(.join(roles: actor.roles.sorted()), actorId: turn.chatId, at: turn.now)
            var joined = Turn(db: turn.db, env: env, now: turn.now, chatId: turn.chatId, actor: actor, address: address)
            let role = actor.roles.sorted().map { joined.text(.role($0)) }.joined(separator: ", ")
            try joined.notice("invitation.welcome", ["name": .text(name), "role": .text(role),
                                                     "department": .text(actor.departmentId.map(env.departmentName) ?? "")])
            try show(.help, &joined)
        case .failure(.expired): try turn.notice("invitation.expired")
        case .failure(.alreadyUsed): try turn.notice("invitation.used")
        case .failure: try turn.notice("invitation.unknown")
        }
    }

    /// A person blocked the bot: the admins hear of it once, so someone can call them.
    public func personUnreachable(_ personId: Int64, in db: StoreTransaction, now: Date) throws {
        let turn = Turn(db: db, env: env, now: now, chatId: 0, actor: nil)
        let name = try turn.personName(personId)
        try db.appendJournal(.unreachable(name: name), actorId: personId, at: now)
        for admin in try db.people(withRole: .admin) where admin.active && !admin.unreachable && admin.id != personId {
            try turn.send(to: admin.id, turn.text("people.unreachable_admin", ["name": .text(name)]))
        }
    }

    func inviteMenu(_ turn: inout Turn) throws {
        let roles: [Role] = [.specialist, .executor, .head, .admin]
        try turn.reply(turn.text("invite.choose_role"), buttons: roles.map {
            [Button(turn.text(.role($0)), .inviteRole(role: $0))]
        })
    }

    /// A one-time link bound to a role (and department): 128 random bits, stored only as a hash.
    func invite(_ role: Role, _ department: String?, _ turn: inout Turn) throws {
        guard let actor = turn.actor, actor.has(.admin) else { return }
        if role == .executor && department == nil {
            try turn.reply(turn.text("invite.choose_department"), buttons: env.departments.map {
                [Button($0.name, .inviteDepartment(departmentId: $0.id))]
            })
            return
        }
        if let department, env.department(department) == nil {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        let token = env.makeToken()
        let expires = turn.now.addingTimeInterval(env.invitationLifetime)
        try turn.db.createInvitation(tokenHash: env.hashToken(token), role: role, departmentId: department,
                                     createdBy: actor.personId, at: turn.now, expiresAt: expires)
        try turn.db.appendJournal(.invite(role: role, department: department), actorId: actor.personId, at: turn.now)
        try turn.notice("invite.link", [
            "role": .text(turn.text(.role(role))),
            "department": .text(department.map(env.departmentName) ?? ""),
            "until": .text(turn.date(expires)),
            "link": .text(env.startLinks(token, first: turn.address?.messenger).joined(separator: "\n")),
        ])
    }

    func staff(_ turn: inout Turn) throws {
        let people = try turn.db.allPeople().filter(\.active)
        var lines = [turn.text("staff.header", ["count": .int(people.count)])]
        for role in Role.allCases {
            let holders = people.filter { $0.roles.contains(role) }
            guard !holders.isEmpty else { continue }
            lines.append("\n<b>" + RichText.escaping(turn.text(.roleList(role))) + "</b>")
            for p in holders {
                var line = "• " + RichText.escaping(p.name)
                if role == .executor, let d = p.departmentId { line += " — " + RichText.escaping(env.departmentName(d)) }
                if p.unreachable { line += " " + turn.text("staff.unreachable") }
                lines.append(line)
            }
        }
        try turn.reply(lines.joined(separator: "\n"))
    }

    func revokeMenu(_ turn: inout Turn) throws {
        let people = try turn.db.allPeople().filter { $0.active && $0.id != turn.actor?.personId }
        guard !people.isEmpty else {
            try turn.notice("revoke.nobody")
            return
        }
        try turn.reply(turn.text("revoke.choose"), buttons: people.prefix(50).map { [Button($0.name, .revoke(personId: $0.id))] })
    }

    func confirmRevoke(_ personId: Int64, _ turn: inout Turn) throws {
        guard let person = try turn.db.person(id: personId), person.active else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        try turn.reply(turn.text("revoke.confirm", ["name": .text(person.name)]), buttons: [[
            Button(turn.text("button.yes"), .confirmRevoke(personId: personId)),
            Button(turn.text("button.no"), .dismiss),
        ]])
    }

    /// Revoking: the person loses access; the cases they held go back to the specialists for routing.
    func revoke(_ personId: Int64, _ turn: inout Turn) throws {
        guard let actor = turn.actor, actor.has(.admin), let person = try turn.db.person(id: personId), person.active,
              personId != actor.personId else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        let held = try turn.db.cases(takenBy: personId).filter { [.routed, .drafting, .onApproval].contains($0.status) }
        try turn.db.revoke(personId: personId, at: turn.now)
        try turn.db.deleteSession(chatId: personId)
        try turn.db.appendJournal(.revoke(person: personId, name: person.name), actorId: actor.personId, at: turn.now)
        let reason = turn.text("revoke.reason", ["name": .text(person.name)])
        for c in held { try apply(.withdraw(reason: reason), to: c.id, &turn) }
        try turn.notice("revoke.done", ["name": .text(person.name), "count": .int(held.count)])
    }
}
