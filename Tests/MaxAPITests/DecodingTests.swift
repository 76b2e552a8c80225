import Foundation
import MaxAPI
import Testing

@Suite("MAX models read what MAX sends")
struct DecodingTests {
    private func list(_ json: String) throws -> UpdateList {
        try MaxWire.decoder().decode(UpdateList.self, from: Data(json.utf8))
    }

    @Test("the [GO] message_created example: 64-bit seq, a forward with its content in link.message")
    func goExampleWithForward() throws {
        let page = try list("""
        {"updates":[{"update_type":"message_created","timestamp":1775025604499,"message":{"recipient":{"chat_id":-70801090403050,"chat_type":"chat"},"timestamp":1775053255737,"body":{"mid":"mid.ffffbdb4","seq":116327994376978687,"text":""},"sender":{"user_id":123456789,"first_name":"John","is_bot":false},"link":{"type":"forward","sender":{"user_id":42,"first_name":"Mayor","is_bot":false},"chat_id":-695695695695,"message":{"mid":"mid.sha-more","seq":116327994376978600,"text":"Яма на Ленина","attachments":[{"type":"image","payload":{"photo_id":7,"token":"tok","url":"https://i.oneme.ru/x"}}]}}}}],"marker":25493970}
        """)
        #expect(page.marker == 25_493_970)
        guard case let .messageCreated(created)? = page.updates.first else { Issue.record("not message_created"); return }
        #expect(created.timestamp == 1_775_025_604_499)
        #expect(created.message.body?.seq == 116_327_994_376_978_687)
        #expect(created.message.recipient.chatType == .chat)
        #expect(created.message.link?.type == .forward)
        #expect(created.message.link?.chatId == -695_695_695_695)
        #expect(created.message.content?.text == "Яма на Ленина")
        #expect(created.message.content?.attachments == [.image(ImagePayload(photoId: 7, token: "tok", url: "https://i.oneme.ru/x"))])
        #expect(page.updates.first?.receipt == "message:mid.ffffbdb4")
    }

    @Test("unknown and unreadable updates become .other without failing the batch")
    func unknownTypes() throws {
        let page = try list("""
        {"updates":[
          {"update_type":"dialog_muted","timestamp":1,"chat_id":5,"user":{"user_id":1,"first_name":"A","is_bot":false}},
          {"update_type":"message_callback","timestamp":2},
          {"update_type":"bot_started","timestamp":3,"chat_id":180000000001,"user":{"user_id":1,"first_name":"A","is_bot":false},"payload":"inv-42","user_locale":"ru"},
          42
        ],"marker":null}
        """)
        #expect(page.updates.count == 4)
        #expect(page.updates.map(\.type) == ["dialog_muted", "message_callback", "bot_started", ""])
        guard case .other = page.updates[1] else { Issue.record("a callback without its callback must be .other"); return }
        guard case let .botStarted(started) = page.updates[2] else { Issue.record("not bot_started"); return }
        #expect(started.payload == "inv-42")
        #expect(started.chatId == 180_000_000_001)
        #expect(page.marker == nil)
        #expect(page.updates[0].timestamp == 1)
        #expect(page.updates[0].receipt == nil)
    }

    @Test("a callback, a stop, an edit; receipts by callback_id and mid")
    func callbackStopEdit() throws {
        let page = try list("""
        {"updates":[
          {"update_type":"message_callback","timestamp":10,"callback":{"timestamp":10,"callback_id":"cb-1","payload":"approve:7","user":{"user_id":9,"first_name":"Ира","is_bot":false}},"message":null,"user_locale":"ru"},
          {"update_type":"bot_stopped","timestamp":11,"chat_id":77,"user":{"user_id":9,"first_name":"Ира","is_bot":false}},
          {"update_type":"message_edited","timestamp":12,"message":{"recipient":{"chat_id":77,"chat_type":"dialog"},"timestamp":5,"body":{"mid":"mid.1","seq":3,"text":"new"}}}
        ],"marker":8}
        """)
        guard case let .messageCallback(press) = page.updates[0] else { Issue.record("not a callback"); return }
        #expect(press.callback.payload == "approve:7")
        #expect(press.message == nil)
        #expect(page.updates[0].receipt == "callback:cb-1")
        guard case let .botStopped(stop) = page.updates[1] else { Issue.record("not bot_stopped"); return }
        #expect(stop.user.userId == 9)
        #expect(page.updates[2].receipt == "edited:mid.1:12")
    }

    @Test("links behind words come from link markup; file and keyboard attachments read; stickers stay unknown")
    func markupAndAttachments() throws {
        let body = try MaxWire.decoder().decode(MessageBody.self, from: Data("""
        {"mid":"mid.2","seq":1,"text":"см. тут и там","markup":[{"type":"link","from":10,"length":3,"url":"https://b.example"},{"type":"strong","from":0,"length":3},{"type":"link","from":5,"length":3,"url":"https://a.example"}],
         "attachments":[{"type":"file","payload":{"token":"f","url":"https://fd"},"filename":"act.pdf","size":1024},
                        {"type":"inline_keyboard","payload":{"buttons":[[{"type":"callback","text":"Да","payload":"y"},{"type":"link","text":"Сайт","url":"https://x"}]]}},
                        {"type":"sticker","payload":{"code":"abc"}}]}
        """.utf8))
        #expect(body.markupLinks == ["https://a.example", "https://b.example"])
        #expect(body.attachments?[0] == .file(MediaPayload(token: "f", url: "https://fd"), filename: "act.pdf", size: 1024))
        #expect(body.keyboard?.buttons.first?.map(\.text) == ["Да", "Сайт"])
        guard case let .unknown(type, raw)? = body.attachments?[2] else { Issue.record("sticker should be unknown"); return }
        #expect(type == "sticker")
        #expect(raw["payload"]?["code"]?.stringValue == "abc")
    }

    @Test("an update encodes back with its update_type")
    func roundTrip() throws {
        let update = Update.botStopped(BotStopped(timestamp: 5, chatId: 6, user: User(userId: 7, firstName: "A")))
        let data = try MaxWire.encoder().encode(update)
        #expect(String(decoding: data, as: UTF8.self).contains("\"update_type\":\"bot_stopped\""))
        #expect(try MaxWire.decoder().decode(Update.self, from: data) == update)
    }
}
