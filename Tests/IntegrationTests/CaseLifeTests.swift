import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import Messaging
import OtklikApp
import Settings
@testable import Store
import Testing

/// Every path of a case's life, driven by simulated people — on Telegram and on MAX alike: each test
/// runs once per messenger, on that messenger's sandbox.
@Suite(.serialized) struct CaseLifeTests {
    typealias H = BotHarness

    /// Forwards a post and routes it to roads; returns the case id.
    func openAndRoute(_ h: any MessengerStage, _ text: String = "На ул. Ленина, 5 огромная яма на дороге, машины бьют колёса. https://vk.com/wall-123_456") async throws -> Int64 {
        let card = try await h.forwardPost(text, photos: 0, from: H.specialist)
        let route = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first {
            if case .route(_, "roads") = $0 { true } else { false }
        }, "the card suggests the roads department first: \(card.callbackData)")
        let caseId = try #require(route.caseId)
        let before = await h.chat(H.roads).count
        try await h.pressAndWait(route, by: H.specialist)
        _ = try await h.nextChatMessage(to: H.roads, after: before)
        return caseId
    }

    /// The executor writes a draft of `kind` and sends it for approval.
    func draft(_ h: any MessengerStage, _ caseId: Int64, _ kind: DraftKind, _ text: String, by person: Int64 = H.roads,
               photo: Bool = false) async throws {
        try await h.pressAndWait(.startDraft(caseId: caseId, kind: kind), by: person)
        let before = await h.chat(person).count
        try await h.send(text, from: person)
        if photo { try await h.sendPhoto(from: person) }
        let preview = try await h.settleChat(person, after: before)
        #expect(preview.has(.sendDraft(caseId: caseId)), "the preview offers sending for approval")
        try await h.pressAndWait(.sendDraft(caseId: caseId), by: person)
    }

    @Test(arguments: Messenger.allCases) func happyPathFromForwardToPublication(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)

            // The specialist's card shows the case; the executor's card carries the answer buttons.
            let executorCard = try #require(await h.chat(H.roads).first { $0.has(.startDraft(caseId: caseId, kind: .final)) })
            #expect(executorCard.text?.contains("№\(caseId)") == true)
            #expect(executorCard.text?.contains("https://vk.com/wall-123_456") == true || executorCard.links.contains("https://vk.com/wall-123_456"))
            var c = try await h.waitForCase(caseId) { $0.status == .routed }
            #expect(c.deadline == H.start.addingTimeInterval(2 + 24 * 3600))

            try await draft(h, caseId, .final, "Яма на ул. Ленина, 5 заделана 30 ноября. Спасибо за сигнал!", photo: true)
            c = try await h.waitForCase(caseId) { $0.status == .onApproval }
            #expect(c.draft?.media.count == 1)
            let approval = try #require(await h.chat(H.specialist).last { $0.has(.approve(caseId: caseId, version: 1)) })
            #expect(approval.text?.contains("заделана") == true)

            try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: H.specialist)
            c = try await h.waitForCase(caseId) { $0.status == .approved }
            let clean = try #require(await h.chat(H.specialist).last { $0.has(.markPublished(caseId: caseId)) })
            #expect(clean.text == "Яма на ул. Ленина, 5 заделана 30 ноября. Спасибо за сигнал!")

            try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
            c = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(c.closure == .answered)
            // The executor's card was edited in place: no buttons are left on a closed case.
            #expect(try await eventually { await h.message(H.roads, id: executorCard.id)?.isEdited == true })
            let card = try #require(await h.message(H.roads, id: executorCard.id))
            #expect(card.callbackData.isEmpty)
            let journal = try await h.database.read { db in try db.journal(caseId: caseId).map(\.action.name.rawValue) }
            #expect(journal == ["open", "route", "take", "submit_draft", "approve", "mark_published"])
        }
    }

    @Test(arguments: Messenger.allCases) func returnAndRedoBumpsTheVersionAndStalesTheOldButtons(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            try await draft(h, caseId, .final, "Яму заделаем.")
            _ = try await h.waitForCase(caseId) { $0.status == .onApproval }
            try await h.pressAndWait(.returnDraft(caseId: caseId, version: 1), by: H.specialist)
            let before = await h.chat(H.roads).count
            try await h.say("Укажите срок и приложите фото.", from: H.specialist)
            var c = try await h.waitForCase(caseId) { $0.status == .drafting }
            #expect(c.returnedCount == 1)
            #expect(c.deadline == H.start.addingTimeInterval(2 + 24 * 3600), "the executor's clock keeps running")
            let returned = try await h.nextChatMessage(to: H.roads, after: before)
            #expect(returned.has(.startDraft(caseId: caseId, kind: .final)))
            try await draft(h, caseId, .final, "Яму заделали 30 ноября, фото прилагаем.", photo: true)
            c = try await h.waitForCase(caseId) { $0.status == .onApproval && $0.draft?.version == 2 }
            // The first version's approve button is stale now.
            let toast = try await h.sendPress(payload: CallbackAction.approve(caseId: caseId, version: 1).encoded, by: H.specialist,
                                              on: try #require(await h.chat(H.specialist).last?.id), of: H.specialist)
            #expect(toast != nil, "the stale button says why nothing happened")
            #expect(try await h.storedCase(caseId)?.status == .onApproval)
            try await h.pressAndWait(.approve(caseId: caseId, version: 2), by: H.specialist)
            _ = try await h.waitForCase(caseId) { $0.status == .approved }
        }
    }

    @Test(arguments: Messenger.allCases) func interimThenFinalWithinSevenWorkingDays(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            try await draft(h, caseId, .interim, "Работы запланированы, сроки уточняем.")
            _ = try await h.waitForCase(caseId) { $0.status == .onApproval }
            try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: H.specialist)
            try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
            let c = try await h.waitForCase(caseId) { $0.status == .drafting && $0.deadlineKind == .finalAfterInterim }
            // Published on Monday 2026-11-30: the 7th working day after it is Wednesday 2026-12-09, 23:59:59 local.
            let expected = ISO8601DateFormatter().date(from: "2026-12-09T23:59:59+07:00")!
            #expect(c.deadline == expected)
            // No button offers a second interim any more; one pressed on an old client is refused.
            #expect(!(await h.chat(H.roads)).contains { $0.has(.startDraft(caseId: caseId, kind: .interim)) })
            let anyMessage = try #require(await h.chat(H.roads).last?.id)
            #expect(try await h.sendPress(payload: CallbackAction.startDraft(caseId: caseId, kind: .interim).encoded, by: H.roads,
                                          on: anyMessage, of: H.roads) != nil)
            try await draft(h, caseId, .final, "Яма заделана.")
            try await h.pressAndWait(.approve(caseId: caseId, version: 2), by: H.specialist)
            try await h.pressAndWait(.publishedWithLink(caseId: caseId), by: H.specialist)
            try await h.say("https://vk.com/wall-123_456?reply=789", from: H.specialist)
            let closed = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(closed.publishedLink == "https://vk.com/wall-123_456?reply=789")
        }
    }

    @Test(arguments: Messenger.allCases) func clarificationWaitsForTheAuthorsReplyAttachedToTheCard(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            try await draft(h, caseId, .clarification, "Уточните, пожалуйста, номер дома.")
            try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: H.specialist)
            try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
            var c = try await h.waitForCase(caseId) { $0.status == .waitingForAuthor }
            #expect(c.deadline == nil)
            // Two days later the author answers; the specialist forwards the answer as a reply to the card.
            h.clock.advance(by: 2 * 86400)
            let card = try #require(await h.chat(H.specialist).last { $0.has(.attachAuthorReply(caseId: caseId)) })
            try await h.reply(to: card.id, text: "Дом 5, подъезд 2", from: H.specialist)
            try await h.waitForStore()
            c = try await h.waitForCase(caseId) { $0.status == .drafting }
            #expect(c.deadline == h.clock.now().addingTimeInterval(24 * 3600).addingTimeInterval(0) || c.deadline! > H.start.addingTimeInterval(2 * 86400))
            let told = try #require(await h.chat(H.roads).last)
            #expect(told.has(.startDraft(caseId: caseId, kind: .final)))
        }
    }

    @Test(arguments: Messenger.allCases) func declineGoesBackToTheSpecialistAndReroutes(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            try await h.pressAndWait(.decline(caseId: caseId), by: H.roads)
            let before = await h.chat(H.specialist).count
            try await h.say("Это вопрос ЖКХ, не дорог.", from: H.roads)
            _ = try await h.waitForCase(caseId) { $0.status == .intake && $0.departmentId == nil }
            let prompt = try await h.nextChatMessage(to: H.specialist, after: before)
            #expect(prompt.has(.allDepartments(caseId: caseId, page: 0)))
            // The specialists hear the reason and who had the case.
            let roads = try #require(h.config.staff.departments.first { $0.id == "roads" }?.name)
            #expect(prompt.text?.contains("Причина: Это вопрос ЖКХ, не дорог.") == true && prompt.text?.contains(roads) == true,
                    "\(prompt.text ?? "")")
            let housingBefore = await h.chat(H.housing).count
            // Housing is not among the suggestions for a text about a road: it is on the list of all executors.
            #expect(!prompt.has(.route(caseId: caseId, departmentId: "housing")))
            try await h.pressAndWait(.allDepartments(caseId: caseId, page: 0), by: H.specialist)
            try await h.pressAndWait(.route(caseId: caseId, departmentId: "housing"), by: H.specialist)
            _ = try await h.waitForCase(caseId) { $0.status == .routed && $0.departmentId == "housing" }
            #expect(try await h.nextChatMessage(to: H.housing, after: housingBefore).has(.startDraft(caseId: caseId, kind: .final)))
        }
    }

    @Test(arguments: Messenger.allCases) func aRepeatIsDetectedLinkedAndRoutedToTheEarlierExecutor(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let first = try await openAndRoute(h)
            let card = try await h.forwardPost("Опять про яму на Ленина, 5 — так и не сделали! https://vk.com/wall-123_456", photos: 0,
                                               from: H.specialist)
            let repeatButton = CallbackAction.markRepeat(caseId: first + 1, earlierId: first)
            #expect(card.has(repeatButton), "the card proposes the earlier case: \(card.callbackData)")
            let before = await h.chat(H.roads).count
            try await h.pressAndWait(repeatButton, by: H.specialist)
            let c = try await h.waitForCase(first + 1) { $0.status == .routed }
            #expect(c.repeatOf == first)
            #expect(c.departmentId == "roads")
            // The executor sees the earlier history and the § 9 note.
            _ = try await h.nextChatMessage(to: H.roads, after: before + 1)
            let texts = await h.chat(H.roads).dropFirst(before).compactMap(\.text)
            #expect(texts.contains { $0.contains("№\(first)") })
            // The earlier case's timeline lists the repeat.
            try await h.say("/case \(first)", from: H.head)
            #expect((await h.chat(H.head).last?.text ?? "").contains("№\(first + 1)"))
        }
    }

    @Test(arguments: Messenger.allCases) func section11PostIsFlaggedAndClosedWithoutAnswer(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let card = try await h.forwardPost("Глава, я тебя найду и убью, понял?", photos: 0, from: H.specialist)
            let action = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first {
                if case .rejectSection11 = $0 { true } else { false }
            })
            let caseId = try #require(action.caseId)
            let post = try await h.database.read { db in try db.post(caseId: caseId) }
            #expect(post?.screening == .threat)
            try await h.pressAndWait(action, by: H.specialist)
            try await h.pressAndWait(.confirmRejectSection11(caseId: caseId), by: H.specialist)
            let c = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(c.closure == .rejectedSection11)
            #expect(await h.chat(H.roads).isEmpty, "nobody is asked to answer")
        }
    }

    /// A threat is a security matter too: the head is alerted at once with the words, the link and
    /// the case; the specialist clears a false alarm with one button, and the journal keeps both.
    @Test(arguments: Messenger.allCases) func aThreatAlertsTheHeadAndTheSpecialistCanClearIt(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let before = await h.chat(H.head).count
            let card = try await h.forwardPost("Опять не вывезли мусор на Садовой. Директору УК я сверну шею, пусть только выйдет. https://vk.com/wall-123_777",
                                               photos: 0, from: H.specialist)
            let caseId = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first { $0.caseId != nil }?.caseId)
            let alert = try await h.nextChatMessage(to: H.head, after: before)
            let text = alert.text ?? ""
            #expect(text.contains("№\(caseId)") && text.contains("сверну шею") && text.contains("https://vk.com/wall-123_777"))
            #expect(alert.has(.showCase(caseId: caseId)), "the alert opens the case")
            let note = try #require(await h.chat(H.specialist).last { $0.has(.clearThreatAlarm(caseId: caseId)) })
            #expect((note.text ?? "").contains("Руководитель уведомлён"))

            let told = await h.chat(H.head).count
            try await h.pressAndWait(.clearThreatAlarm(caseId: caseId), by: H.specialist)
            let cleared = try await h.nextChatMessage(to: H.head, after: told)
            #expect((cleared.text ?? "").contains("снята") && (cleared.text ?? "").contains("Иванова Анна"))
            let journal = try await h.database.read { db in try db.journal(caseId: caseId) }.map(\.action)
            #expect(journal.contains(.threatAlert(inDraft: false)) && journal.last == .clearThreatAlarm)
            #expect(!(await h.chat(H.specialist)).contains { $0.has(.clearThreatAlarm(caseId: caseId)) }, "the button is used up")
            // A clean post alerts no one.
            _ = try await h.forwardPost("На ул. Мира, 3 не горит фонарь у подъезда.", photos: 0, from: H.specialist)
            #expect(await h.chat(H.head).count == told + 1)
        }
    }

    /// A threat in an executor's draft is refused (§ 11 applies to answers) and alerts the heads once,
    /// however often the draft is sent again; the specialists may clear it.
    @Test(arguments: Messenger.allCases) func aThreatInADraftAlertsTheHeadOnce(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            let before = await h.chat(H.head).count
            try await draft(h, caseId, .final, "Автору поста: ещё раз напишешь — найду и сверну тебе шею.")
            let alert = try await h.nextChatMessage(to: H.head, after: before)
            #expect((alert.text ?? "").contains("№\(caseId)") && (alert.text ?? "").contains("в проекте ответа"))
            #expect(try await h.storedCase(caseId)?.status != .onApproval, "the draft is refused")
            #expect(await h.chat(H.specialist).contains { $0.has(.clearThreatAlarm(caseId: caseId)) })
            try await h.pressAndWait(.sendDraft(caseId: caseId), by: H.roads)
            try await h.waitForStore()
            #expect(await h.chat(H.head).count == before + 1, "one alarm until it is cleared")
        }
    }

    @Test(arguments: Messenger.allCases) func anAlbumAndABatchOfForwardsEachBecomeOneCase(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            _ = try await h.forwardPost("Сугробы во дворе ул. Мира, 3", photos: 3, from: H.specialist)
            #expect(try await h.database.read { db in try db.caseCount() } == 1)
            let album = try #require(try await h.database.read { db in try db.post(caseId: 1) })
            #expect(album.media.count == 3)

            let card = try await h.forwardPosts(["Пост 1: нет света в подъезде", "Пост 2: не вывозят мусор"], from: H.specialist)
            #expect(try await h.database.read { db in try db.caseCount() } == 2)
            #expect(card.has(.splitIntake(caseId: 2)))
            try await h.pressAndWait(.splitIntake(caseId: 2), by: H.specialist)
            #expect(try await h.database.read { db in try db.caseCount() } == 4)
            #expect(try await h.storedCase(2)?.closure == .cancelled)
            #expect(try await h.database.read { db in try db.post(caseId: 4)?.text } == "Пост 2: не вывозят мусор")
        }
    }

    @Test(arguments: Messenger.allCases) func twoExecutorsPressingAtOnceOneTakesTheCase(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            let toasts = try await h.pressTogether([(.startDraft(caseId: caseId, kind: .final), H.roads),
                                                    (.startDraft(caseId: caseId, kind: .final), H.roads2)])
            let c = try await h.waitForCase(caseId) { $0.takenBy != nil }
            #expect(c.takenBy == H.person(H.roads, on: h))
            #expect(toasts.contains { $0 != nil }, "the second gets told who took it")
        }
    }

    @Test(arguments: Messenger.allCases) func forgedAndStaleButtonsChangeNothing(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await openAndRoute(h)
            let message = try #require(await h.chat(H.roads).last?.id)
            for (data, person) in [(CallbackAction.startDraft(caseId: caseId, kind: .final).encoded, H.housing),
                                   (CallbackAction.approve(caseId: caseId, version: 1).encoded, H.roads),
                                   ("ap:\(caseId):x", H.specialist), ("garbage", H.head),
                                   (CallbackAction.route(caseId: caseId, departmentId: "housing").encoded, H.roads)] {
                _ = try await h.sendPress(payload: data, by: person, on: message, of: H.roads)
            }
            try await h.waitForStore()
            let c = try #require(try await h.storedCase(caseId))
            #expect(c.status == .routed && c.departmentId == "roads" && c.takenBy == nil)
        }
    }
}
