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

    /// Measured: obscene 0.987/0.975, threat 0.966/0.901, look-alikes kept clean 0.986 (threshold 0.5,
    /// words read by ear; at 0.35 before: 0.987/0.975, 0.956/0.911, 0.976).
    @Test func theHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.985 && obscene.recall >= 0.97)
        #expect(threat.precision >= 0.955 && threat.recall >= 0.895)
        #expect(evaluation.lookAlikesCleanShare >= 0.975)
    }

    /// Measured: obscene 1.0/0.988, threat 0.983/0.945, look-alikes kept clean 0.99.
    @Test func theSecondHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout-2.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.99 && obscene.recall >= 0.985)
        #expect(threat.precision >= 0.975 && threat.recall >= 0.94)
        #expect(evaluation.lookAlikesCleanShare >= 0.985)
    }

    /// Measured once before any tuning on it: obscene 0.982/0.977, threat 0.954/0.935, look-alikes kept clean
    /// 0.970; then its misses were read and generic fixes made (names with particles, idioms of dismissal,
    /// threshold 0.5): 0.994/0.982, 0.989/0.91, 1.0.
    @Test func theThirdHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout-3.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.99 && obscene.recall >= 0.975)
        #expect(threat.precision >= 0.98 && threat.recall >= 0.905)
        #expect(evaluation.lookAlikesCleanShare >= 0.99)
    }

    /// Measured once, blind (written from the same brief after all the tuning above): obscene 0.969/0.988,
    /// threat 0.985/0.819, look-alikes kept clean 0.986; after a fix to reading by ear (not from its
    /// texts): 0.969/0.981, 0.985/0.825, 0.991. Its veiled threats without a violent verb are where
    /// recall falls short of the issue's 0.85.
    @Test func theFourthHeldOutCorpusKeepsItsFigures() throws {
        let evaluation = ScreeningEvaluation(try Self.corpus("holdout-4.jsonl"), screener: Screening.screener)
        print(evaluation.report)
        let obscene = try #require(evaluation.scores[.obscene]), threat = try #require(evaluation.scores[.threat])
        #expect(obscene.precision >= 0.965 && obscene.recall >= 0.975)
        #expect(threat.precision >= 0.98 && threat.recall >= 0.81)
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
