import Casework
import Conversation
import CurlTransport
import Foundation
import MaxAPI
import MaxSandbox
import Messaging
import OtklikApp
import Settings
import GRDB
@testable import Store
import Testing

/// The bot on MAX alone, against the MAX sandbox with MAX's limits on: a case's whole life, people
/// joining by a MAX deep link, a person stopping the bot, a restart that resumes at the stored marker,
/// and the webhook instead of polling.
@Suite(.serialized) struct MaxTests {
    static let specialist: Int64 = 100001   // specialist and admin
    static let roads: Int64 = 200001         // executor, roads
    static let head: Int64 = 300001

    static let people: [StaffSettings.PersonEntry] = [
        .init(telegramId: nil, maxId: specialist, name: "Иванова Анна", roles: [.specialist, .admin], department: nil),
        .init(telegramId: nil, maxId: roads, name: "Петров Пётр", roles: [.executor], department: "roads"),
        .init(telegramId: nil, maxId: head, name: "Сидорова Мария", roles: [.head], department: nil),
    ]

    static func running(webhook: Bool = false) async throws -> MaxStage {
        let stage = try await MaxStage(configPath: BotHarness.repo.appendingPathComponent("Config/otklik.yaml").path,
                                       people: people, start: BotHarness.start, webhook: webhook)
        try await stage.startService()
        return stage
    }

    func withMaxStage<T>(webhook: Bool = false, _ body: (MaxStage) async throws -> T) async throws -> T {
        try await scoped({ try await Self.running(webhook: webhook) }, stop: { await $0.stop() }, body)
    }

    static let post = "На ул. Ленина, 5 огромная яма на дороге, машины бьют колёса. https://vk.com/wall-123_456"

