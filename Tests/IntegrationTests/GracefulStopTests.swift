import Bot
import Engine
import Foundation
import Messaging
import OtklikApp
import OtklikTesting
import Sandbox
import Settings
import Store
import Telegram
import Testing

/// Stopping the service as SIGTERM stops `otklik run`: the stage triggers the same graceful shutdown
/// of the same service group, with a drain time of 2 s.
@Suite(.serialized) struct GracefulStopTests {
    typealias H = BotHarness

    /// Sends `count` /help to the bot and waits until it has handled them (their answers queued),
    /// not until they are sent. Returns the number of answers still pending then.
    func queueAnswers(_ h: BotHarness, count: Int) async throws -> Int {
        for _ in 0..<count { _ = try await h.sandbox.sendText("/help", from: H.specialist) }
        let last = try #require(await h.sandbox.lastUpdateId)
        let handled = try await eventually { (try? await h.database.isHandled(updateId: last)) == true }
        try #require(handled, "the bot handled the commands")
        return try await h.database.outboxBacklog().count
    }

    func backlog(_ h: BotHarness) async throws -> Int { try await h.database.outboxBacklog().count }

    @Test func stoppingDeliversWhatIsQueuedWithinTheDrainTime() async throws {
        try await withStage { h in
            let before = await h.messages(H.specialist).count
            // Each answer takes 0.25 s to go out: they are still queued when the stop begins, and all
            // fit in the drain time.
            await h.sandbox.injectFault(.delay(.milliseconds(250)), method: "sendMessage", times: 3)
            let queued = try await queueAnswers(h, count: 3)
            try #require(queued > 0, "answers are queued when the stop begins")
            let started = ContinuousClock.now
            await h.stopService()
            #expect(ContinuousClock.now - started < .seconds(2) + .seconds(2))
            #expect(try await backlog(h) == 0)
            #expect(await h.messages(H.specialist).count >= before + 3)
            #expect(h.logs.all.contains { $0.contains("stopping: delivering what is queued") })
            #expect(!h.logs.all.contains { $0.contains("still queued") })
        }
    }

    @Test func whatTheDrainTimeCannotDeliverGoesOutAtTheNextStart() async throws {
        try await withStage { h in
            let before = await h.messages(H.specialist).count
            // 1 s an answer, one at a time: 6 s of sending against 2 s of drain.
            await h.sandbox.injectFault(.delay(.seconds(1)), method: "sendMessage", times: 6)
            let queued = try await queueAnswers(h, count: 6)
            try #require(queued > 2)
            let started = ContinuousClock.now
            await h.stopService()
            let took = ContinuousClock.now - started
            #expect(took >= .seconds(2) && took < .seconds(2) + .seconds(3), "the sender had the drain time, no more: \(took)")
            let left = try await backlog(h)
            #expect(left > 0)
            #expect(h.logs.all.contains { $0.contains("stopped with messages still queued; they go out at the next start")
                                          && $0.contains("count=") })

            await h.sandbox.clearFaults()
            try await h.startService()
            try await h.waitForStore()
            // Every answer arrived; one more only if a send was in flight at the stop (sent again).
            let got = await h.messages(H.specialist).count - before
            #expect(got >= 6 && got <= 7, "\(got) answers for 6 commands")
        }
    }

    /// A poller that stops for good (401: the token was revoked) ends the run with its error at once:
    /// no drain, and the other services are cancelled with it.
    @Test func aRevokedTokenEndsTheRunWithThePollersError() async throws {
        let stage = try await Stage(configPath: H.repo.appendingPathComponent("Config/otklik.yaml").path, people: H.people,
                                    start: H.start)
        try await scoped({ stage }, stop: { await $0.stop() }) { stage in
            let url = try #require(await stage.sandbox.baseURL)
            let client = ServiceBuilder.client(stage.config.app.telegram ?? AppSettings.Telegram(), token: "123:revoked-token-revoked-token-rev",
                                               baseURL: url.absoluteString, workers: 4)
            let env = try ServiceBuilder.environment(stage.config, botNames: [.telegram: "otklik_bot"])
            let service = OtklikService(database: stage.database, handler: BotHandler(env: env), client: client,
                                        clock: stage.clock, pollTimeout: 1, limits: .unlimited, logger: stage.logs.logger("stage"))
            let started = ContinuousClock.now
            await #expect(throws: PollerStop.unauthorized) { try await service.run(drainTime: .seconds(30)) }
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(!stage.logs.all.contains { $0.contains("stopping: delivering what is queued") })
        }
    }
}
