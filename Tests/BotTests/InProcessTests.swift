import Bot
import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import OtklikTesting
import Settings
import Store
import Testing

/// The bot's rules in process: an event in, the outbox rows it queued out, in milliseconds, on a store
/// in memory (the end-to-end suites play the same rules through the sandbox).
@Suite struct InProcessTests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/otklik.yaml").path
    static let specialist: Int64 = 100001, roads: Int64 = 200001, housing: Int64 = 200101, stranger: Int64 = 999001
    /// 10:00 on Monday 2026-11-30 in Barnaul: a working day.
    static let start = Date(timeIntervalSince1970: 1_796_007_600)

    func bot() throws -> BotInProcess {
        try BotInProcess(configPath: Self.config, people: [
            .init(telegramId: Self.specialist, name: "Иванова Анна", roles: [.specialist, .admin], department: nil),
            .init(telegramId: Self.roads, name: "Петров Пётр", roles: [.executor], department: "roads"),
            .init(telegramId: Self.housing, name: "Смирнова Ольга", roles: [.executor], department: "housing"),
        ], start: Self.start)
    }

    func actions(_ row: OutboxRecord) -> [CallbackAction] { row.payloads.compactMap(CallbackAction.init(encoded:)) }

    @Test func aStrangerHearsAboutInvitationsOnceAMinuteAndNothingElse() async throws {
        let bot = try bot()
        let first = try await bot.say("Здравствуйте, у нас яма", from: Self.stranger)
        #expect(first.count == 1 && first[0].chatId == Self.stranger)
        #expect(first[0].text == bot.env.dialogs.render("error.no_access"))
        #expect(try await bot.say("Ау", from: Self.stranger).isEmpty)
        try await bot.advance(by: 61)
        #expect(try await bot.say("Ау", from: Self.stranger).count == 1)
    }

    @Test func aForwardedPostSettlesIntoACaseCardThatSuggestsRoadsFirst() async throws {
        let bot = try bot()
        // Nothing until the settle delay has passed: more pieces of the same post may follow.
        #expect(try await bot.forward("На ул. Ленина, 5 огромная яма на дороге, машины бьют колёса", from: Self.specialist).isEmpty)
        let settled = try await bot.advance(by: 2)
        let card = try #require(settled.first { $0.chatId == Self.specialist && $0.method == "sendMessage" })
        let caseId = try #require(actions(card).first?.caseId)
        guard case .route(caseId, "roads")? = actions(card).first else {
            Issue.record("the first button routes to roads: \(card.payloads)")
            return
        }
        #expect(try await bot.database.read { db in try db.case(id: caseId)?.status } == .intake)

        let routed = try await bot.press(CallbackAction.route(caseId: caseId, departmentId: "roads").encoded, by: Self.specialist,
                                         on: card.messageId)
        #expect(routed.contains { $0.method == "answerCallbackQuery" })
        // The roads executor gets the case with the buttons to answer it; housing hears nothing.
        let executorCard = try #require(routed.first { $0.chatId == Self.roads && $0.method == "sendMessage" })
        #expect(actions(executorCard).contains(.startDraft(caseId: caseId, kind: .final)))
        #expect(!routed.contains { $0.chatId == Self.housing })
        // The specialist's card is edited in place.
        #expect(routed.contains { $0.chatId == Self.specialist && $0.method == "editMessageText" && $0.editedMessageId == card.messageId })
        let c = try #require(try await bot.database.read { db in try db.case(id: caseId) })
        #expect(c.status == .routed && c.departmentId == "roads")
    }

    @Test func anotherDepartmentsExecutorCannotTakeACase() async throws {
        let bot = try bot()
        try await bot.forward("Яма на дороге у дома 7 по ул. Мира", from: Self.specialist)
        let card = try #require(try await bot.advance(by: 2).first { $0.chatId == Self.specialist })
        let caseId = try #require(actions(card).first?.caseId)
        try await bot.press(CallbackAction.route(caseId: caseId, departmentId: "roads").encoded, by: Self.specialist, on: card.messageId)

        // A forged press: housing never got the card, and the button's data is not trusted.
        let refused = try await bot.press(CallbackAction.take(caseId: caseId).encoded, by: Self.housing, on: nil)
        #expect(refused.allSatisfy { $0.chatId == Self.housing || $0.method == "answerCallbackQuery" })
        let c = try #require(try await bot.database.read { db in try db.case(id: caseId) })
        #expect(c.status == .routed && c.takenBy == nil)

        try await bot.press(CallbackAction.take(caseId: caseId).encoded, by: Self.roads, on: nil)
        #expect(try await bot.database.read { db in try db.case(id: caseId)?.takenBy } == Self.roads)
    }
}
