import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("Acting as people")
struct PeopleTests {
    private func updates(_ bot: TestBot) async throws -> [Update] {
        try await bot.call("getUpdates").decode(UpdateBatch.self).updates
    }

    @Test("a forwarded channel post arrives with forward_origin.channel and its entities")
    func forwardedChannelPost() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        let channel = Chat(id: -1_001_234_567_890, type: "channel", title: "Барнаул 22", username: "brn22")
        let text = "Когда починят дорогу? https://vk.com/wall-1_2"
        try await sandbox.forward(.text(text, entities: [MessageEntity(type: "url", offset: 22, length: 23)]),
                                  origin: .channel(date: 1_760_000_000, chat: channel, messageId: 4521, authorSignature: nil),
                                  from: alice)
        guard case let .message(message)? = try await updates(bot).first?.kind else { Issue.record("no message"); return }
        #expect(message.forwardOrigin == .channel(date: 1_760_000_000, chat: channel, messageId: 4521, authorSignature: nil))
        #expect(message.text == text)
        #expect(message.entities?.first?.type == "url")
        await sandbox.stop()
    }

    @Test("forwards from a hidden user and a photo post with a caption")
    func otherOrigins() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        try await sandbox.forward(.text("скрытый автор"), origin: .hiddenUser(date: 1, senderUserName: "Иван И."), from: alice)
        try await sandbox.forward(.photo(caption: "фото ямы"),
                                  origin: .user(date: 2, senderUser: User(id: 5, firstName: "Пётр")), from: alice)
        let received = try await updates(bot)
        guard case let .message(hidden) = received[0].kind, case let .message(photo) = received[1].kind else {
            Issue.record("no messages"); return
        }
        #expect(hidden.forwardOrigin == .hiddenUser(date: 1, senderUserName: "Иван И."))
        #expect(photo.caption == "фото ямы")
        #expect(photo.photo?.count == 2)
        await sandbox.stop()
    }

    @Test("an album arrives as one update per item with one media_group_id")
    func album() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        try await sandbox.sendAlbum([.photo(caption: "двор"), .photo(), .video()], from: alice)
        let received = try await updates(bot)
        let messages = received.compactMap { update -> Message? in
            if case let .message(m) = update.kind { return m } else { return nil }
        }
        #expect(received.count == 3)
        #expect(Set(messages.compactMap(\.mediaGroupId)).count == 1)
        #expect(messages.map { $0.video != nil } == [false, false, true])
        #expect(messages[0].caption == "двор")
        await sandbox.stop()
    }

    @Test("a reply to the bot's message carries reply_to_message")
    func replyToBot() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        let question = try await bot.call(SendMessage(chatId: alice, text: "Введите ответ",
                                                      replyMarkup: .forceReply(ForceReply()))).decode(Message.self)
        #expect(await sandbox.lastSentMessage(in: alice)?.forceReply == true)
        try await sandbox.reply(to: question.messageId, text: "Ответ заявителю", from: alice)
        guard case let .message(answer)? = try await updates(bot).last?.kind else { Issue.record("no reply"); return }
        #expect(answer.replyToMessage?.value.messageId == question.messageId)
        #expect(answer.replyToMessage?.value.from?.isBot == true)
        await sandbox.stop()
    }

    @Test("blocking the bot sends my_chat_member with status kicked")
    func blockUpdate() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        try await sandbox.block(alice)
        guard case let .myChatMember(change)? = try await updates(bot).first?.kind else { Issue.record("no update"); return }
        #expect(change.newChatMember.status == "kicked")
        #expect(change.oldChatMember.status == "member")
        await sandbox.stop()
    }

    @Test("raw injection: unknown update kinds and broken payloads reach the bot as they are")
    func rawInjection() async throws {
        let (sandbox, bot) = try await TestBot.start()
        let pollId = await sandbox.injectRaw(json: #"{"poll":{"id":"1","question":"?"}}"#)
        let brokenId = await sandbox.injectRaw(json: #"{"update_id":\#(pollId + 1),"message":{"chat":"oops"}}"#)
        let received = try await updates(bot)
        #expect(received.map(\.updateId) == [pollId, brokenId])
        guard case let .unknown(raw) = received[0].kind else { Issue.record("not unknown"); return }
        #expect(raw["poll"]?["question"] == .string("?"))
        guard case .unknown = received[1].kind else { Issue.record("broken payload decoded"); return }
        await sandbox.stop()
    }

    @Test("waitForSentMessages returns once the bot has answered")
    func waiting() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        async let sent = sandbox.waitForSentMessages(in: alice, count: 2, timeout: .seconds(30))
        _ = try await bot.call(SendMessage(chatId: alice, text: "1"))
        _ = try await bot.call(SendMessage(chatId: alice, text: "2"))
        #expect(try await sent.map(\.text) == ["1", "2"])
        await #expect(throws: SandboxError.timedOut("5 bot messages in chat \(alice)")) {
            try await sandbox.waitForSentMessages(in: alice, count: 5, timeout: .milliseconds(50))
        }
        await sandbox.stop()
    }

    @Test("people write with the sandbox clock's date")
    func clock() async throws {
        let (sandbox, _) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        await sandbox.setClock { Date(timeIntervalSince1970: 1_767_225_600) }
        #expect(try await sandbox.sendText("с Новым годом", from: alice).date == 1_767_225_600)
        await sandbox.stop()
    }
}
