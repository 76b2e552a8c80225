import Casework
import Foundation
import GRDB
import Store
import Testing
@testable import Reports

/// `otklik report` reads the service's store file while the service keeps writing it.
@Suite struct StoreFileTests {
    /// Seeds `count` answered cases in November (one transaction) into `store`.
    static func seed(_ count: Int, into store: AppDatabase, policy: DeadlinePolicy) throws {
        let s = try Seeder(policy: policy, store: store)
        try store.write { db in
            for j in 0..<count {
                let opened = local(11, 2 + j % 25, 9).plus(minutes: Double(j % 60))
                let id = try s.open(at: opened, network: j % 3 == 0 ? "ok" : "vk", in: db)
                let r = opened.plus(minutes: 10)
                let executor = Seeder.executor([101, 201, 301][j % 3])
                try s.run(.route(departmentId: executor.departmentId!), on: id, by: Seeder.specialist, at: r, in: db)
                try s.run(.take, on: id, by: executor, at: r.plus(minutes: 5), in: db)
                let h = Double(j % 40)
                try s.run(.submitDraft(kind: .final, text: "Ответ.", media: []), on: id, by: executor, at: r.plus(hours: h), in: db)
                try s.run(.approve(version: 1, editedText: nil), on: id, by: Seeder.specialist, at: r.plus(hours: h, minutes: 20), in: db)
                try s.run(.markPublished(link: nil), on: id, by: Seeder.specialist, at: r.plus(hours: h, minutes: 30), in: db)
            }
        }
    }

    @Test func aReadOnlyConnectionReportsWhileTheServiceWrites() async throws {
        let policy = try realPolicy()
        let service = try AppDatabase.temporary()
        let path = try #require(service.path)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try Self.seed(30, into: service, policy: policy)

        let reader = try AppDatabase.openForReading(path: path)
        let period = ReportPeriod.month(year: 2026, month: 11, zone: barnaul)!
        // A write transaction stays open in the service while the report reads the last commit.
        try await service.write { db in
            try db.appendJournal(.unreachable(name: "uncommitted while the report runs"), actorId: 0, at: local(11, 30, 9))
            let report = try reader.read { try Reports.compute(period: period, in: $0, now: local(12, 1, 12), policy: policy) }
            #expect(report.overall.received == 30)
            #expect(try reader.read { try Reports.journal(for: report, in: $0) }.count == 30 * 6)
        }
        // …and the next report sees what the service committed since.
        let journal = try await reader.read { db in
            try Reports.journal(for: try Reports.compute(period: period, in: db, now: local(12, 1, 12), policy: policy), in: db)
        }
        #expect(journal.last?.action == .unreachable(name: "uncommitted while the report runs") && journal.last?.actorName == nil)
        #expect(throws: (any Error).self) { try reader.write { try $0.deleteSession(chatId: 1) } }
    }

    /// Seeds OTKLIK_REPORT_BENCH cases into a store file and prints how long a month's report takes.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["OTKLIK_REPORT_BENCH"] != nil,
                   "set OTKLIK_REPORT_BENCH=N to time a report on N cases"))
    func timeAReportOnManyCases() throws {
        let count = Int(ProcessInfo.processInfo.environment["OTKLIK_REPORT_BENCH"] ?? "") ?? 10_000
        let policy = try realPolicy()
        let store = try AppDatabase.temporary()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path!).deletingLastPathComponent().path) }
        try Self.seed(count, into: store, policy: policy)
        let period = ReportPeriod.month(year: 2026, month: 11, zone: barnaul)!
        let dialogs = try shippedDialogs()
        let clock = ContinuousClock()
        var report: Report?
        let computing = try clock.measure {
            report = try store.read { try Reports.compute(period: period, in: $0, now: local(12, 1, 12), policy: policy) }
        }
        let r = try #require(report)
        var journal: [JournalLine] = []
        let reading = try clock.measure { journal = try store.read { try Reports.journal(for: r, in: $0) } }
        var xlsx = Data()
        let writing = try clock.measure { xlsx = try XLSXWriter.workbook(r, journal: journal, dialogs: dialogs) }
        let texting = clock.measure { _ = ReportText.render(r, dialogs: dialogs) }
        var tables: [ExportTable] = []
        let tabling = clock.measure { tables = ReportTables.all(r, journal: journal, dialogs: dialogs) }
        let sheeting = clock.measure { for t in tables { _ = XLSXSheet(table: t, zone: barnaul).xml(selected: false) } }
        print("report bench: \(count) cases, \(journal.count) journal entries: compute \(computing), journal \(reading), "
            + "XLSX \(writing) (\(xlsx.count) bytes; tables \(tabling), sheet XML \(sheeting)), text \(texting)")
        #expect(r.overall.received == count)
    }
}
