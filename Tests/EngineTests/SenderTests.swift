import BotAPI
import Foundation
import Messaging
import Testing
@testable import Engine
import OtklikTesting

/// The sender on a manual clock: time moves only in the test's steps, so what is asserted about
/// waits and limits is exact, however fast or slow the machine runs the tasks.
@Suite struct SenderTests {
    static let start = Date(timeIntervalSince1970: 1_796_007_600)

    /// Runs the sender until `done`, moving the clock `step` seconds at a time (the fake API stamps
    /// its calls with the same clock); the sender has stopped when this returns.
    func runSender(_ api: FakeBotAPI, _ outbox: some OutboundQueue, limits: RateLimits = .unlimited, concurrency: Int = 8,
                   step: TimeInterval = 0.05, until done: @escaping @Sendable () async -> Bool) async throws {
        var config = Sender.Configuration(limits: limits, concurrency: concurrency)
        config.backoff = Backoff(base: .milliseconds(100), cap: .milliseconds(500))
        let clock = try #require(api.clock as? ManualClock)
        let sender = Sender(client: BotAPIDelivery(FakeClient(api: api)), queue: outbox, configuration: config, clock: clock)
        let task = Task { await sender.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !(await done()) {
            guard ContinuousClock.now < deadline else { Issue.record("the sender did not finish in 30 s"); break }
            clock.advance(by: step)
            await Task.yield()
            try await Task.sleep(for: .milliseconds(1))
        }
        task.cancel()
        await task.value
    }

    func fake() -> FakeBotAPI { FakeBotAPI(clock: ManualClock(Self.start)) }

    /// Seconds after the start at which each call to `chat` arrived.
    func arrivals(_ api: FakeBotAPI, chat: Int64? = nil) async -> [Double] {
        await api.calls("sendMessage").filter { chat == nil || $0.chatId == chat }.map { $0.at.timeIntervalSince(Self.start) }
    }

    @Test func keepsEachChatsOrder() async throws {
        let api = fake(), outbox = InMemoryOutbox()
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
        let api = fake(), outbox = InMemoryOutbox()
        await api.fail("sendMessage", with: [.network("reset"), .api(code: 500, description: "Internal", parameters: nil),
                                             .api(code: 429, description: "Too Many Requests: retry after 1",
                                                  parameters: .init(retryAfter: 1))])
        let id = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "важное")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[id]?.messageIds?.isEmpty == false)
        let calls = await api.calls("sendMessage")
        #expect(calls.count == 4)
        #expect(calls[3].at.timeIntervalSince(calls[2].at) >= 1)
    }

    @Test func refusalsAreFinalWithTheReasonKept() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        let blocked = BotAPIError.api(code: 403, description: "Forbidden: bot was blocked by the user", parameters: nil)
        await api.fail("sendMessage", with: [blocked])
        let a = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "a")))
        let b = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "b")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[a]?.error == blocked.delivery)
        #expect(await outbox.outcomes[b]?.error == nil)
        #expect(await api.calls("sendMessage").count == 2)
    }

    @Test func anEditThatChangesNothingCountsAsDone() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        await api.fail("editMessageText", with: [.api(code: 400, description: "Bad Request: message is not modified: same", parameters: nil)])
        let id = await outbox.enqueue(.editText(EditMessageText(chatId: 1, messageId: 9, text: "x")))
        try await runSender(api, outbox) { await outbox.pendingCount == 0 }
        #expect(await outbox.outcomes[id] == .init(messageIds: [9], error: nil))
    }

    @Test func callbackAnswersDoNotWaitBehindAChatsSends() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        // Chat 1 may send two now, then must wait a second; the answer must not wait with them.
        for i in 0..<3 { await outbox.enqueue(.message(SendMessage(chatId: 1, text: "\(i)"))) }
        await outbox.enqueue(.answerCallback(AnswerCallbackQuery(callbackQueryId: "q")))
        try await runSender(api, outbox, limits: RateLimits()) { await api.calls("answerCallbackQuery").count == 1 }
        let calls = await api.calls
        #expect(calls.map(\.method).prefix(3).contains("answerCallbackQuery"))
    }

    // MARK: A restart keeps Telegram's limits

    @Test func aChatThatGotTwoMessagesJustBeforeARestartWaits() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        // The run before sent chat 1 its burst 0.2 s ago; Telegram still counts both.
        await outbox.setEarlierSends([RecentSend(chat: 1, secondsAgo: 0.2), RecentSend(chat: 1, secondsAgo: 0.2)])
        await outbox.enqueue(.message(SendMessage(chatId: 1, text: "после перезапуска")))
        await outbox.enqueue(.message(SendMessage(chatId: 2, text: "другому")))
        try await runSender(api, outbox, limits: RateLimits(), step: 0.01) { await outbox.pendingCount == 0 }
        // Chat 2 owes nothing: at once. Chat 1's bucket had 0.19 of a send left: (1 − 0.19) / 0.95 s more.
        #expect(try #require(await arrivals(api, chat: 2).first) < 0.05)
        let first = try #require(await arrivals(api, chat: 1).first)
        #expect(first >= 0.85 && first < 0.95, "chat 1 waited \(first) s")
    }

    @Test func withoutEarlierSendsTheSameChatGoesAtOnce() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        await outbox.enqueue(.message(SendMessage(chatId: 1, text: "первое")))
        try await runSender(api, outbox, limits: RateLimits(), step: 0.01) { await outbox.pendingCount == 0 }
        #expect(try #require(await arrivals(api, chat: 1).first) < 0.05)
    }

    @Test func aFullSecondOverallBeforeARestartHoldsTheFirstSends() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        // 28 chats answered 0.6 s ago, and one send may have been in flight at the stop (concurrency 1):
        // the global window (29 a second) is full until 0.4 s from now.
        await outbox.setEarlierSends((1...28).map { RecentSend(chat: Int64(1000 + $0), secondsAgo: 0.6) })
        for chat in 1...5 { await outbox.enqueue(.message(SendMessage(chatId: Int64(chat), text: "новое"))) }
        try await runSender(api, outbox, limits: RateLimits(), concurrency: 1, step: 0.01) { await outbox.pendingCount == 0 }
        let times = await arrivals(api)
        #expect(times.count == 5)
        #expect(try #require(times.first) >= 0.4, "the first send went at \(times) s")
    }

    /// A send counts until its chat's bucket has filled again: a group's 11.25 s (3 at 16 a minute),
    /// a private chat's 2.1 s; the global window is a second.
    @Test func theLimitsRememberASendUntilItsBucketIsFullAgain() {
        let limits = RateLimits()
        #expect(limits.memory == 3 / (16.0 / 60))
        #expect(limits.remembersAtMost == 29 * 14)
        #expect(RateLimits.unlimited.remembersAtMost == 0)
    }

    /// Many chats, each with a backlog, sent after a restart that follows a busy second: measured on the
    /// fake's clock, no chat and no second ever goes over what Telegram allows (3 then 1/s; 30/s).
    @Test func aBacklogAfterARestartStaysWithinTelegramsLimits() async throws {
        let api = fake(), outbox = InMemoryOutbox()
        let chats = (1...40).map(Int64.init)
        // A busy second before the stop: 14 chats got two sends each (answers 0.8 and 0.1 s ago).
        let earlier = chats.prefix(14).flatMap { [(chat: $0, at: -0.8), (chat: $0, at: -0.1)] }
        await outbox.setEarlierSends(earlier.map { RecentSend(chat: $0.chat, secondsAgo: -$0.at) })
        for i in 0..<200 { await outbox.enqueue(.message(SendMessage(chatId: chats[i % chats.count], text: "\(i)"))) }
        try await runSender(api, outbox, limits: RateLimits(), concurrency: 1, step: 0.02) { await outbox.pendingCount == 0 }
        var all = earlier
        all += await api.calls("sendMessage").map { ($0.chatId!, $0.at.timeIntervalSince(Self.start)) }
        all.sort { $0.at < $1.at }
        #expect(all.count == 228)
        for (i, send) in all.enumerated() {
            #expect(all[i...].prefix { $0.at < send.at + 1 }.count <= 30, "more than 30 sends in the second from \(send.at)")
        }
        for chat in chats {
            var tokens = 3.0, last = -10.0
            for send in all where send.chat == chat {
                tokens = min(3, tokens + (send.at - last)); last = send.at
                #expect(tokens >= 1, "chat \(chat) would get 429 at \(send.at) s")
                tokens -= 1
            }
        }
    }
}
