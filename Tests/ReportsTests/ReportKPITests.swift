import Casework
import Foundation
import Testing
@testable import Reports

/// Every figure of the November 2026 report on the seeded store, worked out by hand from the table
/// in NovemberStore. Durations in hours; ranks by nearest rank ⌈p·n/100⌉.
@Suite struct ReportKPITests {
    let november: NovemberStore

    init() throws { november = try NovemberStore.shared.get() }

    let hour = 3600.0

    /// The figures that are counts, in README order, for compact comparison.
    func counts(_ k: KPIs) -> [Int] {
        [k.received, k.routed, k.answered, k.answeredWithin24h, k.answeredAfterInterim, k.finalWithin7WorkingDays,
         k.overdueNow, k.returnedDrafts, k.repeats, k.declined, k.rejectedSection11]
    }

    @Test func overallCounts() throws {
        let k = try november.report().overall
        // received: every group opened in November except cancelled G9 and B1, B3 (October): 294.
        // routed: all but G7, G9, B1, B3: 279. answered: G1–G6, G10, G11, B1, B3: 262.
        // within 24 h: G1, G5, G6, G10, G11, B1 = 201 (G2's 30 late). After an interim: G3, G4, B3 = 31, of
        // which G3's 20 within 7 working days. Overdue: G12's 8. Returned: G5's 30. Repeats: G10's 20.
        // Declined: G6's 20. § 11: G7 + G8 = 20.
        #expect(counts(k) == [294, 279, 262, 201, 31, 20, 8, 30, 20, 20, 20])
        #expect(k.answeredOnTime == 221)
        #expect(k.answeredUnder24hRule == 231)
    }

    @Test func overallDurations() throws {
        let k = try november.report().overall
        // First drafts in November, n = 261 (B2's is in December, B3's in October): 1 h ×12, 2 h ×42,
        // 3 h ×42, 4 h ×12, 5 h ×42, 6 h ×12, 7 h ×12, 8 h ×32, 8 h 50 min ×1 (B1), 9 h ×12, 10 h ×12, 30 h ×30.
        // Median: rank 131, cumulative 12, 54, 96, 108, 150 → 5 h. P90: rank 235, …, 10 h at 231 → 30 h.
        #expect(k.firstDraft == DurationStats(count: 261, median: 5 * hour, p90: 30 * hour))
        // Publications, n = 262: 2 h ×12, 3 h ×32, 4–8 h ×12 each, 9 h ×62, 9 h 50 min ×1, 10 h ×12,
        // 11 h ×12, 31 h ×30, 56 h ×20, 81 h ×10, 314 h ×1 (B3), 344 h ×10.
        // Median: rank 131, 9 h spans 105–166 → 9 h. P90: rank 236, 56 h spans 222–241 → 56 h.
        #expect(k.publication == DurationStats(count: 262, median: 9 * hour, p90: 56 * hour))
    }

