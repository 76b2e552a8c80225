import Casework
import Foundation
import Reports
import Store

/// 306 cases around November 2026 in Barnaul with timings chosen so that every figure of the
/// November report can be worked out by hand (ReportKPITests does, group by group). Times are local.
/// R is the (first) routing, 10 minutes after opening at 09:00 unless said otherwise.
///
/// | group | n | department, executor | what happens | network |
/// |---|---|---|---|---|
/// | G1 | 120 | j%3: ЖКХ (101 if j%6=0, else 102), Дороги 201, Соцзащита 301 | opened 2+j%20 Nov; draft at R+h, h = 1+j%10 hours; published R+h+1h | vk even j, ok odd |
/// | G2 | 30 | Дороги, 201 | draft R+30h, published R+31h: late | vk |
/// | G3 | 20 | Соцзащита, 301 | interim drafted R+5h, published R+6h; final published 50 h later: within 7 w. d. | telegram |
/// | G4 | 10 | Соцзащита, 301 | as G3 but the final 14 days + 2 h after the interim: late | telegram |
/// | G5 | 30 | ЖКХ, 101 | draft R+3h returned R+4h, again R+8h, published R+9h | vk |
/// | G6 | 20 | Дороги declines (201) R+2h; ЖКХ routed R+3h, 102 | draft R+8h, published R+9h | ok |
/// | G7 | 15 | none | § 11 at intake | vk |
/// | G8 | 5 | Соцзащита | routed, then § 11 an hour later | instagram |
/// | G9 | 10 | none | cancelled at intake | other |
/// | G10 | 20 | ЖКХ, 101 | repeat of G1 case j, opened 22+j%5 Nov; draft R+2h, published R+3h | vk |
/// | G11 | 10 | ЖКХ, 102 | clarification drafted R+2h, published R+3h; author replied R+75h; published R+81h | facebook |
/// | G12 | 8 | Дороги, 201 | opened 28 Nov 09:00+j h, taken, nothing more: overdue now | vk |
/// | G13 | 5 | Соцзащита | routed 30 Nov 20:00: deadline not reached | dzen |
/// | B1 | 1 | ЖКХ, 101 | opened and routed 31 Oct 20:00/20:10; draft 1 Nov 05:00; published 06:00 | vk |
/// | B2 | 1 | Дороги, 201 | opened 30 Nov 22:00, routed 22:30; taken and drafted 1 Dec 02:00/03:00 | vk |
/// | B3 | 1 | Соцзащита, 301 | routed 20 Oct 10:00; interim published 16:00; final 2 Nov 12:00: late | telegram |
///
/// The report is computed at `now`, 1 December 2026 12:00.
struct NovemberStore: Sendable {
    let store: AppDatabase
    let policy: DeadlinePolicy
    let period: ReportPeriod
    let now = local(12, 1, 12)
    /// G1 cases by j, G12 cases by j.
    let g1: [Int64]
    let g12: [Int64]

    static let shared: Result<NovemberStore, any Error> = Result { try NovemberStore() }

