import Bot
import BotAPI
import CurlTransport
import Engine
import Foundation
import OtklikApp
import Sandbox
import Telegram
import Testing

/// The real libcurl client and the long poller against the sandbox over loopback.
@Suite(.serialized) struct PollingTests {
    static let fastBackoff = Backoff(base: .milliseconds(10), cap: .milliseconds(200))

    func startPoller(_ h: Harness, _ sink: any UpdateSink, capture: LogCapture = LogCapture()) -> Task<Void, any Error> {
        let poller = LongPoller(client: h.client, sink: sink,
                                configuration: PollerConfiguration(timeout: 1, backoff: Self.fastBackoff),
                                logger: capture.logger("poller"))
        return Task { try await poller.run() }
    }

    @Test func tenThousandUpdatesInBurstsArriveExactlyOnceAndInOrder() async throws {
        try await withHarness { h in
            let users: [Int64] = (1...20).map { 500_000 + $0 }
            for id in users { _ = await h.sandbox.addUser(id: id, firstName: "Житель \(id)") }
            let sink = CountingSink()
            let poller = startPoller(h, sink)
            var injected: [Int64] = []
            for burst in 0..<20 {
                if let range = try await h.sandbox.injectTexts(count: 500, from: users, text: { "пост \(burst)-\($0)" }) {
                    injected += Array(range)
                }
                try await Task.sleep(for: .milliseconds(15))
            }
            #expect(try await eventually(.seconds(120)) { await sink.count >= 10_000 })
            poller.cancel()
            #expect(await sink.ids == injected)
            #expect(await sink.duplicates == 0)
            if let first = await sink.firstAt, let last = await sink.lastAt {
                let seconds = Double(first.duration(to: last).components.attoseconds) / 1e18 + Double(first.duration(to: last).components.seconds)
                print("poller throughput: \(Int(Double(injected.count) / max(seconds, 0.001))) updates/s over \(injected.count) updates")
            }
        }
    }

    @Test func aFaultScheduleIsRiddenOutWithNothingLost() async throws {
        try await withHarness { h in
            _ = await h.sandbox.addUser(id: 42, firstName: "Анна")
            let capture = LogCapture()
            for fault: SandboxFault in [.serverError(status: 502, description: "Bad Gateway"), .dropConnection,
                                        .tooManyRequests(retryAfter: 1), .htmlErrorPage(status: 503), .truncatedJSON,
                                        .malformedJSON, .serverError(status: 500, description: "Internal Server Error")] {
                await h.sandbox.injectFault(fault, method: "getUpdates")
            }
            let injected = try await h.sandbox.injectTexts(count: 300, from: [42]).map(Array.init) ?? []
            let sink = CountingSink()
            let poller = startPoller(h, sink, capture: capture)
            #expect(try await eventually { await sink.count >= 300 })
            poller.cancel()
            #expect(await sink.ids == injected)
            #expect(await sink.duplicates == 0)
            // The operator sees what happened, in plain words, and never the token.
            let log = capture.all.joined(separator: "\n")
            #expect(log.contains("getUpdates failed; retrying"))
            #expect(log.contains("retry_in=1.0 seconds"))
            #expect(!log.contains(h.sandbox.token))
            #expect(!log.contains(String(h.sandbox.token.split(separator: ":")[1])))
        }
    }

    @Test func aWrongTokenStopsThePollerWithAClearMessage() async throws {
        try await withHarness { h in
            let wrong = CurlBotAPIClient(baseURL: h.baseURL, token: "123:wrong-token-wrong-token-wrong", http: h.http)
            let poller = LongPoller(client: wrong, sink: CountingSink())
            await #expect(throws: PollerStop.unauthorized) { try await poller.run() }
        }
    }

    @Test func aSecondPollerIsReportedAsAConflict() async throws {
        try await withHarness { h async throws in
            let capture = LogCapture()
            let first = startPoller(h, CountingSink(), capture: capture)
            // The second starts once the first is polling.
            #expect(try await eventually(.seconds(10)) { await !h.sandbox.requests(for: "getUpdates").isEmpty })
            let second = startPoller(h, CountingSink(), capture: capture)
            #expect(try await eventually(.seconds(10)) {
                capture.all.contains { $0.contains("another instance is polling this token, or a webhook is set") }
            })
            first.cancel()
            second.cancel()
        }
    }

    @Test func aWebhookIsDeletedBeforePolling() async throws {
        try await withHarness { h in
            await h.sandbox.setWebhook("https://example.org/hook")
            _ = await h.sandbox.addUser(id: 7, firstName: "Пётр")
            _ = try await h.sandbox.injectTexts(count: 3, from: [7])
            let sink = CountingSink()
            let poller = startPoller(h, sink)
            #expect(try await eventually { await sink.count == 3 })
            poller.cancel()
            #expect(await h.sandbox.webhook == nil)
        }
    }
}
