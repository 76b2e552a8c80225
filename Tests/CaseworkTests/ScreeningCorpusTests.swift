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

    /// Measured: obscene 0.987/0.975, threat 0.956/0.911, look-alikes kept clean 0.976 (the model trained on
    /// train-a…l by its strongest sentence; before train-i and -k: 0.994/0.963, 0.951/0.916, 0.971).
    @Test func theHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.985 && obscene.recall >= 0.97)
        #expect(threat.precision >= 0.95 && threat.recall >= 0.905)
        #expect(evaluation.lookAlikesCleanShare >= 0.97)
    }

    /// Measured: obscene 1.0/0.988, threat 0.977/0.939, look-alikes kept clean 0.984 (before train-i and -k:
    /// 1.0/0.988, 0.95/0.939, 0.964).
    @Test func theSecondHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout-2.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.99 && obscene.recall >= 0.985)
        #expect(threat.precision >= 0.97 && threat.recall >= 0.935)
        #expect(evaluation.lookAlikesCleanShare >= 0.98)
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
