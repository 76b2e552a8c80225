import CurlTransport
import Foundation
import MaxAPI
import MaxSandbox
import Testing

@Suite("MAX sandbox: auth, polling, markers, limits, subscriptions, webhook", .timeLimit(.minutes(1)))
struct ReceivingTests {
    @Test("a wrong token, a Bearer prefix or a token in the query are refused with 401 verify.token")
    func authRefusal() async throws {
        let h = try await MaxHarness.start()
        let wrong = await failure { try await h.client(token: "not-the-token").me() }
        #expect(wrong == .unauthorized(message: "Invalid access_token"))
        let bearer = await failure { try await h.client(token: "Bearer " + h.sandbox.token).me() }
        #expect(bearer == .unauthorized(message: "Invalid access_token"))
        let query = try await h.http.perform(HTTPRequest(url: h.baseURL + "/me?access_token=" + h.sandbox.token))
        #expect(query.status == 401)
        #expect(String(decoding: query.body, as: UTF8.self).contains("verify.token"))
        let me = try await h.client.me()
        #expect(me.userId == 9_000_000_001)
        #expect(me.isBot)
        await h.stop()
    }

    @Test("events stay until a marker commits them: without the marker the same batch comes again")
    func markerCommit() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        for text in ["один", "два", "три"] { try await h.sandbox.write(text, from: alice) }

        let first = try await h.client.updates(marker: nil, timeout: 0)
        let texts = first.updates.compactMap { update -> String? in
            if case let .messageCreated(created) = update { return created.message.body?.text }
            return nil
        }
        #expect(texts == ["один", "два", "три"])
        let again = try await h.client.updates(marker: nil, timeout: 0)
        #expect(again.updates.map(\.receipt) == first.updates.map(\.receipt))
        #expect(again.marker == first.marker)

