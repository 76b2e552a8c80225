import FlyingFox
import FlyingSocks
import Foundation
import MaxAPI

/// An event waiting for the bot, already encoded as MAX sends it.
struct QueuedEvent: Sendable {
    var seq: Int64
    var type: String
    /// Unix ms, for the 24 h TTL.
    var timestamp: Int64
    var json: Data
}

/// Events in sequence order. MAX keeps a committed position per bot: passing a marker commits every
/// event before it; a poll without a marker reads from the committed position (the [S33] reading of
/// the two the sources give, FACTS §2).
struct EventLog: Sendable {
    private(set) var items: [QueuedEvent] = []
    private(set) var committed: Int64
    private(set) var nextSeq: Int64

    init(firstSeq: Int64) { committed = firstSeq; nextSeq = firstSeq }

    var pendingCount: Int { items.count }

    mutating func append(type: String, timestamp: Int64, json: Data) {
        items.append(QueuedEvent(seq: nextSeq, type: type, timestamp: timestamp, json: json))
        nextSeq += 1
    }

    /// Commits everything before `marker` (never past the newest event).
    mutating func commit(before marker: Int64) {
        committed = max(committed, min(marker, nextSeq))
        items.removeAll { $0.seq < committed }
    }

    /// Deletes events older than `cutoff` (Unix ms): MAX keeps them 24 h.
    mutating func expire(olderThan cutoff: Int64) { items.removeAll { $0.timestamp < cutoff } }

    /// Up to `limit` events of `types` from the committed position, and the marker after them (events
    /// of other types passed over are committed with the batch).
    func batch(limit: Int, types: Set<String>?) -> (events: [QueuedEvent], marker: Int64) {
        var result: [QueuedEvent] = []
        for item in items {
            if result.count == limit { return (result, item.seq) }
            if types?.contains(item.type) ?? true { result.append(item) }
        }
        return (result, nextSeq)
    }
}

/// The one long poll the sandbox keeps open; a newer poll answers the older one with nothing.
struct PendingPoll {
    var id: UInt64
    var limit: Int
    var types: Set<String>?
    var continuation: CheckedContinuation<Result<Data, MaxRefusal>, Never>
}

