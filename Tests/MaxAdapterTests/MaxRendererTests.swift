import Casework
import Foundation
@testable import Max
import MaxAPI
import Messaging
import Testing

/// What the bot says, as MAX requests: the shapes MAX takes, within its limits.
@Suite struct MaxRendererTests {
    let renderer = MaxRenderer()

    func body(_ request: WireRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.parameters) as? [String: Any])
    }

    @Test func aTextGoesToThePersonInHTMLWithItsButtonsUnderTheLastPart() throws {
        let long = RichText(String(repeating: "Абзац о яме на дороге.\n\n", count: 300))
        let requests = try renderer.requests(for: .text(to: 42, long, buttons: [[Button(label: "Взять", payload: "tk:7")]]))
        #expect(requests.count > 1, "over 4,000 characters: several messages")
        #expect(requests.allSatisfy { $0.method == "POST /messages?user_id=42" && $0.messenger == .max && $0.chatId == 42 })
        for request in requests { #expect(RichText.visibleLength(try body(request)["text"] as? String ?? "") <= 4000) }
        let first = try body(requests[0]), last = try body(requests.last!)
        #expect(first["format"] as? String == "html" && first["attachments"] == nil)
        let keyboard = try #require((last["attachments"] as? [[String: Any]])?.first)
        #expect(keyboard["type"] as? String == "inline_keyboard")
        let buttons = try #require((keyboard["payload"] as? [String: Any])?["buttons"] as? [[[String: Any]]])
        #expect(buttons[0][0]["type"] as? String == "callback" && buttons[0][0]["payload"] as? String == "tk:7")
    }

    @Test func earlierMessagesAreNamedByTheBotsNumberUntilSent() throws {
        let edit = try #require(try renderer.requests(for: .edit(chat: 42, message: 9_007_199_254_740_993, "Готово")).first)
        #expect(edit.method == "PUT /messages?message_id=local%3A9007199254740993")
        #expect(try body(edit)["attachments"] as? [Any] != nil, "an edit without buttons takes the keyboard away")
        let reply = try #require(try renderer.requests(for: .text(to: 42, "Ответ", replyTo: 9_007_199_254_740_993)).first)
        #expect((try body(reply)["link"] as? [String: Any])?["mid"] as? String == "local:9007199254740993")
    }

    @Test func aSilentPressNeedsNoAnswerAndAToastIsANotification() throws {
        #expect(try renderer.requests(for: .answerPress(id: "cb1")).isEmpty)
        let toast = try #require(try renderer.requests(for: .answerPress(id: "cb1", text: "Уже взято")).first)
        #expect(toast.method == "POST /answers?callback_id=cb1" && toast.chatId == nil)
        #expect(try body(toast)["notification"] as? String == "Уже взято")
    }

    @Test func mediaGoByTheirTokensAFileAloneAReportAsAnUpload() throws {
        let media = try renderer.requests(for: .media(to: 42, [MediaRef(kind: .photo, fileId: "tok-p", messenger: .max),
                                                                MediaRef(kind: .document, fileId: "tok-d", messenger: .max)],
                                                       caption: "Фото"))
        #expect(media.count == 2, "a file must be alone in its message")
        let photo = try #require((try body(media[0])["attachments"] as? [[String: Any]])?.first)
        #expect(photo["type"] as? String == "image" && (photo["payload"] as? [String: Any])?["token"] as? String == "tok-p")
        let upload = FileUpload(partName: "report", filename: "otchet.xlsx", mimeType: "application/vnd.ms-excel", data: Data([1, 2]))
        let file = try #require(try renderer.requests(for: .file(to: 42, upload, caption: "Отчёт")).first)
        #expect(file.files == [upload])
        let attachment = try #require((try body(file)["attachments"] as? [[String: Any]])?.first)
        #expect((attachment["payload"] as? [String: Any])?["token"] as? String == "attach://report")
    }

    @Test func anotherMessengersPhotoIsAnUploadFetchedWhenSent() throws {
        let telegramPhoto = MediaRef(kind: .photo, fileId: "AgACAgIAAx", messenger: .telegram)
        let requests = try renderer.requests(for: .media(to: 42, [MediaRef(kind: .photo, fileId: "tok-p", messenger: .max), telegramPhoto]))
        #expect(requests.count == 1, "photos go together")
        let attachments = try #require(try body(requests[0])["attachments"] as? [[String: Any]])
        #expect(attachments.compactMap { ($0["payload"] as? [String: Any])?["token"] as? String } == ["tok-p", "attach://media0"])
        #expect(requests[0].files.map(\.fetchFrom) == [telegramPhoto])
        #expect(requests[0].files.first?.data.isEmpty == true, "the outbox keeps the reference, not the bytes")
    }

    @Test func buttonsMAXWouldRefuseAreRefusedHere() {
        #expect(throws: MaxRenderer.ButtonRefused.self) {
            try renderer.requests(for: .text(to: 1, "x", buttons: [[Button(label: "x", payload: String(repeating: "p", count: 1025))]]))
        }
        #expect(throws: MaxRenderer.ButtonRefused.self) {
            try renderer.requests(for: .text(to: 1, "x", buttons: [[Button(label: String(repeating: "л", count: 129), payload: "p")]]))
        }
    }
}

