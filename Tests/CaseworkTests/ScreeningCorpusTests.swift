import Casework
import Foundation
import Testing

/// The figures `make accuracy` prints on the two held-out corpora (Tests/Fixtures/Screening/holdout.jsonl
/// and holdout-2.jsonl, each written apart and never tuned or trained on; the second was written after
/// all tuning was done), pinned a little below what was measured so they cannot fall silently.
struct ScreeningCorpusTests {
    static func corpus(_ name: String) throws -> [ScreeningEvaluation.Example] {
        let url = Screening.repository.appendingPathComponent("Tests/Fixtures/Screening/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ScreeningEvaluation.Example.self, from: Data($0.utf8))
        }
    }

    /// Measured: obscene 0.994/0.963, threat 0.951/0.916, look-alikes kept clean 0.971 (the model trained on
    /// train-a…h; with train-g alone these were 0.931/0.921 and 0.961).
    @Test func theHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.99 && obscene.recall >= 0.96)
        #expect(threat.precision >= 0.945 && threat.recall >= 0.91)
        #expect(evaluation.lookAlikesCleanShare >= 0.965)
    }

    /// Measured: obscene 1.0/0.988, threat 0.95/0.939, look-alikes kept clean 0.964.
    @Test func theSecondHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout-2.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.99 && obscene.recall >= 0.98)
        #expect(threat.precision >= 0.945 && threat.recall >= 0.935)
        #expect(evaluation.lookAlikesCleanShare >= 0.96)
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
