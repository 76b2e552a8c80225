import Casework
import Foundation
import Settings

/// The real lexicon from Config/screening, loaded once for all screening tests.
enum Screening {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let lexicon: ScreeningLexicon = {
        do {
            return try ScreeningLoader.load(folder: repository.appendingPathComponent("Config/screening").path)
        } catch {
            fatalError("Config/screening does not load: \(error)")
        }
    }()

    static let screener = Screener(lexicon: lexicon)

    static func verdict(_ text: String) -> ScreeningVerdict { screener.screen(text).verdict }
    static func fragments(_ text: String) -> [String] { screener.screen(text).matches.map(\.fragment) }
}
