import BotAPI
import Foundation

/// A condition a test waits for, and how to wake it.
struct Waiter {
    var what: String
    var condition: @Sendable (SandboxView) -> Bool
    var continuation: CheckedContinuation<Void, any Error>
}

/// Reading what the bot did, and waiting for it.
extension Sandbox {
    /// The bot's messages in a chat, oldest first, as the person sees them now.
    public func sentMessages(in chatId: Int64) -> [SentMessage] { chats[chatId]?.sentByBot ?? [] }

    /// The bot's newest message in a chat.
    public func lastSentMessage(in chatId: Int64) -> SentMessage? {
        chats[chatId]?.botMessageIds.last.flatMap { chats[chatId]?.messages[$0]?.asSent }
    }

    /// One of the bot's messages by id.
    public func sentMessage(in chatId: Int64, id messageId: Int64) -> SentMessage? {
        guard let stored = chats[chatId]?.messages[messageId], stored.sentByBot else { return nil }
        return stored.asSent
    }

    /// Every message of a chat, the people's and the bot's, oldest first, current versions.
    public func chatHistory(_ chatId: Int64) -> [Message] { chats[chatId]?.all ?? [] }

    /// The chats the bot has sent messages to, by id.
    public var chatsWithBotMessages: [Int64] { chats.values.filter { !$0.botMessageIds.isEmpty }.map(\.chat.id).sorted() }

    /// Every answerCallbackQuery, in order.
    public var callbackAnswers: [CallbackAnswer] { answers }

    /// Every request the bot made, in the order answered.
    public var requests: [RecordedRequest] { log }

    /// The requests of one method (case-insensitive).
    public func requests(for method: String) -> [RecordedRequest] {
        log.filter { $0.method.lowercased() == method.lowercased() }
    }

    /// 429 answers given because of flood limits (not injected faults).
    public var floodRefusalCount: Int { floodRefusals }

    /// Updates injected and not yet confirmed by a later getUpdates offset.
    public var pendingUpdateCount: Int { updates.pendingCount }

    /// The id of the newest update created so far (nil before the first).
    public var lastUpdateId: Int64? { updates.nextId > config.firstUpdateId ? updates.nextId - 1 : nil }

    /// A getUpdates is waiting for updates.
    public var isLongPollPending: Bool { pendingPoll != nil }

    /// The commands set for a scope and language, or nil if never set.
    public func commands(scope: BotCommandScope = .default, languageCode: String? = nil) -> [BotCommand]? {
        commandsByScope[Self.commandsKey(scope: scope, languageCode: languageCode)]
    }

    /// The webhook URL set by setWebhook or `setWebhook(_:)`.
    public var webhook: String? { webhookURL }

    /// The bytes of a file Telegram has (uploaded by the bot or sent by a person).
    public func fileData(_ fileId: String) -> Data? { files[fileId]?.data }

    /// A snapshot for conditions.
    public var view: SandboxView {
        SandboxView(chats: chats, callbackAnswers: answers, requests: log, pendingUpdateCount: updates.pendingCount,
                    floodRefusalCount: floodRefusals, isLongPollPending: pendingPoll != nil,
                    remainingFaultCount: faults.reduce(0) { $0 + $1.remaining })
    }

    // MARK: - Waiting

    /// Returns once `condition` holds, checked after every change; throws `.timedOut` after `timeout`.
    public func waitUntil(_ what: String = "a condition", timeout: Duration = .seconds(20),
                          _ condition: @escaping @Sendable (SandboxView) -> Bool) async throws {
        if condition(view) { return }
        waiterCounter += 1
        let id = waiterCounter
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            waiters[id] = Waiter(what: what, condition: condition, continuation: continuation)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expireWaiter(id)
            }
        }
    }

    /// Waits until the bot has sent at least `count` messages to a chat, and answers them.
    @discardableResult
    public func waitForSentMessages(in chatId: Int64, count: Int, timeout: Duration = .seconds(20)) async throws
        -> [SentMessage] {
        try await waitUntil("\(count) bot messages in chat \(chatId)", timeout: timeout) {
            $0.sentMessages(in: chatId).count >= count
        }
        return sentMessages(in: chatId)
    }

    /// Waits until the bot has confirmed every injected update (its next getUpdates offset passed them).
    public func waitUntilUpdatesConsumed(timeout: Duration = .seconds(20)) async throws {
        try await waitUntil("the bot to confirm every update", timeout: timeout) { $0.pendingUpdateCount == 0 }
    }

    /// Waits until the bot has answered at least `count` callback queries, and answers them.
    @discardableResult
    public func waitForCallbackAnswers(count: Int, timeout: Duration = .seconds(20)) async throws -> [CallbackAnswer] {
        try await waitUntil("\(count) callback answers", timeout: timeout) { $0.callbackAnswers.count >= count }
        return answers
    }

    private func expireWaiter(_ id: UInt64) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.continuation.resume(throwing: SandboxError.timedOut(waiter.what))
    }

    /// Re-checks waiting conditions after a change.
    func notifyWaiters() {
        guard !waiters.isEmpty else { return }
        let snapshot = view
        for (id, waiter) in waiters where waiter.condition(snapshot) {
            waiters[id] = nil
            waiter.continuation.resume()
        }
    }
}
