import BotAPI
import CurlTransport
import Foundation
import Sandbox

extension Bench {
    /// (8) The sandbox alone, through the libcurl client the bot uses: every other figure shares the
    /// two cores with it, so how much it costs is worth knowing. Was a test in `make test` (it timed
    /// nothing it asserted); it is a measurement, so it lives here.
    func sandboxFigures() async throws {
        say("\n(8) the sandbox on its own")
        let sandbox = Sandbox(config: SandboxConfig(floodLimits: .off, requestLogLimit: 10_000))
        let url = try await sandbox.start()
        let people = Array(Int64(1)...50)
        for id in people { await sandbox.addUser(id: id, firstName: "Житель \(id)") }
        let http = CurlBotAPIClient.makeHTTPClient(token: sandbox.token, workers: 4, name: "bench-sandbox")
        let client = CurlBotAPIClient(baseURL: url.absoluteString, token: sandbox.token, http: http)
        defer { http.shutdown() }

        let count = options.quick ? 5_000 : 20_000
        guard let ids = try await sandbox.injectTexts(count: count, from: people) else { throw BenchError("nothing injected") }
        var received: [Int64] = []
        var offset: Int64?
        let polling = ContinuousClock.now
        while received.count < count {
            let batch = try await client.call(GetUpdates(offset: offset, limit: 100, timeout: 5)).updates.map(\.updateId)
            received += batch
            offset = batch.last.map { $0 + 1 } ?? offset
        }
        let pollSeconds = Self.seconds(ContinuousClock.now - polling)
        guard received == Array(ids) else { throw BenchError("getUpdates lost or reordered updates") }
        results.add("sandbox.updates_per_s", "(8) updates delivered by getUpdates (\(count / 1000)k, one client)",
                    (Double(count) / pollSeconds).rounded(), "updates/s")

        let sends = options.quick ? 500 : 2_000
        let sequential = ContinuousClock.now
        for n in 0..<sends {
            _ = try await client.call(SendMessage(chatId: people[n % people.count], text: "<b>ответ</b> \(n)"))
        }
        let sequentialSeconds = Self.seconds(ContinuousClock.now - sequential)
        results.add("sandbox.send_per_s", "(8) sendMessage answered, one at a time", (Double(sends) / sequentialSeconds).rounded(), "calls/s")

        let concurrent = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for n in 0..<(sends / 4) {
                        _ = try await client.call(SendMessage(chatId: Int64(worker * 10 + n % 10 + 1), text: "p\(n)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let concurrentSeconds = Self.seconds(ContinuousClock.now - concurrent)
        results.add("sandbox.send4_per_s", "(8) sendMessage answered, 4 at a time", (Double(sends) / concurrentSeconds).rounded(), "calls/s")
        await sandbox.stop()
    }
}
