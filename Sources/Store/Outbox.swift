import Casework
import Foundation
import GRDB
import Messaging

/// Where an outbox row stands.
public enum OutboxState: String, Codable, Sendable {
    case pending
    case delivered
    case failed
}

/// What a bot message is for a case: replies and presses find their case by it, cards get edited.
/// Kept in `outbox.purpose` and `messageLink.purpose` by its raw value.
public enum MessagePurpose: String, Codable, Sendable, CaseIterable {
    /// A case's card (the specialist's or an executor's), edited in place as the case moves on.
    case card
    /// The forwarded post itself.
    case source
    /// A draft's preview to its author.
    case preview
    /// A draft sent to the specialists for approval.
    case approval
    /// The approved text, ready to publish.
    case publish
    /// A deadline reminder.
    case reminder
}

/// A request waiting to be sent, with its place in the queue.
public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var request: WireRequest
    public var caseId: Int64?
    public var purpose: MessagePurpose?
    public var createdAt: Date
}

/// One row of `outbox`, whatever its state: the request itself (messenger, method, parameters as the
/// messenger takes them; its files are rows of `outboxFile`) and what became of it.
public struct OutboxRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"
    public var id: Int64?
    public var messenger: String
    public var chatId: Int64?
    public var method: String
    /// A JSON object.
    public var parameters: String
    /// How many files it uploads.
    public var files: Int
    public var countsAgainstLimits: Bool
    public var createdAt: Date
    public var state: OutboxState
    public var messageIds: [Int64]?
    public var deliveredAt: Date?
    public var failureCode: Int?
    public var failure: String?
    public var failedAt: Date?
    public var caseId: Int64?
    public var purpose: MessagePurpose?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// How much waits to be sent.
public struct OutboxBacklog: Sendable, Equatable {
    public var count: Int
    public var oldestCreatedAt: Date?
}

/// A bot message (or a forwarded post) that belongs to a case.
public struct MessageLink: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "messageLink"
    public var chatId: Int64
    public var messageId: Int64
    public var caseId: Int64
    /// What the message is for the case.
    public var purpose: MessagePurpose
    public var linkedAt: Date
}

extension StoreTransaction {
    /// Queues a request as a messenger's adapter rendered it, to be posted as it is; bound to a case,
    /// the messages it creates will be linked under `purpose`. Its uploads are rows of their own.
    @discardableResult
    public func enqueue(_ wire: WireRequest, caseId: Int64? = nil, purpose: MessagePurpose? = nil, at now: Date) throws -> Int64 {
        let files = Dictionary(wire.files.map { ($0.partName, $0) }, uniquingKeysWith: { a, _ in a })
        try db.cachedStatement(sql: """
            INSERT INTO outbox (messenger, chatId, method, parameters, files, countsAgainstLimits, createdAt, state, caseId, purpose)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            """).execute(arguments: [wire.messenger.rawValue, wire.chatId, wire.method, String(decoding: wire.parameters, as: UTF8.self), files.count,
                                     wire.countsAgainstLimits, StoreDate.text(now), caseId, purpose?.rawValue])
        let id = db.lastInsertedRowID
        for file in files.values {
            let fetchFrom = try file.fetchFrom.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.cachedStatement(sql: "INSERT INTO outboxFile (outboxId, partName, filename, mimeType, data, fetchFrom) VALUES (?, ?, ?, ?, ?, ?)").execute(
                        arguments: [id, file.partName, file.filename, file.mimeType, file.data, fetchFrom])
        }
        return id
    }

