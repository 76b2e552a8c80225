import Bot
import BotAPI
import Foundation
import OtklikApp
import Sandbox
import Store
import Testing

/// Posts are analysed (source, § 11 screening, text features) before their transaction, off the
/// writer's thread; the analysis travels with the post's piece in the session to the case it opens.
@Suite(.serialized) struct AnalysisAheadTests {
    typealias H = BotHarness

    /// Every `analysis` object anywhere in a stored session.
    static func analyses(in json: Any) -> [[String: Any]] {
        if let object = json as? [String: Any] {
            return (object["analysis"] as? [String: Any]).map { [$0] } ?? [] + object.values.flatMap(analyses)
        }
        if let array = json as? [Any] { return array.flatMap(analyses) }
        return []
    }

    @Test func aForwardedPostIsAnalysedAheadAndItsCaseTakesTheAnalysis() async throws {
        try await withStage { h in
            let before = await h.messages(H.specialist).count
            _ = try await h.sandbox.forward(.text("На ул. Ленина, 5 огромная яма на дороге. https://vk.com/wall-123_456"),
                                            origin: .hiddenUser(date: 1_796_000_000, senderUserName: "Житель"), from: H.specialist)
            try await h.waitForStore()
            // Handled, not yet settled: the piece waiting in the session carries its analysis.
            let session = try #require(try await h.database.read { try $0.session(chatId: H.specialist) })
            let waiting = Self.analyses(in: try JSONSerialization.jsonObject(with: session))
            #expect(waiting.count == 1)
            #expect((waiting.first?["source"] as? [String: Any])?["link"] as? String == "https://vk.com/wall-123_456")
            let card = try await h.settle(H.specialist, after: before)
            #expect(card.text?.contains("vk.com/wall-123_456") == true, "the card names the post's source: \(card.text ?? "")")

            // A command is never a post, so nothing is analysed or kept.
            try await h.say("/my", from: H.specialist)
            try await h.waitForStore()
            let after = try await h.database.read { try $0.session(chatId: H.specialist) }
            #expect(after.map { Self.analyses(in: (try? JSONSerialization.jsonObject(with: $0)) ?? [:]) }?.isEmpty ?? true)
        }
    }
}
