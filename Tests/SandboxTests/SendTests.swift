import BotAPI
import Foundation
import Messaging
import Sandbox
import Testing

@Suite("Sending: what Telegram accepts and what it refuses")
struct SendTests {
    private func started() async throws -> (Sandbox, TestBot) {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        return (sandbox, bot)
    }

    @Test("sendMessage stores the visible text with entities and answers the Message")
    func sendMessage() async throws {
        let (sandbox, bot) = try await started()
        let keyboardJSON = keyboard([[("Принять", "take:17")], [("Отклонить", "drop:17")]])
        let reply = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "  <b>Пост №17</b>\n",
                                                       "parse_mode": "HTML", "reply_markup": keyboardJSON])
        #expect(reply.status == 200)
        let message = try reply.decode(Message.self)
        #expect(message.text == "Пост №17")
        #expect(message.entities == [MessageEntity(type: "bold", offset: 0, length: 8)])
        #expect(message.from?.isBot == true)
        let sent = try #require(await sandbox.lastSentMessage(in: alice))
        #expect(sent.messageId == message.messageId)
        #expect(sent.source == "  <b>Пост №17</b>\n")
        #expect(sent.parseMode == "HTML")
        #expect(sent.buttons.map { $0.map(\.callbackData) } == [["take:17"], ["drop:17"]])
        await sandbox.stop()
    }

    @Test("a typed BotAPI call with reply_to fills reply_to_message")
    func replyTo() async throws {
        let (sandbox, bot) = try await started()
        let question = try await sandbox.sendText("вопрос", from: alice)
        let reply = try await bot.call(SendMessage(chatId: alice, text: "ответ", replyTo: question.messageId))
        #expect(try reply.decode(Message.self).replyToMessage?.value.text == "вопрос")
        #expect(await sandbox.lastSentMessage(in: alice)?.replyToMessageId == question.messageId)
        let missing = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "x",
                                                         "reply_parameters": ["message_id": 999]])
        #expect(missing.description == "Bad Request: message to be replied not found")
        await sandbox.stop()
    }

    @Test("text limits apply to the visible text after entity parsing")
    func textLimits() async throws {
        let (sandbox, bot) = try await started()
        let visible4096 = "<b>" + String(repeating: "я", count: 4096) + "</b>"
        #expect(try await bot.call("sendMessage", ["chat_id": .id(alice), "text": .string(visible4096),
                                                   "parse_mode": "HTML"]).ok)
        let tooLong = try await bot.call("sendMessage", ["chat_id": .id(alice),
                                                         "text": .string(String(repeating: "я", count: 4097))])
        #expect(tooLong.status == 400)
        #expect(tooLong.description == "Bad Request: message is too long")
        // 2,049 emoji are 4,098 UTF-16 units: too long although only 2,049 characters.
        #expect(try await bot.call("sendMessage", ["chat_id": .id(alice),
                                                   "text": .string(String(repeating: "😀", count: 2049))]).description
                == "Bad Request: message is too long")
        for empty in ["", "   \n", "<b> </b>"] {
            let reply = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": .string(empty), "parse_mode": "HTML"])
            #expect(reply.description == "Bad Request: message text is empty", "\(empty)")
        }
        await sandbox.stop()
    }

    @Test("HTML that Telegram cannot parse is refused with its description")
    func htmlRefused() async throws {
        let (sandbox, bot) = try await started()
        let reply = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "Срок <3 дней", "parse_mode": "HTML"])
        #expect(reply.status == 400)
        #expect(reply.description == "Bad Request: can't parse entities: Unsupported start tag \"3\" at byte offset 9")
        #expect(await sandbox.sentMessages(in: alice).isEmpty)
        await sandbox.stop()
    }

    @Test("keyboard refusals: callback data size, text-only buttons, too many buttons")
    func keyboardRefusals() async throws {
        let (sandbox, bot) = try await started()
        func send(_ markup: JSONValue) async throws -> TestBot.Reply {
            try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "x", "reply_markup": markup])
        }
        #expect(try await send(keyboard([[("a", String(repeating: "d", count: 64))]])).ok)
        #expect(try await send(keyboard([[("a", String(repeating: "d", count: 65))]])).description == "Bad Request: BUTTON_DATA_INVALID")
        #expect(try await send(keyboard([[("a", String(repeating: "ж", count: 33))]])).description == "Bad Request: BUTTON_DATA_INVALID")
        #expect(try await send(keyboard([[("a", "")]])).description == "Bad Request: BUTTON_DATA_INVALID")
        let textOnly: JSONValue = ["inline_keyboard": [[["text": "a"]]]]
        #expect(try await send(textOnly).description
                == "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
        let link: JSONValue = ["inline_keyboard": [[["text": "Госуслуги", "url": "https://www.gosuslugi.ru/"]]]]
        #expect(try await send(link).ok)
        let many = keyboard((0..<101).map { [("b\($0)", "d\($0)")] })
        #expect(try await send(many).description == "Bad Request: REPLY_MARKUP_TOO_LONG")
        await sandbox.stop()
    }

    @Test("unknown chats, people who never started the bot, and people who blocked it")
    func chatRefusals() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.addUser(id: bob, firstName: "Борис", startedBot: false)
        let unknown = try await bot.call("sendMessage", ["chat_id": 999_999, "text": "x"])
        #expect(unknown.status == 400)
        #expect(unknown.description == "Bad Request: chat not found")
        let notStarted = try await bot.call("sendMessage", ["chat_id": .id(bob), "text": "x"])
        #expect(notStarted.status == 403)
        #expect(notStarted.description == "Forbidden: bot can't initiate conversation with a user")
        try await sandbox.block(alice)
        let blocked = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "x"])
        #expect(blocked.status == 403)
        #expect(blocked.description == "Forbidden: bot was blocked by the user")
        try await sandbox.unblock(alice)
        #expect(try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "x"]).ok)
        await sandbox.stop()
    }

    @Test("media: uploads get file ids that can be sent again; unknown ids are refused")
    func media() async throws {
        let (sandbox, bot) = try await started()
        let upload = FileUpload(partName: "p", filename: "pothole.jpg", mimeType: "image/jpeg", data: Data([1, 2, 3]))
        let first = try await bot.call(SendPhoto(chatId: alice, photo: .upload(upload), caption: "<i>Яма</i>"))
        let photo = try first.decode(Message.self)
        #expect(photo.caption == "Яма")
        #expect(photo.captionEntities == [MessageEntity(type: "italic", offset: 0, length: 3)])
        let fileId = try #require(photo.photo?.last?.fileId)
        #expect(await sandbox.fileData(fileId) == Data([1, 2, 3]))
        #expect(try await bot.call(SendPhoto(chatId: alice, photo: .existing(fileId))).ok)
        let unknown = try await bot.call(SendPhoto(chatId: alice, photo: .existing("AgACnot-a-real-id")))
        #expect(unknown.description == "Bad Request: wrong file identifier/HTTP URL specified")
        let longCaption = try await bot.call(SendPhoto(chatId: alice, photo: .existing(fileId),
                                                       caption: String(repeating: "c", count: 1025)))
        #expect(longCaption.description == "Bad Request: message caption is too long")
        let doc = FileUpload(partName: "d", filename: "act.pdf", mimeType: "application/pdf", data: Data("%PDF".utf8))
        let document = try await bot.call(SendDocument(chatId: alice, document: .upload(doc))).decode(Message.self)
        #expect(document.document?.fileName == "act.pdf")
        #expect(await sandbox.lastSentMessage(in: alice)?.mediaKind == .document)
        await sandbox.stop()
    }

    @Test("albums: 2 to 10 items, documents not mixed with photos")
    func mediaGroups() async throws {
        let (sandbox, bot) = try await started()
        func part(_ n: Int) -> FileUpload {
            FileUpload(partName: "f\(n)", filename: "\(n).jpg", mimeType: "image/jpeg", data: Data([UInt8(n + 1)]))
        }
        let album = try await bot.call(SendMediaGroup(chatId: alice, media: (0..<3).map { .photo(.upload(part($0))) }))
        let messages = try album.decode([Message].self)
        #expect(messages.count == 3)
        #expect(Set(messages.compactMap(\.mediaGroupId)).count == 1)
        let one = try await bot.call(SendMediaGroup(chatId: alice, media: [.photo(.upload(part(0)))]))
        #expect(one.status == 400)
        #expect(one.description?.hasPrefix("Bad Request: wrong number of messages") == true)
        let eleven = try await bot.call(SendMediaGroup(chatId: alice, media: (0..<11).map { .photo(.upload(part($0))) }))
        #expect(eleven.description == "Bad Request: too many messages to send as an album")
        let mixed = try await bot.call(SendMediaGroup(chatId: alice, media: [.photo(.upload(part(0))),
                                                                             .document(.upload(part(1)))]))
        #expect(mixed.status == 400)
        #expect(await sandbox.sentMessages(in: alice).count == 3)
        await sandbox.stop()
    }

    @Test("copyMessage copies a person's post into another chat")
    func copyMessage() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.addUser(id: bob, firstName: "Борис")
        let post = try await sandbox.sendMedia(.photo(caption: "Яма у школы"), from: alice)
        let reply = try await bot.call(CopyMessage(chatId: bob, fromChatId: alice, messageId: post.messageId))
        let copied = try reply.decode(MessageId.self)
        let seen = try #require(await sandbox.sentMessage(in: bob, id: copied.messageId))
        #expect(seen.caption == "Яма у школы")
        #expect(seen.fileId == post.photo?.last?.fileId)
        let missing = try await bot.call(CopyMessage(chatId: bob, fromChatId: alice, messageId: 9999))
        #expect(missing.description == "Bad Request: message to copy not found")
        await sandbox.stop()
    }

    @Test("setMyCommands is kept per scope and readable by tests; getFile serves the bytes")
    func commandsAndFiles() async throws {
        let (sandbox, bot) = try await started()
        #expect(try await bot.call(SetMyCommands(commands: [BotCommand(command: "cases", description: "Мои обращения")],
                                                 scope: .chat(alice))).ok)
        #expect(await sandbox.commands(scope: .chat(alice)) == [BotCommand(command: "cases", description: "Мои обращения")])
        #expect(await sandbox.commands() == nil)
        let invalid = try await bot.call(SetMyCommands(commands: [BotCommand(command: "Bad-Name", description: "x")]))
        #expect(invalid.description == "Bad Request: BOT_COMMAND_INVALID")

        let doc = try await sandbox.sendMedia(.document(fileName: "жалоба.pdf", data: Data("%PDF-1.7".utf8)), from: alice)
        let file = try await bot.call(GetFile(fileId: doc.document!.fileId)).decode(File.self)
        let path = try #require(file.filePath)
        let download = try await bot.get(path: "/file/bot\(sandbox.token)/\(path)")
        #expect(download.status == 200)
        #expect(download.body == Data("%PDF-1.7".utf8))
        #expect(try await bot.call(GetFile(fileId: "nope")).description == "Bad Request: wrong file identifier/HTTP URL specified")
        await sandbox.stop()
    }
}
