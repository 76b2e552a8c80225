import Foundation
import Testing
@testable import BotAPI

/// Inputs the fuzzer (Fuzz/UpdateDecoder.swift) or a review of it turned up: each once hung, trapped
/// or lost an update id.
@Suite struct HostileUpdateTests {
    private func batch(_ result: [UInt8]) throws -> [Update] {
        let body = Data(#"{"ok":true,"result":"#.utf8) + Data(result) + Data("}".utf8)
        return try BotWire.decode(UpdateBatch.self, status: 200, body: body).updates
    }

    private let good = Array(#"{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"яма"}}"#.utf8)

    /// A NUL byte inside a key is found only when the key is read; both decodes of the element then
    /// failed without moving on, and the poller spun on that batch forever.
    @Test func anUnreadableElementIsSteppedOverNotLoopedOn() throws {
        let hostile = Array(#"{"dupdat$_id": 6, "poll": {"id"#.utf8) + [0, 0, 0] + Array(#"": "p"}}"#.utf8)
        let updates = try batch(Array("[".utf8) + hostile + Array(",".utf8) + good + Array("]".utf8))
        #expect(updates.map(\.updateId) == [7])
        #expect(updates.first?.chatId == 5)
    }

    /// The same NUL inside the payload of an update whose id is readable: kept (and so confirmed) as unknown.
    @Test func anUnreadablePayloadKeepsItsId() throws {
        let hostile = Array(#"{"update_id": 8, "poll": {"id"#.utf8) + [0] + Array(#"": "p"}}"#.utf8)
        let updates = try batch(Array("[".utf8) + hostile + Array(",".utf8) + good + Array("]".utf8))
        #expect(updates.map(\.updateId) == [8, 7])
    }

    /// Broken UTF-8 in a name: the update stays `.unknown` with its id, and encoding it keeps the id
    /// (it used to encode as a bare `null`).
    @Test func brokenUTF8KeepsTheIdThroughEncoding() throws {
        let name: [UInt8] = [0xD0, 0x90, 0xD0, 0xBD, 0xD0, 0x2A, 0xBD]
        let element = Array(#"{"update_id": 2, "message": {"message_id": 11, "date": 1, "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "is_bot": false, "first_name": ""#.utf8)
            + name + Array(#""}}}"#.utf8)
        let updates = try batch(Array("[".utf8) + element + Array("]".utf8))
        let update = try #require(updates.first)
        #expect(update.updateId == 2)
        let encoded = try BotWire.makeEncoder().encode(update)
        let again = try BotWire.makeDecoder().decode(Update.self, from: encoded)
        #expect(again.updateId == 2)
    }

    /// `offset + length` of a `url` entity overflowed Int and trapped: one forged message stopped the service.
    @Test func entityOffsetsOutsideTheTextAreSkipped() {
        var m = Message(messageId: 1, date: 1, chat: Chat(id: 5, type: "private"), text: "см. vk.com/wall-1_2 👍")
        m.entities = [
            MessageEntity(type: "url", offset: Int.max, length: 1),
            MessageEntity(type: "url", offset: 1, length: Int.max),
            MessageEntity(type: "url", offset: -3, length: 5),
            MessageEntity(type: "url", offset: 22, length: 1),
            MessageEntity(type: "url", offset: 4, length: 15),
            MessageEntity(type: "text_link", offset: 0, length: 3, url: "https://ok.ru/video/1"),
        ]
        #expect(m.linkURLs == ["vk.com/wall-1_2", "https://ok.ru/video/1"])
    }
}
