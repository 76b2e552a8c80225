import Foundation
import GRDB
import Testing
@testable import Store

/// The store writes dates on its hot paths without GRDB's DateFormatter: the text must be exactly
/// what GRDB writes, or ordering and comparisons in SQL would mix two spellings.
@Suite struct StoreDateTests {
    func grdb(_ date: Date) -> String { String.fromDatabaseValue(date.databaseValue)! }

    @Test func writesWhatGRDBWritesForManyInstants() {
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 0.0005),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 1_714_100_400.123), Date(timeIntervalSince1970: 1_714_100_400.9999),
            Date(timeIntervalSince1970: 4_107_542_399.999), // 2100-02-28 23:59:59.999
            Date(timeIntervalSince1970: 1_798_761_599.9995), // New Year's Eve 2026, last half-millisecond
        ]
        for _ in 0..<20_000 {
            instants.append(Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &generator)))
        }
        // Instants as the bot takes them: now, with microseconds.
        for k in 0..<2_000 { instants.append(Date(timeIntervalSinceReferenceDate: 817_000_000 + Double(k) * 0.000_7)) }
        let mismatches = instants.filter { StoreDate.text($0) != grdb($0) }
            .prefix(3).map { "\($0.timeIntervalSince1970): \(StoreDate.text($0)) vs \(grdb($0))" }
        #expect(mismatches == [])
    }
}
