import BotAPI
import Foundation
import Messaging
import Sandbox
import Testing

@Suite("Request parsing: JSON, urlencoded, multipart, query string")
struct RequestParamsTests {
    @Test("a JSON body keeps types; query items fill what the body does not set")
    func json() throws {
        let body = Data(#"{"chat_id":100001,"text":"Привет","reply_markup":{"inline_keyboard":[]}}"#.utf8)
        let params = try RequestParams.parse(contentType: "application/json", body: body,
                                             query: [("text", "ignored"), ("parse_mode", "HTML")])
        #expect(params.values["chat_id"] == .number(100001))
        #expect(params.values["text"] == .string("Привет"))
        #expect(params.values["parse_mode"] == .string("HTML"))
        #expect(params.values["reply_markup"]?["inline_keyboard"] == .array([]))
    }

    @Test("urlencoded fields decode + and percent escapes")
    func urlencoded() throws {
        let body = Data("chat_id=100001&text=%D0%94%D0%B0+%26+%D0%BD%D0%B5%D1%82&empty=".utf8)
        let params = try RequestParams.parse(contentType: "application/x-www-form-urlencoded", body: body)
        #expect(params.values["text"] == .string("Да & нет"))
        #expect(params.values["chat_id"] == .string("100001"))
        #expect(params.values["empty"] == .string(""))
    }

    @Test("multipart: fields, a file part, and a file referenced by attach://")
    func multipart() throws {
        let photo = FileUpload(partName: "pic1", filename: "a.jpg", mimeType: "image/jpeg", data: Data([0xFF, 0xD8, 0, 13, 10]))
        let method = SendMediaGroup(chatId: 100001, media: [.photo(.upload(photo), caption: "<b>x</b>"),
                                                            .photo(.existing("AgAC-known"))])
        let body = try BotWire.body(for: method)
        let params = try RequestParams.parse(contentType: body.contentType, body: body.data)
        #expect(params.values["chat_id"] == .string("100001"))
        #expect(params.files["pic1"]?.data == Data([0xFF, 0xD8, 0, 13, 10]))
        #expect(params.files["pic1"]?.filename == "a.jpg")
        #expect(params.files["pic1"]?.mimeType == "image/jpeg")
        // The media array arrives as JSON text referencing the part.
        let media = try JSONDecoder().decode(JSONValue.self, from: Data(params.values["media"]!.stringValue!.utf8))
        guard case let .array(items) = media else { Issue.record("media is not an array"); return }
        #expect(items[0]["media"] == .string("attach://pic1"))
        #expect(items[1]["media"] == .string("AgAC-known"))
    }

    @Test("a top-level upload is a part named after the parameter")
    func topLevelUpload() throws {
        let file = FileUpload(partName: "doc", filename: "отчёт.pdf", mimeType: "application/pdf", data: Data("%PDF".utf8))
        let body = try BotWire.body(for: SendDocument(chatId: 5, document: .upload(file), caption: "c"))
        let params = try RequestParams.parse(contentType: body.contentType, body: body.data)
        #expect(params.files["document"]?.filename == "отчёт.pdf")
        #expect(params.files["document"]?.data == Data("%PDF".utf8))
        #expect(params.values["caption"] == .string("c"))
    }

    @Test("unreadable bodies are refused, not guessed")
    func broken() {
        #expect(throws: ParamsError.self) {
            try RequestParams.parse(contentType: "application/json", body: Data("{\"chat_id\":".utf8))
        }
        #expect(throws: ParamsError.self) {
            try RequestParams.parse(contentType: "multipart/form-data", body: Data("--x\r\n".utf8))
        }
    }
}
