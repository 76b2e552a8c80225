import Casework
import DialogTemplates
import Foundation
import Messaging
import GRDB
import Settings
import Store

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let barnaul = CalendarZone(identifier: "Asia/Barnaul")!

/// The real production calendar and default deadlines (24 h, 7 working days).
func realPolicy() throws -> DeadlinePolicy {
    let calendar = try CalendarLoader.load(folder: repositoryRoot.appendingPathComponent("Config/calendar").path,
                                           expectedYears: []).calendar
    return DeadlinePolicy(calendar: calendar, zone: barnaul)
}

func shippedDialogs(_ language: String = "ru") throws -> Dialogs {
    try Dialogs.load(folder: repositoryRoot.appendingPathComponent("Dialogs").path, language: language)
}

/// A local date and time in Barnaul as an instant: `local(11, 2, 9, 10)` is 2 November 2026, 09:10.
func local(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    barnaul.instant(LocalDate(year: 2026, month: month, day: day)!, TimeOfDay(hour: hour, minute: minute)!)
}

extension Date {
    func plus(hours: Double = 0, minutes: Double = 0, days: Double = 0) -> Date {
        addingTimeInterval(hours * 3600 + minutes * 60 + days * 86400)
    }
}

/// Drives the real workflow and the store's write API as the bot does, with a clock given per step.
struct Seeder {
    let store: AppDatabase
    let workflow: Workflow

    static let specialist = Actor(personId: 10, roles: [.specialist])
    static let head = Actor(personId: 20, roles: [.head])

    static func executor(_ id: Int64) -> Actor {
        let department = [1: "zhkh", 2: "roads", 3: "social"][Int(id / 100)]!
        return Actor(personId: id, roles: [.executor], departmentId: department)
    }

    init(policy: DeadlinePolicy, store: AppDatabase? = nil) throws {
        self.store = try store ?? AppDatabase.inMemory()
        workflow = Workflow(rules: policy)
        try self.store.write { db in
            try db.syncStaff(departments: [
                ConfiguredDepartment(id: "zhkh", name: "ЖКХ", keywords: []),
                ConfiguredDepartment(id: "roads", name: "Дороги", keywords: []),
                ConfiguredDepartment(id: "social", name: "Соцзащита", keywords: []),
            ], people: [
                ConfiguredPerson(addresses: [Address(.telegram, 10)], name: "Смирнова", roles: [.specialist], departmentId: nil),
                ConfiguredPerson(addresses: [Address(.telegram, 20)], name: "Руководитель", roles: [.head], departmentId: nil),
                ConfiguredPerson(addresses: [Address(.telegram, 101)], name: "Андреева", roles: [.executor], departmentId: "zhkh"),
                ConfiguredPerson(addresses: [Address(.telegram, 102)], name: "Борисов", roles: [.executor], departmentId: "zhkh"),
                ConfiguredPerson(addresses: [Address(.telegram, 201)], name: "Васильев", roles: [.executor], departmentId: "roads"),
                ConfiguredPerson(addresses: [Address(.telegram, 301)], name: "Григорьева", roles: [.executor], departmentId: "social"),
            ], at: local(10, 1, 9))
        }
    }

    /// Opens a case as a specialist's forward does: the case and its "open" journal entry.
    func open(at instant: Date, network: String = "vk", text: String = "Когда починят дорогу?") throws -> Int64 {
        try store.write { try open(at: instant, network: network, text: text, in: $0) }
    }

    func open(at instant: Date, network: String = "vk", text: String = "Когда починят дорогу?", in db: StoreTransaction) throws -> Int64 {
        let c = try db.insertCase(post: CasePost(network: network, link: "https://\(network).example/post", text: text),
                                  openedBy: Self.specialist.personId, at: instant)
        try db.appendJournal(.open(pieces: nil), actorId: Self.specialist.personId, caseId: c.id, at: instant)
        return c.id
    }

    /// Runs a command as the bot's handler does: decision, case, journal, the draft's decision.
    func run(_ command: CaseCommand, on id: Int64, by actor: Actor, at instant: Date) throws {
        try store.write { try run(command, on: id, by: actor, at: instant, in: $0) }
    }

    func run(_ command: CaseCommand, on id: Int64, by actor: Actor, at instant: Date, in db: StoreTransaction) throws {
        let current = try db.case(id: id)!
        let decision = try workflow.decide(command, on: current, by: actor, at: instant).get()
        try db.saveCase(decision.state, at: instant)
        for effect in decision.effects {
            switch effect {
            case let .journal(entry):
                try db.appendJournal(caseId: id, entry: entry, at: instant)
            case let .draftDecided(version, verdict, comment):
                try db.recordDraftDecision(caseId: id, version: version, decision: verdict, by: actor.personId, at: instant,
                                           comment: comment)
            default:
                break
            }
        }
    }

    /// Submit, approve half an hour later, publish at `published`.
    func answer(_ id: Int64, kind: DraftKind = .final, by executor: Actor, submitted: Date, published: Date) throws {
        try run(.submitDraft(kind: kind, text: "Ответ по существу.", media: []), on: id, by: executor, at: submitted)
        let version = try store.read { try $0.case(id: id)?.draft?.version } ?? 0
        try run(.approve(version: version, editedText: nil), on: id, by: Self.specialist, at: published.plus(minutes: -30))
        try run(.markPublished(link: nil), on: id, by: Self.specialist, at: published)
    }
}
