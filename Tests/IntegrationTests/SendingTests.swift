import Bot
import BotAPI
import CurlTransport
import Engine
import Foundation
import Messaging
import OtklikApp
import OtklikTesting
import Sandbox
@testable import Store
import Testing

@Suite(.serialized) struct SendingTests {
    func runSender(_ h: Harness, _ outbox: InMemoryOutbox, limits: RateLimits, clock: any BotClock = MonotonicClock(),
                   capture: LogCapture = LogCapture()) -> Task<Void, Never> {
        var config = Sender.Configuration(limits: limits)
        config.backoff = Backoff(base: .milliseconds(10), cap: .milliseconds(200))
        let sender = Sender(client: BotAPIDelivery(h.client), queue: outbox, configuration: config, clock: clock, logger: capture.logger("sender"))
        return Task { await sender.run() }
    }

    /// The sandbox keeps Telegram's limits on the same manual clock the sender paces by, so "no 429"
    /// is exact rather than a margin of the machine's speed; the clock moves 20 ms at a time.
    @Test func fiveHundredMessagesToFiftyChatsNeverTripTheFloodLimits() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_796_007_600))
        let start = clock.now()
        var sandbox = SandboxConfig()
        sandbox.floodClock = { clock.now().timeIntervalSince(start) }
        try await withHarness(sandbox) { h in
            await h.sandbox.setFloodLimits(enabled: true)
            let chats: [Int64] = (1...50).map { 600_000 + $0 }
            for id in chats { _ = await h.sandbox.addUser(id: id, firstName: "Исполнитель \(id)") }
            let outbox = InMemoryOutbox()
            for i in 0..<500 {
                await outbox.enqueue(.message(SendMessage(chatId: chats[i % 50], text: "Напоминание <b>№\(i)</b>")))
            }
            let sender = runSender(h, outbox, limits: RateLimits(), clock: clock)
            let deadline = ContinuousClock.now + .seconds(120)
            while await outbox.pendingCount > 0, ContinuousClock.now < deadline {
                clock.advance(by: 0.02)
                try await Task.sleep(for: .milliseconds(2))
            }
            sender.cancel()
            await sender.value
            let elapsed = clock.now().timeIntervalSince(start)
            let refused = await h.sandbox.requests(for: "sendMessage").filter { $0.status == 429 }
            #expect(refused.isEmpty, "429s: \(refused.count) \(refused.prefix(3).map { "\($0.params["chat_id"].map { "\($0)" } ?? "") \($0.description ?? "")" })")
            var delivered = 0
            for id in chats {
                let texts = await h.sandbox.sentMessages(in: id).map(\.text)
                delivered += texts.count
                // Each chat got its messages in order.
                let numbers = texts.compactMap { $0?.split(separator: "№").last.flatMap { Int($0) } }
                #expect(numbers == numbers.sorted())
            }
            #expect(delivered == 500)
            // And the allowance is used: 500 at 29 a second take about 17 s of the clock, not much more.
            #expect(elapsed >= 500.0 / 30 && elapsed < 500.0 / 29 + 2, "took \(elapsed) s")
            print("sender: 500 messages to 50 chats with flood limits on in \(elapsed) s of the manual clock, zero 429")
        }
    }

    /// The outbox keeps each request as it will be posted (method, parameters, files) and the sender
    /// posts it as kept: a message, an upload and an edit of the message, from the store to the sandbox.
    @Test func storedRequestsArePostedAsStoredAndTheirDeliveriesRecorded() async throws {
        try await withHarness { h in
            let chat: Int64 = 700_001
            _ = await h.sandbox.addUser(id: chat, firstName: "Специалист")
            let database = try AppDatabase.inMemory()
            let message = SendMessage(chatId: chat, text: "Обращение <b>№7</b> «яма»", replyMarkup: .inlineKeyboard(
                InlineKeyboardMarkup([[InlineKeyboardButton(text: "Дороги", callbackData: "route:7:roads")]])))
            let upload = FileUpload(partName: "report", filename: "отчёт.xlsx", mimeType: "application/octet-stream",
                                    data: Data((0..<1024).map { UInt8($0 % 251) }))
            let sent = try await database.enqueue(.message(message), at: Date())
            let document = try await database.enqueue(.document(SendDocument(chatId: chat, document: .upload(upload),
                                                                              caption: "Отчёт")), at: Date())
            let outbox = StoreOutbox(database: database, messenger: .telegram, now: { Date() })
            // Kept as Telegram takes it (key order is the encoder's own).
            let stored = try #require(try await outbox.pending(limit: 10, excluding: []).first)
            #expect(stored.request.method == "sendMessage" && stored.request.chatId == chat && stored.request.countsAgainstLimits)
            #expect(try JSONDecoder().decode(JSONValue.self, from: stored.request.parameters)
                    == JSONDecoder().decode(JSONValue.self, from: BotWire.makeEncoder().encode(message)))

            let sender = Sender(client: BotAPIDelivery(h.client), queue: outbox, configuration: Sender.Configuration(limits: .unlimited))
            let task = Task { await sender.run() }
            #expect(try await eventually { (try? await database.outboxRecord(id: document))?.state == .delivered })
            let got = try #require(await h.sandbox.sentMessages(in: chat).first)
            #expect(got.text == "Обращение №7 «яма»")
            #expect(got.buttons.flatMap { $0 }.compactMap(\.callbackData) == ["route:7:roads"])
            #expect(try await database.outboxRecord(id: sent)?.messageIds == [got.messageId])
            let file = try #require(await h.sandbox.sentMessages(in: chat).last)
            #expect(try await database.outboxRecord(id: document)?.messageIds == [file.messageId])

            // An edit answers the message it names.
            let edit = try await database.enqueue(.editText(EditMessageText(chatId: chat, messageId: got.messageId, text: "Закрыто")),
                                                  at: Date())
            outbox.wake()
            #expect(try await eventually { (try? await database.outboxRecord(id: edit))?.state == .delivered })
            #expect(try await database.outboxRecord(id: edit)?.messageIds == [got.messageId])
            #expect(await h.sandbox.sentMessage(in: chat, id: got.messageId)?.text == "Закрыто")
            task.cancel()
            await task.value
        }
    }

    @Test func transientFaultsAreRetriedAndRefusalsKeepTheirReason() async throws {
        try await withHarness { h in
            _ = await h.sandbox.addUser(id: 1, firstName: "Анна")
            _ = await h.sandbox.addUser(id: 2, firstName: "Блок")
            try await h.sandbox.block(2)
            for fault: SandboxFault in [.serverError(status: 500, description: "Internal Server Error"), .dropConnection,
                                        .tooManyRequests(retryAfter: 1), .htmlErrorPage(status: 502)] {
                await h.sandbox.injectFault(fault, method: "sendMessage")
            }
            let outbox = InMemoryOutbox()
            var ids: [Int64] = []
            for i in 0..<10 { ids.append(await outbox.enqueue(.message(SendMessage(chatId: 1, text: "сообщение \(i)")))) }
            let blocked = await outbox.enqueue(.message(SendMessage(chatId: 2, text: "не дойдёт")))
            let unknown = await outbox.enqueue(.message(SendMessage(chatId: 999_999, text: "никому")))
            let broken = await outbox.enqueue(.message(SendMessage(chatId: 1, text: "<b>незакрытый")))
            let sender = runSender(h, outbox, limits: .unlimited)
            #expect(try await eventually { await outbox.pendingCount == 0 })
            sender.cancel()
            // Nothing lost, in order. (A reply lost on the wire after Telegram acted is the one way to a
            // duplicate — Telegram has no idempotency key — so the order is checked on first arrivals.)
            let texts = await h.sandbox.sentMessages(in: 1).compactMap(\.text)
            var firsts: [String] = []
            for text in texts where !firsts.contains(text) { firsts.append(text) }
            #expect(firsts == (0..<10).map { "сообщение \($0)" }, "delivered: \(texts)")
            #expect(await outbox.outcomes[blocked]?.error?.code == 403)
            #expect(await outbox.outcomes[blocked]?.error?.description.contains("bot was blocked by the user") == true)
            #expect(await outbox.outcomes[unknown]?.error?.description.contains("chat not found") == true)
            #expect(await outbox.outcomes[broken]?.error?.description.contains("can't parse entities") == true)
        }
    }

    @Test func editsThatChangeNothingAreNotErrors() async throws {
        try await withHarness { h in
            _ = await h.sandbox.addUser(id: 1, firstName: "Анна")
            let sent = try await h.client.call(SendMessage(chatId: 1, text: "Карточка"))
            let outbox = InMemoryOutbox()
            let edit = await outbox.enqueue(.editText(EditMessageText(chatId: 1, messageId: sent.messageId, text: "Карточка")))
            let sender = runSender(h, outbox, limits: .unlimited)
            #expect(try await eventually { await outbox.pendingCount == 0 })
            sender.cancel()
            #expect(await outbox.outcomes[edit]?.error == nil)
        }
    }

    @Test func uploadsAndAlbumsGoThroughTheSameClient() async throws {
        try await withHarness { h in
            _ = await h.sandbox.addUser(id: 1, firstName: "Анна")
            let bytes = Data((0..<2048).map { UInt8($0 % 251) })
            let doc = try await h.client.call(SendDocument(chatId: 1, document: .upload(FileUpload(
                partName: "report", filename: "отчёт.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data: bytes)), caption: "Отчёт за неделю"))
            let fileId = try #require(doc.document?.fileId)
            #expect(await h.sandbox.fileData(fileId) == bytes)
            let album = try await h.client.call(SendMediaGroup(chatId: 1, media: [
                .photo(.upload(FileUpload(partName: "p1", filename: "1.jpg", mimeType: "image/jpeg", data: Data([1, 2, 3]))), caption: "До"),
                .photo(.upload(FileUpload(partName: "p2", filename: "2.jpg", mimeType: "image/jpeg", data: Data([4, 5, 6])))),
            ]))
            #expect(album.count == 2)
            #expect(Set(album.compactMap(\.mediaGroupId)).count == 1)
        }
    }

    @Test func theTokenNeverAppearsInErrors() async throws {
        let token = "5555555:SECRET-token-that-must-never-leak_00"
        let http = CurlBotAPIClient.makeHTTPClient(token: token, workers: 1, name: "leak-test")
        defer { http.shutdown() }
        // Port 1 on loopback refuses connections: curl's message would carry the URL, token included.
        let client = CurlBotAPIClient(baseURL: "http://127.0.0.1:1", token: token, http: http)
        do {
            _ = try await client.call(GetMe())
            Issue.record("must fail")
        } catch {
            #expect(!error.description.contains("SECRET-token"))
            #expect(!"\(error)".contains("SECRET-token"))
            #expect(error.isTransient)
        }
    }
}
