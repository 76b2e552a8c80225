import Foundation
import Testing
@testable import BotAPI
import Messaging

@Suite struct WireTests {
    @Test func jsonBodyUsesSnakeCase() throws {
        let body = try BotWire.body(for: SendMessage(chatId: -1001234567890123, text: "Привет", replyTo: 5))
        #expect(body.contentType == "application/json")
        let json = try JSONDecoder().decode(JSONValue.self, from: body.data)
        #expect(json["chat_id"]?.int64Value == -1001234567890123)
        #expect(json["reply_parameters"]?["message_id"]?.int64Value == 5)
        #expect(json["parse_mode"] == .string("HTML"))
    }

    @Test func uploadsGoAsMultipartWithTheFileInItsField() throws {
        let photo = FileUpload(partName: "p1", filename: "яма.jpg", mimeType: "image/jpeg", data: Data([0xFF, 0x00, 0xD8]))
        let body = try BotWire.body(for: SendPhoto(chatId: 42, photo: .upload(photo), caption: "Фото"))
        #expect(body.contentType.hasPrefix("multipart/form-data; boundary="))
        let text = String(decoding: body.data, as: UTF8.self)
        #expect(text.contains(#"name="photo"; filename="яма.jpg""#))
        #expect(text.contains(#"name="chat_id""# + "\r\n\r\n42\r\n"))
        #expect(body.data.range(of: Data([0xFF, 0x00, 0xD8])) != nil)
        #expect(!text.contains("attach://"))
    }

    @Test func mediaGroupUploadsAreSeparatePartsReferencedByAttach() throws {
        let a = FileUpload(partName: "a", filename: "a.jpg", mimeType: "image/jpeg", data: Data([1]))
        let body = try BotWire.body(for: SendMediaGroup(chatId: 1, media: [.photo(.upload(a)), .photo(.existing("FILEID"))]))
        let text = String(decoding: body.data, as: UTF8.self)
        #expect(text.contains("attach://a"))
        #expect(text.contains(#"name="a"; filename="a.jpg""#))
        #expect(text.contains("FILEID"))
    }

    @Test func errorEnvelopeKeepsRetryAfterAndMigration() {
        let body = Data(#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"#.utf8)
        #expect(throws: BotAPIError.api(code: 429, description: "Too Many Requests: retry after 7",
                                         parameters: ResponseParameters(retryAfter: 7))) {
            try BotWire.decode(Bool.self, status: 429, body: body)
        }
        let migrated = Data(#"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009}}"#.utf8)
        do {
            _ = try BotWire.decode(Bool.self, status: 400, body: migrated)
            Issue.record("must throw")
        } catch {
            if case let .api(_, _, parameters) = error { #expect(parameters?.migrateToChatId == -1009) }
            #expect(!error.isTransient)
        }
    }

    @Test func anHTMLErrorPageIsAMalformedTransientAnswer() {
        do {
            _ = try BotWire.decode(Bool.self, status: 502, body: Data("<html>Bad Gateway</html>".utf8))
            Issue.record("must throw")
        } catch {
            #expect(error == .malformedResponse(status: 502, detail: "<html>Bad Gateway</html>"))
            #expect(error.isTransient)
        }
    }

    @Test func classifiesErrorsTheWayTheSenderActsOnThem() {
        #expect(BotAPIError.api(code: 429, description: "", parameters: .init(retryAfter: 30)).retryAfter == 30)
        #expect(BotAPIError.api(code: 502, description: "", parameters: nil).isTransient)
        #expect(!BotAPIError.api(code: 403, description: "Forbidden: bot was blocked by the user", parameters: nil).isTransient)
        #expect(BotAPIError.api(code: 400, description: "Bad Request: message is not modified: x", parameters: nil).isNotModified)
        #expect(BotAPIError.network("reset").isTransient)
    }

    @Test func unknownAndBrokenUpdatesDoNotFailTheBatch() throws {
        let json = #"""
        [{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"hi"}},
         {"update_id":2,"business_connection":{"id":"x"}},
         {"update_id":3,"message":{"message_id":"broken"}},
         {"nonsense":true},
         {"update_id":4,"callback_query":{"id":"q","from":{"id":5,"is_bot":false,"first_name":"A"},"chat_instance":"c","data":"d"}}]
        """#
        let batch = try BotWire.makeDecoder().decode(UpdateBatch.self, from: Data(json.utf8))
        #expect(batch.updates.map(\.updateId) == [1, 2, 3, 4])
        guard case .message = batch.updates[0].kind, case .unknown = batch.updates[1].kind,
              case .unknown = batch.updates[2].kind, case .callbackQuery = batch.updates[3].kind else {
            Issue.record("wrong kinds: \(batch.updates.map(\.kind))"); return
        }
    }

    @Test func forwardOriginsDecode() throws {
        let json = #"{"message_id":9,"date":2,"chat":{"id":5,"type":"private"},"forward_origin":{"type":"channel","date":1,"chat":{"id":-1001,"type":"channel","username":"city"},"message_id":77},"text":"пост"}"#
        let m = try BotWire.makeDecoder().decode(Message.self, from: Data(json.utf8))
        guard case let .channel(_, chat, messageId, _) = m.forwardOrigin else { Issue.record("no origin"); return }
        #expect(chat.username == "city")
        #expect(messageId == 77)
    }
}
