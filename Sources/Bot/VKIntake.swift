import Casework
import Conversation
import Foundation
import Store

/// A post shared as a VK link is read from VK before its case opens: the card shows the real text and
/// author, and screening, repeats and routing read the full text. The intake waits for the VK reader a
/// few seconds at most; when VK refuses or is slow, the case opens from the message as before.
extension BotHandler {
    /// A link read longer ago than this is read again when shared again (its text may have changed).
    static let vkReadFreshness: TimeInterval = 60

    /// Whether the chat's settled intake waits for a VK read: asks for the reads it needs and sets the
    /// settle timer to the latest it will wait (the reader settles it sooner, when it has an answer).
    func waitsForVK(_ chatId: Int64, actor: Actor, in db: StoreTransaction, now: Date) throws -> Bool {
        guard let wait = env.vkReadWait, actor.has(.specialist),
              case let .collectingIntake(pieces) = try StoredSession.load(db, chatId: chatId).state,
              let address = Self.vkAddress(of: pieces) else { return false }
        let record = try db.vkRead(address)
        if record == nil || (record?.result != nil && now.timeIntervalSince(record!.requestedAt) > Self.vkReadFreshness) {
            try db.requestVKRead(address, for: chatId, at: now)
            try db.setTimer(kind: .settle, personId: chatId, dueAt: now.addingTimeInterval(wait), at: now)
            return true
        }
        guard let record, record.result == nil else { return false }
        let deadline = record.requestedAt.addingTimeInterval(wait)
        guard now < deadline else { return false }
        try db.setTimer(kind: .settle, personId: chatId, dueAt: deadline, at: now)
        return true
    }

    /// The first VK post or comment the pieces link to.
    static func vkAddress(of pieces: [PostPiece]) -> VKPostAddress? {
        pieces.lazy.compactMap { VKPostAddress.first(in: PostInput(text: $0.text, urls: $0.urls)) }.first
    }

    /// What reading the pieces' VK link came to, when VK reading is on: nil otherwise, and
    /// `.unavailable` when the reader did not answer in time.
    func vkRead(of pieces: [PostPiece], in db: StoreTransaction) throws -> VKReadResult? {
        guard env.vkReadWait != nil, let address = Self.vkAddress(of: pieces) else { return nil }
        return try db.vkRead(address)?.result ?? .unavailable(reason: "no answer in time")
    }
}
