import Bot
import BotAPI
import Casework
import Conversation
import CurlTransport
import Engine
import Foundation
import MaxAPI
import MaxSandbox
import Messaging
import OtklikApp
import Sandbox
import ServiceLifecycle
import Settings
@testable import Store
import Testing

/// One service on Telegram and MAX at once, people on either: a case opened on Telegram is answered
/// on MAX and approved on Telegram again; a person with both ids is answered where they last wrote.
@Suite(.serialized) struct BothMessengersTests {
    static let specialist: Int64 = 100001   // Telegram
    static let roads: Int64 = 200001         // MAX
    static let head: Int64 = 300001          // both

    /// Both sandboxes, one store, one service with both channels, on a manual clock.
    final class Both: @unchecked Sendable {
        let telegram = Sandbox()
        let max = MaxSandbox(config: MaxSandboxConfig(attachmentReadyDelay: 0))
        let clock = ManualClock(BotHarness.start)
        let database: AppDatabase
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-both-\(UUID().uuidString)")
        let logs = LogCapture()
        var group: ServiceGroup?
        var task: Task<Void, any Error>?
        var http: [CurlHTTPClient] = []

        init() async throws {
            let people: [StaffSettings.PersonEntry] = [
                .init(telegramId: specialist, name: "Иванова Анна", roles: [.specialist, .admin], department: nil),
                .init(telegramId: nil, maxId: roads, name: "Петров Пётр", roles: [.executor], department: "roads"),
                .init(telegramId: head, maxId: head, name: "Сидорова Мария", roles: [.head], department: nil),
            ]
            var config = try ServiceConfiguration.load(configPath: BotHarness.repo.appendingPathComponent("Config/otklik.yaml").path,
                                                       now: BotHarness.start)
            config.staff.people = people
            database = try ServiceBuilder.openStore(config, at: folder.appendingPathComponent("otklik.sqlite").path, now: BotHarness.start)
            let telegramURL = try await telegram.start()
            await telegram.setFloodLimits(enabled: false)
            _ = await telegram.addUser(id: specialist, firstName: "Иванова Анна")
            _ = await telegram.addUser(id: head, firstName: "Сидорова Мария")
            await max.setClock { [clock] in clock.now() }
            let maxURL = try await max.start()
            await max.addPerson(id: roads, firstName: "Петров Пётр")
            await max.addPerson(id: head, firstName: "Сидорова Мария")

            let telegramClient = ServiceBuilder.client(AppSettings.Telegram(), token: telegram.token, baseURL: telegramURL.absoluteString, workers: 4)
            let maxHTTP = CurlMaxClient.makeHTTPClient(token: max.token, caBundle: nil, workers: 4, name: "both-max")
            http.append(maxHTTP)
            let maxClient = CurlMaxClient(baseURL: maxURL.absoluteString, token: max.token, http: maxHTTP)
            let env = try ServiceBuilder.environment(config, botNames: [.telegram: "otklik_sandbox_bot", .max: "otklik_max_bot"])
            let service = OtklikService(database: database, handler: BotHandler(env: env), channels: [
                .telegram(client: telegramClient, pollTimeout: 1, limits: .unlimited),
                .max(client: maxClient, database: database, webhook: nil),
            ], clock: clock, logger: logs.logger("both"))
            let group = service.serviceGroup(drainTime: .seconds(2))
            self.group = group
            task = Task { try await group.run() }
        }

        /// Everything both sandboxes made is handled and everything queued is sent.
        func waitForStore() async throws {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                try await telegram.waitUntilUpdatesConsumed()
                let last = await telegram.lastUpdateId
                let view = await max.view
                let (handled, backlog) = try await database.read { db in
                    (try last.map { try db.isHandled(updateId: $0) } ?? true, try db.outboxBacklog().count)
                }
                if handled && backlog == 0 && view.pendingUpdateCount == 0 && view.isLongPollPending { return }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw Stage.Failure("the bot did not finish within 20 s")
        }

        /// The specialist forwards `content` on Telegram and routes it to roads, whose executor is on
        /// MAX; returns the case's number once the executor's card is there.
        func openOnTelegramAndRouteToRoads(_ content: PersonContent) async throws -> (caseId: Int64, executorCard: SentMaxMessage) {
            try await max.waitUntil("the MAX poller") { $0.isLongPollPending }
            _ = try await telegram.forward(content, origin: .hiddenUser(date: 1, senderUserName: "Житель"), from: BothMessengersTests.specialist)
            try await waitForStore()
            clock.advance(by: 2)
            let card = try #require(try await telegram.waitForSentMessages(in: BothMessengersTests.specialist, count: 1).first)
            let route = try #require(card.action { if case .route(_, "roads") = $0 { true } else { false } })
            let caseId = try #require(route.caseId)
            _ = try await telegram.pressButton(data: route.encoded, by: BothMessengersTests.specialist)
            try await waitForStore()
            let executorCard = try #require(await max.sentMessages(to: BothMessengersTests.roads).last { $0.has(.startDraft(caseId: caseId, kind: .final)) })
            return (caseId, executorCard)
        }

        /// The executor on MAX starts the answer from his card, writes it (`write`) and sends it for approval.
        func answerOnMAX(_ caseId: Int64, card: SentMaxMessage, _ write: () async throws -> Void) async throws {
            _ = try await max.press(payload: CallbackAction.startDraft(caseId: caseId, kind: .final).encoded, by: BothMessengersTests.roads, on: card.mid)
            try await waitForStore()
            try await write()
            try await waitForStore()
            clock.advance(by: 2)
            try await max.waitUntil("the preview") { $0.sentMessages(to: BothMessengersTests.roads).contains { $0.has(.sendDraft(caseId: caseId)) } }
            try await waitForStore()
            _ = try await max.press(payload: CallbackAction.sendDraft(caseId: caseId).encoded, by: BothMessengersTests.roads)
            try await waitForStore()
        }

