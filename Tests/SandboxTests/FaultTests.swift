import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("Injected faults")
struct FaultTests {
    private func started() async throws -> (Sandbox, TestBot) {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        return (sandbox, bot)
    }

    private let hello: [String: JSONValue] = ["chat_id": .id(alice), "text": "hello"]

    @Test("a 5xx with Telegram's envelope, once, then normal answers")
    func serverError() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.serverError(status: 502, description: "Bad Gateway"), method: "sendMessage")
        let failed = try await bot.call("sendMessage", hello)
        #expect(failed.status == 502)
        #expect(failed.json?["ok"] == .bool(false))
        #expect(await sandbox.sentMessages(in: alice).isEmpty)
        #expect(try await bot.call("sendMessage", hello).ok)
        #expect(await sandbox.requests(for: "sendMessage").map(\.status) == [502, 200])
        await sandbox.stop()
    }

    @Test("faults match their method only, and apply the given number of times")
    func matching() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.serverError(status: 500, description: "Internal Server Error"), method: "getUpdates", times: 2)
        #expect(try await bot.call("sendMessage", hello).ok)
        #expect(try await bot.call("getUpdates").status == 500)
        #expect(try await bot.call("getUpdates").status == 500)
        #expect(try await bot.call("getUpdates").ok)
        await sandbox.stop()
    }

    @Test("a proxy's HTML page and malformed JSON are not envelopes")
    func notJSON() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.htmlErrorPage(status: 502))
        await sandbox.injectFault(.malformedJSON)
        let html = try await bot.call("getMe")
        #expect(html.status == 502)
        #expect(String(decoding: html.body, as: UTF8.self).contains("<html>"))
        let garbled = try await bot.call("getMe")
        #expect(garbled.status == 200)
        #expect(garbled.json == nil)
        #expect(throws: BotAPIError.self) { try BotWire.decode(User.self, status: garbled.status, body: garbled.body) }
        await sandbox.stop()
    }

    @Test("a dropped connection gets no answer at all; the next connection works")
    func dropped() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.dropConnection, method: "sendMessage")
        let request = HTTPRequestBytes.make(path: "/bot\(sandbox.token)/sendMessage", contentType: "application/json",
                                            body: Data(#"{"chat_id":100001,"text":"x"}"#.utf8))
        #expect(try await bot.send(request) == nil)
        #expect(await sandbox.sentMessages(in: alice).isEmpty)
        #expect(try await bot.call("sendMessage", hello).ok)
        await sandbox.stop()
    }

    @Test("dropAfterExecuting: the message is delivered although the bot never hears back")
    func lostAnswer() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.dropAfterExecuting, method: "sendMessage")
        let request = HTTPRequestBytes.make(path: "/bot\(sandbox.token)/sendMessage", contentType: "application/json",
                                            body: Data(#"{"chat_id":100001,"text":"x"}"#.utf8))
        #expect(try await bot.send(request) == nil)
        #expect(await sandbox.sentMessages(in: alice).map(\.text) == ["x"])
        await sandbox.stop()
    }

    @Test("truncated JSON: the method ran, the answer is cut")
    func truncated() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.truncatedJSON)
        let reply = try await bot.call("sendMessage", hello)
        #expect(reply.status == 200)
        #expect(reply.json == nil)
        #expect(await sandbox.sentMessages(in: alice).count == 1)
        await sandbox.stop()
    }

    @Test("an injected 429 carries retry_after and does not execute")
    func injected429() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.tooManyRequests(retryAfter: 7), method: "sendMessage")
        let reply = try await bot.call("sendMessage", hello)
        #expect(reply.status == 429)
        #expect(reply.retryAfter == 7)
        #expect(reply.description == "Too Many Requests: retry after 7")
        #expect(await sandbox.sentMessages(in: alice).isEmpty)
        #expect(await sandbox.floodRefusalCount == 0)
        await sandbox.stop()
    }

    @Test("a delay stalls the answer while other connections are served")
    func delay() async throws {
        let (sandbox, bot) = try await started()
        await sandbox.injectFault(.delay(.seconds(60)), method: "sendMessage")
        async let stalled = try? bot.call("sendMessage", hello)
        try await sandbox.waitUntil("the stalled request to arrive") { $0.remainingFaultCount == 0 }
        #expect(try await bot.sibling().call("getMe").ok)
        #expect(await sandbox.sentMessages(in: alice).isEmpty)
        await sandbox.stop() // ends the stall
        _ = await stalled
    }
}
