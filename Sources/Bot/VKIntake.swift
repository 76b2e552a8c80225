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
              case let .collectingIntake(pieces) = try StoredSession.load(db, chatId: chatId).state else { return false }
        if try waitsForName(in: pieces, chatId, wait: wait, db, now) { return true }
        guard let address = Self.vkAddress(of: pieces) else { return false }
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

    /// A page shared by its screen name (vk.com/ivan_petrov) is resolved to its id first, so its author
    /// matches the same author's posts (§ 8).
    private func waitsForName(in pieces: [PostPiece], _ chatId: Int64, wait: TimeInterval, _ db: StoreTransaction, _ now: Date) throws -> Bool {
        guard let name = Self.vkScreenName(of: pieces) else { return false }
        guard let record = try db.vkName(name) else {
            try db.requestVKName(name, for: chatId, at: now)
            try db.setTimer(kind: .settle, personId: chatId, dueAt: now.addingTimeInterval(wait), at: now)
            return true
        }
        let deadline = record.requestedAt.addingTimeInterval(wait)
        guard !record.finished, now < deadline else { return false }
        try db.setTimer(kind: .settle, personId: chatId, dueAt: deadline, at: now)
        return true
    }

    /// The screen name of the VK page the intake's source is, when it is one (not a number: `id5`,
    /// `club5` already are).
    static func vkScreenName(of pieces: [PostPiece]) -> String? {
        let input = PostInput(text: pieces.map(\.text).joined(separator: "\n"), urls: pieces.flatMap(\.urls))
        let source = SourceDetector.detect(input)
        guard source.network == .vk, !source.isPost, let key = source.authorKey, key.hasPrefix("vk:") else { return nil }
        let name = String(key.dropFirst(3))
        return Int64(name) == nil && !name.isEmpty ? name : nil
    }

    /// The author key with a page's screen name resolved: `vk:ivan_petrov` → `vk:5001`.
    func resolvedAuthorKey(_ key: String?, in db: StoreTransaction) throws -> String? {
        guard env.vkReadWait != nil, let key, key.hasPrefix("vk:"), Int64(key.dropFirst(3)) == nil,
              let owner = try db.vkName(String(key.dropFirst(3)))?.ownerId else { return key }
        return "vk:\(owner)"
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
