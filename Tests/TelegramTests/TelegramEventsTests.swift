import BotAPI
import Casework
import Foundation
import Messaging
import Testing
import Telegram

/// Telegram's updates, as Telegram sends them, read as the bot's events.
@Suite struct TelegramEventsTests {
    func inbound(_ json: String) throws -> InboundUpdate {
        TelegramEvents.inbound(try BotWire.makeDecoder().decode(Update.self, from: Data(json.utf8)))
    }

    @Test func aForwardedPhotoWithALinkBehindAWord() throws {
        let update = try inbound("""
            {"update_id": 650000001, "message": {"message_id": 12, "date": 1, "media_group_id": "alb1",
              "chat": {"id": 100001, "type": "private"}, "from": {"id": 100001, "is_bot": false, "first_name": "Анна", "last_name": "Иванова"},
              "forward_origin": {"type": "channel", "date": 1, "chat": {"id": -1001, "type": "channel", "title": "Новости", "username": "news"}, "message_id": 77},
              "photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90},
                        {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960}],
              "caption": "Яма тут", "caption_entities": [{"type": "text_link", "offset": 0, "length": 3, "url": "https://vk.com/wall-1_2"}],
              "reply_to_message": {"message_id": 9, "date": 1, "chat": {"id": 100001, "type": "private"}}}}
            """)
        #expect(update.receipt == 650000001 && update.chat == 100001)
        guard case let .message(m) = update.event else { Issue.record("\(update.event)"); return }
        #expect(m.isPrivate && m.from == InboundPerson(id: 100001, name: "Анна Иванова") && m.messageId == 12)
        #expect(m.text == "Яма тут" && m.links == ["https://vk.com/wall-1_2"])
        #expect(m.media == [MediaRef(kind: .photo, fileId: "large")] && m.albumId == "alb1" && m.replyTo == 9)
        #expect(m.forwardOrigin == .channel(chatID: -1001, username: "news", title: "Новости", messageID: 77))
    }

    @Test func aButtonPress() throws {
        let update = try inbound("""
            {"update_id": 7, "callback_query": {"id": "q1", "chat_instance": "c", "data": "take:5",
              "from": {"id": 200001, "is_bot": false, "first_name": "Пётр"},
              "message": {"message_id": 40, "date": 1, "chat": {"id": 200001, "type": "private"}}}}
            """)
        #expect(update.event == .press(ButtonPress(id: "q1", from: InboundPerson(id: 200001, name: "Пётр"), chat: 200001,
                                                    messageId: 40, payload: "take:5")))
    }

    @Test func blockingAndComingBackAndWhatTheBotIgnores() throws {
        func member(_ status: String) throws -> InboundUpdate {
            try inbound("""
                {"update_id": 8, "my_chat_member": {"chat": {"id": 300001, "type": "private"}, "date": 1,
                  "from": {"id": 300001, "is_bot": false, "first_name": "Мария"},
                  "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": true, "first_name": "Bot"}},
                  "new_chat_member": {"status": "\(status)", "user": {"id": 1, "is_bot": true, "first_name": "Bot"}}}}
                """)
        }
        #expect(try member("kicked").event == .reachability(person: 300001, reachable: false))
        #expect(try member("member").event == .reachability(person: 300001, reachable: true))
        let edited = try inbound("""
            {"update_id": 9, "edited_message": {"message_id": 3, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "x"}}
            """)
        #expect(edited.event == .ignored)
    }
}
