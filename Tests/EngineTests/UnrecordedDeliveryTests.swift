import BotAPI
import Messaging
import Testing
@testable import Engine
import OtklikTesting

/// A queue whose store refuses the first few delivery records, as a full disk would.
actor RefusingOutbox: OutboundQueue {
    struct DiskFull: Error {}
    let inner = InMemoryOutbox()
    var refusals: Int
    init(refusals: Int) { self.refusals = refusals }

    func pending(limit: Int, excluding: Set<Int64>) async throws -> [OutboundItem] {
        await inner.pending(limit: limit, excluding: excluding)
    }
    func waitForWork() async { await inner.waitForWork() }
    func delivered(_ id: Int64, messageIds: [Int64]) async throws {
        if refusals > 0 { refusals -= 1; throw DiskFull() }
        await inner.delivered(id, messageIds: messageIds)
    }
    func failed(_ id: Int64, error: DeliveryFailure) async throws {
        if refusals > 0 { refusals -= 1; throw DiskFull() }
        await inner.failed(id, error: error)
    }
    func recentSends(within seconds: Double, limit: Int) async throws -> [RecentSend] {
        await inner.recentSends(within: seconds, limit: limit)
    }
}

@Suite struct UnrecordedDeliveryTests {
    /// A message that reached Telegram while its record could not be written used to stay pending and
    /// was sent again at every pass: the person got it over and over until the disk had room.
    @Test func aDeliveryThatCannotBeRecordedIsNotSentAgain() async throws {
        let api = FakeBotAPI(), outbox = RefusingOutbox(refusals: 3)
        let id = await outbox.inner.enqueue(.message(SendMessage(chatId: 1, text: "напоминание")))
        await outbox.inner.enqueue(.message(SendMessage(chatId: 2, text: "другому")))
        var config = Sender.Configuration(limits: .unlimited)
        config.backoff = Backoff(base: .milliseconds(1), cap: .milliseconds(5))
        let sender = Sender(client: BotAPIDelivery(FakeClient(api: api)), queue: outbox, configuration: config)
        let task = Task { await sender.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        while await outbox.inner.pendingCount > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        #expect(await outbox.inner.outcomes[id]?.messageIds?.isEmpty == false, "recorded once the store took it")
        let calls = await api.calls("sendMessage")
        #expect(calls.filter { $0.chatId == 1 }.count == 1)
        #expect(calls.filter { $0.chatId == 2 }.count == 1)
    }
}
