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
            """
    )

    @Argument(help: "The text to screen.")
    var text: String?

    @Flag(name: .long, help: "Read JSON lines {\"text\": ...} from stdin.")
    var jsonl = false

    @Option(name: .long, help: "The service config; lexicons are in `screening/` beside it.")
    var config = "Config/otklik.yaml"

    func validate() throws {
        if jsonl == (text != nil) {
            throw ValidationError("give either a text or --jsonl")
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
        let screener = Screener(lexicon: lexicon)
        if let text {
            print(Self.describe(screener.screen(text)))
        } else {
            while let line = readLine(strippingNewline: true) {
                print(ScreeningJSONLines.process(line, with: screener))
            }
        }
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
