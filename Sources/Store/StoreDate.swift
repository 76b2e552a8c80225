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
        let (year, month, day) = civil(days)
        var out = ""
        out.reserveCapacity(23)
        func put(_ n: Int64, _ width: Int) {
            let digits = String(n)
            if digits.count < width { out += String(repeating: "0", count: width - digits.count) }
            out += digits
        }
        put(year, 4); out += "-"; put(month, 2); out += "-"; put(day, 2); out += " "
        put(inDay / 3_600_000, 2); out += ":"; put(inDay / 60_000 % 60, 2); out += ":"; put(inDay / 1000 % 60, 2)
        out += "."; put(inDay % 1000, 3)
        return out
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