        let committed = try await h.client.updates(marker: first.marker, timeout: 0)
        #expect(committed.updates.isEmpty)
        #expect(committed.marker == first.marker)
        #expect(await h.sandbox.pendingUpdateCount == 0)
        try await h.sandbox.write("четыре", from: alice)
        let next = try await h.client.updates(marker: committed.marker, timeout: 0)
        #expect(next.updates.count == 1)
        #expect(next.marker == first.marker.map { $0 + 1 })
        await h.stop()
    }

    @Test("a long poll answers when an event arrives, and types filters the batch")
    func longPoll() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        let started = ContinuousClock.now
        async let page = h.client.updates(marker: nil, timeout: 30, types: ["message_created"])
        try await h.sandbox.waitUntil("the poll to be pending") { $0.isLongPollPending }
        try await h.sandbox.startBot(by: alice, payload: "inv-1") // not a wanted type: the poll keeps waiting
        try await h.sandbox.write("ямы на Ленина", from: alice)
        let answered = try await page
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(answered.updates.map(\.type) == ["message_created"])
        await h.stop()
    }

    @Test("more than 2 polls a second answer 429; a second later polling works again")
    func pollRate() async throws {
        let h = try await MaxHarness.start(limits: .max)
        _ = try await h.client.updates(marker: nil, timeout: 0)
        _ = try await h.client.updates(marker: nil, timeout: 0)
        let third = await failure { try await h.client.updates(marker: nil, timeout: 0) }
        #expect(third == .tooManyRequests(message: "Too many requests"))
        #expect(third?.isTransient == true)
        h.clock.advance(1.01)
        _ = try await h.client.updates(marker: nil, timeout: 0)
        await h.stop()
    }

    @Test("more than 30 requests a second answer 429")
    func requestRate() async throws {
        let h = try await MaxHarness.start(limits: .max)
        for _ in 0..<30 { _ = try await h.client.me() }
        #expect(await failure { try await h.client.me() } == .tooManyRequests(message: "Too many requests"))
        h.clock.advance(1.01)
        _ = try await h.client.me()
        await h.stop()
    }

    @Test("events older than 24 h are gone")
    func eventTTL() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        try await h.sandbox.write("вчера", from: alice)
        h.clock.advance(24 * 3600 + 1)
        try await h.sandbox.write("сегодня", from: alice)
        let page = try await h.client.updates(marker: nil, timeout: 0)
        #expect(page.updates.count == 1)
        guard case let .messageCreated(created)? = page.updates.first else { Issue.record("no message"); return }
        #expect(created.message.body?.text == "сегодня")
        await h.stop()
    }

    @Test("a subscription excludes polling (405) until it is deleted; secrets are checked")
    func subscriptionExcludesPolling() async throws {
        let h = try await MaxHarness.start()
        let badSecret = await failure { try await h.client.subscribe(url: "https://bot.example.ru/max", secret: "a b") }
        guard case .badRequest? = badSecret else { Issue.record("expected 400, got \(String(describing: badSecret))"); return }
        let plain = await failure { try await h.client.subscribe(url: "http://bot.example.ru/max", secret: nil) }
        guard case .badRequest? = plain else { Issue.record("expected 400 for plain HTTP, got \(String(describing: plain))"); return }

        try await h.client.subscribe(url: "https://bot.example.ru/max", secret: "s3cret_value", types: ["message_created"])
        let subscriptions = try await h.client.subscriptions()
        #expect(subscriptions.map(\.url) == ["https://bot.example.ru/max"])
        #expect(subscriptions.first?.updateTypes == ["message_created"])
        let refused = await failure { try await h.client.updates(marker: nil, timeout: 0) }
        guard case let .notAllowed(code, _)? = refused else { Issue.record("expected 405, got \(String(describing: refused))"); return }
        #expect(code == "method.not.allowed")
        #expect(refused?.isTransient == false)

        try await h.client.unsubscribe(url: "https://bot.example.ru/max")
        #expect(try await h.client.subscriptions().isEmpty)
        _ = try await h.client.updates(marker: nil, timeout: 0)
        let again = await failure { try await h.client.unsubscribe(url: "https://bot.example.ru/max") }
        #expect(again == .badRequest(code: "success.false", message: "No subscription for this url"))
        await h.stop()
    }

    @Test("webhook: updates are posted with X-Max-Bot-Api-Secret and re-posted until the bot answers 200")
    func webhookDelivery() async throws {
        let h = try await MaxHarness.start()
        let receiver = WebhookReceiver(failures: 1)
        let hook = try await receiver.start()
        await h.sandbox.addPerson(id: alice, firstName: "Алиса")
        try await h.client.subscribe(url: hook, secret: "hook_Secret-1")
        try await h.sandbox.write("по вебхуку", from: alice)
        try await h.sandbox.waitUntil("a delivered webhook") { $0.webhookDeliveries.contains { $0.status == 200 } }

        let deliveries = await h.sandbox.webhookDeliveries
        #expect(deliveries.map(\.status) == [500, 200])
        #expect(deliveries.map(\.attempt) == [1, 2])
        let received = await receiver.received
        #expect(received.count == 2)
        #expect(received.allSatisfy { $0.secret == "hook_Secret-1" })
        let update = try MaxWire.decoder().decode(Update.self, from: try #require(received.last).body)
        guard case let .messageCreated(created) = update else { Issue.record("not message_created"); return }
        #expect(created.message.body?.text == "по вебхуку")
        #expect(await h.sandbox.pendingUpdateCount == 0) // went to the webhook, not to the poll queue
        await receiver.stop()
        await h.stop()
    }

    @Test("the token never appears in error texts, even when an answer quotes it")
    func tokenRedacted() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.injectFault(.echoAuthorization, pathPrefix: "/me")
        let error = try #require(await failure { try await h.client.me() })
        #expect(!error.description.contains(h.sandbox.token))
        #expect(error.description.contains("***"))
        // A transport failure names the URL, never the header.
        let refused = CurlMaxClient(baseURL: "http://127.0.0.1:1", token: h.sandbox.token, http: h.http)
        let network = try #require(await failure { try await refused.me() })
        guard case .network = network else { Issue.record("expected a network error, got \(network)"); return }
        #expect(!network.description.contains(h.sandbox.token))
        await h.stop()
    }

    @Test("a proxy's HTML page maps to server errors or a decoding error, never a crash")
    func nonJSONAnswers() async throws {
        let h = try await MaxHarness.start()
        await h.sandbox.injectFault(.htmlPage(status: 502), pathPrefix: "/me")
        #expect(await failure { try await h.client.me() } == .server(status: 502))
        await h.sandbox.injectFault(.htmlPage(status: 200), pathPrefix: "/me")
        let garbled = await failure { try await h.client.me() }
        guard case .decoding? = garbled else { Issue.record("expected decoding, got \(String(describing: garbled))"); return }
        #expect(garbled?.isTransient == true)
        await h.stop()
    }
}
