import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("Flood limits")
struct FloodLimitTests {
    private func start(_ clock: ManualSeconds, limits: FloodLimits = .telegram) async throws -> (Sandbox, TestBot) {
        try await TestBot.start(SandboxConfig(floodLimits: limits, floodClock: { clock.now }))
    }

    private func send(_ bot: TestBot, to chat: Int64) async throws -> TestBot.Reply {
        try await bot.call("sendMessage", ["chat_id": .id(chat), "text": "x"])
    }

    @Test("a private chat takes a burst of 3, then 429 with retry_after until the bucket refills")
    func privateBucket() async throws {
        let clock = ManualSeconds()
        let (sandbox, bot) = try await start(clock)
        await sandbox.addUser(id: alice, firstName: "Алиса")
        for _ in 0..<3 { #expect(try await send(bot, to: alice).ok) }
        let refused = try await send(bot, to: alice)
        #expect(refused.status == 429)
        #expect(refused.description == "Too Many Requests: retry after 1")
        #expect(refused.retryAfter == 1)
        #expect(await sandbox.floodRefusalCount == 1)
        #expect(await sandbox.sentMessages(in: alice).count == 3)
        clock.advance(1)
        #expect(try await send(bot, to: alice).ok)
        await sandbox.stop()
    }

    @Test("a group takes 20 per minute; the wait is until the oldest send leaves the window")
    func groupWindow() async throws {
        let clock = ManualSeconds()
        let (sandbox, bot) = try await start(clock)
        await sandbox.addGroup(id: -100_500, title: "Штаб")
        for _ in 0..<20 {
            #expect(try await send(bot, to: -100_500).ok)
            clock.advance(0.5)
        }
        let refused = try await send(bot, to: -100_500)
        #expect(refused.status == 429)
        #expect(refused.retryAfter == 50)
        clock.advance(50)
        #expect(try await send(bot, to: -100_500).ok)
        await sandbox.stop()
    }

    @Test("all chats together take 30 per second")
    func globalWindow() async throws {
        let clock = ManualSeconds()
        let (sandbox, bot) = try await start(clock)
        for id in 1...31 { await sandbox.addUser(id: Int64(id), firstName: "P\(id)") }
        for id in 1...30 { #expect(try await send(bot, to: Int64(id)).ok) }
        let refused = try await send(bot, to: 31)
        #expect(refused.status == 429)
        #expect(refused.retryAfter == 1)
        clock.advance(1.01)
        #expect(try await send(bot, to: 31).ok)
        await sandbox.stop()
    }

    @Test("only sends count: edits and reads are never limited")
    func onlySendsCount() async throws {
        let clock = ManualSeconds()
        let (sandbox, bot) = try await start(clock)
        await sandbox.addUser(id: alice, firstName: "Алиса")
        let first = try await send(bot, to: alice).decode(Message.self)
        for n in 0..<10 {
            #expect(try await bot.call(EditMessageText(chatId: alice, messageId: first.messageId, text: "v\(n)")).ok)
        }
        #expect(try await send(bot, to: alice).ok)
        await sandbox.stop()
    }

    @Test("the switch turns limits off")
    func offSwitch() async throws {
        let clock = ManualSeconds()
        let (sandbox, bot) = try await start(clock)
        await sandbox.addUser(id: alice, firstName: "Алиса")
        await sandbox.setFloodLimits(enabled: false)
        for _ in 0..<50 { #expect(try await send(bot, to: alice).ok) }
        #expect(await sandbox.floodRefusalCount == 0)
        await sandbox.setFloodLimits(enabled: true)
        for _ in 0..<3 { _ = try await send(bot, to: alice) }
        #expect(try await send(bot, to: alice).status == 429)
        await sandbox.stop()
    }
}
