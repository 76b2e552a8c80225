import BotAPI
import Foundation

/// The one long poll Telegram allows per bot.
struct PendingPoll {
    var id: UInt64
    var limit: Int
    var continuation: CheckedContinuation<Outcome, Never>
}

extension Sandbox {
    func getUpdates(_ p: RequestParams) async throws(Refusal) -> Outcome {
        if webhookURL != nil { throw .webhookConflict }
        // A newer poll terminates the older one, as Telegram does.
        if let older = pendingPoll {
            pendingPoll = nil
            older.continuation.resume(returning: .refusal(.pollConflict))
        }
        let offset = try p.int64("offset")
        let limit = min(100, max(1, try p.int("limit") ?? 100))
        let timeout = max(0, try p.int("timeout") ?? 0)
        if p.has("allowed_updates") {
            guard case let .array(kinds)? = p.json("allowed_updates") else {
                throw .badRequest("can't parse allowed_updates JSON array")
            }
            let names = kinds.compactMap(\.stringValue)
            updates.allowed = names.isEmpty ? nil : Set(names)
        }
        if let offset {
            updates.confirm(offset: offset)
            notifyWaiters()
        }
        let batch = updates.peek(limit: limit)
        if !batch.isEmpty || timeout == 0 { return .updates(batch) }

        pollCounter += 1
        let id = pollCounter
        return await withCheckedContinuation { continuation in
            pendingPoll = PendingPoll(id: id, limit: limit, continuation: continuation)
            notifyWaiters()
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(timeout))
                await self?.expirePoll(id)
            }
        }
    }

    private func expirePoll(_ id: UInt64) {
        guard let poll = pendingPoll, poll.id == id else { return }
        pendingPoll = nil
        poll.continuation.resume(returning: .updates([]))
    }

    /// Queues an update and answers the waiting long poll at once.
    @discardableResult
    func enqueue(_ update: Update) -> Int64 {
        var update = update
        update.updateId = updates.allocateId()
        let json = (try? BotWire.makeEncoder().encode(update)) ?? Data("{}".utf8)
        updates.append(QueuedUpdate(id: update.updateId, kind: Self.kindName(update.kind), json: json))
        wakePoll()
        return update.updateId
    }

    func enqueueRaw(id: Int64, kind: String, json: Data) {
        updates.noteId(id)
        updates.append(QueuedUpdate(id: id, kind: kind, json: json))
        wakePoll()
    }

    func wakePoll() {
        guard let poll = pendingPoll else { return }
        let batch = updates.peek(limit: poll.limit)
        guard !batch.isEmpty else { return }
        pendingPoll = nil
        poll.continuation.resume(returning: .updates(batch))
    }

    static func kindName(_ kind: Update.Kind) -> String {
        switch kind {
        case .message: return "message"
        case .editedMessage: return "edited_message"
        case .callbackQuery: return "callback_query"
        case .myChatMember: return "my_chat_member"
        case let .unknown(raw):
            if case let .object(object) = raw { return object.keys.filter { $0 != "update_id" }.sorted().first ?? "" }
            return ""
        }
    }

    func setWebhookMethod(_ p: RequestParams) throws(Refusal) -> Outcome {
        let url = p.string("url") ?? ""
        if url.isEmpty {
            webhookURL = nil
            return .value(true, description: "Webhook was deleted")
        }
        guard url.lowercased().hasPrefix("https://") else {
            throw .badRequest("bad webhook: An HTTPS URL must be provided for webhook")
        }
        webhookURL = url
        return .value(true, description: "Webhook was set")
    }

    func deleteWebhookMethod(_ p: RequestParams) -> Outcome {
        if p.bool("drop_pending_updates") == true { updates.removeAll() }
        let wasSet = webhookURL != nil
        webhookURL = nil
        return .value(true, description: wasSet ? "Webhook was deleted" : "Webhook is already deleted")
    }
}
