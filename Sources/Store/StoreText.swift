import Foundation
import GRDB

/// Text folding for search: Swift's Unicode lowercasing (SQLite's only knows ASCII) and ё as е.
enum StoreText {
    static func fold(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "ё", with: "е").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `otklik_fold(text)` in SQL.
    static let foldFunction = DatabaseFunction("otklik_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(fold)
    }
}