extension MaxSandbox {
    func poll(_ query: [String: String]) async throws(MaxRefusal) -> MaxAnswer {
        if !subscriptions.isEmpty { throw .pollingWhileSubscribed }
        if limits.enabled, !pollWindow.admit(limit: limits.pollsPerSecond, now: config.rateClock()) {
            throw .tooManyRequests
        }
        let limit = try integer(query["limit"], "limit", in: MaxLimits.pollLimitRange) ?? 100
        let timeout = try integer(query["timeout"], "timeout", in: MaxLimits.pollTimeoutRange) ?? MaxLimits.pollTimeoutSeconds
        if let raw = query["marker"], raw != "null", !raw.isEmpty {
            guard let marker = Int64(raw) else { throw .badRequest("marker: must be a 64-bit integer") }
            events.commit(before: marker)
        }
        let types = query["types"].map { Set($0.split(separator: ",").map(String.init)) }.flatMap { $0.isEmpty ? nil : $0 }
        let size = min(limit, MaxLimits.batchSize)
        events.expire(olderThan: nowMilliseconds - MaxLimits.eventTTLSeconds * 1000)
        notifyWaiters()
        let (batch, marker) = events.batch(limit: size, types: types)
        if !batch.isEmpty || timeout == 0 { return .json(pollAnswer(batch, marker: marker)) }

        if let older = pendingPoll {
            pendingPoll = nil
            older.continuation.resume(returning: .success(pollAnswer([], marker: marker)))
        }
        pollCounter += 1
        let id = pollCounter
        let result = await withCheckedContinuation { continuation in
            pendingPoll = PendingPoll(id: id, limit: size, types: types, continuation: continuation)
            notifyWaiters()
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(timeout))
                await self?.expirePoll(id)
            }
        }
        switch result {
        case let .success(data): return .json(data)
        case let .failure(refusal): throw refusal
        }
    }

    private func integer(_ raw: String?, _ name: String, in range: ClosedRange<Int>) throws(MaxRefusal) -> Int? {
        guard let raw else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw .badRequest("\(name): must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    private func expirePoll(_ id: UInt64) {
        guard let poll = pendingPoll, poll.id == id else { return }
        pendingPoll = nil
        poll.continuation.resume(returning: .success(pollAnswer([], marker: events.batch(limit: poll.limit, types: poll.types).marker)))
        notifyWaiters()
    }

    func pollAnswer(_ batch: [QueuedEvent], marker: Int64) -> Data {
        var body = Data("{\"marker\":\(marker),\"updates\":[".utf8)
        for (index, event) in batch.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(event.json)
        }
        body.append(contentsOf: Array("]}".utf8))
        return body
    }

    /// Queues an event for the poller, or for the webhook while a subscription exists.
    func emit(_ update: Update) {
        let json = (try? MaxWire.encoder().encode(update)) ?? Data("{}".utf8)
        emitRaw(type: update.type, timestamp: update.timestamp, json: json)
    }

    func emitRaw(type: String, timestamp: Int64, json: Data) {
        if !subscriptions.isEmpty {
            webhookQueue.append(QueuedEvent(seq: 0, type: type, timestamp: timestamp, json: json))
            startDelivery()
        } else {
            events.append(type: type, timestamp: timestamp, json: json)
            wakePoll()
        }
        notifyWaiters()
    }

    private func wakePoll() {
        guard let poll = pendingPoll else { return }
        let (batch, marker) = events.batch(limit: poll.limit, types: poll.types)
        guard !batch.isEmpty else { return }
        pendingPoll = nil
        poll.continuation.resume(returning: .success(pollAnswer(batch, marker: marker)))
    }

    /// Injects an update as raw JSON (an unknown `update_type`, a malformed event) for the poller or webhook.
    public func injectRaw(json: String) {
        let data = Data(json.utf8)
        let raw = try? MaxWire.decoder().decode(MaxJSON.self, from: data)
        emitRaw(type: raw?["update_type"]?.stringValue ?? "", timestamp: raw?["timestamp"]?.int64Value ?? nowMilliseconds,
                json: data)
    }

    // MARK: - Subscriptions and webhook delivery

    var subscriptionList: [Subscription] { subscriptions.values.map(\.subscription).sorted { $0.url < $1.url } }

    func subscribe(_ body: Data) throws(MaxRefusal) -> SimpleQueryResult {
        let request = try decode(SubscriptionRequestBody.self, body)
        let lower = request.url.lowercased()
        let loopback = lower.hasPrefix("http://127.0.0.1:") || lower.hasPrefix("http://localhost:")
        // MAX takes HTTPS on 443 only; the sandbox also delivers to plain HTTP on loopback, for tests.
        guard lower.hasPrefix("https://") || loopback else { throw .badRequest("url: must be an HTTPS URL") }
        if let secret = request.secret, !MaxLimits.isValidWebhookSecret(secret) {
            throw .badRequest("secret: must be 5-256 characters of A-Z, a-z, 0-9, _ and -")
        }
        let subscription = Subscription(url: request.url, time: nowMilliseconds, updateTypes: request.updateTypes)
        subscriptions[request.url] = (subscription, request.secret)
        if let poll = pendingPoll {
            pendingPoll = nil
            poll.continuation.resume(returning: .failure(.pollingWhileSubscribed))
        }
        notifyWaiters()
        return SimpleQueryResult(success: true)
    }

    func unsubscribe(_ query: [String: String]) -> SimpleQueryResult {
        guard let url = query["url"], subscriptions.removeValue(forKey: url) != nil else {
            return SimpleQueryResult(success: false, message: "No subscription for this url")
        }
        notifyWaiters()
        return SimpleQueryResult(success: true)
    }

    /// Updates queued for the webhook or being posted (a test waits for 0, then reads the answers).
    public var webhookBacklog: Int { webhookQueue.count + (deliveryRunning ? 1 : 0) }

    private func startDelivery() {
        guard !deliveryRunning else { return }
        deliveryRunning = true
        Task { await self.deliverQueued() }
    }

    /// Posts queued events in order, each to every subscription that wants its type, re-posting on any
    /// answer but 200 after each of `webhookRetryDelays`.
    private func deliverQueued() async {
        while !webhookQueue.isEmpty {
            let event = webhookQueue.removeFirst()
            for (subscription, secret) in subscriptions.values
            where subscription.updateTypes.map({ $0.contains(event.type) }) ?? true {
                var attempt = 1
                while true {
                    let status = await Self.post(event.json, to: subscription.url, secret: secret)
                    deliveries.append(WebhookDelivery(url: subscription.url, updateType: event.type, status: status,
                                                      secret: secret, attempt: attempt))
                    notifyWaiters()
                    guard status != 200, attempt <= config.webhookRetryDelays.count else { break }
                    try? await Task.sleep(for: config.webhookRetryDelays[attempt - 1])
                    attempt += 1
                }
            }
        }
        deliveryRunning = false
    }

    /// One POST to a loopback webhook; the status, or 0 when the bot could not be reached.
    private static func post(_ json: Data, to url: String, secret: String?) async -> Int {
        guard let components = URLComponents(string: url), components.scheme == "http",
              let port = components.port, port > 0, port < 65536 else { return 0 }
        var headers: [HTTPHeader: String] = [.contentType: "application/json", .host: "127.0.0.1:\(port)"]
        if let secret { headers[HTTPHeader("X-Max-Bot-Api-Secret")] = secret }
        let request = HTTPRequest(method: .POST, version: .http11, path: components.path.isEmpty ? "/" : components.path,
                                  query: [], headers: headers, body: json)
        do {
            var client = HTTPClient()
            let response = try await client.sendHTTPRequest(request, to: try sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(port)))
            return response.statusCode.code
        } catch {
            return 0
        }
    }
}
