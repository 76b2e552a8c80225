import Foundation

/// How well the screener does on a labelled corpus: each class's precision and recall, and how many
/// of the clean look-alikes (innocent words with obscene letters, violent idioms, reported threats…)
/// stay clean. `make accuracy` prints it; a test pins it.
public struct ScreeningEvaluation: Sendable {
    /// One labelled message of the corpus.
    public struct Example: Sendable, Decodable {
        public var text: String
        public var label: ScreeningVerdict
        /// What it exemplifies (`veiled_family`, `obscene_translit`, `clean_idiom`…).
        public var kind: String

        public init(text: String, label: ScreeningVerdict, kind: String) {
            self.text = text
            self.label = label
            self.kind = kind
        }

        /// Clean texts written to look like the other classes.
        public var isLookAlike: Bool { label == .clean && kind != "clean_ordinary" && kind != "clean_angry" }
    }

    public struct Score: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
    }

    public var scores: [ScreeningVerdict: Score] = [:]
    public var lookAlikes = 0
    public var lookAlikesKeptClean = 0
    /// Per kind: right / all.
    public var byKind: [String: (right: Int, all: Int)] = [:]
    /// The examples the screener got wrong, with its verdict.
    public var mistakes: [(example: Example, verdict: ScreeningVerdict)] = []

    public var lookAlikesCleanShare: Double { Double(lookAlikesKeptClean) / Double(max(1, lookAlikes)) }

    public init(_ examples: [Example], screener: Screener) {
        self.init(examples, verdicts: examples.map { screener.screen($0.text).verdict })
    }

    /// The figures for verdicts already given, one per example.
    public init(_ examples: [Example], verdicts: [ScreeningVerdict]) {
        for (example, verdict) in zip(examples, verdicts) {
            for cls in [ScreeningVerdict.obscene, .threat] {
                var score = scores[cls] ?? Score()
                if example.label == cls && verdict == cls { score.truePositives += 1 }
                if example.label != cls && verdict == cls { score.falsePositives += 1 }
                if example.label == cls && verdict != cls { score.falseNegatives += 1 }
                scores[cls] = score
            }
            if example.isLookAlike {
                lookAlikes += 1
                if verdict == .clean { lookAlikesKeptClean += 1 }
            }
            let right = verdict == example.label
            byKind[example.kind, default: (0, 0)].all += 1
            if right { byKind[example.kind, default: (0, 0)].right += 1 } else { mistakes.append((example, verdict)) }
        }
    }

    /// The table `make accuracy` prints: the summary, then each kind.
    public var report: String {
        var lines = [summary]
        for (kind, counts) in byKind.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(kind.padding(toLength: 24, withPad: " ", startingAt: 0)) \(counts.right)/\(counts.all)")
        }
        return lines.joined(separator: "\n")
    }

    /// Each class's precision and recall, and the look-alikes kept clean.
    public var summary: String {
        func percent(_ x: Double) -> String { String(Double(Int((x * 1000).rounded())) / 1000) }
        var lines = ["class     precision  recall"]
        for cls in [ScreeningVerdict.obscene, .threat] {
            let score = scores[cls] ?? Score()
            lines.append("\(cls.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(percent(score.precision).padding(toLength: 10, withPad: " ", startingAt: 0)) \(percent(score.recall))")
        }
        lines.append("clean look-alikes kept clean: \(lookAlikesKeptClean)/\(lookAlikes) = \(percent(lookAlikesCleanShare))")
        return lines.joined(separator: "\n")
    }
}
