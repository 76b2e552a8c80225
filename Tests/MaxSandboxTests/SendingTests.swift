import CurlTransport
import Foundation
import MaxAPI
import MaxSandbox
import Messaging
import Testing

@Suite("MAX sandbox: sending, limits, uploads, edits, answers, stops", .timeLimit(.minutes(1)))
struct SendingTests {
    @Test("a message with HTML and a keyboard is read back as the person sees it")
    func sendAndReadBack() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let body = NewMessageBody(text: "<b>Заявка №7</b> принята &amp; <blink>ждёт</blink>",
                                  attachments: [.inlineKeyboard([[.callback("Принять", payload: "take:7"), .callback("Отклонить", payload: "drop:7")]])],
                                  format: .html)
        let mids = try await h.client.send(try MaxCall.send(to: .user(alice), body).wireRequest())
        let sent = try #require(await h.sandbox.lastSentMessage(to: alice))
        #expect(mids == [sent.mid])
        #expect(sent.mid.hasPrefix("mid."))
        #expect(sent.text == "Заявка №7 принята & ждёт")
        #expect(sent.message.body?.markup == [MarkupElement(type: .strong, from: 0, length: 9)])
        #expect(sent.strippedTags == ["blink", "blink"])
        #expect(sent.buttons.map { $0.map(\.payload) } == [["take:7", "drop:7"]])
        #expect(sent.message.recipient.userId == alice)
        #expect(sent.message.recipient.chatId == (await h.sandbox.dialogId(of: alice)))
        #expect(sent.message.recipient.chatId != alice)
        await h.stop()
    }

    @Test("text over 4000 characters, a payload over 1024 and a button text over 128 are refused with 400")
    func lengthRefusals() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        func send(_ body: NewMessageBody) async -> MaxAPIError? {
            await failure { try await h.client.send(try MaxCall.send(to: .user(alice), body).wireRequest()) }
        }
        #expect(await send(NewMessageBody(text: String(repeating: "я", count: 4000))) == nil)
        let long = await send(NewMessageBody(text: String(repeating: "я", count: 4001)))
        #expect(long == .badRequest(code: "proto.payload", message: "text: length must be at most 4000"))
        #expect(long?.isTransient == false)
        let keyboard = { (text: String, payload: String) in
            NewMessageBody(text: "x", attachments: [.inlineKeyboard([[.callback(text, payload: payload)]])])
        }
        #expect(await send(keyboard("ok", String(repeating: "p", count: 1024))) == nil)
        #expect(await send(keyboard("ok", String(repeating: "p", count: 1025)))
            == .badRequest(code: "proto.payload", message: "button.payload: length must be at most 1024"))
        #expect(await send(keyboard(String(repeating: "т", count: 129), "p"))
            == .badRequest(code: "proto.payload", message: "button.text: length must be between 1 and 128"))
        #expect(await send(keyboard("", "p")) != nil)
        #expect(await h.sandbox.sentMessages(to: alice).count == 2)
        await h.stop()
    }

    @Test("a photo is uploaded, refused once as attachment.not.ready, and sent after a 1 s wait")
    func uploadAndNotReady() async throws {
        let h = try await MaxHarness.start(attachmentReadyDelay: 5)
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let photo = FileUpload(partName: "p0", filename: "pit.jpg", mimeType: "image/jpeg", data: Data([0xFF, 0xD8, 1, 2, 3]))
        let body = NewMessageBody(text: "Фото", attachments: [.upload(.image, partName: "p0")])
        let mids = try await h.client.send(try MaxCall.send(to: .user(alice), body).wireRequest(files: [photo]))
        #expect(h.waits.all == [.seconds(1)])
        let sent = try #require(await h.sandbox.lastSentMessage(to: alice))
        #expect(mids == [sent.mid])
        #expect(sent.uploads.map(\.data) == [photo.data])
        #expect(sent.uploads.first?.filename == "pit.jpg")
        guard case let .image(payload)? = sent.media.first else { Issue.record("no image attached"); return }
        #expect(payload.token == sent.uploads.first?.token)
        let codes = await h.sandbox.requests.map(\.code)
        #expect(codes.filter { $0 == "attachment.not.ready" }.count == 1)
        await h.stop()
    }

    @Test("a video's token comes with the upload URL; a file goes alone")
    func videoAndFile() async throws {
        let h = try await MaxHarness.start(attachmentReadyDelay: 0)
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let video = FileUpload(partName: "v", filename: "clip.mp4", mimeType: "video/mp4", data: Data(repeating: 7, count: 2048))
        _ = try await h.client.send(try MaxCall.send(to: .user(alice), NewMessageBody(attachments: [.upload(.video, partName: "v")]))
            .wireRequest(files: [video]))
        #expect(await h.sandbox.lastSentMessage(to: alice)?.uploads.map(\.type) == [.video])
        let file = FileUpload(partName: "r", filename: "report.xlsx", mimeType: "application/octet-stream", data: Data([1]))
        _ = try await h.client.send(try MaxCall.send(to: .user(alice), NewMessageBody(text: "Отчёт", attachments: [.upload(.file, partName: "r")]))
            .wireRequest(files: [file]))
        let sent = try #require(await h.sandbox.lastSentMessage(to: alice))
        guard case let .file(_, filename, size)? = sent.media.first else { Issue.record("no file attached"); return }
        #expect(filename == "report.xlsx")
        #expect(size == 1)
        #expect(h.waits.all.isEmpty)
        await h.stop()
    }

    @Test("an edit replaces the text and keeps the keyboard; after 7 days only keyboard messages can be edited")
    func edits() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let plain = try await h.client.send(try MaxCall.send(to: .user(alice), NewMessageBody(text: "старый")).wireRequest())[0]
        let keyed = try await h.client.send(try MaxCall.send(to: .user(alice), NewMessageBody(
            text: "с кнопкой", attachments: [.inlineKeyboard([[.callback("Да", payload: "y")]])])).wireRequest())[0]
        let edited = try await h.client.send(try MaxCall.edit(mid: plain, chat: alice, NewMessageBody(text: "новый")).wireRequest())
        #expect(edited == [plain])
        let messages = await h.sandbox.sentMessages(to: alice)
        #expect(messages[0].text == "новый")
        #expect(messages[0].history.map { $0.body?.text } == ["старый"])

        h.clock.advance(8 * 24 * 3600)
        let late = await failure { try await h.client.send(try MaxCall.edit(mid: plain, chat: alice, NewMessageBody(text: "поздно")).wireRequest()) }
        #expect(late == .badRequest(code: "message.edit.expired", message: "Message is too old to be edited"))
        _ = try await h.client.send(try MaxCall.edit(mid: keyed, chat: alice, NewMessageBody(text: "решено")).wireRequest())
        let keyedNow = try #require(await h.sandbox.sentMessages(to: alice).last)
        #expect(keyedNow.text == "решено")
        #expect(keyedNow.buttonTexts == ["Да"]) // attachments left out are kept
        await h.stop()
    }

    @Test("a press arrives as message_callback; the answer notifies and replaces the message")
    func pressAndAnswer() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        _ = try await h.client.send(try MaxCall.send(to: .user(alice), NewMessageBody(
            text: "Принять?", attachments: [.inlineKeyboard([[.callback("Принять", payload: "take:7")]])])).wireRequest())
        try await h.sandbox.press("Принять", by: alice)
        let page = try await h.client.updates(marker: nil, timeout: 0)
        guard case let .messageCallback(press)? = page.updates.last else { Issue.record("no callback"); return }
        #expect(press.callback.payload == "take:7")
        #expect(press.callback.user.userId == alice)
        #expect(press.message?.body?.text == "Принять?")

        let answer = CallbackAnswer(message: NewMessageBody(text: "Принято", attachments: []), notification: "Готово")
        #expect(try await h.client.send(try MaxCall.answer(callbackId: press.callback.callbackId, answer).wireRequest()).isEmpty)
        let answers = await h.sandbox.callbackAnswers
        #expect(answers.map(\.notification) == ["Готово"])
        #expect(answers.first?.payload == "take:7")
        let message = try #require(await h.sandbox.lastSentMessage(to: alice))
        #expect(message.text == "Принято")
        #expect(message.buttons.isEmpty)
        let unknown = await failure { try await h.client.send(try MaxCall.answer(callbackId: "nope", CallbackAnswer(notification: "x")).wireRequest()) }
        guard case .notFound? = unknown else { Issue.record("expected 404, got \(String(describing: unknown))"); return }
        await h.stop()
    }

    @Test("a stop brings bot_stopped and 403 chat.denied; a start with a payload brings bot_started and sends work again")
    func stopAndStart() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса", started: false)
        let send = {
            try MaxCall.send(to: .user(alice), NewMessageBody(text: "Здравствуйте")).wireRequest()
        }
        let first = await failure { try await h.client.send(try send()) }
        #expect(first?.isChatDenied == true)

        try await h.sandbox.startBot(by: alice, payload: "invite-abc")
        _ = try await h.client.send(try send())
        try await h.sandbox.stopBot(by: alice)
        let refused = await failure { try await h.client.send(try send()) }
        #expect(refused == .forbidden(code: "chat.denied", message: "The user has stopped the bot"))
        #expect(refused?.isTransient == false)

        let page = try await h.client.updates(marker: nil, timeout: 0)
        #expect(page.updates.map(\.type) == ["bot_started", "bot_stopped"])
        guard case let .botStarted(started)? = page.updates.first else { Issue.record("no bot_started"); return }
        #expect(started.payload == "invite-abc")
        #expect(started.user.userId == alice)
        await h.stop()
    }

    @Test("a forwarded post arrives in link.message with an empty body; links behind words come as markup")
    func forwardArrives() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let mayor = User(userId: 42, firstName: "Мэрия")
        try await h.sandbox.forward(text: "Отключение воды", images: [Data([1]), Data([2])],
                                    markup: [MarkupElement(type: .link, from: 0, length: 10, url: "https://city.example/water")],
                                    originalSender: mayor, originalChat: -695_695_695_695, from: alice)
        let page = try await h.client.updates(marker: nil, timeout: 0)
        guard case let .messageCreated(created)? = page.updates.first else { Issue.record("no message"); return }
        #expect(created.message.body?.text == "")
        #expect(created.message.body?.attachments == [])
        #expect(created.message.link?.type == .forward)
        #expect(created.message.link?.sender?.userId == 42)
        #expect(created.message.content?.text == "Отключение воды")
        #expect(created.message.content?.attachments?.count == 2)
        #expect(created.message.content?.markupLinks == ["https://city.example/water"])
        await h.stop()
    }

    @Test("the command menu: PATCH /me sets up to 32 commands, GET /me shows them")
    func commands() async throws {
        let h = try await MaxHarness.start()
        _ = try await h.client.send(try MaxCall.setCommands([BotCommand(name: "help", description: "Справка")]).wireRequest())
        #expect(try await h.client.me().commands == [BotCommand(name: "help", description: "Справка")])
        let many = (0..<33).map { BotCommand(name: "c\($0)", description: nil) }
        let refused = await failure { try await h.client.send(try MaxCall.setCommands(many).wireRequest()) }
        guard case .badRequest? = refused else { Issue.record("expected 400, got \(String(describing: refused))"); return }
        #expect(await h.sandbox.botCommands?.count == 1)
        await h.stop()
    }
}
