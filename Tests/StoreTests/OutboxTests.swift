import BotAPI
import Casework
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct OutboxTests {
    func message(_ chat: Int64, _ text: String) -> OutboundRequest {
        .message(SendMessage(chatId: chat, text: text,
                             replyMarkup: .inlineKeyboard(InlineKeyboardMarkup([[InlineKeyboardButton(text: "Взять", callbackData: "take:1")]]))))
    }

    @Test func pendingRequestsComeBackOldestFirstAsTheyWentIn() async throws {
        let database = try AppDatabase.inMemory()
        let requests: [OutboundRequest] = [
            message(1, "первое"),
            .answerCallback(AnswerCallbackQuery(callbackQueryId: "cb", text: "Готово")),
            .photo(SendPhoto(chatId: 2, photo: .existing("AgAD"), caption: "<b>фото</b>")),
            .copy(CopyMessage(chatId: 3, fromChatId: 1, messageId: 501)),
        ]
        var ids: [Int64] = []
        for request in requests { ids.append(try await database.enqueue(request, at: instant())) }
        let pending = try await database.pendingOutbox(limit: 10)
        #expect(pending.map(\.id) == ids)
        #expect(pending.map(\.request) == requests)
        #expect(try await database.pendingOutbox(limit: 2, excluding: [ids[0]]).map(\.id) == [ids[1], ids[2]])
        let backlog = try await database.outboxBacklog()
        #expect(backlog == OutboxBacklog(count: 4, oldestCreatedAt: instant()))
        // Stored as the Bot API spells it, readable with the sqlite3 tool.
        #expect(try await database.outboxRecord(id: ids[0])?.request.contains("\"chat_id\":1") == true)
    }

    /// What a restarted sender counts against Telegram's limits: the answers of the last minute.
    @Test func answeredRequestsAreFoundByTheTimeOfTheirAnswer() async throws {
        let database = try AppDatabase.inMemory()
        let now = instant()
        let old = try await database.enqueue(message(1, "давно"), at: now)
        let recent = try await database.enqueue(message(2, "только что"), at: now)
        let refused = try await database.enqueue(message(3, "отказ"), at: now)
        try await database.enqueue(message(4, "ждёт"), at: now)
        let answer = try await database.enqueue(.answerCallback(AnswerCallbackQuery(callbackQueryId: "cb")), at: now)
        try await database.write { db in
            try db.markDelivered(old, messageIds: [1], at: now.addingTimeInterval(-61))
            try db.markDelivered(recent, messageIds: [2], at: now.addingTimeInterval(-5))
            try db.markFailed(refused, code: 403, description: "Forbidden: bot was blocked by the user", at: now.addingTimeInterval(-1))
            try db.markDelivered(answer, messageIds: [], at: now.addingTimeInterval(-1))
        }
        let answered = try await database.read { db in try db.answeredRequests(since: now.addingTimeInterval(-60)) }
        #expect(answered.map(\.chatId).sorted() == [2, 3])
        #expect(answered.first { $0.chatId == 2 }?.at == now.addingTimeInterval(-5))
    }

    @Test func deliveryLinksTheMessagesToTheCase() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        let card = try await database.enqueue(message(Staff.executor, "карточка"), caseId: caseId, purpose: "card", at: instant())
        let other = try await database.enqueue(message(Staff.otherExecutor, "карточка"), caseId: caseId, purpose: "card", at: instant())
        let plain = try await database.enqueue(message(Staff.executor, "привет"), at: instant())
        try await database.markDelivered(card, messageIds: [77], at: instant(1))
        try await database.markDelivered(other, messageIds: [12], at: instant(1))
        try await database.markDelivered(plain, messageIds: [78], at: instant(1))

        #expect(try await database.messageLink(chatId: Staff.executor, messageId: 77)?.caseId == caseId)
        #expect(try await database.messageLink(chatId: Staff.executor, messageId: 78) == nil)
        #expect(try await database.cardMessage(caseId: caseId, chatId: Staff.executor) == 77)
        #expect(try await database.cardMessages(caseId: caseId).map { [$0.chatId, $0.messageId] }
                == [[Staff.executor, 77], [Staff.otherExecutor, 12]])
        let record = try #require(try await database.outboxRecord(id: card))
        #expect(record.state == .delivered && record.messageIds == [77] && record.deliveredAt == instant(1))
        #expect(try await database.pendingOutbox(limit: 10).isEmpty)
        // A second report of the same delivery changes nothing.
        try await database.markDelivered(card, messageIds: [99], at: instant(2))
        #expect(try await database.outboxRecord(id: card)?.messageIds == [77])
    }

    @Test func aFailureKeepsItsCodeAndReason() async throws {
        let database = try AppDatabase.inMemory()
        let id = try await database.enqueue(message(5, "текст"), at: instant())
        try await database.markFailed(id, code: 403, description: "Forbidden: bot was blocked by the user", at: instant(1))
        let record = try #require(try await database.outboxRecord(id: id))
        #expect(record.state == .failed && record.failureCode == 403)
        #expect(record.failure == "Forbidden: bot was blocked by the user" && record.failedAt == instant(1))
        #expect(try await database.outboxBacklog().count == 0)
        #expect(try await database.status(now: instant()).failedOutbox == 1)
    }

    @Test func anUploadKeepsItsBytesUntilDelivered() async throws {
        let database = try AppDatabase.inMemory()
        let upload = FileUpload(partName: "report", filename: "отчёт.xlsx", mimeType: "application/octet-stream",
                                data: Data([1, 0, 2, 255]))
        let request = OutboundRequest.document(SendDocument(chatId: 1, document: .upload(upload), caption: "Отчёт"))
        let id = try await database.enqueue(request, at: instant())
        let pending = try await database.read { db in try db.pendingHeads(limit: 10) }
        #expect(pending.map(\.request) == [request])
        try await database.write { db in try db.markDelivered(id, messageIds: [5], at: instant(1)) }
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outboxFile") } == 0)
    }

    @Test func pruningKeepsPendingRows() async throws {
        let database = try AppDatabase.inMemory()
        let done = try await database.enqueue(message(1, "a"), at: instant())
        let waiting = try await database.enqueue(message(1, "b"), at: instant())
        try await database.markDelivered(done, messageIds: [1], at: instant(1))
        #expect(try await database.pruneOutbox(finishedBefore: instant(48)) == 1)
        #expect(try await database.pendingOutbox(limit: 5).map(\.id) == [waiting])
    }
}
