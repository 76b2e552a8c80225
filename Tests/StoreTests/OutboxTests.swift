import BotAPI
import Casework
import Foundation
import GRDB
import Messaging
import OtklikTesting
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
        #expect(pending.map(\.request) == (try requests.map { try $0.wireRequest() }))
        #expect(try await database.pendingOutbox(limit: 2, excluding: [ids[0]]).map(\.id) == [ids[1], ids[2]])
        let backlog = try await database.outboxBacklog()
        #expect(backlog == OutboxBacklog(count: 4, oldestCreatedAt: instant()))
        // Stored as the Bot API spells it, readable with the sqlite3 tool.
        let first = try #require(try await database.outboxRecord(id: ids[0]))
        #expect(first.messenger == "telegram" && first.method == "sendMessage" && first.countsAgainstLimits)
        #expect(first.parameters.contains("\"chat_id\":1"))
        #expect(try await database.outboxRecord(id: ids[1])?.countsAgainstLimits == false)
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
        // The newest first, as many as asked.
        #expect(try await database.read { db in try db.answeredRequests(since: now.addingTimeInterval(-60), limit: 1) }.map(\.chatId) == [3])
    }

    @Test func deliveryLinksTheMessagesToTheCase() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let caseId = try await database.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant()).id
        let card = try await database.enqueue(message(Staff.executor, "карточка"), caseId: caseId, purpose: .card, at: instant())
        let other = try await database.enqueue(message(Staff.otherExecutor, "карточка"), caseId: caseId, purpose: .card, at: instant())
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
        #expect(pending.map(\.request) == [try request.wireRequest()])
        #expect(pending.first?.request.files == [upload])
        try await database.write { db in try db.markDelivered(id, messageIds: [5], at: instant(1)) }
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outboxFile") } == 0)
    }

    /// A photo another messenger holds is kept as a reference, fetched when sent; its holder and URL survive.
    @Test func aFileToFetchKeepsItsReferenceNotBytes() async throws {
        let database = try AppDatabase.inMemory()
        let held = MediaRef(kind: .photo, fileId: "tok-7", messenger: .max, url: "https://i.oneme.ru/i?r=tok-7")
        let request = OutboundRequest.photo(SendPhoto(chatId: 1, photo: .upload(FileUpload(partName: "media0", relaying: held))))
        _ = try await database.enqueue(request, at: instant())
        let pending = try await database.read { db in try db.pendingHeads(limit: 10) }
        #expect(pending.first?.request.files.map(\.fetchFrom) == [held])
        #expect(pending.first?.request.files.first?.data.isEmpty == true)
    }

    @Test func aPostsMediaRememberTheirMessengerAndURL() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let media = [MediaRef(kind: .photo, fileId: "AgAD"), MediaRef(kind: .video, fileId: "tok", messenger: .max, url: "https://v/1")]
        let id = try await database.insertCase(post: CasePost(network: "vk", text: "a", media: media), openedBy: Staff.specialist, at: instant()).id
        #expect(try await database.read { db in try db.storedCase(id: id) }?.post.media == media)
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

/// Stores written before v7 kept Swift's encoding of an enum of Telegram methods; the migration turns
/// each row into the request itself, and what was pending goes out as it would have.
@Suite struct OutboxMigrationTests {
    @Test func rowsOfTheOldFormatBecomeRequests() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v6-outbox-delivered")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO outbox (id, chatId, request, createdAt) VALUES
                  (1, 5, '{"message":{"_0":{"chat_id":5,"text":"Карточка №1","parse_mode":"HTML"}}}', '2026-11-30 03:00:00.000'),
                  (2, 5, '{"editMarkup":{"_0":{"chat_id":5,"message_id":9}}}', '2026-11-30 03:00:01.000'),
                  (3, NULL, '{"answerCallback":{"_0":{"callback_query_id":"cb"}}}', '2026-11-30 03:00:02.000'),
                  (4, 6, '{"document":{"_0":{"chat_id":6,"document":"attach://report","caption":"Отчёт"}}}', '2026-11-30 03:00:03.000');
                INSERT INTO outboxFile (outboxId, partName, filename, mimeType, data) VALUES (4, 'report', 'r.xlsx', 'application/octet-stream', x'0102');
                UPDATE outbox SET state = 'delivered', messageIds = '[7]', deliveredAt = '2026-11-30 03:00:05.000' WHERE id = 1;
                DELETE FROM sqlite_sequence; INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', 40);
                """)
        }
        try Schema.migrator.migrate(queue)
        let database = AppDatabase(writer: queue, path: nil)
        let pending = try database.read { db in try db.pendingOutbox(limit: 10) }
        #expect(pending.map(\.id) == [2, 3, 4])
        #expect(pending.map(\.request.method) == ["editMessageReplyMarkup", "answerCallbackQuery", "sendDocument"])
        #expect(pending.map(\.request.countsAgainstLimits) == [false, false, true])
        #expect(pending.map(\.request.chatId) == [5, nil, 6])
        let document = try JSONDecoder().decode(JSONValue.self, from: pending[2].request.parameters)
        #expect(document == .object(["chat_id": .number(6), "document": .string("attach://report"), "caption": .string("Отчёт")]))
        #expect(pending[2].request.files.map(\.data) == [Data([1, 2])])
        let delivered = try #require(try database.read { db in try db.outboxRecord(id: 1) })
        #expect(delivered.method == "sendMessage" && delivered.state == .delivered && delivered.messageIds == [7])
        // A new row does not take the number of a pruned one.
        let next = try database.write { db in try db.enqueue(.answerCallback(AnswerCallbackQuery(callbackQueryId: "x")), at: Date()) }
        #expect(next == 41)
    }
}
