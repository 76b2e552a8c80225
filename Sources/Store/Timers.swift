import Casework
import Foundation
import GRDB

/// A deadline or reminder as data; the scheduler rebuilds its heap from these at start.
public struct TimerRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "timer"
    public var id: Int64?
    /// What fires (kept as its `stored` text).
    public var kind: TimerKind
    public var caseId: Int64?
    public var personId: Int64?
    public var dueAt: Date
    /// Whatever the runtime needs when it fires (JSON text).
    public var payload: String?
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey { case id, kind, caseId, personId, dueAt, payload, createdAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try c.decode(String.self, forKey: .kind)
        guard let kind = TimerKind(stored: stored) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown timer kind \(stored)")
        }
        self.kind = kind
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        caseId = try c.decodeIfPresent(Int64.self, forKey: .caseId)
        personId = try c.decodeIfPresent(Int64.self, forKey: .personId)
        dueAt = try c.decode(Date.self, forKey: .dueAt)
        payload = try c.decodeIfPresent(String.self, forKey: .payload)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind.stored, forKey: .kind)
        try c.encode(caseId, forKey: .caseId)
        try c.encode(personId, forKey: .personId)
        try c.encode(dueAt, forKey: .dueAt)
        try c.encode(payload, forKey: .payload)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

extension StoreTransaction {
    /// Sets the one timer of this kind for this case and person: a new one, or the existing one moved.
    @discardableResult
    public func setTimer(kind: TimerKind, caseId: Int64? = nil, personId: Int64? = nil, dueAt: Date,
                         payload: String? = nil, at now: Date) throws -> Int64 {
        // Spelled like the unique index timer_key, so the lookup is one index probe (with `caseId IS ?`
        // SQLite used only the kind and read every timer of that kind).
        let existing = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM timer WHERE kind = ? AND ifnull(caseId, 0) = ? AND ifnull(personId, 0) = ?
            """), arguments: [kind.stored, caseId ?? 0, personId ?? 0])
        let due = StoreDate.text(dueAt), created = StoreDate.text(now)
        if let existing {
            try db.cachedStatement(sql: "UPDATE timer SET dueAt = ?, payload = ?, createdAt = ? WHERE id = ?")
                .execute(arguments: [due, payload, created, existing])
            return existing
        }
        try db.cachedStatement(sql: """
            INSERT INTO timer (kind, caseId, personId, dueAt, payload, createdAt) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [kind.stored, caseId, personId, due, payload, created])
        return db.lastInsertedRowID
    }

    /// Cancels a case's timers, all of them or those of the given kinds; returns how many went.
    @discardableResult
    public func cancelTimers(caseId: Int64, kinds: Set<TimerKind>? = nil) throws -> Int {
        var request = TimerRecord.filter(Column("caseId") == caseId)
        if let kinds { request = request.filter(kinds.map(\.stored).contains(Column("kind"))) }
        return try request.deleteAll(db)
    }

    /// Timers due at or before an instant, in the order they fell due.
    public func dueTimers(upTo instant: Date, limit: Int = 100) throws -> [TimerRecord] {
        try TimerRecord.filter(Column("dueAt") <= instant).order(Column("dueAt"), Column("id")).limit(limit)
            .fetchAll(db)
    }

    /// Which of `kinds` have a timer of their own (no case, no person) — the recurring ones. One probe
    /// of the `(kind, caseId, personId)` index each, however many timers wait.
    public func serviceTimers(of kinds: Set<TimerKind>) throws -> Set<TimerKind> {
        var present: Set<TimerKind> = []
        for kind in kinds where try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM timer WHERE kind = ? AND ifnull(caseId, 0) = 0 AND ifnull(personId, 0) = 0)
            """), arguments: [kind.stored]) == true {
            present.insert(kind)
        }
        return present
    }

    /// A person's timer of this kind (one without a case), if it is due by `instant`.
    public func dueTimer(kind: TimerKind, personId: Int64, upTo instant: Date) throws -> TimerRecord? {
        try TimerRecord.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM timer WHERE kind = ? AND ifnull(caseId, 0) = 0 AND ifnull(personId, 0) = ? AND dueAt <= ?
            """), arguments: [kind.stored, personId, instant])
    }

    /// When the next timer falls due.
    public func nextTimerDue() throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT min(dueAt) FROM timer")
    }

    /// Removes a timer that fired.
    public func deleteTimer(id: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM timer WHERE id = ?").execute(arguments: [id])
    }

    /// A case's timers, soonest first.
    public func timers(caseId: Int64) throws -> [TimerRecord] {
        try TimerRecord.filter(Column("caseId") == caseId).order(Column("dueAt"), Column("id")).fetchAll(db)
    }

    /// How many timers are set.
    public func timerCount() throws -> Int {
        try TimerRecord.fetchCount(db)
    }
}
