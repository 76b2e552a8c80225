import Casework
import Foundation
import Testing

/// The figures `make accuracy` prints on the held-out corpora (Tests/Fixtures/Screening/holdout*.jsonl,
/// each written apart from the code and never trained on), pinned a little below what was measured so
/// they cannot fall silently.
struct ScreeningCorpusTests {
    static func corpus(_ name: String) throws -> [ScreeningEvaluation.Example] {
        let url = Screening.repository.appendingPathComponent("Tests/Fixtures/Screening/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ScreeningEvaluation.Example.self, from: Data($0.utf8))
        }
    }

    /// A held-out corpus and the floors its figures must keep.
    struct HeldOut: Sendable, CustomTestStringConvertible {
        var file: String
        var obscene: (precision: Double, recall: Double)
        var threat: (precision: Double, recall: Double)
        var lookAlikes: Double
        var testDescription: String { file }
    }

    static let heldOut: [HeldOut] = [
        // Measured 0.987/0.975, 0.978/0.916, 0.986. With holdout-2, it chose the threshold (0.45).
        HeldOut(file: "holdout.jsonl", obscene: (0.985, 0.97), threat: (0.97, 0.91), lookAlikes: 0.98),
        // Measured 1.0/0.988, 0.989/0.956, 0.995.
        HeldOut(file: "holdout-2.jsonl", obscene: (0.99, 0.985), threat: (0.985, 0.95), lookAlikes: 0.99),
        // Blind (ebc6401): 0.994/0.988, 0.987/0.919, 0.991; after a review's fixes for lawful texts read as
        // threats: 1.0/0.981, 0.967/0.906, 0.991.
        HeldOut(file: "holdout-3.jsonl", obscene: (0.99, 0.975), threat: (0.96, 0.9), lookAlikes: 0.985),
        // Blind (ebc6401): 0.981/0.988, 0.966/0.881, 0.972; then its misses were read: 0.988/0.994, 0.966/0.90, 0.981.
        HeldOut(file: "holdout-4.jsonl", obscene: (0.985, 0.99), threat: (0.96, 0.895), lookAlikes: 0.98),
        // Blind, measured once after all the tuning: 0.994/0.975, 0.986/0.913, 0.995.
        HeldOut(file: "holdout-5.jsonl", obscene: (0.99, 0.97), threat: (0.98, 0.905), lookAlikes: 0.99),
    ]

    @Test(arguments: heldOut)
    func theHeldOutCorporaKeepTheirFigures(_ corpus: HeldOut) throws {
        let evaluation = ScreeningEvaluation(try Self.corpus(corpus.file), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= corpus.obscene.precision && obscene.recall >= corpus.obscene.recall)
        #expect(threat.precision >= corpus.threat.precision && threat.recall >= corpus.threat.recall)
        #expect(evaluation.lookAlikesCleanShare >= corpus.lookAlikes)
    }

    @Test func theCorpusCoversEveryKindTheIssueNames() throws {
        let kinds = Set(try Self.corpus("dev.jsonl").map(\.kind) + Self.corpus("holdout.jsonl").map(\.kind))
        for kind in ["first_person_harm", "modal_call", "property_threat", "weapon_means", "veiled_family", "fate_idiom",
                     "harm_anyone", "complaint_then_threat", "threat_obscene", "obscene_separators", "obscene_latin",
                     "obscene_translit", "obscene_repeats", "obscene_vowels", "clean_lookalike_names", "clean_lookalike_words",
                     "clean_idiom", "clean_negated", "clean_law"] {
            #expect(kinds.contains(kind), "no example of \(kind)")
        }
    }
}