    /// The oldest pending request of each chat (and every request bound to no chat), oldest first,
    /// skipping `excluding` (those the sender already holds): a chat with a long queue never hides
    /// the other chats' messages from the sender.
    public func pendingHeads(messenger: Messenger = .telegram, limit: Int, excluding: Set<Int64> = []) throws -> [OutboxItem] {
        try OutboxRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM outbox WHERE id IN (\(Self.pendingHeadIds)) ORDER BY id"),
                                  arguments: Self.pendingHeadArguments(messenger, limit, excluding)).map(item)
    }

    /// The oldest pending row of each chat and every pending row bound to no chat, skipping some. Read
    /// in order of id with one index probe per row (an earlier pending row of the same chat?), stopping
    /// at `limit` heads: with many chats waiting a pass costs about what it returns. (One chat's long
    /// backlog is still probed row by row. `MIN(id) … GROUP BY chatId` read every pending row, every pass.)
    private static let pendingHeadIds = """
        SELECT id FROM outbox AS o
        WHERE state = 'pending' AND messenger = ?3
          AND id NOT IN (SELECT value FROM json_each(?1))
          AND (chatId IS NULL OR NOT EXISTS (
                SELECT 1 FROM outbox AS earlier
                WHERE earlier.chatId = o.chatId AND earlier.state = 'pending' AND earlier.id < o.id
                  AND earlier.messenger = ?3 AND earlier.id NOT IN (SELECT value FROM json_each(?1))))
        ORDER BY id LIMIT ?2
        """

    private static func pendingHeadArguments(_ messenger: Messenger, _ limit: Int, _ excluding: Set<Int64>) -> StatementArguments {
        [jsonList(excluding), limit, messenger.rawValue]
    }

    /// A row as the sender takes it: the request as stored, with its files read back.
    private func item(_ record: OutboxRecord) throws -> OutboxItem {
        var files: [FileUpload] = []
        if record.files > 0 {
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM outboxFile WHERE outboxId = ? ORDER BY partName"),
                                        arguments: [record.id]) {
                var file = FileUpload(partName: row["partName"], filename: row["filename"], mimeType: row["mimeType"], data: row["data"])
                if let json: String = row["fetchFrom"] { file.fetchFrom = try JSONDecoder().decode(MediaRef.self, from: Data(json.utf8)) }
                files.append(file)
            }
        }
        let request = WireRequest(messenger: Messenger(rawValue: record.messenger) ?? .telegram, method: record.method, parameters: Data(record.parameters.utf8), files: files,
                                  chatId: record.chatId, countsAgainstLimits: record.countsAgainstLimits)
        return OutboxItem(id: record.id!, request: request, caseId: record.caseId, purpose: record.purpose, createdAt: record.createdAt)
    }

    /// Up to `limit` pending requests, oldest first, skipping `excluding` (those the sender already holds).
    public func pendingOutbox(limit: Int, excluding: Set<Int64> = []) throws -> [OutboxItem] {
        var request = OutboxRecord.filter(Column("state") == OutboxState.pending.rawValue)
        if !excluding.isEmpty { request = request.filter(!excluding.contains(Column("id"))) }
        return try request.order(Column("id")).limit(limit).fetchAll(db).map(item)
    }

    /// The request reached Telegram; a request bound to a case links the messages it created or edited.
    /// Only a pending row changes, so a repeated report is harmless.
    public func markDelivered(_ id: Int64, messageIds: [Int64], at now: Date) throws {
        // One statement, not a record read and written back: every delivery passes here.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            UPDATE outbox SET state = 'delivered', messageIds = ?, deliveredAt = ? WHERE id = ? AND state = 'pending'
            RETURNING chatId, caseId, purpose
            """), arguments: [Self.jsonList(messageIds), StoreDate.text(now), id]) else { return }
        try db.cachedStatement(sql: "DELETE FROM outboxFile WHERE outboxId = ?").execute(arguments: [id])
        if let chatId: Int64 = row[0], let caseId: Int64 = row[1], let stored: String = row[2],
           let purpose = MessagePurpose(rawValue: stored) {
            try linkMessages(chatId: chatId, messageIds: messageIds, caseId: caseId, purpose: purpose, at: now)
        }
    }

    /// Telegram refused the request for good; its code and reason are kept.
    public func markFailed(_ id: Int64, code: Int?, description: String, at now: Date) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET state = 'failed', failureCode = ?, failure = ?, failedAt = ?
            WHERE id = ? AND state = 'pending'
            """).execute(arguments: [code, description, now, id])
        try db.cachedStatement(sql: "DELETE FROM outboxFile WHERE outboxId = ?").execute(arguments: [id])
    }

    /// The chats Telegram answered a request for since `start` (delivered or refused for good), with
    /// the answer's instant, the newest `limit`. Telegram's flood limits remember these across a
    /// restart of the service. (Without INDEXED BY, SQLite read every delivered row by state: a
    /// fifth of a second at start with a million of them.)
    public func answeredRequests(messenger: Messenger = .telegram, since start: Date, limit: Int = 1000) throws
        -> [(chatId: Int64, at: Date)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT chatId, at FROM (
                SELECT chatId, deliveredAt AS at FROM outbox INDEXED BY outbox_delivered
                WHERE state = 'delivered' AND deliveredAt >= ?1 AND chatId IS NOT NULL AND messenger = ?3
                UNION ALL
                SELECT chatId, failedAt FROM outbox WHERE state = 'failed' AND failedAt >= ?1 AND chatId IS NOT NULL
                  AND messenger = ?3)
            ORDER BY at DESC LIMIT ?2
            """), arguments: [StoreDate.text(start), limit, messenger.rawValue]).map { ($0[0], $0[1]) }
    }

    /// One outbox row, whatever its state.
    public func outboxRecord(id: Int64) throws -> OutboxRecord? {
        try OutboxRecord.fetchOne(db, key: id)
    }

    /// How many requests wait, and since when.
    public func outboxBacklog(messenger: Messenger? = nil) throws -> OutboxBacklog {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), min(createdAt) FROM outbox WHERE state = 'pending' AND ifnull(? = messenger, 1)",
                                   arguments: [messenger?.rawValue])
        return OutboxBacklog(count: row?[0] ?? 0, oldestCreatedAt: row?[1])
    }

    /// Requests Telegram refused since an instant, newest first.
    public func failedOutbox(since start: Date) throws -> [OutboxRecord] {
        try OutboxRecord.filter(Column("state") == OutboxState.failed.rawValue && Column("failedAt") >= start)
            .order(Column("id").desc).fetchAll(db)
    }

    /// Deletes delivered and failed rows finished before an instant; pending rows always stay.
    @discardableResult
    public func pruneOutbox(finishedBefore cutoff: Date) throws -> Int {
        try db.cachedStatement(sql: """
            DELETE FROM outbox WHERE (state = 'delivered' AND deliveredAt < ?) OR (state = 'failed' AND failedAt < ?)
            """).execute(arguments: [cutoff, cutoff])
        return db.changesCount
    }

    /// The case a message belongs to, if any.
    public func messageLink(chatId: Int64, messageId: Int64) throws -> MessageLink? {
        try MessageLink.fetchOne(db, key: ["chatId": chatId, "messageId": messageId])
    }

    /// The latest message for a case in a chat under a purpose (e.g. the card to edit).
    public func cardMessage(caseId: Int64, chatId: Int64, purpose: MessagePurpose = .card) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT max(messageId) FROM messageLink WHERE caseId = ? AND chatId = ? AND purpose = ?
            """, arguments: [caseId, chatId, purpose.rawValue])
    }

    /// Every chat's latest message for a case under a purpose (e.g. all executors' cards to update).
    public func cardMessages(caseId: Int64, purpose: MessagePurpose = .card) throws -> [MessageLink] {
        try MessageLink.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM messageLink AS m WHERE caseId = ? AND purpose = ? AND messageId =
                (SELECT max(messageId) FROM messageLink WHERE caseId = m.caseId AND chatId = m.chatId AND purpose = m.purpose)
            ORDER BY chatId
            """), arguments: [caseId, purpose.rawValue])
    }

    func linkMessages(chatId: Int64, messageIds: [Int64], caseId: Int64, purpose: MessagePurpose, at now: Date) throws {
        for messageId in messageIds {
            // Raw SQL: GRDB's upsert asks for a rowid, which this WITHOUT ROWID table has not.
            try db.cachedStatement(sql: """
                INSERT INTO messageLink (chatId, messageId, caseId, purpose, linkedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (chatId, messageId) DO UPDATE SET caseId = excluded.caseId, purpose = excluded.purpose,
                    linkedAt = excluded.linkedAt
                """).execute(arguments: [chatId, messageId, caseId, purpose.rawValue, StoreDate.text(now)])
        }
    }
}
