import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import Messaging
import OtklikApp
import Sandbox
@testable import Store
import Testing

/// Invitations, strangers, staff — on Telegram and on MAX alike.
@Suite(.serialized) struct PeopleTests {
    typealias H = BotHarness

    @Test(arguments: Messenger.allCases) func anInvitationLinkAddsAnExecutorOnceAndRevocationSendsTheirCasesBack(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            try await h.say("/invite", from: H.specialist)
            try await h.pressAndWait(.inviteRole(role: .executor), by: H.specialist)
            try await h.pressAndWait(.inviteDepartment(departmentId: "roads"), by: H.specialist)
            let linkMessage = try #require(await h.chat(H.specialist).last)
            let text = linkMessage.text ?? ""
            let entityURLs = linkMessage.links
            let link = try #require((entityURLs + text.split(whereSeparator: { $0.isWhitespace || $0 == "\n" }).map(String.init))
                .first { $0.contains("?start=") }, "the admin gets a deep link: \(text)")
            let token = String(try #require(link.split(separator: "=").last))
            #expect(token.count >= 22, "128 random bits")
            // Only the hash is stored.
            let stored = try await h.database.read { db in try db.openInvitations(at: H.start) }
            #expect(stored.count == 1)
            #expect(!stored[0].tokenHash.isEmpty && String(decoding: stored[0].tokenHash, as: UTF8.self) != token)

            let newcomer: Int64 = 777001
            await h.addPerson(newcomer, firstName: "Новиков", lastName: "Иван")
            try await h.startBot(payload: token, from: newcomer)
            try await h.waitForStore()
            let newcomerId = H.person(newcomer, on: h)
            let actor = try await h.database.read { db in try db.actor(personId: newcomerId) }
            #expect(actor?.roles == [.executor])
            #expect(actor?.departmentId == "roads")
            // The link works once.
            let other: Int64 = 777002
            await h.addPerson(other, firstName: "Чужой", lastName: nil)
            try await h.startBot(payload: token, from: other)
            try await h.waitForStore()
            let otherId = H.person(other, on: h)
            #expect(try await h.database.read { db in try db.actor(personId: otherId) } == nil)
            #expect(await h.chat(other).count == 1)

            // The newcomer takes a case; revoking them sends it back to the specialists.
            let card = try await h.forwardPost("Яма на дороге у дома 7 по ул. Гагарина", photos: 0, from: H.specialist)
            let caseId = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first?.caseId)
            try await h.pressAndWait(.route(caseId: caseId, departmentId: "roads"), by: H.specialist)
            let newcomerCard = try #require(await h.chat(newcomer).first { $0.has(.startDraft(caseId: caseId, kind: .final)) })
            try await h.pressAndWait(.startDraft(caseId: caseId, kind: .final), by: newcomer)
            _ = try await h.waitForCase(caseId) { $0.takenBy == newcomerId }
            try await h.say("/revoke", from: H.specialist)
            try await h.pressAndWait(.revoke(personId: newcomerId), by: H.specialist)
            try await h.pressAndWait(.confirmRevoke(personId: newcomerId), by: H.specialist)
            let back = try await h.waitForCase(caseId) { $0.status == .intake }
            #expect(back.takenBy == nil)
            #expect(try await h.database.read { db in try db.actor(personId: newcomerId) } == nil)
            // The card lost its buttons; and a press from a client that still shows the old ones does nothing.
            #expect(await h.message(newcomer, id: newcomerCard.id)?.callbackData.isEmpty == true)
            _ = try await h.sendPress(payload: CallbackAction.startDraft(caseId: caseId, kind: .final).encoded, by: newcomer,
                                      on: newcomerCard.id, of: newcomer)
            #expect(try await h.storedCase(caseId)?.status == .intake)
        }
    }

    @Test(arguments: Messenger.allCases) func aStrangerLearnsOnlyThatAccessIsByInvitationAtMostOnceAMinute(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let stranger: Int64 = 999001
            await h.addPerson(stranger, firstName: "Незнакомец", lastName: nil)
            _ = try await h.forwardPost("Яма на ул. Ленина", photos: 0, from: H.specialist)
            for text in ["привет", "/case 1", "/cases", "/start", "/start forged-token"] {
                try await h.send(text, from: stranger)
            }
            try await h.waitForStore()
            let told = await h.chat(stranger)
            #expect(told.count == 2, "one hint, and one answer to the forged invitation: \(told.map(\.text))")
            #expect(!told.contains { ($0.text ?? "").contains("Ленина") })
            h.clock.advance(by: 61)
            try await h.send("ау", from: stranger)
            try await h.waitForStore()
            #expect(await h.chat(stranger).count == 3)
        }
    }

    @Test(arguments: Messenger.allCases) func staffListAndCommandsShowWhatEachRoleMaySee(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            try await h.say("/staff", from: H.head)
            let staff = try #require(await h.chat(H.head).last?.text)
            #expect(staff.contains("Петров Пётр") && staff.contains("Сидорова Мария"))
            let before = await h.chat(H.roads).count
            try await h.say("/staff", from: H.roads)
            #expect(await h.chat(H.roads).count == before + 1)
            #expect(!(await h.chat(H.roads).last?.text ?? "").contains("Сидорова"))
        }
    }
}

/// Telegram's own: per-person command menus, and a block the bot learns of only from a refused message
/// (MAX always tells the bot: `MaxTests`).
@Suite(.serialized) struct UnreachableTests {
    typealias H = BotHarness

    @Test func eachPersonsCommandMenuFitsTheirRoles() async throws {
        try await withStage { h in
            // The menus are published at start, one person after another.
            let deadline = ContinuousClock.now + .seconds(30)
            while await h.sandbox.commands(scope: .chat(H.head)) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let specialist = await h.sandbox.commands(scope: .chat(H.specialist))?.map(\.command) ?? []
            let executor = await h.sandbox.commands(scope: .chat(H.roads))?.map(\.command) ?? []
            #expect(specialist.contains("new") && specialist.contains("invite"))
            #expect(!executor.contains("new") && !executor.contains("invite") && executor.contains("cases"))
            #expect(await h.sandbox.commands(scope: .default)?.map(\.command) == ["start", "help"])
        }
    }


    @Test func aPersonWhoBlockedTheBotIsSkippedAndTheAdminIsToldOnce() async throws {
        try await withStage { h in
            // Blocked without the bot noticing (no my_chat_member): the first refused send reveals it.
            try await h.sandbox.block(H.roads, notify: false)
            let admin = await h.messages(H.specialist).count
            for text in ["Яма на дороге у дома 1 по ул. Мира", "Яма на дороге у дома 2 по ул. Мира"] {
                let card = try await h.forwardPost(text)
                let id = try #require(card.action { $0.caseId != nil }?.caseId)
                try await h.pressAndWait(.route(caseId: id, departmentId: "roads"), by: H.specialist)
            }
            try await h.waitForStore()
            #expect(try await h.database.read { db in try db.person(id: H.roads)?.unreachable } == true)
            let told = await h.messages(H.specialist).dropFirst(admin).compactMap(\.text).filter { $0.contains("Петров Пётр") && $0.contains("⚠️") }
            #expect(told.count == 1)
            // The colleague in the same department still gets the cases.
            #expect(await h.messages(H.roads2).count >= 2)
        }
    }
}
