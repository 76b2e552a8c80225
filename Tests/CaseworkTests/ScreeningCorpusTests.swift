import Casework
import Foundation
import Testing

/// The figures `make accuracy` prints on the held-out corpus (Tests/Fixtures/Screening/holdout.jsonl,
/// written apart and never tuned on), pinned a little below what was measured so they cannot fall
/// silently. Measured when the threat model was trained (dev.jsonl + the odd lines of the earlier
/// set and train-b, train-c): obscene 0.987/0.944, threat 0.977/0.906, look-alikes kept clean 0.995.
struct ScreeningCorpusTests {
    static func corpus(_ name: String) throws -> [ScreeningEvaluation.Example] {
        let url = Screening.repository.appendingPathComponent("Tests/Fixtures/Screening/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(ScreeningEvaluation.Example.self, from: Data($0.utf8))
        }
    }

    @Test func theHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.97 && obscene.recall >= 0.93)
        #expect(threat.precision >= 0.95 && threat.recall >= 0.88)
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
