import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("Edits and callback answers")
struct EditAndCallbackTests {
    private func withMessage() async throws -> (Sandbox, TestBot, Message) {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        let reply = try await bot.call("sendMessage", ["chat_id": .id(alice), "text": "<b>Статус:</b> новое",
                                                       "parse_mode": "HTML",
                                                       "reply_markup": keyboard([[("Взять", "take:1")]])])
        return (sandbox, bot, try reply.decode(Message.self))
    }

    @Test("an edit changes what the person sees and keeps the history")
    func editHistory() async throws {
        let (sandbox, bot, message) = try await withMessage()
        let edited = try await bot.call(EditMessageText(chatId: alice, messageId: message.messageId,
                                                        text: "<b>Статус:</b> в работе",
                                                        replyMarkup: InlineKeyboardMarkup([[InlineKeyboardButton(text: "Ответить", callbackData: "answer:1")]])))
        #expect(edited.ok)
        let seen = try #require(await sandbox.sentMessage(in: alice, id: message.messageId))
        #expect(seen.text == "Статус: в работе")
        #expect(seen.buttonTexts == ["Ответить"])
        #expect(seen.history.map(\.text) == ["Статус: новое"])
        #expect(seen.message.editDate != nil)
        await sandbox.stop()
    }

    @Test("an edit without reply_markup removes the keyboard, as Telegram does")
    func editDropsKeyboard() async throws {
        let (sandbox, bot, message) = try await withMessage()
        #expect(try await bot.call("editMessageText", ["chat_id": .id(alice), "message_id": .id(message.messageId),
                                                       "text": "Закрыто"]).ok)
        #expect(await sandbox.sentMessage(in: alice, id: message.messageId)?.buttons.isEmpty == true)
        await sandbox.stop()
    }

    @Test("an edit that changes nothing is refused as not modified")
    func notModified() async throws {
        let (sandbox, bot, message) = try await withMessage()
        let same = try await bot.call("editMessageText", ["chat_id": .id(alice), "message_id": .id(message.messageId),
                                                          "text": "<b>Статус:</b> новое", "parse_mode": "HTML",
                                                          "reply_markup": keyboard([[("Взять", "take:1")]])])
        #expect(same.status == 400)
        #expect(same.description == "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
        let sameMarkup = try await bot.call("editMessageReplyMarkup", ["chat_id": .id(alice), "message_id": .id(message.messageId),
                                                                       "reply_markup": keyboard([[("Взять", "take:1")]])])
        #expect(sameMarkup.description?.hasPrefix("Bad Request: message is not modified") == true)
        // Same text but another format is a change.
        #expect(try await bot.call("editMessageText", ["chat_id": .id(alice), "message_id": .id(message.messageId),
                                                       "text": "<i>Статус:</i> новое", "parse_mode": "HTML",
                                                       "reply_markup": keyboard([[("Взять", "take:1")]])]).ok)
        await sandbox.stop()
    }

    @Test("edits of unknown messages and of people's messages are refused")
    func editRefusals() async throws {
        let (sandbox, bot, _) = try await withMessage()
        let unknown = try await bot.call("editMessageText", ["chat_id": .id(alice), "message_id": 9999, "text": "x"])
        #expect(unknown.description == "Bad Request: message to edit not found")
        let theirs = try await sandbox.sendText("моё", from: alice)
        let foreign = try await bot.call("editMessageText", ["chat_id": .id(alice), "message_id": .id(theirs.messageId), "text": "x"])
        #expect(foreign.description == "Bad Request: message can't be edited")
        let noChat = try await bot.call("editMessageText", ["chat_id": 12345, "message_id": 1, "text": "x"])
        #expect(noChat.description == "Bad Request: chat not found")
        await sandbox.stop()
    }

    @Test("pressing a button yields a callback_query with its data and the message as it is now")
    func pressButton() async throws {
        let (sandbox, bot, message) = try await withMessage()
        let query = try await sandbox.pressButton("Взять", by: alice)
        #expect(query.data == "take:1")
        let batch = try await bot.call("getUpdates").decode(UpdateBatch.self)
        guard case let .callbackQuery(received)? = batch.updates.last?.kind else { Issue.record("no callback"); return }
        #expect(received.id == query.id)
        #expect(received.data == "take:1")
        #expect(received.from.id == alice)
        #expect(received.message?.message.messageId == message.messageId)
        #expect(received.message?.message.text == "Статус: новое")
        #expect(received.message?.message.replyMarkup?.inlineKeyboard.first?.first?.callbackData == "take:1")
        await #expect(throws: SandboxError.noSuchButton("\"Нет такой\"")) { try await sandbox.pressButton("Нет такой", by: alice) }
        await sandbox.stop()
    }

    @Test("a callback query is answered once; unknown or repeated answers are refused")
    func answerOnce() async throws {
        let (sandbox, bot, message) = try await withMessage()
        let query = try await sandbox.pressButton(data: "take:1", by: alice)
        #expect(try await bot.call(AnswerCallbackQuery(callbackQueryId: query.id, text: "Взято", showAlert: true)).ok)
        let again = try await bot.call(AnswerCallbackQuery(callbackQueryId: query.id))
        #expect(again.status == 400)
        #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
        #expect(try await bot.call(AnswerCallbackQuery(callbackQueryId: "123")).status == 400)
        #expect(await sandbox.callbackAnswers == [CallbackAnswer(queryId: query.id, data: "take:1", text: "Взято",
                                                                  showAlert: true, url: nil)])
        // A forged query with data the bot never offered still reaches the bot.
        let forged = try await sandbox.sendCallback(data: "admin:delete-all", by: alice, messageId: message.messageId)
        #expect(forged.data == "admin:delete-all")
        await sandbox.stop()
    }
}
