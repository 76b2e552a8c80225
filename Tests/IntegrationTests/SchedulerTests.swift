import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import Messaging
import GRDB
import OtklikApp
import Sandbox
@testable import Store
import Testing

/// Deadlines and reminders on the manual clock, through the real scheduler, store and sender — on
/// Telegram and on MAX alike.
@Suite(.serialized) struct SchedulerTests {
    typealias H = BotHarness

    func routedCase(_ h: any MessengerStage) async throws -> Int64 {
        let card = try await h.forwardPost("Яма на дороге у дома 3 по ул. Мира", photos: 0, from: H.specialist)
        let caseId = try #require(card.callbackData.compactMap(CallbackAction.init(encoded:)).first?.caseId)
        try await h.pressAndWait(.route(caseId: caseId, departmentId: "roads"), by: H.specialist)
        return caseId
    }

    func texts(_ h: any MessengerStage, _ chat: Int64, after count: Int) async -> [String] {
        await h.chat(chat).dropFirst(count).compactMap(\.text)
    }

    @Test(arguments: Messenger.allCases) func remindersOverdueAndEscalationArriveOnceOnTime(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await routedCase(h)
            let due = try #require(try await h.storedCase(caseId)?.deadline)
            let timers = try await h.database.read { db in try db.timers(caseId: caseId).map(\.kind) }
            #expect(Set(timers).isSuperset(of: [.beforeDeadline(14_400), .beforeDeadline(3600), .overdue, .escalation]))
            let (roads, specialist, head) = (await h.chat(H.roads).count, await h.chat(H.specialist).count,
                                             await h.chat(H.head).count)
            // The deadline is 10:00 tomorrow; "4 h before" falls at 06:00, in quiet hours, so it waits for 08:00.
            try await h.advance(to: due.addingTimeInterval(-4 * 3600 + 60))
            #expect(await texts(h, H.roads, after: roads).isEmpty)
            try await h.advance(to: due.addingTimeInterval(-1 * 3600 - 60))
            var got = await texts(h, H.roads, after: roads)
            #expect(got.filter { $0.contains("№\(caseId)") && $0.contains("⏰") }.count == 1)
            // At the deadline: the executor and the specialist hear of it.
            try await h.advance(to: due.addingTimeInterval(60))
            got = await texts(h, H.roads, after: roads)
            #expect(got.filter { $0.contains("⏰") }.count == 2)
            #expect(got.filter { $0.contains("❗") }.count == 1)
            #expect(await texts(h, H.specialist, after: specialist).filter { $0.contains("❗") && $0.contains("№\(caseId)") }.count == 1)
            // 24 h later (in the morning, quiet hours respected) the head gets the escalation, once.
            try await h.advance(to: due.addingTimeInterval(36 * 3600))
            let escalations = await texts(h, H.head, after: head).filter { $0.contains("🚨") }
            #expect(escalations.count == 1)
            #expect(try await h.database.read { db in try db.timers(caseId: caseId).count } == 0)
        }
    }

    @Test(arguments: Messenger.allCases) func answeringInTimeCancelsTheReminders(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let caseId = try await routedCase(h)
            try await h.pressAndWait(.startDraft(caseId: caseId, kind: .final), by: H.roads)
            let before = await h.chat(H.roads).count
            try await h.send("Яма заделана.", from: H.roads)
            _ = try await h.settleChat(H.roads, after: before)
            try await h.pressAndWait(.sendDraft(caseId: caseId), by: H.roads)
            try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: H.specialist)
            try await h.pressAndWait(.markPublished(caseId: caseId), by: H.specialist)
            _ = try await h.waitForCase(caseId) { $0.status == .closed }
            let roads = await h.chat(H.roads).count
            try await h.advance(to: H.start.addingTimeInterval(3 * 86400))
            #expect(await texts(h, H.roads, after: roads).filter { $0.contains("⏰") || $0.contains("❗") }.isEmpty)
        }
    }

    @Test(arguments: Messenger.allCases) func afterDaysOfDowntimeEachPersonGetsOneSummaryNotABurst(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            var ids: [Int64] = []
            for _ in 0..<3 { ids.append(try await routedCase(h)) }
            await h.stopService()
            let roads = await h.chat(H.roads).count
            // The bot is down for three days.
            h.clock.advance(by: 3 * 86400)
            try await h.startService()
            try await h.waitForTimers()
            try await h.waitForStore()
            let got = await texts(h, H.roads, after: roads)
            #expect(got.count == 1, "one summary instead of \(3 * 3) reminders: \(got)")
            for id in ids { #expect(got.first?.contains("№\(id)") == true) }
            let first = ids[0]
            #expect(try await h.database.read { db in try db.timers(caseId: first).count } == 0)
        }
    }
}
