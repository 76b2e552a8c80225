import BotAPI
import Casework
import Conversation
import Foundation
import Sandbox
import Store
import Testing

/// Every path of a case's life, driven through the sandbox by simulated people.
@Suite(.serialized) struct CaseLifeTests {
    typealias H = BotHarness

    /// Forwards a post and routes it to roads; returns the case id.
    func openAndRoute(_ h: BotHarness, _ text: String = "На ул. Ленина, 5 огромная яма на дороге, машины бьют колёса. https://vk.com/wall-123_456") async throws -> Int64 {
        let card = try await h.forwardPost(text)
        let route = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first {
            if case .route(_, "roads") = $0 { true } else { false }
        }, "the card suggests the roads department first: \(card.callbackData)")
        let caseId = try #require(route.caseId)
        let before = await h.messages(H.roads).count
        try await h.pressAndWait(route, by: H.specialist)
        _ = try await h.nextMessage(in: H.roads, after: before)
        return caseId
    }

    /// The executor writes a draft of `kind` and sends it for approval.
    func draft(_ h: BotHarness, _ caseId: Int64, _ kind: DraftKind, _ text: String, by person: Int64 = H.roads,
               photo: Bool = false) async throws {
        try await h.pressAndWait(.startDraft(caseId: caseId, kind: kind), by: person)
        let before = await h.messages(person).count
        _ = try await h.sandbox.sendText(text, from: person)
        if photo { _ = try await h.sandbox.sendMedia(.photo(caption: nil, data: Data([1, 2, 3])), from: person) }
        let preview = try await h.settle(person, after: before)
        #expect(preview.has(.sendDraft(caseId: caseId)), "the preview offers sending for approval")
        try await h.pressAndWait(.sendDraft(caseId: caseId), by: person)
    }

    @Test func happyPathFromForwardToPublication() async throws {
        let h = try await H.running()
        defer { Task { await h.stop() } }
        let caseId = try await openAndRoute(h)

        // The specialist's card shows the case; the executor's card carries the answer buttons.
        let executorCard = try #require(await h.messages(H.roads).first { $0.has(.startDraft(caseId: caseId, kind: .final)) })
        #expect(executorCard.text?.contains("№\(caseId)") == true)
        #expect(executorCard.text?.contains("https://vk.com/wall-123_456") == true || executorCard.entities.contains { $0.url == "https://vk.com/wall-123_456" })
        var c = try await h.waitForCase(caseId) { $0.status == .routed }
        #expect(c.deadline == H.start.addingTimeInterval(2 + 24 * 3600))

        try await draft(h, caseId, .final, "Яма на ул. Ленина, 5 заделана 30 ноября. Спасибо за сигнал!", photo: true)
        c = try await h.waitForCase(caseId) { $0.status == .onApproval }
        #expect(c.draft?.media.count == 1)
        let approval = try #require(await h.messages(H.specialist).last { $0.has(.approve(caseId: caseId, version: 1)) })
        #expect(approval.text?.contains("заделана") == true)

        try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: H.specialist)
        c = try await h.waitForCase(caseId) { $0.status == .approved }
        let clean = try #require(await h.messages(H.specialist).last { $0.has(.markPublished(caseId: caseId)) })
        #expect(clean.text == "Яма на ул. Ленина, 5 заделана 30 ноября. Спасибо за сигнал!")

        try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
        c = try await h.waitForCase(caseId) { $0.status == .closed }
        #expect(c.closure == .answered)
        // The executor's card was edited in place: no buttons are left on a closed case.
        try await Task.sleep(for: .milliseconds(200))
        let card = try #require(await h.sandbox.sentMessage(in: H.roads, id: executorCard.messageId))
        #expect(card.isEdited)
        #expect(card.callbackData.isEmpty)
        let journal = try await h.database.read { db in try db.journal(caseId: caseId).map(\.action) }
        #expect(journal == ["open", "route", "take", "submit_draft", "approve", "mark_published"])
    }
}
