import Casework
import Foundation
import GRDB
import OtklikTesting
import Testing
@testable import Store

@Suite struct CaseTests {
    let workflow = Workflow(rules: FixedRules())
    let specialist = Actor(personId: Staff.specialist, roles: [.specialist])
    let executor = Actor(personId: Staff.executor, roles: [.executor], departmentId: "roads")

    /// Applies a command as the runtime will: decide, then save the case and its journal in one transaction.
    func apply(_ command: CaseCommand, to id: Int64, by actor: Actor, at now: Date, in database: AppDatabase)
        async throws -> Case {
        try await database.write { db in
            let current = try #require(try db.case(id: id))
            let decision = try workflow.decide(command, on: current, by: actor, at: now).get()
            try db.saveCase(decision.state, at: now)
            for case let .journal(entry) in decision.effects { try db.appendJournal(caseId: id, entry: entry, at: now) }
            return decision.state
        }
    }

    @Test func aCaseLivesThroughTheStoreUnchanged() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let opened = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant())
        #expect(opened.status == .intake && opened.id == 1)

        let steps: [(CaseCommand, Actor)] = [
            (.route(departmentId: "roads"), specialist),
            (.take, executor),
            (.submitDraft(kind: .interim, text: "Работы запланированы", media: [MediaRef(kind: .photo, fileId: "p1")]), executor),
            (.returnDraft(version: 1, comment: "Укажите сроки"), specialist),
            (.submitDraft(kind: .interim, text: "Работы в мае", media: []), executor),
            (.approve(version: 2, editedText: "Ремонт будет в мае."), specialist),
            (.markPublished(link: nil), specialist),
            (.submitDraft(kind: .final, text: "Яма заделана", media: []), executor),
            (.approve(version: 3, editedText: nil), specialist),
            (.markPublished(link: "https://vk.com/wall-1_2?reply=9"), specialist),
        ]
        for (hour, (command, actor)) in steps.enumerated() {
            let decided = try await apply(command, to: opened.id, by: actor, at: instant(Double(hour + 1)), in: database)
            #expect(try await database.case(id: opened.id) == decided, "after \(command)")
        }
        let closed = try #require(try await database.case(id: opened.id))
        #expect(closed.status == .closed && closed.closure == .answered && closed.draftCount == 3)
        #expect(closed.draft?.text == "Яма заделана")

        let drafts = try await database.drafts(caseId: opened.id)
        #expect(drafts.map(\.version) == [1, 2, 3])
        #expect(drafts[0].media == [MediaRef(kind: .photo, fileId: "p1")])
        // The executor's words stay beside the specialist's edit.
        #expect(drafts[1].text == "Работы в мае" && drafts[1].editedText == "Ремонт будет в мае.")
        #expect(try await database.journal(caseId: opened.id).map(\.action) == [
            .route(department: "roads"), .take, .submitDraft(.interim, version: 1), .returnDraft(comment: "Укажите сроки"),
            .submitDraft(.interim, version: 2), .approve(edited: true), .markPublished(link: nil), .submitDraft(.final, version: 3),
            .approve(edited: false), .markPublished(link: "https://vk.com/wall-1_2?reply=9"),
        ])
        let stored = try #require(try await database.storedCase(id: opened.id))
        #expect(stored.closedAt == instant(10))
    }

    @Test func thePostComesBackWithMediaAndItsForwardedMessagesFindTheCase() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        var post = samplePost()
        post.screening = .obscene
        post.screeningMatches = ["бл*"]
        let opened = try await database.insertCase(post: post, openedBy: Staff.specialist, at: instant())
        #expect(try await database.post(caseId: opened.id) == post)
        let link = try await database.messageLink(chatId: Staff.specialist, messageId: 502)
        #expect(link?.caseId == opened.id && link?.purpose == .source)
    }

    @Test func numbersAreNeverReused() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let first = try await database.insertCase(post: CasePost(network: "vk", text: "a"), openedBy: Staff.specialist, at: instant())
        try await database.writer.write { try $0.execute(sql: "DELETE FROM \"case\" WHERE id = ?", arguments: [first.id]) }
        let second = try await database.insertCase(post: CasePost(network: "vk", text: "b"), openedBy: Staff.specialist, at: instant())
        #expect(second.id == first.id + 1)
        #expect(try await database.caseCount() == 1)
    }

    @Test func savingAMissingCaseIsRefused() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.caseNotFound(42)) {
            try await database.saveCase(Case(id: 42, openedAt: instant(), openedBy: Staff.specialist), at: instant())
        }
    }

    @Test func aDraftIsDecidedOnce() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let id = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        _ = try await apply(.route(departmentId: "roads"), to: id, by: specialist, at: instant(1), in: database)
        _ = try await apply(.submitDraft(kind: .final, text: "Ответ", media: []), to: id, by: executor, at: instant(2), in: database)
        try await database.recordDraftDecision(caseId: id, version: 1, decision: .returned, by: Staff.specialist,
                                               at: instant(3), comment: "Добавьте адрес")
        await #expect(throws: StoreError.draftNotFound(caseId: id, version: 1)) {
            try await database.recordDraftDecision(caseId: id, version: 1, decision: .approved, by: Staff.specialist,
                                                   at: instant(4))
        }
        let draft = try #require(try await database.drafts(caseId: id).first)
        #expect(draft.decision == .returned && draft.decidedBy == Staff.specialist && draft.comment == "Добавьте адрес")
    }

    @Test func listsOrderOpenCasesByDeadline() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        var ids: [Int64] = []
        for n in 0..<4 {
            ids.append(try await database.insertCase(post: CasePost(network: "vk", text: "пост \(n)"),
                                                      openedBy: Staff.specialist, at: instant(Double(n))).id)
        }
        // Case 0 routed at hour 5 (due 29), case 1 routed at hour 1 (due 25) and taken, case 2 cancelled, 3 in intake.
        _ = try await apply(.route(departmentId: "roads"), to: ids[0], by: specialist, at: instant(5), in: database)
        _ = try await apply(.route(departmentId: "roads"), to: ids[1], by: specialist, at: instant(1), in: database)
        _ = try await apply(.take, to: ids[1], by: executor, at: instant(2), in: database)
        _ = try await apply(.cancel, to: ids[2], by: specialist, at: instant(3), in: database)

        #expect(try await database.openCases().map(\.id) == [ids[1], ids[0], ids[3]])
        #expect(try await database.openCases(department: "roads").map(\.id) == [ids[1], ids[0]])
        #expect(try await database.openCases(department: "parks").isEmpty)
        #expect(try await database.cases(takenBy: Staff.executor).map(\.id) == [ids[1]])
        #expect(try await database.overdueCases(now: instant(26)).map(\.id) == [ids[1]])
        #expect(try await database.overdueCases(now: instant(30)).map(\.id) == [ids[1], ids[0]])
        #expect(try await database.overdueCases(now: instant(24)).isEmpty)
        #expect(try await database.recentCases(since: instant(2)).map(\.state.id) == [ids[3], ids[2]])
    }

    @Test func searchFindsRussianWordsInAnyCaseAndDrafts() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let pothole = try await database.insertCase(post: CasePost(network: "vk", text: "ЯМА во дворе, ЁЛКИ упали"),
                                                    openedBy: Staff.specialist, at: instant()).id
        let park = try await database.insertCase(post: CasePost(network: "ok", link: "https://ok.ru/park", text: "Парк не убран"),
                                                 openedBy: Staff.specialist, at: instant()).id
        _ = try await apply(.route(departmentId: "roads"), to: park, by: specialist, at: instant(1), in: database)
        _ = try await apply(.submitDraft(kind: .final, text: "Уборка в субботу", media: []), to: park, by: executor,
                            at: instant(2), in: database)

        #expect(try await database.searchCases(words: ["яма"]).map(\.id) == [pothole])
        #expect(try await database.searchCases(words: ["елки", "двор"]).map(\.id) == [pothole])
        #expect(try await database.searchCases(words: ["субботу"]).map(\.id) == [park])
        // Lists carry each case's current draft and post, as single lookups do.
        let listed = try await database.searchCases(words: ["парк"])
        #expect(listed.first?.draft?.text == "Уборка в субботу")
        #expect(try await database.openCases() == [try await database.case(id: park), try await database.case(id: pothole)])
        let recent = try await database.recentCases(since: instant(-1))
        #expect(recent.map(\.post.link) == ["https://ok.ru/park", nil])
        #expect(recent.last?.state == (try await database.case(id: pothole)))
        #expect(try await database.searchCases(words: ["ok.ru"]).map(\.id) == [park])
        #expect(try await database.searchCases(words: ["яма", "парк"]).isEmpty)
        #expect(try await database.searchCases(words: ["  "]).isEmpty)
        #expect(try await database.searchCases(words: ["%"]).isEmpty)
    }

    @Test func aCaseKeepsItsTextFeaturesAndTheTextIsReadOnlyWithoutThem() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let first = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant())
        let second = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant(60))
        let features = TextFeatures(text: samplePost().text)
        let stored = try await database.write { db in
            try db.saveFeatures(caseId: first.id, features.bytes)
            // An older format is not handed out; the text always comes, to compute them again.
            try db.saveFeatures(caseId: second.id, [TextFeatures.formatVersion &+ 1])
            return try db.storedPosts(caseIds: [first.id, second.id, 99], version: TextFeatures.formatVersion)
        }
        #expect(stored.count == 2)
        #expect(stored[first.id]?.features == features.bytes)
        #expect(stored[second.id]?.features == nil)
        #expect(stored[first.id]?.link == samplePost().link)
        #expect(abs(stored[first.id]!.openedAt.timeIntervalSince(instant())) < 0.001)
        #expect(stored[second.id]?.text == samplePost().text)
        #expect(abs(stored[second.id]!.openedAt.timeIntervalSince(instant(60))) < 0.001)
    }

    @Test func earlierCasesAreTheNewestAndThoseOfTheSameSourceOfAnyAge() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        var same = samplePost()
        same.link = "https://vk.com/wall-1_777"
        var ids: [Int64] = []
        ids.append(try await database.insertCase(post: same, openedBy: Staff.specialist, at: instant(-200 * 24)).id)
        for k in 0..<5 {
            var other = samplePost()
            other.link = "https://vk.com/wall-1_\(k)"
            ids.append(try await database.insertCase(post: other, openedBy: Staff.specialist, at: instant(Double(k))).id)
        }
        let link = same.link
        let refs = try await database.read { db in
            try db.earlierCases(link: link, threadKey: nil, authorKey: nil, recent: 3)
        }
        // The three newest, found only as recent, and the old one with the same link, newest first.
        #expect(refs.map(\.id) == [ids[5], ids[4], ids[3], ids[0]])
        #expect(refs.map(\.onlyRecent) == [true, true, true, false])
    }
}
