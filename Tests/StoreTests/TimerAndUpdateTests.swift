import BotAPI
import Casework
import Foundation
import GRDB
import OtklikTesting
@testable import Store
import Testing

@Suite struct TimerTests {
    @Test func settingATimerAgainMovesItInsteadOfAddingOne() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        let first = try await database.setTimer(kind: .overdue, caseId: caseId, dueAt: instant(24), at: instant())
        let moved = try await database.setTimer(kind: .overdue, caseId: caseId, dueAt: instant(48), payload: "{\"n\":2}", at: instant(1))
        let digest = try await database.setTimer(kind: .digest, dueAt: instant(10), at: instant())
        let digestAgain = try await database.setTimer(kind: .digest, dueAt: instant(34), at: instant(10))
        let personal = try await database.setTimer(kind: .digest, personId: Staff.head, dueAt: instant(9), at: instant())
        #expect(first == moved && digest == digestAgain && personal != digest)
        #expect(try await database.timerCount() == 3)
        let timers = try await database.timers(caseId: caseId)
        #expect(timers.map(\.dueAt) == [instant(48)] && timers.first?.payload == "{\"n\":2}")
    }

    @Test func dueTimersComeInTheOrderTheyFellDue() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        let late = try await database.setTimer(kind: .escalation, caseId: caseId, dueAt: instant(48), at: instant())
        let early = try await database.setTimer(kind: .beforeDeadline(4 * 3600), caseId: caseId, dueAt: instant(20), at: instant())
        let tie = try await database.setTimer(kind: .beforeDeadline(3600), caseId: caseId, dueAt: instant(20), at: instant())
        _ = try await database.setTimer(kind: .overdue, caseId: caseId, dueAt: instant(24), at: instant())
        #expect(try await database.nextTimerDue() == instant(20))
        #expect(try await database.dueTimers(upTo: instant(19)).isEmpty)
        #expect(try await database.dueTimers(upTo: instant(30)).map(\.kind) == [.beforeDeadline(4 * 3600), .beforeDeadline(3600), .overdue])
        #expect(try await database.dueTimers(upTo: instant(60), limit: 2).map(\.id) == [early, tie])
        try await database.deleteTimer(id: early)
        #expect(try await database.dueTimers(upTo: instant(60)).last?.id == late)
    }

    /// The recurring timers are found by kind, however many case timers come due before them.
    @Test func serviceTimersAreFoundByKind() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        _ = try await database.setTimer(kind: .overdue, caseId: caseId, dueAt: instant(1), at: instant())
        _ = try await database.setTimer(kind: .digest, personId: Staff.head, dueAt: instant(2), at: instant())
        _ = try await database.setTimer(kind: .weekly, dueAt: instant(500), at: instant())
        let found = try await database.read { db in try db.serviceTimers(of: [.digest, .weekly, .monthly]) }
        #expect(found == [.weekly], "a person's digest is not the service's")
    }

    @Test func kindsAreStoredAsTextAndReadBack() {
        for kind: TimerKind in [.settle, .beforeDeadline(14_400), .overdue, .escalation, .approval, .digest, .weekly, .monthly] {
            #expect(TimerKind(stored: kind.stored) == kind)
        }
        #expect(TimerKind.beforeDeadline(14_400).stored == "before:14400")
        #expect(TimerKind(stored: "before:soon") == nil && TimerKind(stored: "deadline") == nil)
    }

    @Test func cancellingTakesTheCasesTimersOfTheGivenKinds() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        for kind: TimerKind in [.overdue, .beforeDeadline(4 * 3600), .beforeDeadline(3600)] {
            _ = try await database.setTimer(kind: kind, caseId: caseId, dueAt: instant(20), at: instant())
        }
        _ = try await database.setTimer(kind: .digest, dueAt: instant(20), at: instant())
        #expect(try await database.cancelTimers(caseId: caseId, kinds: [.beforeDeadline(4 * 3600), .beforeDeadline(3600)]) == 2)
        #expect(try await database.timers(caseId: caseId).map(\.kind) == [.overdue])
        #expect(try await database.cancelTimers(caseId: caseId) == 1)
        #expect(try await database.timerCount() == 1)
        #expect(try await database.nextTimerDue() == instant(20))
    }
}

@Suite struct UpdateTests {
    @Test func handledIdsAreASetThatForgetsOldOnes() async throws {
        let database = try AppDatabase.inMemory()
        try await database.markHandled(updateId: 900, at: instant())
        try await database.markHandled(updateId: 5, at: instant(24 * 8))  // ids may restart lower
        #expect(try await database.isHandled(updateId: 900))
        #expect(try await database.isHandled(updateId: 5))
        #expect(try await !database.isHandled(updateId: 6))
        await #expect(throws: DatabaseError.self) { try await database.markHandled(updateId: 5, at: instant(24 * 8)) }
        #expect(try await database.pruneHandledUpdates(before: instant(24 * 7)) == 1)
        #expect(try await !database.isHandled(updateId: 900))
        #expect(try await database.isHandled(updateId: 5))
        #expect(try await database.status(now: instant()).lastHandledAt == instant(24 * 8))
    }

    @Test func handlingAndItsEffectsCommitTogetherOrNotAtAll() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        await #expect(throws: StoreError.self) {
            try await database.write { db in
                _ = try db.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant())
                try db.enqueue(.message(.init(chatId: 1, text: "Дело открыто")), at: instant())
                try db.markHandled(updateId: 7, at: instant())
                throw StoreError.caseNotFound(0)  // the handler fails late
            }
        }
        #expect(try await !database.isHandled(updateId: 7))
        #expect(try await database.caseCount() == 0)
        #expect(try await database.outboxBacklog().count == 0)
    }

    @Test func failuresCountAttempts() async throws {
        let database = try AppDatabase.inMemory()
        try await database.recordFailedUpdate(updateId: 3, error: "first", at: instant())
        try await database.recordFailedUpdate(updateId: 3, error: "second", at: instant(1))
        let failed = try await database.failedUpdates()
        #expect(failed == [FailedUpdate(updateId: 3, failedAt: instant(1), attempts: 2, error: "second")])
        #expect(try await !database.isHandled(updateId: 3))
    }
}

@Suite struct SessionTests {
    @Test func aSessionIsKeptPerChatUntilDeleted() async throws {
        let database = try AppDatabase.inMemory()
        try await database.saveSession(chatId: 1, Data("{\"step\":\"text\"}".utf8), at: instant())
        try await database.saveSession(chatId: 1, Data("{\"step\":\"confirm\"}".utf8), at: instant(1))
        try await database.saveSession(chatId: 2, Data("{}".utf8), at: instant())
        #expect(try await database.session(chatId: 1) == Data("{\"step\":\"confirm\"}".utf8))
        try await database.deleteSession(chatId: 1)
        #expect(try await database.session(chatId: 1) == nil)
        #expect(try await database.session(chatId: 2) == Data("{}".utf8))
    }
}
