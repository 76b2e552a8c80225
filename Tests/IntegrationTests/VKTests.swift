import Casework
import Conversation
import Engine
import Foundation
import Messaging
import OtklikApp
import Settings
@testable import Store
import Testing
import VKSandbox

/// VK end to end: a shared link becomes a case with the real post, and an approved answer appears
/// under it as the community's comment, once, with each refusal's way round — the whole bot on the
/// Telegram sandbox beside the VK sandbox, over loopback through libcurl.
@Suite(.serialized) struct VKTests {
    typealias H = BotHarness

    static let community: Int64 = 777      // «Подслушано Славгород», where the complaint is
    static let resident: Int64 = 5001       // Иван Петров, who complained

    /// The Telegram stage with a running VK sandbox: a community post and a resident's comment under it.
    func withVKStage<T>(_ body: (Stage, VKSandbox, (post: Int64, comment: Int64)) async throws -> T) async throws -> T {
        try await scoped({
            let stage = try await Stage(configPath: H.repo.appendingPathComponent("Config/otklik.yaml").path, people: H.people,
                                        start: H.start, withVK: true)
            try await stage.startService()
            return stage
        }, stop: { await $0.stop() }) { stage in
            let vk = try #require(stage.vk)
            await vk.addUser(id: Self.resident, firstName: "Иван", lastName: "Петров", screenName: "ivan_petrov")
            await vk.addCommunity(id: Self.community, name: "Подслушано Славгород", screenName: "slav_podslushano")
            let post = try await vk.addPost(ownerId: -Self.community, text: "Что у вас во дворах? Пишите в комментариях.",
                                            fromId: -Self.community)
            let comment = try await vk.addComment(ownerId: -Self.community, postId: post, fromId: Self.resident,
                                                  text: "Когда уже заделают яму на Ленина, 5? На дороге огромная яма, машины бьют колёса!")
            return try await body(stage, vk, (post, comment))
        }
    }

    /// The specialist shares the link alone; the card comes once VK has been read.
    func share(_ link: String, _ h: Stage) async throws -> ChatMessage {
        let before = await h.chat(H.specialist).count
        try await h.send(link, from: H.specialist)
        _ = try await h.settleChat(H.specialist, after: before)
        // The card, not a late notice about an earlier case.
        let isCard: @Sendable (ChatMessage) -> Bool = { $0.callbackData.contains { $0.hasPrefix("rt:") || $0.hasPrefix("ad:") } }
        #expect(try await eventually { await h.chat(H.specialist).dropFirst(before).contains(where: isCard) })
        return try #require(await h.chat(H.specialist).dropFirst(before).last(where: isCard))
    }