        func stop() async {
            if ProcessInfo.processInfo.environment["OTKLIK_E2E_LOGS"] != nil { print(logs.all.joined(separator: "\n")) }
            await group?.triggerGracefulShutdown()
            _ = await task?.result
            http.forEach { $0.shutdown() }
            await telegram.stop()
            await max.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    func withBoth(_ body: (Both) async throws -> Void) async throws {
        try await scoped({ try await Both() }, stop: { await $0.stop() }, body)
    }

    @Test func aCaseOpenedOnTelegramIsAnsweredOnMAXAndApprovedOnTelegram() async throws {
        try await withBoth { b in
            // The executor is on MAX: the card reaches him there, and he answers there.
            let (caseId, executorCard) = try await b.openOnTelegramAndRouteToRoads(
                .text("На ул. Ленина, 5 огромная яма на дороге. https://vk.com/wall-123_456"))
            try await b.answerOnMAX(caseId, card: executorCard) {
                _ = try await b.max.write("Яма заделана 30 ноября. Спасибо за сигнал!", from: Self.roads)
            }

            // Back on Telegram: the specialist approves; MAX's card loses its buttons.
            let approve = CallbackAction.approve(caseId: caseId, version: 1)
            #expect(await b.telegram.sentMessages(in: Self.specialist).contains { $0.has(approve) })
            _ = try await b.telegram.pressButton(data: approve.encoded, by: Self.specialist)
            try await b.waitForStore()
            _ = try await b.telegram.pressButton(data: CallbackAction.markPublished(caseId: caseId).encoded, by: Self.specialist)
            try await b.waitForStore()
            let closed = try #require(try await b.database.read { db in try db.case(id: caseId) })
            #expect(closed.status == .closed && closed.closure == .answered)
            let edited = try #require(await b.max.sentMessages(to: Self.roads).first { $0.mid == executorCard.mid })
            #expect(edited.isEdited && edited.buttons.isEmpty)
            // Each messenger got only its own people's messages.
            #expect(try await b.database.read { db in try db.failedOutbox(since: .distantPast) }.isEmpty)
        }
    }

    /// A file id is the holder's alone: the bytes cross. A photo of a post forwarded on Telegram reaches
    /// the executor on MAX, and the photo of his answer reaches the specialist on Telegram, byte for byte.
    @Test func photosCrossBetweenMessengers() async throws {
        try await withBoth { b in
            let postPhoto = Data("post photo: pothole on Lenina 5".utf8)
            let (caseId, executorCard) = try await b.openOnTelegramAndRouteToRoads(
                .photo(caption: "Яма на ул. Ленина, 5 https://vk.com/wall-123_456", data: postPhoto))

            // On MAX the executor sees the post's photo: fetched from Telegram and uploaded to MAX.
            let photoOnMax = await b.max.sentMessages(to: Self.roads).flatMap(\.uploads)
            #expect(photoOnMax.map(\.data) == [postPhoto])
            #expect(photoOnMax.first?.type == .image)

            let answerPhoto = Data("answer photo: the pothole filled".utf8)
            try await b.answerOnMAX(caseId, card: executorCard) {
                _ = try await b.max.sendPhotos([answerPhoto], caption: "Яма заделана 30 ноября.", from: Self.roads)
            }

            // On Telegram the specialist sees the answer's photo with the draft, from MAX's CDN.
            let photos = await b.telegram.sentMessages(in: Self.specialist).filter { $0.mediaKind == .photo }
            var received: [Data] = []
            for photo in photos { if let id = photo.fileId, let data = await b.telegram.fileData(id) { received.append(data) } }
            #expect(received.contains(answerPhoto))
            #expect(await b.telegram.sentMessages(in: Self.specialist).contains { $0.has(.approve(caseId: caseId, version: 1)) })
            #expect(try await b.database.read { db in try db.failedOutbox(since: .distantPast) }.isEmpty)
        }
    }

    @Test func aPersonOnBothIsAnsweredWhereTheyLastWrote() async throws {
        try await withBoth { b in
            try await b.max.waitUntil("the MAX poller") { $0.isLongPollPending }
            _ = try await b.max.write("/help", from: Self.head)
            try await b.waitForStore()
            #expect(await b.max.sentMessages(to: Self.head).count == 1)
            #expect(await b.telegram.sentMessages(in: Self.head).isEmpty)
            _ = try await b.telegram.sendText("/help", from: Self.head)
            try await b.waitForStore()
            #expect(await b.telegram.sentMessages(in: Self.head).count == 1)
            #expect(await b.max.sentMessages(to: Self.head).count == 1, "nothing more on MAX")
            // An invitation names both messengers' links, the inviter's first.
            _ = try await b.telegram.sendText("/invite", from: Self.specialist)
            try await b.waitForStore()
            _ = try await b.telegram.pressButton(data: CallbackAction.inviteRole(role: .head).encoded, by: Self.specialist)
            try await b.waitForStore()
            let invitation = try #require(await b.telegram.sentMessages(in: Self.specialist).last?.text)
            let telegramLink = try #require(invitation.range(of: "https://t.me/otklik_sandbox_bot?start="))
            let maxLink = try #require(invitation.range(of: "https://max.ru/otklik_max_bot?start="))
            #expect(telegramLink.lowerBound < maxLink.lowerBound)
        }
    }
}