    init() throws {
        policy = try realPolicy()
        period = ReportPeriod.month(year: 2026, month: 11, zone: barnaul)!
        let s = try Seeder(policy: policy)
        store = s.store
        let specialist = Seeder.specialist
        let x = Seeder.executor

        var g1: [Int64] = []
        for j in 0..<120 {
            let departments = ["zhkh", "roads", "social"]
            let executor = [x(j % 6 == 0 ? 101 : 102), x(201), x(301)][j % 3]
            let opened = local(11, 2 + j % 20, 9)
            let id = try s.open(at: opened, network: j % 2 == 0 ? "vk" : "ok")
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: departments[j % 3]), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: executor, at: r.plus(minutes: 20))
            let h = Double(1 + j % 10)
            try s.answer(id, by: executor, submitted: r.plus(hours: h), published: r.plus(hours: h + 1))
            g1.append(id)
        }
        self.g1 = g1

        for j in 0..<30 { // G2
            let opened = local(11, 2 + j % 20, 9)
            let id = try s.open(at: opened)
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: "roads"), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: x(201), at: r.plus(minutes: 20))
            try s.answer(id, by: x(201), submitted: r.plus(hours: 30), published: r.plus(hours: 31))
        }

        for (j, lateFinal) in (0..<20).map({ ($0, false) }) + (0..<10).map({ ($0, true) }) { // G3, G4
            let opened = local(11, 2 + j, 9)
            let id = try s.open(at: opened, network: "telegram")
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: "social"), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: x(301), at: r.plus(minutes: 20))
            try s.answer(id, kind: .interim, by: x(301), submitted: r.plus(hours: 5), published: r.plus(hours: 6))
            let interim = r.plus(hours: 6)
            let published = lateFinal ? interim.plus(hours: 2, days: 14) : interim.plus(hours: 50)
            try s.answer(id, by: x(301), submitted: published.plus(hours: -2), published: published)
        }

        for j in 0..<30 { // G5
            let opened = local(11, 2 + j % 20, 9)
            let id = try s.open(at: opened)
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: "zhkh"), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: x(101), at: r.plus(minutes: 20))
            try s.run(.submitDraft(kind: .final, text: "Черновик.", media: []), on: id, by: x(101), at: r.plus(hours: 3))
            try s.run(.returnDraft(version: 1, comment: "Уточните сроки."), on: id, by: specialist, at: r.plus(hours: 4))
            try s.answer(id, by: x(101), submitted: r.plus(hours: 8), published: r.plus(hours: 9))
        }

        for j in 0..<20 { // G6
            let opened = local(11, 2 + j, 9)
            let id = try s.open(at: opened, network: "ok")
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: "roads"), on: id, by: specialist, at: r)
            try s.run(.decline(reason: "Это ЖКХ."), on: id, by: x(201), at: r.plus(hours: 2))
            try s.run(.route(departmentId: "zhkh"), on: id, by: specialist, at: r.plus(hours: 3))
            try s.run(.take, on: id, by: x(102), at: r.plus(hours: 3, minutes: 30))
            try s.answer(id, by: x(102), submitted: r.plus(hours: 8), published: r.plus(hours: 9))
        }

        for j in 0..<15 { // G7
            let opened = local(11, 3 + j % 10, 9)
            let id = try s.open(at: opened)
            try s.run(.rejectSection11, on: id, by: specialist, at: opened.plus(minutes: 15))
        }

        for j in 0..<5 { // G8
            let opened = local(11, 3 + j, 9)
            let id = try s.open(at: opened, network: "instagram")
            try s.run(.route(departmentId: "social"), on: id, by: specialist, at: opened.plus(minutes: 10))
            try s.run(.rejectSection11, on: id, by: specialist, at: opened.plus(hours: 1, minutes: 10))
        }

        for j in 0..<10 { // G9
            let opened = local(11, 5 + j, 11)
            let id = try s.open(at: opened, network: "other")
            try s.run(.cancel, on: id, by: specialist, at: opened.plus(minutes: 5))
        }

        for j in 0..<20 { // G10
            let opened = local(11, 22 + j % 5, 9)
            let id = try s.open(at: opened)
            let r = opened.plus(minutes: 10)
            try s.run(.markRepeat(of: g1[j], departmentId: "zhkh"), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: x(101), at: r.plus(minutes: 20))
            try s.answer(id, by: x(101), submitted: r.plus(hours: 2), published: r.plus(hours: 3))
        }

        for j in 0..<10 { // G11
            let opened = local(11, 2 + j, 9)
            let id = try s.open(at: opened, network: "facebook")
            let r = opened.plus(minutes: 10)
            try s.run(.route(departmentId: "zhkh"), on: id, by: specialist, at: r)
            try s.run(.take, on: id, by: x(102), at: r.plus(minutes: 20))
            try s.answer(id, kind: .clarification, by: x(102), submitted: r.plus(hours: 2), published: r.plus(hours: 3))
            try s.run(.attachAuthorReply(text: "Двор на Ленина, 5."), on: id, by: specialist, at: r.plus(hours: 75))
            try s.answer(id, by: x(102), submitted: r.plus(hours: 80), published: r.plus(hours: 81))
        }

        var g12: [Int64] = []
        for j in 0..<8 { // G12
            let opened = local(11, 28, 9).plus(hours: Double(j))
            let id = try s.open(at: opened)
            try s.run(.route(departmentId: "roads"), on: id, by: specialist, at: opened.plus(minutes: 10))
            try s.run(.take, on: id, by: x(201), at: opened.plus(minutes: 40))
            g12.append(id)
        }
        self.g12 = g12

        for _ in 0..<5 { // G13
            let id = try s.open(at: local(11, 30, 19, 50), network: "dzen")
            try s.run(.route(departmentId: "social"), on: id, by: specialist, at: local(11, 30, 20))
        }

        let b1 = try s.open(at: local(10, 31, 20)) // B1
        try s.run(.route(departmentId: "zhkh"), on: b1, by: specialist, at: local(10, 31, 20, 10))
        try s.run(.take, on: b1, by: x(101), at: local(10, 31, 20, 30))
        try s.answer(b1, by: x(101), submitted: local(11, 1, 5), published: local(11, 1, 6))

        let b2 = try s.open(at: local(11, 30, 22)) // B2
        try s.run(.route(departmentId: "roads"), on: b2, by: specialist, at: local(11, 30, 22, 30))
        try s.run(.take, on: b2, by: x(201), at: local(12, 1, 2))
        try s.run(.submitDraft(kind: .final, text: "Ответ.", media: []), on: b2, by: x(201), at: local(12, 1, 3))

        let b3 = try s.open(at: local(10, 20, 9, 50), network: "telegram") // B3
        try s.run(.route(departmentId: "social"), on: b3, by: specialist, at: local(10, 20, 10))
        try s.run(.take, on: b3, by: x(301), at: local(10, 20, 10, 20))
        try s.answer(b3, kind: .interim, by: x(301), submitted: local(10, 20, 15), published: local(10, 20, 16))
        try s.answer(b3, by: x(301), submitted: local(11, 2, 10), published: local(11, 2, 12))
    }

    /// The November report, all departments or one.
    func report(department: String? = nil) throws -> Report {
        try store.read { db in
            try Reports.compute(period: period, department: department, in: db, now: now, policy: policy)
        }
    }
}
