import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("HTTP surface")
struct HTTPSurfaceTests {
    @Test("binds 127.0.0.1 and answers getMe with the bot")
    func getMe() async throws {
        let (sandbox, bot) = try await TestBot.start()
        let url = try #require(await sandbox.baseURL)
        #expect(url.host == "127.0.0.1")
        let me = try await bot.call("getMe").decode(User.self)
        #expect(me.isBot)
        #expect(me.id == SandboxConfig().botId)
        await sandbox.stop()
    }

    @Test("wrong token → 401 Unauthorized; unknown method → 404 Not Found; method names ignore case")
    func routing() async throws {
        let (sandbox, bot) = try await TestBot.start()
        let wrongToken = try await bot.post(path: "/bot123:wrong/getMe", contentType: nil, body: Data())
        #expect(wrongToken.status == 401)
        #expect(wrongToken.json == ["ok": false, "error_code": 401, "description": "Unauthorized"])
        let unknown = try await bot.call("sendSticker")
        #expect(unknown.status == 404)
        #expect(unknown.description == "Not Found")
        #expect(try await bot.call("GETME").ok)
        await sandbox.stop()
    }

    @Test("keep-alive: many calls share one connection")
    func keepAlive() async throws {
        let (sandbox, bot) = try await TestBot.start()
        for _ in 0..<20 { #expect(try await bot.call("getMe").ok) }
        #expect(bot.connectionsOpened == 1)
        await sandbox.stop()
    }

    @Test("parameters in the query string, urlencoded or multipart all work")
    func encodings() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        let query = try await bot.get(path: "/bot\(sandbox.token)/sendMessage?chat_id=\(alice)&text=%D0%B0")
        #expect(query.ok)
        let form = try await bot.post(path: "/bot\(sandbox.token)/sendMessage",
                                      contentType: "application/x-www-form-urlencoded",
                                      body: Data("chat_id=\(alice)&text=%3Cb%3E%D0%B1%3C%2Fb%3E&parse_mode=HTML".utf8))
        #expect(form.ok)
        let boundary = "XyZ"
        let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n\(alice)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nв\r\n--\(boundary)--\r\n"
        let multi = try await bot.post(path: "/bot\(sandbox.token)/sendMessage",
                                       contentType: "multipart/form-data; boundary=\(boundary)", body: Data(multipart.utf8))
        #expect(multi.ok)
        #expect(await sandbox.sentMessages(in: alice).map(\.text) == ["а", "б", "в"])
        #expect(await sandbox.sentMessages(in: alice)[1].entities.map(\.type) == ["bold"])
        await sandbox.stop()
    }

    @Test("every request is recorded with its status")
    func recorder() async throws {
        let (sandbox, bot) = try await TestBot.start()
        _ = try await bot.call("getMe")
        _ = try await bot.call("sendMessage", ["chat_id": 1, "text": "x"])
        let requests = await sandbox.requests
        #expect(requests.map(\.method) == ["getMe", "sendMessage"])
        #expect(requests.map(\.status) == [200, 400])
        #expect(requests[1].description == "Bad Request: chat not found")
        #expect(requests[1].params["text"] == .string("x"))
        await sandbox.stop()
    }
}