    @Test func departments() throws {
        let rows = try november.report().departments
        #expect(rows.map(\.name) == ["Дороги", "ЖКХ", "Соцзащита", nil])
        let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0.id ?? "-", $0.kpis) })
        // ЖКХ: G1 ×40, G5, G6 (re-routed here), G10, G11 received; B1 answered too; G5's returns, G10's repeats.
        #expect(counts(byId["zhkh"]!) == [120, 120, 121, 121, 0, 0, 0, 30, 20, 0, 0])
        // Дороги: G1 ×40, G2, G12, B2 received; G6 routed here first and declined; G12 overdue.
        #expect(counts(byId["roads"]!) == [79, 99, 70, 40, 0, 0, 8, 0, 0, 20, 0])
        // Соцзащита: G1 ×40, G3, G4, G8, G13 received; B3 answered after an interim, late; G8 under § 11.
        #expect(counts(byId["social"]!) == [80, 80, 71, 40, 31, 20, 0, 0, 0, 0, 5])
        // Not routed: G7, received and closed under § 11 at intake.
        #expect(counts(byId["-"]!) == [15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15])
    }

    @Test func departmentDurations() throws {
        let byId = Dictionary(uniqueKeysWithValues: try november.report().departments.map { ($0.id ?? "-", $0.kpis) })
        // ЖКХ drafts, n = 121: G1 1–10 h ×4 each, G5 3 h ×30, G6 8 h ×20, G10 2 h ×20, G11 2 h ×10, B1 8 h 50.
        // Median rank 61: 3 h spans 39–72. P90 rank 109: 8 h spans 89–112.
        #expect(byId["zhkh"]!.firstDraft == DurationStats(count: 121, median: 3 * hour, p90: 8 * hour))
        // ЖКХ publications: G1 2–11 h ×4, G5 and G6 9 h ×50, G10 3 h ×20, G11 81 h ×10, B1 9 h 50.
        // Median rank 61: 9 h spans 49–102. P90 rank 109: 11 h spans 108–111.
        #expect(byId["zhkh"]!.publication == DurationStats(count: 121, median: 9 * hour, p90: 11 * hour))
        // Дороги: drafts 1–10 h ×4 and 30 h ×30: rank 35 → 9 h, rank 63 → 30 h; publications one hour later.
        #expect(byId["roads"]!.firstDraft == DurationStats(count: 70, median: 9 * hour, p90: 30 * hour))
        #expect(byId["roads"]!.publication == DurationStats(count: 70, median: 10 * hour, p90: 31 * hour))
        // Соцзащита drafts: 1–10 h ×4 and 5 h ×30 (interim drafts): rank 35 → 5 h, rank 63 → 9 h.
        #expect(byId["social"]!.firstDraft == DurationStats(count: 70, median: 5 * hour, p90: 9 * hour))
        // Publications, n = 71: 2–11 h ×4, 56 h ×20, 314 h (B3), 344 h ×10: rank 36 → 10 h, rank 64 → 344 h.
        #expect(byId["social"]!.publication == DurationStats(count: 71, median: 10 * hour, p90: 344 * hour))
        #expect(byId["-"]!.firstDraft.count == 0 && byId["-"]!.firstDraft.median == nil)
    }

    @Test func executors() throws {
        let rows = try november.report().executors
        #expect(rows.map(\.name) == ["Васильев", "Андреева", "Борисов", "Григорьева"])
        let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0.personId, $0.kpis) })
        // 101: G1 j%6=0 (20), G5, G10, B1. Returns of G5 count against the executor holding the draft.
        #expect(counts(byId[101]!) == [0, 0, 71, 71, 0, 0, 0, 30, 0, 0, 0])
        // Drafts: 1, 3, 5, 7, 9 h ×4 (G1), 3 h ×30, 2 h ×20, 8 h 50 — rank 36 → 3 h, rank 64 → 7 h.
        #expect(byId[101]!.firstDraft == DurationStats(count: 71, median: 3 * hour, p90: 7 * hour))
        // 102: G1 j%6=3 (20), G6 (taken after re-routing), G11.
        #expect(counts(byId[102]!) == [0, 0, 50, 50, 0, 0, 0, 0, 0, 0, 0])
        // Drafts: 2, 4, 6, 8, 10 h ×4, 8 h ×20, 2 h ×10 — rank 25 and 45 both fall in 8 h (23–46).
        #expect(byId[102]!.firstDraft == DurationStats(count: 50, median: 8 * hour, p90: 8 * hour))
        // 201: G1 ×40 on time, G2 ×30 late; G12 overdue; G6's declines were theirs.
        #expect(counts(byId[201]!) == [0, 0, 70, 40, 0, 0, 8, 0, 0, 20, 0])
        // 301: G1 ×40, G3, G4, B3.
        #expect(counts(byId[301]!) == [0, 0, 71, 40, 31, 20, 0, 0, 0, 0, 0])
    }

    @Test func networks() throws {
        let rows = try november.report().networks
        // Cancelled G9 (other) leaves no figure; ties by name.
        #expect(rows.map(\.network) == ["vk", "ok", "telegram", "facebook", "dzen", "instagram"])
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.network, $0.kpis) })
        func figures(_ network: String, _ paths: KeyPath<KPIs, Int>...) -> [Int] { paths.map { byName[network]![keyPath: $0] } }
        // vk: G1 even 60, G2 30, G5 30, G7 15, G10 20, G12 8, B2 received; B1 answered too.
        #expect(figures("vk", \.received, \.answered, \.rejectedSection11, \.overdueNow) == [164, 141, 15, 8])
        #expect(figures("ok", \.received, \.answered, \.declined) == [80, 80, 20])
        #expect(figures("telegram", \.received, \.answered, \.finalWithin7WorkingDays) == [30, 31, 20])
        #expect(figures("instagram", \.received, \.rejectedSection11) == [5, 5])
        #expect(rows.map(\.kpis.received).reduce(0, +) == 294)
    }

    @Test func overdueNowIsWorstFirstWithWhoHoldsIt() throws {
        let overdue = try november.report().overdue
        #expect(overdue.map(\.caseId) == november.g12)
        // G12 j=0: routed 28 Nov 09:10, due 29 Nov 09:10; now 1 Dec 12:00 → 50 h 50 min late.
        #expect(overdue.first?.overdueBy == 50 * hour + 50 * 60)
        #expect(overdue.last?.overdueBy == 43 * hour + 50 * 60)
        #expect(Set(overdue.map(\.executorName)) == ["Васильев"])
        #expect(Set(overdue.map(\.departmentName)) == ["Дороги"])
    }

    @Test func aDepartmentsReportHoldsOnlyItsOwnFacts() throws {
        let report = try november.report(department: "roads")
        #expect(report.departmentName == "Дороги")
        #expect(counts(report.overall) == [79, 99, 70, 40, 0, 0, 8, 0, 0, 20, 0])
        #expect(report.departments.map(\.id) == ["roads"])
        #expect(report.executors.map(\.personId) == [201])
        #expect(report.overdue.count == 8)
        // Its cases: G1 ×40, G2, G6 (declined here), G12, B2.
        #expect(report.cases.count == 40 + 30 + 20 + 8 + 1)
    }

    @Test func theCaseListHasEveryCaseOfThePeriodWithItsTimeliness() throws {
        let cases = try november.report().cases
        // All 306 seeded cases: opened in November or, for B1 and B3, answered in it.
        #expect(cases.count == 306)
        let tally = Dictionary(grouping: cases, by: \.timeliness).mapValues(\.count)
        let expected: [Timeliness: Int] = [.onTime24h: 201, .late24h: 30, .onTime7Days: 20, .late7Days: 11, .overdue: 8,
                                           .inTime: 6, .noAnswer: 30]
        #expect(tally == expected)
        let first = try #require(cases.first { $0.id == november.g1[0] })
        // G1 j=0: ЖКХ, 101, draft after 1 h, published after 2 h, due 24 h after routing.
        #expect(first.departmentName == "ЖКХ" && first.executorName == "Андреева")
        #expect(first.firstDraftSeconds == hour && first.publicationSeconds == 2 * hour)
        #expect(first.deadline == first.firstAssignedAt?.addingTimeInterval(24 * hour))
        #expect(first.status == .closed && first.closure == .answered && first.drafts == 1)
        let repeatCase = try #require(cases.first { $0.repeatOf == november.g1[0] })
        #expect(repeatCase.departmentId == "zhkh")
    }

    @Test func percentilesTakeTheNearestRank() {
        #expect(DurationStats.percentile(50, of: [1, 2, 3, 4]) == 2)
        #expect(DurationStats.percentile(90, of: [1, 2, 3, 4]) == 4)
        #expect(DurationStats.percentile(90, of: Array(1...10).map(Double.init)) == 9)
        #expect(DurationStats.percentile(50, of: [7]) == 7)
        #expect(DurationStats.percentile(50, of: []) == nil)
    }
}