    /// Routes to roads, drafts (with a photo), approves: the case is approved and its publish message is there.
    func approvedAnswer(_ h: Stage, card: ChatMessage, text: String, photo: Bool = false) async throws -> (Int64, ChatMessage) {
        let route = try #require(card.action { if case .route(_, "roads") = $0 { true } else { false } },
                                 "routing read the comment's text: \(card.callbackData)")
        let caseId = try #require(route.caseId)
        try await h.pressAndWait(route, by: H.specialist)
        try await approve(h, caseId, .final, text, version: 1, photo: photo)
        let message = try #require(await h.chat(H.specialist).last { $0.has(.markPublished(caseId: caseId)) })
        return (caseId, message)
    }

    /// Roads writes a draft of `kind` (with a photo), sends it, and the specialist approves `version`.
    func approve(_ h: Stage, _ caseId: Int64, _ kind: DraftKind, _ text: String, version: Int, photo: Bool = false) async throws {
        try await h.pressAndWait(.startDraft(caseId: caseId, kind: kind), by: H.roads)
        let before = await h.chat(H.roads).count
        try await h.send(text, from: H.roads)
        if photo { try await h.sendPhoto(from: H.roads) }
        _ = try await h.settleChat(H.roads, after: before)
        try await h.pressAndWait(.sendDraft(caseId: caseId), by: H.roads)
        try await h.pressAndWait(.approve(caseId: caseId, version: version), by: H.specialist)
        _ = try await h.waitForCase(caseId) { $0.status == .approved }
    }

    @Test func aSharedCommentBecomesACaseAndTheAnswerAppearsUnderItOnce() async throws {
        try await withVKStage { h, vk, ids in
            let link = "https://m.vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)"
            let card = try await share(link, h)
            // The card shows the comment itself and its author, not the bare link.
            #expect(card.text?.contains("Когда уже заделают яму на Ленина") == true, "\(card.text ?? "")")
            #expect(card.text?.contains("Иван Петров") == true)
            #expect(card.links.contains("https://vk.com/ivan_petrov"))
            let (caseId, approved) = try await approvedAnswer(h, card: card, text: "Яма на ул. Ленина, 5 заделана 30 ноября.", photo: true)
            let stored = try #require(try await h.database.read { db in try db.storedCase(id: caseId) })
            #expect(stored.post.authorKey == "vk:\(Self.resident)" && stored.post.vkRead?.post?.threadRootId == ids.comment)

            let publish = CallbackAction.publishToVK(caseId: caseId, version: 1, withoutLinks: false)
            #expect(approved.has(publish), "«Опубликовать в VK» beside the manual buttons")
            try await h.pressAndWait(publish, by: H.specialist)
            let closed = try await h.waitForCase(caseId) { $0.status == .closed }

            let created = await vk.createdComments
            #expect(created.count == 1)
            let comment = try #require(created.first)
            #expect(comment.fromId == -vk.config.communityId && comment.text == "Яма на ул. Ленина, 5 заделана 30 ноября.")
            #expect(comment.replyToComment == ids.comment && comment.threadRoot == ids.comment)
            #expect(comment.attachments.count == 1 && comment.attachments.first?.hasPrefix("photo-\(vk.config.communityId)_") == true,
                    "the executor's photo went up with the editor's key: \(comment.attachments)")
            let expectedLink = "https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(comment.id)&thread=\(ids.comment)"
            #expect(closed.closure == .answered && closed.publishedLink == expectedLink)
            let journal = try await h.database.read { db in try db.journal(caseId: caseId).map(\.action) }
            #expect(journal.suffix(2) == [.markPublished(link: expectedLink), .publishedOnVK(link: expectedLink, approvedBy: H.specialist)])
            #expect(try await eventually { await h.chat(H.specialist).contains { $0.text?.contains("опубликован во VK") == true } })
            // A second press finds nothing to publish.
            _ = try await h.sendPress(payload: publish.encoded, by: H.specialist, on: approved.id, of: H.specialist)
            try await h.waitForStore()
            #expect(await vk.createdComments.count == 1)
        }
    }

    @Test func anAnswerLostAfterVKTookItIsFoundNotRepeated() async throws {
        try await withVKStage { h, vk, ids in
            let card = try await share("vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)", h)
            let (caseId, _) = try await approvedAnswer(h, card: card, text: "Заявка передана подрядчику, яму заделают до 5 декабря.")
            await vk.dropAfterCommit(method: "wall.createComment")
            try await h.pressAndWait(.publishToVK(caseId: caseId, version: 1, withoutLinks: false), by: H.specialist)
            // VK made the comment but its answer was lost: the publisher waits, then looks before trying again.
            #expect(try await eventually { await vk.requests("wall.createComment").count == 1 })
            let tried = try await h.database.read { db in try db.latestVKPublication(caseId: caseId) }
            #expect(tried?.attempts == 1 && tried?.outcome == nil)
            h.clock.advance(by: 11)
            _ = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(await vk.createdComments.count == 1, "published once")
            #expect(await vk.requests("wall.createComment").count == 1, "found, not sent again")
        }
    }

    @Test func theServiceKilledMidPublicationPublishesOnceAfterTheRestart() async throws {
        try await withVKStage { h, vk, ids in
            let card = try await share("https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)", h)
            let (caseId, _) = try await approvedAnswer(h, card: card, text: "Яму заделают до 5 декабря.")
            // VK takes the comment in a second later; the service is stopped while it waits for the answer.
            await vk.delayNext(method: "wall.createComment", by: .seconds(1))
            try await h.pressAndWait(.publishToVK(caseId: caseId, version: 1, withoutLinks: false), by: H.specialist)
            #expect(try await eventually { (try? await h.database.read { db in try db.latestVKPublication(caseId: caseId) })??.attempts == 1 })
            await h.stopService()
            #expect(try await eventually { await vk.createdComments.count == 1 }, "VK published it meanwhile")
            try await h.startService()
            h.clock.advance(by: 11)
            _ = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(await vk.createdComments.count == 1, "once, though the service never heard VK's answer")
        }
    }

    @Test func everyRefusalHasItsWayRound() async throws {
        try await withVKStage { h, vk, ids in
            let link = "https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)"
            // 222: links are not allowed there; publishing without them is offered and works.
            var card = try await share(link, h)
            let (withLink, _) = try await approvedAnswer(h, card: card, text: "Подробности на https://slavgorod.ru/roads, яму заделаем.")
            try await h.pressAndWait(.publishToVK(caseId: withLink, version: 1, withoutLinks: false), by: H.specialist)
            let bare = CallbackAction.publishToVK(caseId: withLink, version: 1, withoutLinks: true)
            #expect(try await eventually { await h.chat(H.specialist).contains { $0.has(bare) } })
            let refusal = try #require(await h.chat(H.specialist).last { $0.has(bare) })
            #expect(refusal.text?.contains("не принимает ссылки") == true && refusal.has(.markPublished(caseId: withLink)))
            try await h.pressAndWait(bare, by: H.specialist)
            _ = try await h.waitForCase(withLink) { $0.status == .closed }
            #expect(await vk.createdComments.last?.text == "Подробности на, яму заделаем.")

            // 14: the captcha's picture comes to the specialist, whose answer goes back with the comment.
            card = try await share(link, h)
            let (captcha, _) = try await approvedAnswer(h, card: card, text: "Яму на Ленина заделают завтра.")
            await vk.captchaNext(method: "wall.createComment")
            try await h.pressAndWait(.publishToVK(caseId: captcha, version: 1, withoutLinks: false), by: H.specialist)
            let answer = CallbackAction.answerVKCaptcha(caseId: captcha)
            #expect(try await eventually { await h.chat(H.specialist).contains { $0.has(answer) } })
            let sid = try #require(await vk.openCaptchas.first)
            let picture = try #require(await h.chat(H.specialist).last { $0.text == nil || $0.text?.isEmpty == true }.map(\.id))
            #expect(await h.attachedFile(H.specialist, message: picture)?.data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a PNG")
            try await h.pressAndWait(answer, by: H.specialist)
            try await h.say(try #require(await vk.captchaKey(sid)), from: H.specialist)
            _ = try await h.waitForCase(captcha) { $0.status == .closed }

            // 213: comments closed; 9: flood control. Nothing is retried by itself; the manual buttons stay.
            // And the rest: too many replies, the daily limit, access denied, a key of the wrong kind.
            for (code, words) in [(213, "не пускает сообщество"), (9, "контроль флуда"), (223, "слишком много ответов"),
                                  (29, "Суточный лимит"), (15, "не пускает сообщество"), (27, "Ключ доступа VK не подходит")] {
                card = try await share(link, h)
                let (caseId, _) = try await approvedAnswer(h, card: card, text: "Ответ для проверки отказа \(code).")
                await vk.failNext(method: "wall.createComment", code: code)
                let sent = await vk.requests("wall.createComment").count
                try await h.pressAndWait(.publishToVK(caseId: caseId, version: 1, withoutLinks: false), by: H.specialist)
                #expect(try await eventually { await h.chat(H.specialist).contains { $0.text?.contains(words) == true } })
                h.clock.advance(by: 600)
                try await h.waitForTimers()
                #expect(await vk.requests("wall.createComment").count == sent + 1, "VK's \(code) is not retried by itself")
                #expect(try await h.storedCase(caseId)?.status == .approved)
                try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
                _ = try await h.waitForCase(caseId) { $0.status == .closed }
            }
        }
    }

    @Test func aPageSharedByItsScreenNameIsTheSameAuthorAsTheirComments() async throws {
        try await withVKStage { h, vk, ids in
            let first = try await share("https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)", h)
            let earlier = try #require(first.action { $0.caseId != nil }?.caseId)
            // The same resident, shared by their page's name with the text copied by hand.
            let card = try await share("Снова яма на Ленина, 5: на дороге огромная яма, машины бьют колёса! https://vk.com/ivan_petrov", h)
            let caseId = try #require(card.action { $0.caseId != nil }?.caseId)
            let stored = try await h.database.read { db in try db.storedCase(id: caseId) }
            #expect(stored?.post.authorKey == "vk:\(Self.resident)", "utils.resolveScreenName made the name an id")
            #expect(card.has(.markRepeat(caseId: caseId, earlierId: earlier)), "offered as a repeat of №\(earlier)")
            #expect(await vk.requests("utils.resolveScreenName").count == 1)
        }
    }

    @Test func tooManyRequestsWaitsAndTriesAgain() async throws {
        try await withVKStage { h, vk, ids in
            let card = try await share("https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)", h)
            let (caseId, _) = try await approvedAnswer(h, card: card, text: "Яму заделают до 5 декабря.")
            // Error 6 outlasts the client's own three retries: the publisher waits a few seconds, then publishes.
            await vk.failNext(method: "wall.createComment", code: 6, times: 4)
            try await h.pressAndWait(.publishToVK(caseId: caseId, version: 1, withoutLinks: false), by: H.specialist)
            #expect(try await eventually { await vk.requests("wall.createComment").count == 4 })
            #expect(try await h.storedCase(caseId)?.status == .approved)
            h.clock.advance(by: 6)
            _ = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(await vk.createdComments.count == 1)
        }
    }

    @Test func aDeletedPostOrASilentVKLeaveTheCardToTheMessage() async throws {
        try await withVKStage { h, vk, ids in
            let gone = try await vk.addPost(ownerId: -Self.community, text: "Удалённый пост", fromId: -Self.community)
            try await vk.deletePost(ownerId: -Self.community, postId: gone)
            var card = try await share("Смотрите https://vk.com/wall-\(Self.community)_\(gone) — яма на дороге", h)
            #expect(card.text?.contains("удалена или скрыта") == true, "\(card.text ?? "")")
            #expect(card.text?.contains("яма на дороге") == true, "the specialist's own words stay")

            await vk.failNext(method: "wall.getById", code: 10, times: 3)
            card = try await share("https://vk.com/wall-\(Self.community)_\(ids.post)", h)
            #expect(card.text?.contains("VK не ответил") == true, "\(card.text ?? "")")
            let caseId = try #require(card.action { if case .allDepartments = $0 { true } else { false } }?.caseId)
            let stored = try await h.database.read { db in try db.storedCase(id: caseId) }
            #expect(stored?.post.vkRead == .unavailable(reason: "VK error 10: Internal server error"))
        }
    }

    @Test func theAuthorsReplyToAClarificationReopensTheCaseAndALaterCommentIsOfferedAsARepeat() async throws {
        try await withVKStage { h, vk, ids in
            let card = try await share("https://vk.com/wall-\(Self.community)_\(ids.post)?reply=\(ids.comment)", h)
            let route = try #require(card.action { if case .route(_, "roads") = $0 { true } else { false } })
            let caseId = try #require(route.caseId)
            try await h.pressAndWait(route, by: H.specialist)
            // A clarification (§ 6), approved and published through the API.
            try await approve(h, caseId, .clarification, "Уточните, пожалуйста, номер подъезда.", version: 1)
            try await h.pressAndWait(.publishToVK(caseId: caseId, version: 1, withoutLinks: false), by: H.specialist)
            _ = try await h.waitForCase(caseId) { $0.status == .waitingForAuthor }
            let ours = try #require(await vk.createdComments.first)

            // Someone else answers first: not the author, nothing happens.
            await vk.addUser(id: 6001, firstName: "Сосед", lastName: "Сергеев")
            _ = try await vk.addComment(ownerId: -Self.community, postId: ids.post, fromId: 6001, text: "У третьего подъезда.",
                                        replyTo: ours.id)
            let before = await h.chat(H.roads).count
            let looked = h.clock.now().addingTimeInterval(301)
            try await h.advance(to: looked)
            // The watcher has looked (and set its next look) before the author writes.
            #expect(try await eventually {
                ((try? await h.database.read { db in try db.vkWatch(caseId: caseId) })??.nextAt ?? .distantPast) > looked
            })
            #expect(try await h.storedCase(caseId)?.status == .waitingForAuthor)
            // The author's answer lands in the root comment's thread; the watcher finds it at its next look.
            _ = try await vk.addComment(ownerId: -Self.community, postId: ids.post, fromId: Self.resident,
                                        text: "Подъезд 3, яма прямо у входа.", replyTo: ours.id)
            let answered = h.clock.now()
            try await h.advance(to: answered.addingTimeInterval(301))
            let reopened = try await h.waitForCase(caseId) { $0.status == .drafting }
            #expect(reopened.deadline.map { $0 > answered.addingTimeInterval(23 * 3600) } == true, "a new 24 hours (§ 6)")
            let roadsBefore = before
            #expect(try await eventually { await h.chat(H.roads).dropFirst(roadsBefore).contains { $0.text?.contains("Подъезд 3, яма прямо у входа") == true } })
            #expect(try await eventually { await h.chat(H.specialist).contains { $0.text?.contains("Автор ответил во VK") == true } })
            let journal = try await h.database.read { db in try db.journal(caseId: caseId).map(\.action) }
            #expect(journal.last == .attachAuthorReply(text: "Подъезд 3, яма прямо у входа."))

            // The final answer; then the author writes again under it: offered as a possible repeat.
            try await approve(h, caseId, .final, "Яму у подъезда 3 заделали.", version: 2)
            try await h.pressAndWait(.publishToVK(caseId: caseId, version: 2, withoutLinks: false), by: H.specialist)
            _ = try await h.waitForCase(caseId) { $0.status == .closed }
            let final = try #require(await vk.createdComments.last)
            let again = try await vk.addComment(ownerId: -Self.community, postId: ids.post, fromId: Self.resident,
                                                text: "Опять провалился асфальт у подъезда 3!", replyTo: final.id)
            try await h.advance(to: h.clock.now().addingTimeInterval(301))
            let open = CallbackAction.openVKComment(caseId: caseId, commentId: again)
            #expect(try await eventually { await h.chat(H.specialist).contains { $0.has(open) } })
            let count = await h.chat(H.specialist).count
            try await h.pressAndWait(open, by: H.specialist)
            let isRepeatCard: @Sendable (ChatMessage) -> Bool = { $0.has(.markRepeat(caseId: caseId + 1, earlierId: caseId)) }
            #expect(try await eventually { await h.chat(H.specialist).dropFirst(count).contains(where: isRepeatCard) },
                    "the comment, read from VK, comes as a new case offering №\(caseId) as the earlier one")
            let repeatCard = try #require(await h.chat(H.specialist).dropFirst(count).last(where: isRepeatCard))
            #expect(repeatCard.text?.contains("Опять провалился асфальт") == true)
        }
    }
}
