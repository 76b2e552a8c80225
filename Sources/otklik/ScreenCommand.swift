import ArgumentParser
import Casework
import Foundation
import Settings

/// `otklik screen`: the § 11 verdict for a text, or for JSON lines on stdin.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "§ 11 screening: obscene language and threats.",
        discussion: """
            With a text: prints the verdict (obscene, threat or clean) and the matched fragments.
            With --jsonl: reads {"text": "..."} per line from stdin and writes \
            {"verdict": "...", "matches": [...]} per line, in order; a line that cannot be read \
            gives {"error": "..."} and the rest continue. The lexicons are read from the \
            `screening` folder next to the config file.
            With --accuracy: screens labelled corpora ({"text", "label", "kind"} per line) and \
            prints each class's precision and recall (`make accuracy`).
            With --train: fits the threat model to a labelled corpus and writes it to \
            `screening/threat-model.json` (or --model-out).
            """
    )

    @Argument(help: "The text to screen.")
    var text: String?

    @Flag(name: .long, help: "Read JSON lines {\"text\": ...} from stdin.")
    var jsonl = false

    @Option(name: .long, help: "The service config; lexicons are in `screening/` beside it.")
    var config = "Config/otklik.yaml"

    @Option(name: .long, parsing: .upToNextOption, help: "Labelled corpora to measure the screener on.")
    var accuracy: [String] = []

    @Option(name: .long, help: "A labelled corpus to train the threat model on.")
    var train: String?

    @Option(name: .long, help: "Where --train writes the model (default: screening/threat-model.json).")
    var modelOut: String?

    @Flag(name: .long, help: "With --accuracy: list every message the screener gets wrong.")
    var mistakes = false

    @Option(name: .long, help: "With --train: measure by k-fold cross-validation instead of writing the model.")
    var folds: Int?

    @Option(name: .long, help: "With --train: the probability from which a text is a threat.")
    var threshold = ThreatModel.defaultThreshold

    @Option(name: .long, parsing: .upToNextOption, help: "With --train and --folds: also measure at these thresholds (one training per fold).")
    var sweep: [Double] = []

    @Option(name: .long, help: "With --train: the L2 penalty on the weights.")
    var l2 = 0.003

    func validate() throws {
        let modes = [jsonl, text != nil, !accuracy.isEmpty, train != nil].filter { $0 }.count
        if modes != 1 {
            throw ValidationError("give a text, --jsonl, --accuracy or --train")
        }
    }

    func run() throws {
        let folder = ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("screening")
        let lexicon: ScreeningLexicon
        do {
            lexicon = try ScreeningLoader.load(folder: folder)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        if let train {
            var rulesOnly = lexicon
            rulesOnly.threatModel = nil
            let corpus = try Self.corpus(train)
            let examples = corpus.map { (text: $0.text, threat: $0.label == .threat) }
            if let folds {
                // Each message screened by a model that never saw it: honest figures for tuning.
                let thresholds = [threshold] + sweep
                var all: [ScreeningEvaluation.Example] = []
                var verdicts = [[ScreeningVerdict]](repeating: [], count: thresholds.count)
                for fold in 0..<folds {
                    let training = examples.indices.filter { $0 % folds != fold }.map { examples[$0] }
                    let model = Screener(lexicon: rulesOnly).trainThreatModel(on: training, threshold: threshold, l2: l2)
                    let screeners = thresholds.map { cut in
                        var withModel = rulesOnly
                        withModel.threatModel = model
                        withModel.threatModel?.threshold = cut
                        return Screener(lexicon: withModel)
                    }
                    for index in corpus.indices where index % folds == fold {
                        all.append(corpus[index])
                        for (t, screener) in screeners.enumerated() { verdicts[t].append(screener.screen(corpus[index].text).verdict) }
                    }
                }
                let evaluation = ScreeningEvaluation(all, verdicts: verdicts[0])
                print("\(folds)-fold cross-validation on \(train):")
                print(evaluation.report)
                for (cut, atCut) in zip(thresholds, verdicts).dropFirst() {
                    print("at threshold \(cut):")
                    print(ScreeningEvaluation(all, verdicts: atCut).summary)
                }
                if mistakes {
                    for (example, verdict) in evaluation.mistakes {
                        print("  ✗ \(example.label.rawValue) → \(verdict.rawValue) [\(example.kind)] \(example.text)")
                    }
                }
                return
            }
            let model = Screener(lexicon: rulesOnly).trainThreatModel(on: examples, threshold: threshold, l2: l2)
            let out = modelOut ?? (folder as NSString).appendingPathComponent(ScreeningLoader.threatModelFile)
            try model.fileData().write(to: URL(fileURLWithPath: out))
            print("trained on \(examples.count) messages (\(examples.filter(\.threat).count) threats): \(model.featureCount) weights → \(out)")
            return
        }
        let screener = Screener(lexicon: lexicon)
        if !accuracy.isEmpty {
            for path in accuracy {
                let evaluation = ScreeningEvaluation(try Self.corpus(path), screener: screener)
                print("\(path): \(evaluation.byKind.values.reduce(0) { $0 + $1.all }) messages")
                print(evaluation.report)
                if mistakes {
                    for (example, verdict) in evaluation.mistakes {
                        print("  ✗ \(example.label.rawValue) → \(verdict.rawValue) [\(example.kind)] \(example.text)")
                    }
                }
                print("")
            }
            return
        }
        if let text {
            print(Self.describe(screener.screen(text)))
        } else {
            while let line = readLine(strippingNewline: true) {
                print(ScreeningJSONLines.process(line, with: screener))
            }
        }
    }

    /// A labelled corpus: one JSON object per line.
    static func corpus(_ path: String) throws -> [ScreeningEvaluation.Example] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var examples: [ScreeningEvaluation.Example] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                examples.append(try JSONDecoder().decode(ScreeningEvaluation.Example.self, from: Data(line.utf8)))
            } catch {
                throw ValidationError("\(path):\(index + 1): not a labelled message {\"text\", \"label\", \"kind\"}: \(error)")
            }
        }
        return examples
    }

    /// The readable form: the verdict, then one line per match with its rule.
    static func describe(_ result: ScreeningResult) -> String {
        var lines = [result.verdict.rawValue]
        for match in result.matches {
            lines.append("  \(match.kind.rawValue): «\(match.fragment)» (\(match.rule))")
        }
        return lines.joined(separator: "\n")
    }
}
