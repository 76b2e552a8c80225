import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import OtklikApp
import OtklikTesting
import Sandbox
@testable import Store
import Testing

/// Hostile and extreme input against the whole bot: floods, huge batches, odd text, forged buttons,
/// update ids that go backwards. Nothing here may crash a handler, lose an update or slow others down.
@Suite(.serialized) struct HardeningTests {
    typealias H = BotHarness

    /// Waits (bounded) until every update the sandbox made is confirmed and `id` is handled.
    func waitUntilHandled(_ h: H, _ id: Int64, within limit: Duration = .seconds(60)) async throws {
        try await h.sandbox.waitUntilUpdatesConsumed(timeout: limit)
        let deadline = ContinuousClock.now + limit
        while try await !h.database.isHandled(updateId: id) {
            guard ContinuousClock.now < deadline else { throw Stage.Failure("update \(id) was not handled in time") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func failedUpdates(_ h: H) async throws -> [FailedUpdate] { try await h.database.failedUpdates() }

    @Test func aStrangersFloodGetsOneAnswerAMinuteAndDoesNotHoldUpASpecialist() async throws {
        try await withStage { h in
            let stranger: Int64 = 999_002
            _ = await h.sandbox.addUser(id: stranger, firstName: "Флудер")
            let flood = try #require(try await h.sandbox.injectTexts(count: 10_000, from: [stranger]) { "спам \($0)" })
            // The specialist's post comes after the whole flood in the queue and still becomes a card.
            let before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text("Яма на ул. Ленина, 5"), origin: .hiddenUser(date: 1, senderUserName: "А"),
                                            from: H.specialist)
            try await waitUntilHandled(h, try #require(await h.sandbox.lastUpdateId))
            h.clock.advance(by: 2)
            let card = try await h.nextMessage(in: H.specialist, after: before, timeout: .seconds(30))
            #expect(card.has(.cancelIntake(caseId: 1)))
            #expect(await h.messages(stranger).count == 1, "one answer for 10,000 messages within the same minute")
            #expect(try await h.database.isHandled(updateId: flood.upperBound))
            // A minute later the next message gets the hint once more; the rest of that minute's burst does not.
            h.clock.advance(by: 61)
            let more = try #require(try await h.sandbox.injectTexts(count: 100, from: [stranger]))
            try await waitUntilHandled(h, more.upperBound)
            try await h.waitForStore()
            #expect(await h.messages(stranger).count == 2)
            #expect(try await failedUpdates(h).isEmpty)
        }
    }

    @Test func twoHundredPostsForwardedAtOnceAllBecomeCases() async throws {
        try await withStage { h in
            let before = await h.messages(H.specialist).count
            let texts = (1...200).map { "Пост \($0): на ул. Мира, \($0) не горит фонарь у подъезда" }
            for (i, text) in texts.enumerated() {
                _ = try await h.sandbox.forward(.text(text), origin: .hiddenUser(date: 1, senderUserName: "Житель \(i)"),
                                                from: H.specialist)
            }
            let card = try await h.settle(H.specialist, after: before)
            #expect((card.text ?? "").utf16.count <= 4096)
            #expect(card.has(.splitIntake(caseId: 1)), "the batch is one case that can be split: \(card.callbackData)")
            let cards = await h.messages(H.specialist).count
            try await h.pressAndWait(.splitIntake(caseId: 1), by: H.specialist)
            #expect(try await h.database.caseCount() == 201)
            var stored: [String] = []
            for id in Int64(2)...201 { stored.append(try await h.database.post(caseId: id)?.text ?? "") }
            #expect(stored == texts, "every post is its own case, in the order forwarded")
            _ = try await h.sandbox.waitForSentMessages(in: H.specialist, count: cards + 200, timeout: .seconds(30))
            #expect(try await failedUpdates(h).isEmpty)
        }
    }

    @Test func theLongestAndStrangestTextsArriveIntact() async throws {
        try await withStage { h in
            // 4096 UTF-16 units, Telegram's maximum: emoji with joiners and skin tones, RTL with overrides,
            // zero-width characters, combining marks, a link in the middle.
            let pieces = ["👩🏽‍🚒", "שלום", "\u{202E}مرحبا\u{202C}", "я\u{200B}м\u{200D}а", "e\u{301}\u{302}\u{303}", "\u{FEFF}",
                          "ул. Ленина", " https://vk.com/wall-1_2 ", "<b>&amp;</b>", "\u{7F}\u{1F}"]
            var text = "Жалоба: "
            var i = 0
            while text.utf16.count + pieces[i % pieces.count].utf16.count <= 4096 { text += pieces[i % pieces.count]; i += 1 }
            // A thousand nested and overlapping entities, some pointing outside the text.
            var entities: [MessageEntity] = (0..<1000).map { k in
                MessageEntity(type: ["bold", "italic", "url", "text_link", "spoiler"][k % 5], offset: k % 300,
                              length: 4096 - k, url: k % 5 == 3 ? "https://ok.ru/video/\(k)" : nil)
            }
            entities.append(MessageEntity(type: "url", offset: Int.max, length: 1))
            var before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text(text, entities: entities), origin: .hiddenUser(date: 1, senderUserName: "Ж"),
                                            from: H.specialist)
            let card = try await h.settle(H.specialist, after: before)
            #expect(card.has(.cancelIntake(caseId: 1)))
            let stored = try await h.database.post(caseId: 1)?.text ?? ""
            #expect(stored == text, "stored exactly as written: \(Array(stored.unicodeScalars).count) vs \(Array(text.unicodeScalars).count) scalars; differs at \(zip(stored.unicodeScalars, text.unicodeScalars).enumerated().first { $0.element.0 != $0.element.1 }.map { "\($0.offset): \($0.element.0.value) vs \($0.element.1.value)" } ?? "the end")")

            // An album of ten photos (Telegram's maximum) plus stray items claiming the same group.
            before = await h.messages(H.specialist).count
            let album: [PersonContent] = (0..<10).map { .photo(caption: $0 == 0 ? "Двор ул. Мира, 3 🏚️\u{200F}" : nil, data: Data([UInt8($0)])) }
            _ = try await h.sandbox.sendAlbum(album, from: H.specialist)
            _ = try await h.settle(H.specialist, after: before)
            #expect(try await h.database.post(caseId: 2)?.media.count == 10)
            #expect(try await failedUpdates(h).isEmpty)
        }
    }

    @Test func forgedAndReplayedButtonsAreRefusedAndAnswered() async throws {
        try await withStage { h in
            let card = try await h.forwardPost("На ул. Ленина, 5 огромная яма на дороге. https://vk.com/wall-123_456")
            let route = try #require(card.action { if case .route(_, "roads") = $0 { true } else { false } })
            let caseId = try #require(route.caseId)
            try await h.pressAndWait(route, by: H.specialist)
            let roadsCards = await h.messages(H.roads).count
            let stranger: Int64 = 999_003
            _ = await h.sandbox.addUser(id: stranger, firstName: "Чужой")
            let forged: [(String, Int64)] = [
                (CallbackAction.take(caseId: caseId).encoded, H.housing),           // another department's case
                (CallbackAction.decline(caseId: caseId).encoded, H.housing),
                (route.encoded, H.specialist),                                      // replayed: already routed there
                (route.encoded, H.specialist),
                (CallbackAction.take(caseId: caseId).encoded, stranger),            // not staff at all
                (CallbackAction.showCase(caseId: 999_999).encoded, H.roads),        // no such case
                (CallbackAction.approve(caseId: Int64.max, version: Int.max).encoded, H.specialist),
                ("rt:\(caseId):../../etc", H.specialist), ("tk:-1", H.roads), ("tk:\(caseId):extra", H.roads),
                ("ap:\(caseId):99999999999999999999", H.specialist), ("\u{202E}tk:\(caseId)", H.roads), ("", H.roads),
            ]
            for (data, person) in forged {
                let answers = await h.sandbox.callbackAnswers.count
                _ = try await h.sandbox.sendCallback(data: data, by: person, messageId: card.messageId, in: H.specialist)
                _ = try await h.sandbox.waitForCallbackAnswers(count: answers + 1)
            }
            try await h.waitForStore()
            let c = try #require(try await h.storedCase(caseId))
            #expect(c.status == .routed && c.departmentId == "roads" && c.takenBy == nil)
            #expect(await h.messages(H.roads).count == roadsCards, "a replayed routing sends no second card")
            #expect(await h.messages(stranger).count <= 1)
            #expect(try await failedUpdates(h).isEmpty, "every forged button is refused, none makes a handler fail")
        }
    }

    /// After a week without updates Telegram picks new ids at random, so they may be lower than — or
    /// equal to — ids handled long ago. Those updates are new and must be handled, not skipped.
    @Test func updateIdsThatGoBackwardsAfterAWeekOfSilenceAreHandled() async throws {
        try await withStage { h in
            try await h.say("/help", from: H.specialist)
            try await h.say("/cases", from: H.specialist)
            let old = try #require(await h.sandbox.lastUpdateId)
            await h.stopService()
            h.clock.advance(by: 8 * 86_400)
            let chat = Chat(id: H.specialist, type: "private", firstName: "Иванова")
            let user = User(id: H.specialist, firstName: "Иванова")
            for (id, text) in [(old, "/help"), (old - 1, "/cases"), (3, "/help")] {
                let update = Update(updateId: id, kind: .message(Message(messageId: 10_000 + id, from: user,
                                                                          date: 1_796_700_000, chat: chat, text: text)))
                _ = await h.sandbox.injectRaw(json: String(decoding: try BotWire.makeEncoder().encode(update), as: UTF8.self))
            }
            let before = await h.messages(H.specialist).count
            try await h.startService()
            _ = try await h.sandbox.waitForSentMessages(in: H.specialist, count: before + 3, timeout: .seconds(20))
            for id in [old, old - 1, 3] { #expect(try await h.database.isHandled(updateId: id)) }
            #expect(try await failedUpdates(h).isEmpty)
        }
    }
}
