import BotAPI
import Casework
import Foundation
import Messaging
import Testing
import Telegram

/// What the bot says, as Telegram takes it: the adapter's limits and shapes.
@Suite struct TelegramRendererTests {
    let renderer = TelegramRenderer()

    func parameters(_ request: WireRequest) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: request.parameters)
    }

    @Test func aLongTextIsSplitAndTheButtonsGoUnderItsLastPart() throws {
        let paragraph = String(repeating: "Яма на дороге. ", count: 100)
        let text = RichText((0..<6).map { _ in "<b>Обращение</b> " + paragraph }.joined(separator: "\n\n"))
        let requests = try renderer.requests(for: .text(to: 5, text, buttons: [[Button(label: "Взять", payload: "take:1")]]))
        #expect(requests.count > 1)
        #expect(requests.allSatisfy { $0.messenger == .telegram && $0.method == "sendMessage" && $0.chatId == 5 && $0.countsAgainstLimits })
        for request in requests {
            let body = try parameters(request)
            #expect(RichText.visibleLength(body["text"]?.stringValue ?? "") <= 4096)
            #expect(body["parse_mode"]?.stringValue == "HTML")
        }
        #expect(try parameters(requests.last!)["reply_markup"] != nil)
        #expect(try requests.dropLast().allSatisfy { try parameters($0)["reply_markup"] == nil })
    }

    @Test func aPayloadOverSixtyFourBytesIsRefused() {
        let long = String(repeating: "я", count: 33)   // 66 bytes
        #expect(throws: TelegramRenderer.PayloadTooLong.self) {
            try renderer.requests(for: .text(to: 5, "Текст", buttons: [[Button(label: "Кнопка", payload: long)]]))
        }
    }

    @Test func editsAndAnswersDoNotCountAgainstTheLimits() throws {
        let edit = try #require(try renderer.requests(for: .edit(chat: 5, message: 9, "Закрыто")).first)
        #expect(edit.method == "editMessageText" && !edit.countsAgainstLimits)
        let buttons = try #require(try renderer.requests(for: .editButtons(chat: 5, message: 9, buttons: [])).first)
        #expect(buttons.method == "editMessageReplyMarkup" && buttons.chatId == 5)
        let answer = try #require(try renderer.requests(for: .answerPress(id: "q1", text: "Готово")).first)
        #expect(answer.method == "answerCallbackQuery" && answer.chatId == nil && !answer.countsAgainstLimits)
    }

    @Test func twelvePhotosAndADocumentBecomeTwoAlbumsAndASingleSend() throws {
        var items = (1...12).map { MediaRef(kind: .photo, fileId: "p\($0)") }
        items.append(MediaRef(kind: .document, fileId: "d1"))
        let requests = try renderer.requests(for: .media(to: 5, items, caption: "Фото <b>ответа</b>"))
        #expect(requests.map(\.method) == ["sendMediaGroup", "sendMediaGroup", "sendDocument"])
        let first = try parameters(requests[0])
        #expect(first["media"]?.arrayValue?.count == 10)
        #expect(first["media"]?.arrayValue?.first?["caption"]?.stringValue == "Фото <b>ответа</b>")
        #expect(try parameters(requests[1])["media"]?.arrayValue?.count == 2)
        #expect(try parameters(requests[2])["caption"] == nil)
    }

    @Test func anotherMessengersPhotoIsAnUploadFetchedWhenSent() throws {
        let maxPhoto = MediaRef(kind: .photo, fileId: "tok", messenger: .max, url: "https://i.oneme.ru/i?r=tok")
        let single = try #require(try renderer.requests(for: .media(to: 5, [maxPhoto])).first)
        #expect(single.method == "sendPhoto" && single.files.map(\.fetchFrom) == [maxPhoto])
        #expect(try parameters(single)["photo"]?.stringValue == "attach://media0")
        let album = try #require(try renderer.requests(for: .media(to: 5, [MediaRef(kind: .photo, fileId: "AgAD"), maxPhoto])).first)
        let items = try #require(try parameters(album)["media"]?.arrayValue)
        #expect(items.map { $0["media"]?.stringValue } == ["AgAD", "attach://media1"])
        #expect(album.files.map(\.partName) == ["media1"])
    }

    @Test func anUploadTravelsWithItsRequest() throws {
        let file = FileUpload(partName: "export", filename: "otklik.xlsx", mimeType: "application/octet-stream", data: Data([1, 2, 3]))
        let request = try #require(try renderer.requests(for: .file(to: 5, file, caption: "Отчёт")).first)
        #expect(request.method == "sendDocument" && request.files == [file])
        #expect(try parameters(request)["document"]?.stringValue == "attach://export")
    }
}
