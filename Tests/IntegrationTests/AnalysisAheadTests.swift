import Bot
import BotAPI
import Foundation
import OtklikApp
import Sandbox
import Testing

/// Posts are analysed (source, § 11 screening, text features) before their transaction, off the
/// writer's thread; the case that opens with the post takes that analysis instead of redoing it.
@Suite(.serialized) struct AnalysisAheadTests {
    typealias H = BotHarness

    @Test func aForwardedPostIsAnalysedAheadAndItsCaseTakesTheAnalysis() async throws {
        try await withStage { h in
            let env = try #require(h.env)
            let before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text("На ул. Ленина, 5 огромная яма на дороге. https://vk.com/wall-123_456"),
                                            origin: .hiddenUser(date: 1_796_000_000, senderUserName: "Житель"), from: H.specialist)
            try await h.waitForStore()
            // Handled, not yet settled: the analysis waits for the case.
            #expect(env.postsAnalysedAhead == 1)
            let card = try await h.settle(H.specialist, after: before)
            #expect(card.text?.contains("vk.com/wall-123_456") == true, "the card names the post's source: \(card.text ?? "")")
            // The case took it: the same post, spelled the same way from the update and from the session.
            #expect(env.postsAnalysedAhead == 0)

            // A command is never a post, so it is not analysed.
            try await h.say("/my", from: H.specialist)
            try await h.waitForStore()
            #expect(env.postsAnalysedAhead == 0)
        }
    }
}