    /// Forwards the post and routes it to roads; returns the case id.
    func openAndRoute(_ h: MaxStage) async throws -> Int64 {
        let card = try await h.forwardPost(Self.post, from: Self.specialist)
        #expect(card.format == .html && card.strippedTags.isEmpty, "MAX's HTML, no tag MAX would strip: \(card.strippedTags)")
        let route = try #require(card.action { if case .route(_, "roads") = $0 { true } else { false } },
                                 "the card suggests roads: \(card.callbackData)")
        let caseId = try #require(route.caseId)
        let before = await h.messages(Self.roads).count
        try await h.pressAndWait(route, by: Self.specialist)
        _ = try await h.nextMessage(to: Self.roads, after: before)
        return caseId
    }

    @Test func aCaseLivesItsWholeLifeOnMAX() async throws {
        try await withMaxStage { h in
            let caseId = try await openAndRoute(h)
            let executorCard = try #require(await h.messages(Self.roads).last { $0.has(.startDraft(caseId: caseId, kind: .final)) })
            #expect(executorCard.text?.contains("№\(caseId)") == true)
            #expect(executorCard.text?.contains("vk.com/wall-123_456") == true || executorCard.message.body?.markupLinks.contains("https://vk.com/wall-123_456") == true)

            try await h.pressAndWait(.startDraft(caseId: caseId, kind: .final), by: Self.roads)
            let before = await h.messages(Self.roads).count
            _ = try await h.sandbox.write("Яма на ул. Ленина, 5 заделана 30 ноября. Спасибо за сигнал!", from: Self.roads)
            let preview = try await h.settle(Self.roads, after: before)
            #expect(preview.has(.sendDraft(caseId: caseId)), "the preview offers sending for approval: \(preview.callbackData)")
            try await h.pressAndWait(.sendDraft(caseId: caseId), by: Self.roads)
            try await h.waitForCase(caseId) { $0.status == .onApproval }

            let approval = try #require(await h.messages(Self.specialist).last { $0.has(.approve(caseId: caseId, version: 1)) })
            #expect(approval.text?.contains("заделана") == true)
            try await h.pressAndWait(.approve(caseId: caseId, version: 1), by: Self.specialist)
            try await h.waitForCase(caseId) { $0.status == .approved }
            try await h.pressAndWait(.markPublished(caseId: caseId), by: Self.specialist)
            let closed = try await h.waitForCase(caseId) { $0.status == .closed }
            #expect(closed.closure == .answered)

            // The executor's card was edited in place on MAX: no buttons are left on a closed case.
            let card = try #require(await h.sandbox.sentMessages(to: Self.roads).first { $0.mid == executorCard.mid })
            #expect(card.isEdited && card.buttons.isEmpty)
            let journal = try await h.database.read { db in try db.journal(caseId: caseId).map(\.action.name.rawValue) }
            #expect(journal == ["open", "route", "take", "submit_draft", "approve", "mark_published"])
            // Every request MAX refused would show here; the outbox has none failed.
            #expect(try await h.database.read { db in try db.failedOutbox(since: .distantPast) }.isEmpty)
            // People came from MAX alone: the bot knows them by the person ids MAX ids make.
            #expect(try await h.database.read { db in try db.personId(at: Address(.max, Self.roads)) } == PersonIds.maxOffset + Self.roads)
        }
    }

    @Test func anInvitationIsAMAXDeepLinkAndStartingTheBotWithItJoins() async throws {
        try await withMaxStage { h in
            try await h.say("/invite", from: Self.specialist)
            try await h.pressAndWait(.inviteRole(role: .head), by: Self.specialist)
            let invitation = try #require(await h.messages(Self.specialist).last?.text)
            let link = try #require(invitation.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("https://max.ru/") })
            #expect(link.hasPrefix("https://max.ru/otklik_max_bot?start="))
            let token = String(link.split(separator: "=").last ?? "")

            let newcomer: Int64 = 400_001
            await h.sandbox.addPerson(id: newcomer, firstName: "Новикова", lastName: "Ольга")
            try await h.sandbox.startBot(by: newcomer, payload: token)
            try await h.waitForStore()
            let welcome = try #require(await h.messages(newcomer).first?.text)
            #expect(welcome.contains("Новикова Ольга"))
            let person = try #require(try await h.database.read { db in try db.personId(at: Address(.max, newcomer)) })
            #expect(try await h.database.read { db in try db.actor(personId: person) }?.roles == [.head])
        }
    }

    @Test func aPersonWhoStopsTheBotIsUnreachableTheAdminIsToldAndStartingAgainBringsThemBack() async throws {
        try await withMaxStage { h in
            let adminBefore = await h.messages(Self.specialist).count
            try await h.sandbox.stopBot(by: Self.roads)
            try await h.waitForStore()
            let person = PersonIds.maxOffset + Self.roads
            #expect(try await h.database.read { db in try db.person(id: person) }?.unreachable == true)
            let told = await h.messages(Self.specialist).dropFirst(adminBefore).compactMap(\.text)
            #expect(told.count == 1 && told.first?.contains("Петров Пётр") == true, "the admin is told once: \(told)")
            try await h.sandbox.startBot(by: Self.roads)
            try await h.waitForStore()
            #expect(try await h.database.read { db in try db.person(id: person) }?.unreachable == false)
        }
    }

    /// A restart resumes at the marker saved with the last handled page: nothing is handled twice,
    /// nothing is lost, and what came while the service was down is handled after it.
    @Test func aRestartResumesAtTheStoredMarker() async throws {
        try await withMaxStage { h in
            try await h.say("/cases", from: Self.specialist)
            let marker = try #require(try await h.database.read { db in try db.receiverCursor(of: .max) })
            let answers = await h.messages(Self.specialist).count
            await h.stopService()
            _ = try await h.sandbox.write("/cases", from: Self.specialist)
            try await h.startService()
            try await h.waitForStore()
            #expect(await h.messages(Self.specialist).count == answers + 1, "the message sent while down is answered once")
            #expect(try await h.database.read { db in try db.receiverCursor(of: .max) }! > marker)
        }
    }

    @Test func theWebhookReceivesWithTheSecretAndAnswersOnlyOnceHandled() async throws {
        try await withMaxStage(webhook: true) { h in
            let subscription = try #require(await h.sandbox.currentSubscriptions.first)
            #expect(subscription.url.hasSuffix("/max"))
            let card = try await h.forwardPost(Self.post, from: Self.specialist)
            #expect(card.action { if case .route = $0 { true } else { false } } != nil)
            let deliveries = await h.sandbox.webhookDeliveries
            #expect(!deliveries.isEmpty && deliveries.allSatisfy { $0.secret == "stage-webhook-secret" && $0.status == 200 })

            // A call without the secret is refused.
            let http = CurlHTTPClient(workers: 1, name: "hook-test")
            defer { http.shutdown() }
            let forged = #"{"update_type":"bot_started","timestamp":1,"chat_id":1,"user":{"user_id":5,"first_name":"X","is_bot":false},"payload":"x"}"#
            let response = try await http.perform(HTTPRequest(method: "POST", url: subscription.url,
                                                              headers: [(name: "Content-Type", value: "application/json")],
                                                              body: Data(forged.utf8), timeout: .seconds(5)))
            #expect(response.status == 401)
        }
    }

    /// Updates the bot does not know, or cannot read, are passed over without holding up the rest;
    /// a post as long as MAX allows becomes a case whose card fits a message.
    @Test func strangeUpdatesAndTheLongestPostDoNotStopTheStream() async throws {
        try await withMaxStage { h in
            await h.sandbox.injectRaw(json: #"{"update_type":"chat_title_changed","timestamp":1,"chat_id":-5,"title":"Новое имя"}"#)
            await h.sandbox.injectRaw(json: #"{"update_type":"message_created","timestamp":1,"message":{"body":7}}"#)
            await h.sandbox.injectRaw(json: #"{"update_type":"message_callback","timestamp":1}"#)
            let long = String(String(repeating: "Яма на дороге у дома 5 по ул. Ленина, колёса бьют каждый день. ", count: 70).prefix(3990))
            let card = try await h.forwardPost(long, from: Self.specialist)
            #expect(card.action { if case .route = $0 { true } else { false } } != nil, "the long post is a case: \(card.callbackData)")
            for message in await h.messages(Self.specialist) {
                #expect((message.text ?? "").count <= MaxLimits.textLength)
            }
            let failed = try await h.database.read { db in try Int.fetchOne(db.raw, sql: "SELECT count(*) FROM failedUpdate") ?? 0 }
            #expect(failed == 0)
        }
    }
}
