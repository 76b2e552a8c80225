import BotAPI
import Foundation
import Sandbox
import Testing

@Suite("Throughput")
struct ThroughputTests {
    /// Only the ids: the measurement is of the sandbox, not of decoding in a debug build.
    private struct IdsOnly: Decodable {
        struct Item: Decodable { var update_id: Int64 }
        var result: [Item]
    }

    @Test("20,000 bulk-injected updates all arrive, once and in order, through long polling")
    func bulkDelivery() async throws {
        let (sandbox, bot) = try await TestBot.start()
        for id in 1...50 { await sandbox.addUser(id: Int64(id), firstName: "P\(id)") }
        let ids = try #require(try await sandbox.injectTexts(count: 20_000, from: Array(1...50)))
        let clock = ContinuousClock()
        let start = clock.now
        var offset: Int64? = nil
        var received: [Int64] = []
        while received.count < 20_000 {
            var params: [String: JSONValue] = ["timeout": 5]
            if let offset { params["offset"] = .id(offset) }
            let reply = try await bot.call("getUpdates", params)
            let batch = try JSONDecoder().decode(IdsOnly.self, from: reply.body).result.map(\.update_id)
            received += batch
            offset = batch.last.map { $0 + 1 } ?? offset
        }
        let elapsed = clock.now - start
        #expect(received == Array(ids))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("sandbox: \(Int(Double(received.count) / seconds)) updates/s delivered by getUpdates")

        let sendStart = clock.now
        for n in 0..<2_000 {
            _ = try await bot.call(SendMessage(chatId: Int64(n % 50 + 1), text: "<b>ответ</b> \(n)"))
        }
        let sendElapsed = clock.now - sendStart
        let sendSeconds = Double(sendElapsed.components.seconds) + Double(sendElapsed.components.attoseconds) / 1e18
        #expect(await sandbox.sentMessages(in: 1).count == 40)
        print("sandbox: \(Int(2_000 / sendSeconds)) sendMessage/s on one keep-alive connection")

        let parallelStart = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                let client = bot.sibling()
                group.addTask {
                    for n in 0..<500 {
                        let reply = try await client.call(SendMessage(chatId: Int64(worker * 10 + n % 10 + 1), text: "p\(n)"))
                        #expect(reply.ok)
                    }
                }
            }
            try await group.waitForAll()
        }
        let parallelElapsed = clock.now - parallelStart
        let parallelSeconds = Double(parallelElapsed.components.seconds) + Double(parallelElapsed.components.attoseconds) / 1e18
        #expect(await sandbox.requests(for: "sendMessage").count == 4_000)
        print("sandbox: \(Int(2_000 / parallelSeconds)) sendMessage/s on 4 concurrent connections")
        await sandbox.stop()
    }
}
