import Casework
import Foundation
import Settings

/// The real lexicon from Config/screening, loaded once for all screening tests.
enum Screening {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// When Config/screening does not load, the screening tests fail on an empty lexicon (and
    /// ScreeningLoaderTests names the error) instead of stopping the whole test process.
    static let lexicon: ScreeningLexicon =
        (try? ScreeningLoader.load(folder: repository.appendingPathComponent("Config/screening").path)) ?? ScreeningLexicon()

    static let screener = Screener(lexicon: lexicon)

    static func verdict(_ text: String) -> ScreeningVerdict { screener.screen(text).verdict }
    static func fragments(_ text: String) -> [String] { screener.screen(text).matches.map(\.fragment) }
}
