import Casework
import Foundation

/// The `otklik screen --jsonl` line format: `{"text": "..."}` in, `{"verdict": "...", "matches": [...]}` out.
public enum ScreeningJSONLines {
    /// One output line for one input line; a line that is not `{"text": "<string>"}` gives
    /// `{"error": "..."}`, so output lines always pair with input lines.
    public static func process(_ line: some StringProtocol, with screener: Screener) -> String {
        let data = Data(line.utf8)
        guard !line.allSatisfy(\.isWhitespace) else { return error("empty line") }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return error("not JSON")
        }
        guard let dictionary = object as? [String: Any], let text = dictionary["text"] as? String else {
            return error("expected an object with a string \"text\"")
        }
        let result = screener.screen(text)
        let matches = result.matches.map { quoted($0.fragment) }.joined(separator: ", ")
        return "{\"verdict\": \"\(result.verdict.rawValue)\", \"matches\": [\(matches)]}"
    }

    private static func error(_ message: String) -> String {
        "{\"error\": \(quoted(message))}"
    }

    /// A JSON string literal (see `JSONText.quoted`).
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
