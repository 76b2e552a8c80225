import Casework
import Foundation
import GRDB

/// Dates as GRDB stores them: "yyyy-MM-dd HH:mm:ss.SSS" in UTC, the same text `Date.databaseValue`
/// writes, without its DateFormatter: ICU formatting took ~15,000 instructions a date, and the inserts
/// every post makes write several (the tests compare the two on many dates).
enum StoreDate {
    static func text(_ date: Date) -> String {
        // As CoreFoundation hands the instant to ICU (milliseconds since 1970 plus a half), which rounds down.
        let millis = Int64(((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down))
        let dayMillis: Int64 = 86_400_000
        var days = millis / dayMillis
        var inDay = millis % dayMillis
        if inDay < 0 { inDay += dayMillis; days -= 1 }
        let date = LocalDate(dayNumber: Int(days))
        var out = ""
        out.reserveCapacity(23)
        func put(_ n: Int64, _ width: Int) {
            let digits = String(n)
            if digits.count < width { out += String(repeating: "0", count: width - digits.count) }
            out += digits
        }
        put(Int64(date.year), 4); out += "-"; put(Int64(date.month), 2); out += "-"; put(Int64(date.day), 2); out += " "
        put(inDay / 3_600_000, 2); out += ":"; put(inDay / 60_000 % 60, 2); out += ":"; put(inDay / 1000 % 60, 2)
        out += "."; put(inDay % 1000, 3)
        return out
    }
}
