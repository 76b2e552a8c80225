import BotAPI
import Foundation

/// An update waiting for the bot, already encoded as Telegram would send it.
struct QueuedUpdate: Sendable {
    var id: Int64
    /// "message", "callback_query", …: the key that allowed_updates filters on.
    var kind: String
    var json: Data
}

/// Updates in id order; those below the confirmed offset are forgotten, as Telegram does.
struct UpdateQueue {
    private var items: [QueuedUpdate] = []
    private var head = 0
    private(set) var nextId: Int64
    /// nil: every kind except those Telegram leaves out by default.
    var allowed: Set<String>?

    static let notByDefault: Set<String> = ["chat_member", "message_reaction", "message_reaction_count"]

    init(firstId: Int64) { nextId = firstId }

    var pendingCount: Int { items.count - head }
    var isEmpty: Bool { head == items.count }

    mutating func allocateId() -> Int64 {
        defer { nextId += 1 }
        return nextId
    }

    /// Raw updates may carry their own id; later ids continue after it.
    mutating func noteId(_ id: Int64) { nextId = max(nextId, id + 1) }

    mutating func append(_ update: QueuedUpdate) { items.append(update) }

    /// Forgets updates below `offset`; a negative offset keeps only the last `-offset` updates.
    mutating func confirm(offset: Int64) {
        if offset < 0 {
            let keep = Int(min(Int64(pendingCount), -offset))
            head = items.count - keep
        } else {
            while head < items.count, items[head].id < offset { head += 1 }
        }
        if head > 1024, head * 2 > items.count { items.removeFirst(head); head = 0 }
    }

    /// Up to `limit` deliverable updates from the front; kinds not allowed are dropped for good.
    mutating func peek(limit: Int) -> [QueuedUpdate] {
        var result: [QueuedUpdate] = []
        var index = head
        while index < items.count, result.count < limit {
            let update = items[index]
            if isAllowed(update.kind) {
                result.append(update)
            } else if index == head {
                head += 1
            } else {
                items[index].kind = "" // never delivered; confirmed together with its neighbours
            }
            index += 1
        }
        return result
    }

    mutating func removeAll() { items.removeAll(); head = 0 }

    private func isAllowed(_ kind: String) -> Bool {
        if kind.isEmpty { return false }
        if let allowed { return allowed.contains(kind) }
        return !Self.notByDefault.contains(kind)
    }
}
