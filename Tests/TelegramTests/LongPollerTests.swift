import BotAPI
import Foundation
import Messaging
import Testing
import Engine
import OtklikTesting
@testable import Telegram

/// Records what it was handed; can be told to fail or to handle only some ids.
actor RecordingSink: UpdateSink {
    private(set) var seen: [Int64] = []
    var failuresLeft = 0
    var refuse: Set<Int64> = []

    func failNext(_ n: Int) { failuresLeft = n }
    func refuseOnce(_ ids: Set<Int64>) { refuse = ids }

    func handle(_ updates: [InboundUpdate], cursor: ReceiverCursor?) async throws -> Set<Int64> {
        if failuresLeft > 0 { failuresLeft -= 1; throw CancellationError() }
        var done: Set<Int64> = []
        for u in updates {
            if refuse.remove(u.receipt) != nil { continue }
            if !seen.contains(u.receipt) { seen.append(u.receipt) }
            done.insert(u.receipt)
        }
        return done
    }
}

@Suite struct LongPollerTests {
    let fastBackoff = Backoff(base: .milliseconds(1), cap: .milliseconds(5))

    func poll(_ api: FakeBotAPI, _ sink: RecordingSink, until done: @escaping @Sendable () async -> Bool) async throws {
        let poller = LongPoller(client: FakeClient(api: api), sink: sink,
                                configuration: PollerConfiguration(timeout: 0, backoff: fastBackoff))
        let task = Task { try await poller.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while !(await done()), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        _ = await task.result
    }

    @Test func confirmsOnlyThePrefixTheSinkHandled() {
        let batch = (1...5).map { textUpdate(Int64($0)) }
        #expect(LongPoller.nextOffset(after: batch, handled: [1, 2, 4, 5]) == 3)
        #expect(LongPoller.nextOffset(after: batch, handled: [1, 2, 3, 4, 5]) == 6)
        #expect(LongPoller.nextOffset(after: batch, handled: [2]) == nil)
    }

    @Test func deletesTheWebhookThenDeliversEveryUpdateOnceInOrder() async throws {
        let api = FakeBotAPI(), sink = RecordingSink()
        await api.push((1...250).map { textUpdate(Int64($0)) })
        try await poll(api, sink) { await sink.seen.count == 250 }
        #expect(await sink.seen == (1...250).map(Int64.init))
        let calls = await api.calls
        #expect(calls.first?.method == "deleteWebhook")
    }

    @Test func anUpdateTheSinkDidNotHandleComesAgain() async throws {
        let api = FakeBotAPI(), sink = RecordingSink()
        await sink.refuseOnce([3])
        await api.push((1...5).map { textUpdate(Int64($0)) })
        try await poll(api, sink) { await sink.seen.count == 5 }
        #expect(await sink.seen == [1, 2, 4, 5, 3])
    }

    @Test func ridesOutNetworkErrorsAndServerErrorsAndSinkFailures() async throws {
        let api = FakeBotAPI(), sink = RecordingSink()
        await api.fail("getUpdates", with: [.network("connection reset"), .api(code: 502, description: "Bad Gateway", parameters: nil),
                                            .malformedResponse(status: 200, detail: "{trunc"), nil])
        await sink.failNext(2)
        await api.push((1...3).map { textUpdate(Int64($0)) })
        try await poll(api, sink) { await sink.seen.count == 3 }
        #expect(await sink.seen == [1, 2, 3])
    }

    /// On a manual clock moved 10 ms at a time: exactly retry_after, no backoff of its own on top.
    @Test func waitsExactlyRetryAfterOn429() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_796_007_600))
        let api = FakeBotAPI(clock: clock), sink = RecordingSink()
        await api.fail("getUpdates", with: [.api(code: 429, description: "Too Many Requests: retry after 1",
                                                 parameters: .init(retryAfter: 1))])
        await api.push([textUpdate(1)])
        let poller = LongPoller(client: FakeClient(api: api), sink: sink,
                                configuration: PollerConfiguration(timeout: 0, backoff: fastBackoff), clock: clock)
        let task = Task { try await poller.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while await sink.seen.isEmpty, ContinuousClock.now < deadline {
            clock.advance(by: 0.01)
            try await Task.sleep(for: .milliseconds(1))
        }
        task.cancel()
        _ = await task.result
        let polls = await api.calls("getUpdates")
        let gap = polls[1].at.timeIntervalSince(polls[0].at)
        #expect(gap >= 1 && gap < 1.05, "waited \(gap) s")
    }

    @Test func stopsWithAClearMessageOnUnauthorized() async throws {
        let api = FakeBotAPI()
        await api.fail("deleteWebhook", with: [.api(code: 401, description: "Unauthorized", parameters: nil)])
        let poller = LongPoller(client: FakeClient(api: api), sink: RecordingSink())
        await #expect(throws: PollerStop.unauthorized) { try await poller.run() }
        #expect(PollerStop.unauthorized.description.contains("token"))
    }
}
