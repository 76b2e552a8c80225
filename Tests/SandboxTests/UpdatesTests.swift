import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("getUpdates: offsets, long polling, conflicts")
struct UpdatesTests {
    private func updateIds(_ reply: TestBot.Reply) -> [Int64] {
        guard case let .array(items)? = reply.result else { return [] }
        return items.compactMap { $0["update_id"]?.int64Value }
    }

    @Test("updates stay until confirmed by a later offset, then are forgotten")
    func offsetConfirmation() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        for text in ["один", "два", "три"] { try await sandbox.sendText(text, from: alice) }

        let first = try await bot.call("getUpdates")
        let ids = updateIds(first)
        #expect(ids.count == 3)
        #expect(ids == ids.sorted())
        #expect(try await bot.call("getUpdates").result == first.result) // unconfirmed: delivered again

        let afterOne = try await bot.call("getUpdates", ["offset": .id(ids[0] + 1)])
        #expect(updateIds(afterOne) == Array(ids[1...]))
        #expect(updateIds(try await bot.call("getUpdates", ["offset": .id(ids[2] + 1)])).isEmpty)
        #expect(await sandbox.pendingUpdateCount == 0)
        // Forgotten for good: an old offset brings nothing back.
        #expect(updateIds(try await bot.call("getUpdates", ["offset": .id(ids[0])])).isEmpty)
        await sandbox.stop()
    }

    @Test("limit caps the batch; a negative offset keeps only the last updates")
    func limitAndNegativeOffset() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        try await sandbox.injectTexts(count: 5, from: [alice])
        #expect(updateIds(try await bot.call("getUpdates", ["limit": 2])).count == 2)
        let last = updateIds(try await bot.call("getUpdates", ["offset": -1]))
        #expect(last.count == 1)
        #expect(await sandbox.pendingUpdateCount == 1)
        await sandbox.stop()
    }

    @Test("a long poll answers as soon as an update arrives, not at its timeout")
    func longPollReturnsEarly() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        async let reply = bot.call("getUpdates", ["timeout": 50])
        try await sandbox.waitUntil("the poll to be pending") { $0.isLongPollPending }
        try await sandbox.sendText("ямы на Ленина", from: alice)
        let answered = try await reply
        guard case let .array(items)? = answered.result else { Issue.record("no result"); return }
        #expect(items.count == 1)
        #expect(items[0]["message"]?["text"] == .string("ямы на Ленина"))
        await sandbox.stop()
    }

    @Test("a second concurrent poll terminates the first with 409 Conflict")
    func concurrentPollConflict() async throws {
        let (sandbox, first) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        async let firstReply = first.call("getUpdates", ["timeout": 30])
        try await sandbox.waitUntil("the first poll to be pending") { $0.isLongPollPending }
        let second = first.sibling()
        async let secondReply = second.call("getUpdates", ["timeout": 30])
        let conflict = try await firstReply
        #expect(conflict.status == 409)
        #expect(conflict.description == "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
        try await sandbox.sendText("hi", from: alice)
        #expect(try await secondReply.ok)
        await sandbox.stop()
    }

    @Test("while a webhook is set, getUpdates answers 409 until deleteWebhook")
    func webhookConflict() async throws {
        let (sandbox, bot) = try await TestBot.start()
        #expect(try await bot.call("setWebhook", ["url": "https://example.org/hook"]).ok)
        let refused = try await bot.call("getUpdates")
        #expect(refused.status == 409)
        #expect(refused.description == "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
        let deleted = try await bot.call("deleteWebhook")
        #expect(deleted.description == "Webhook was deleted")
        #expect(try await bot.call("getUpdates").ok)
        await sandbox.setWebhook("https://elsewhere.example/hook")
        #expect(try await bot.call("getUpdates").status == 409)
        await sandbox.stop()
    }

    @Test("allowed_updates drops kinds the bot did not ask for")
    func allowedUpdates() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        #expect(try await bot.call("getUpdates", ["allowed_updates": ["callback_query"]]).ok)
        try await sandbox.sendText("not wanted", from: alice)
        #expect(updateIds(try await bot.call("getUpdates")).isEmpty)
        #expect(try await bot.call("getUpdates", ["allowed_updates": []]).ok)
        try await sandbox.sendText("wanted", from: alice)
        let reply = try await bot.call("getUpdates")
        guard case let .array(items)? = reply.result else { Issue.record("no result"); return }
        #expect(items.map { $0["message"]?["text"] } == [.string("wanted")])
        await sandbox.stop()
    }

    @Test("deleteWebhook with drop_pending_updates forgets queued updates")
    func dropPending() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса")
        try await sandbox.sendText("old", from: alice)
        #expect(try await bot.call("deleteWebhook", ["drop_pending_updates": true]).ok)
        #expect(updateIds(try await bot.call("getUpdates")).isEmpty)
        await sandbox.stop()
    }

    @Test("updates decode with the BotAPI models the bot uses")
    func decodesWithModels() async throws {
        let (sandbox, bot) = try await TestBot.start()
        await sandbox.addUser(id: alice, firstName: "Алиса", username: "alice")
        try await sandbox.sendCommand("start", arguments: "inv-42", from: alice)
        let batch = try await bot.call("getUpdates").decode(UpdateBatch.self)
        guard case let .message(message)? = batch.updates.first?.kind else { Issue.record("no message"); return }
        #expect(message.text == "/start inv-42")
        #expect(message.entities == [MessageEntity(type: "bot_command", offset: 0, length: 6)])
        #expect(message.from?.username == "alice")
        #expect(message.chat.type == "private")
        await sandbox.stop()
    }
}
