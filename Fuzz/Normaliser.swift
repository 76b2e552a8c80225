// libFuzzer target: the § 11 screening normaliser and the screener over it, with the shipped lexicon.
// Any text (emoji, RTL, zero-width, combining marks, broken surrogates) must normalise into words
// whose offsets stay inside the text, and every fragment the screener reports must be a non-empty
// piece of what the author wrote.
@testable import Casework
import Foundation
import Settings

/// The shipped lexicon, loaded once; FUZZ_CONFIG names the Config folder (set by scripts/fuzz.sh).
private let screener: Screener = {
    let folder = (ProcessInfo.processInfo.environment["FUZZ_CONFIG"] ?? "Config") + "/screening"
    do { return Screener(lexicon: try ScreeningLoader.load(folder: folder)) } catch {
        fatalError("cannot load the screening lexicon from \(folder): \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormaliser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let normal = Normaliser.normalise(text)
    let scalars = normal.scalars.count
    for word in normal.pieces + normal.joined {
        precondition(0 <= word.start && word.start <= word.end && word.end <= scalars, "word outside the text")
        for unit in word.units {
            precondition(0 <= unit.start && unit.start <= unit.end && unit.end <= scalars, "letter outside the text")
        }
        _ = normal.fragment(word.start, word.end)
    }
    for match in screener.screen(text).matches {
        precondition(!match.fragment.isEmpty, "an empty fragment was reported")
        precondition(text.unicodeScalars.count >= match.fragment.unicodeScalars.count, "a fragment longer than the text")
    }
    return 0
}
