import BotAPI
import Testing
@testable import Runtime

@Suite struct SenderTests {
    func runSender(_ api: FakeBotAPI, _ outbox: InMemoryOutbox, limits: RateLimits = .unlimited,
                   until done: @escaping @Sendable () async -> Bool) async throws {
        var config = Sender.Configuration(limits: limits)
        config.backoff = Backoff(base: .milliseconds(1), cap: .milliseconds(5))
        let sender = Sender(client: FakeClient(api: api), queue: outbox, configuration: config)
        let task = Task { await sender.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !(await done()), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
    }

    @Test func keepsEachChatsOrder() async throws {
        let api = FakeBotAPI(), outbox = InMemoryOutbox()
        for i in 0..<60 { await outbox.enqueue(.message(SendMessage(chatId: Int64(i % 3), text: "\(i)"))) }
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        let calls = await api.calls("sendMessage")
        #expect(calls.count == 60)
        for chat in 0..<3 {
            let texts = calls.filter { $0.chatId == Int64(chat) }.compactMap { $0.text.flatMap(Int.init) }
            #expect(texts == texts.sorted())
        }
    }

    @Test func retriesTransientErrorsAndWaitsRetryAfter() async throws {
        let api = FakeBotAPI(), outbox = InMemoryOutbox()
        await api.fail("sendMessage", with: [.network("reset"), .api(code: 500, description: "Internal", parameters: nil),
                                             .api(code: 429, description: "Too Many Requests: retry after 1",
                                                  parameters: .init(retryAfter: 1))])
        let id = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "важное")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[id]?.messageIds?.isEmpty == false)
        let calls = await api.calls("sendMessage")
        #expect(calls.count == 4)
        #expect(calls[2].at.duration(to: calls[3].at) >= .seconds(1))
    }

    @Test func refusalsAreFinalWithTheReasonKept() async throws {
        let api = FakeBotAPI(), outbox = InMemoryOutbox()
        let blocked = BotAPIError.api(code: 403, description: "Forbidden: bot was blocked by the user", parameters: nil)
        await api.fail("sendMessage", with: [blocked])
        let a = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "a")))
        let b = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "b")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[a]?.error == blocked)
        #expect(await outbox.outcomes[b]?.error == nil)
        #expect(await api.calls("sendMessage").count == 2)
    }

    @Test func anEditThatChangesNothingCountsAsDone() async throws {
        let api = FakeBotAPI(), outbox = InMemoryOutbox()
        await api.fail("editMessageText", with: [.api(code: 400, description: "Bad Request: message is not modified: same", parameters: nil)])
        let id = await outbox.enqueue(.editText(EditMessageText(chatId: 1, messageId: 9, text: "x")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[id] == .init(messageIds: [9], error: nil))
    }

    @Test func callbackAnswersDoNotWaitBehindAChatsSends() async throws {
        let api = FakeBotAPI(), outbox = InMemoryOutbox()
        // Chat 1 may send two now, then must wait a second; the answer must not wait with them.
        for i in 0..<3 { await outbox.enqueue(.message(SendMessage(chatId: 1, text: "\(i)"))) }
        await outbox.enqueue(.answerCallback(AnswerCallbackQuery(callbackQueryId: "q")))
        try await runSender(api, outbox, limits: RateLimits()) { await api.calls("answerCallbackQuery").count == 1 }
        let calls = await api.calls
        #expect(calls.map(\.method).prefix(3).contains("answerCallbackQuery"))
    }
}