/// MAX's updates as the bot's events.
@Suite struct MaxEventsTests {
    func decode(_ json: String) throws -> Update { try MaxWire.decoder().decode(Update.self, from: Data(json.utf8)) }
    let numbers: (String) -> Int64 = { Int64($0.count) }

    @Test func aForwardBringsThePostFromItsLinkWithItsOrigin() throws {
        let update = try decode("""
            {"update_type":"message_created","timestamp":1775025604499,"message":{"recipient":{"chat_id":180000100001,"chat_type":"dialog"},
             "timestamp":1775025604499,"sender":{"user_id":100001,"first_name":"Анна","last_name":"Иванова","is_bot":false},
             "body":{"mid":"mid.own","seq":5,"text":"","attachments":[]},
             "link":{"type":"forward","chat_id":-70801090403050,"message":{"mid":"mid.post","seq":116327994376978687,
               "text":"Яма на Ленина https://vk.com/wall-1_2","attachments":[{"type":"image","payload":{"token":"tok1","url":"https://i.example/1"}}],
               "markup":[{"type":"link","from":0,"length":3,"url":"https://vk.com/wall-1_3"}]}}}}
            """)
        let inbound = try #require(MaxEvents.inbound(update, localId: numbers).first)
        #expect(inbound.messenger == .max)
        guard case let .message(m) = inbound.event else { Issue.record("not a message: \(inbound.event)"); return }
        #expect(m.isPrivate && m.from?.id == 100001 && m.from?.name == "Анна Иванова")
        #expect(m.text == "Яма на Ленина https://vk.com/wall-1_2")
        #expect(m.links == ["https://vk.com/wall-1_3", "https://vk.com/wall-1_2"])
        #expect(m.media == [MediaRef(kind: .photo, fileId: "tok1", messenger: .max, url: "https://i.example/1")])
        #expect(m.forwardOrigin == .maxChat(chatID: -70801090403050, messageID: 116327994376978687))
    }

    @Test func aStartWithAPayloadIsTheStartCommandAndAStopMakesThePersonUnreachable() throws {
        let started = try decode(#"{"update_type":"bot_started","timestamp":7,"chat_id":180000400001,"user":{"user_id":400001,"first_name":"О","is_bot":false},"payload":"TOKEN"}"#)
        let events = MaxEvents.inbound(started, localId: numbers)
        #expect(events.first?.event == .reachability(person: 400001, reachable: true), "starting again brings a stopped person back")
        guard case let .message(m)? = events.last?.event else { Issue.record("no message"); return }
        #expect(m.text == "/start TOKEN" && m.chat == 400001)
        let stopped = try decode(#"{"update_type":"bot_stopped","timestamp":8,"chat_id":180000400001,"user":{"user_id":400001,"first_name":"О","is_bot":false}}"#)
        #expect(MaxEvents.inbound(stopped, localId: numbers).map(\.event) == [.reachability(person: 400001, reachable: false)])
    }

    @Test func aPressNamesTheMessageByTheBotsNumberAndTheSameUpdateHasTheSameReceipt() throws {
        let json = #"{"update_type":"message_callback","timestamp":9,"callback":{"timestamp":9,"callback_id":"cb-1","payload":"tk:7","user":{"user_id":200001,"first_name":"П","is_bot":false}},"message":{"recipient":{"chat_id":180000200001,"chat_type":"dialog"},"timestamp":8,"sender":{"user_id":9000000001,"first_name":"Bot","is_bot":true},"body":{"mid":"mid.card","seq":3,"text":"Карточка"}}}"#
        let first = try #require(MaxEvents.inbound(try decode(json), localId: { $0 == "mid.card" ? 77 : 0 }).first)
        #expect(first.event == .press(ButtonPress(id: "cb-1", from: InboundPerson(id: 200001, name: "П"), chat: 200001, messageId: 77, payload: "tk:7")))
        #expect(MaxEvents.inbound(try decode(json), localId: numbers).first?.receipt == first.receipt)
        #expect(MaxEvents.inbound(try decode(json.replacingOccurrences(of: "cb-1", with: "cb-2")), localId: numbers).first?.receipt != first.receipt)
    }
}
