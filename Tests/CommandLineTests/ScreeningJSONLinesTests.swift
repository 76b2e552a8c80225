import Casework
import Foundation
@testable import otklik
import Settings
import Testing

/// The `otklik screen --jsonl` line function, with the shipped lexicon.
struct ScreeningJSONLinesTests {
    let screener: Screener

    init() throws {
        screener = Screener(lexicon: try ScreeningLoader.load(folder: repository.appendingPathComponent("Config/screening").path))
    }

    func process(_ line: String) -> String { ScreeningJSONLines.process(line, with: screener) }

    @Test func verdictAndFragmentsAsWritten() {
        #expect(process(#"{"text": "Это п1здец, а не дорога"}"#) == #"{"verdict": "obscene", "matches": ["п1здец"]}"#)
        #expect(process(#"{"text": "Яма на Ленина"}"#) == #"{"verdict": "clean", "matches": []}"#)
        #expect(process(#"{"text": "Сожгу твою машину", "id": 7}"#) == #"{"verdict": "threat", "matches": ["Сожгу твою машину"]}"#)
    }

    @Test func fragmentsAreValidJSONEvenWithQuotesAndInvisibleCharacters() throws {
        let output = process(#"{"text": "\"х\u200bуй\" вам"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "obscene")
        #expect(object["matches"] as? [String] == ["х\u{200B}уй"])
    }

    @Test func badLinesGiveAnErrorLineAndTheNextLineStillWorks() {
        let lines = ["not json", #"{"body": "x"}"#, #"{"text": 5}"#, "", #"{"text": "бля"}"#]
        let output = lines.map(process)
        #expect(output[0] == #"{"error": "not JSON"}"#)
        #expect(output[1] == #"{"error": "expected an object with a string \"text\""}"#)
        #expect(output[2] == #"{"error": "expected an object with a string \"text\""}"#)
        #expect(output[3] == #"{"error": "empty line"}"#)
        #expect(output[4] == #"{"verdict": "obscene", "matches": ["бля"]}"#)
    }
}
