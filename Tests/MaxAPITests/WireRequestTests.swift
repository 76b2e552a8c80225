import Foundation
import MaxAPI
import Messaging
import Testing

@Suite("The outbox convention on MAX and the error mapping")
struct WireRequestTests {
    private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test("a send becomes POST /messages?user_id= with sorted keys, the same bytes every time")
    func sendIsStable() throws {
        let body = NewMessageBody(text: "<b>Заявка</b> №7", attachments: [.inlineKeyboard([[.callback("Принять", payload: "take:7")]])],
                                  format: .html)
        let first = try MaxCall.send(to: .user(123), body).wireRequest()
        let second = try MaxCall.send(to: .user(123), body).wireRequest()
        #expect(first.messenger == .max)
        #expect(first.method == "POST /messages?user_id=123")
        #expect(first.chatId == 123)
        #expect(first.countsAgainstLimits)
        #expect(first.parameters == second.parameters)
        #expect(text(first.parameters) == #"{"attachments":[{"payload":{"buttons":[[{"payload":"take:7","text":"Принять","type":"callback"}]]},"type":"inline_keyboard"}],"format":"html","text":"<b>Заявка</b> №7"}"#)
    }

    @Test("edits, answers and the menu use their verbs and paths; a callback id is escaped and parses back")
    func otherCalls() throws {
        let edit = try MaxCall.edit(mid: "mid.abc", chat: 5, NewMessageBody(text: "x")).wireRequest()
        #expect(edit.method == "PUT /messages?message_id=mid.abc")
        #expect(edit.chatId == 5)
        #expect(!edit.countsAgainstLimits)
        let answer = try MaxCall.answer(callbackId: "a+b/c=", CallbackAnswer(notification: "ok")).wireRequest()
        #expect(answer.method == "POST /answers?callback_id=a%2Bb%2Fc%3D")
        #expect(answer.chatId == nil)
        #expect(MaxWireRequest(parsing: answer.method)?.value("callback_id") == "a+b/c=")
        let menu = try MaxCall.setCommands([BotCommand(name: "help", description: "Справка")]).wireRequest()
        #expect(menu.method == "PATCH /me")
        #expect(text(menu.parameters) == #"{"commands":[{"description":"Справка","name":"help"}]}"#)
        #expect(MaxWireRequest(parsing: "post /messages") == nil)
        #expect(MaxWireRequest(parsing: "POST messages") == nil)
    }

    @Test("uploads are referred to as attach://part and must match the files given")
    func uploadReferences() throws {
        let file = FileUpload(partName: "report", filename: "r.xlsx", mimeType: "application/octet-stream", data: Data([1, 2]))
        let body = NewMessageBody(text: "Отчёт", attachments: [.upload(.file, partName: "report")])
        let request = try MaxCall.send(to: .user(1), body).wireRequest(files: [file])
        #expect(text(request.parameters).contains(#"{"payload":{"token":"attach://report"},"type":"file"}"#))
        #expect(try MaxWireRequest.uploadReferences(in: request.parameters) == ["report": .file])
        let substituted = try MaxWireRequest.substituting(tokens: ["report": "T0K"], in: request.parameters)
        #expect(text(substituted) == #"{"attachments":[{"payload":{"token":"T0K"},"type":"file"}],"text":"Отчёт"}"#)

        #expect(throws: MaxAPIError.self) { try MaxCall.send(to: .user(1), body).wireRequest() }
        let stray = FileUpload(partName: "other", filename: "o", mimeType: "image/png", data: Data([1]))
        #expect(throws: MaxAPIError.self) { try MaxCall.send(to: .user(1), body).wireRequest(files: [file, stray]) }
    }

    @Test("status and code decide the error, and whether to retry")
    func errorMapping() {
        func map(_ status: Int, _ body: String) -> MaxAPIError? { MaxAPIError.from(status: status, body: Data(body.utf8)) }
        #expect(map(200, "{}") == nil)
        #expect(map(401, #"{"code":"verify.token","message":"Invalid access_token"}"#) == .unauthorized(message: "Invalid access_token"))
        #expect(map(403, #"{"code":"chat.denied","message":"stopped"}"#) == .forbidden(code: "chat.denied", message: "stopped"))
        #expect(map(400, #"{"code":"attachment.not.ready","message":"Key: errors.process.attachment.file.not.processed"}"#)
            == .attachmentNotReady)
        #expect(map(400, #"{"code":"proto.payload","message":"text too long"}"#) == .badRequest(code: "proto.payload", message: "text too long"))
        #expect(map(429, #"{"code":"too.many.requests","message":"slow down"}"#) == .tooManyRequests(message: "slow down"))
        #expect(map(502, "<html>Bad Gateway</html>") == .server(status: 502))
        #expect(map(405, #"{"code":"method.not.allowed","message":"m"}"#) == .notAllowed(code: "method.not.allowed", message: "m"))
        #expect(map(418, "<html>teapot</html>") == .decoding("HTTP 418: not JSON: <html>teapot</html>"))
        #expect(map(401, #"{"code":"verify.token","message":"bad SECRET"}"#)?.description.contains("SECRET") == true)
        let redacted = MaxAPIError.from(status: 401, body: Data(#"{"code":"verify.token","message":"bad SECRET"}"#.utf8)) {
            $0.replacingOccurrences(of: "SECRET", with: "***")
        }
        #expect(redacted == .unauthorized(message: "bad ***"))

        #expect(MaxAPIError.attachmentNotReady.isTransient)
        #expect(MaxAPIError.tooManyRequests(message: "").isTransient)
        #expect(MaxAPIError.server(status: 503).isTransient)
        #expect(MaxAPIError.network("reset").isTransient)
        #expect(!MaxAPIError.forbidden(code: "chat.denied", message: "").isTransient)
        #expect(MaxAPIError.forbidden(code: "chat.denied", message: "").isChatDenied)
        #expect(!MaxAPIError.badRequest(code: "", message: "").isTransient)
        #expect(!MaxAPIError.unauthorized(message: "").isTransient)
    }

    @Test("webhook secrets follow ^[\\w-]{5,256}$")
    func secrets() {
        #expect(MaxLimits.isValidWebhookSecret("abc_D-9"))
        #expect(!MaxLimits.isValidWebhookSecret("abcd"))
        #expect(!MaxLimits.isValidWebhookSecret("with space"))
        #expect(!MaxLimits.isValidWebhookSecret("секрет12"))
        #expect(MaxLimits.isValidWebhookSecret(String(repeating: "a", count: 256)))
        #expect(!MaxLimits.isValidWebhookSecret(String(repeating: "a", count: 257)))
    }
}
