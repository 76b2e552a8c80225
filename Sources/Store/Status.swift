import Foundation
import GRDB

/// What `otklik status` and the metrics endpoint show about the store, as of one instant.
public struct StoreStatus: Sendable, Equatable {
    /// The instant the figures describe.
    public var now: Date
    public var lastHandledAt: Date?
    /// Updates handled (the ids the store keeps).
    public var handledUpdates: Int
    public var outbox: OutboxBacklog
    public var failedOutbox: Int
    /// Requests Telegram refused for good, by error code, all the outbox keeps.
    public var sendFailures: [SendFailureCount]
    /// The same, refused within `StoreStatus.recentWindow` before `now`.
    public var recentSendFailures: [SendFailureCount]
    public var nextTimerDue: Date?
    /// Timers due at `now` that have not fired: the scheduler fires them within seconds when it runs.
    public var timersDue: Int
    public var openCases: Int
    /// Open cases past their deadline.
    public var overdueCases: Int
    public var failedUpdates: Int
    /// People Telegram cannot reach (they blocked the bot).
    public var unreachablePeople: [Person]

    /// How far back "recent" send failures go: a day.
    public static let recentWindow: TimeInterval = 24 * 3600
}

/// How many sends failed with one Bot API error code (`nil`: refused without a code).
public struct SendFailureCount: Sendable, Equatable {
    public var code: Int?
    public var count: Int
}

extension StoreTransaction {
    /// The store's health at a glance, as of `now`.
    public func status(now: Date) throws -> StoreStatus {
        let outbox = try outboxBacklog()
        let failures = try sendFailureCounts(since: nil)
        return StoreStatus(
            now: now,
            lastHandledAt: try lastHandledAt(),
            handledUpdates: try Int.fetchOne(db, sql: "SELECT count(*) FROM handledUpdate") ?? 0,
            outbox: outbox,
            failedOutbox: failures.reduce(0) { $0 + $1.count },
            sendFailures: failures,
            recentSendFailures: try sendFailureCounts(since: now.addingTimeInterval(-StoreStatus.recentWindow)),
            nextTimerDue: try nextTimerDue(),
            timersDue: try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM timer WHERE dueAt <= ?"), arguments: [now]) ?? 0,
            openCases: try Int.fetchOne(db, sql: "SELECT count(*) FROM \"case\" WHERE status <> 'closed'") ?? 0,
            overdueCases: try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM "case" WHERE status <> 'closed' AND deadline < ?
                """), arguments: [now]) ?? 0,
            failedUpdates: try Int.fetchOne(db, sql: "SELECT count(*) FROM failedUpdate") ?? 0,
            unreachablePeople: try makePeople(PersonRow.filter(sql: "active = 1 AND unreachable = 1")
                .order(Column("name")).fetchAll(db)))
    }

    /// Failed sends by code (codes ascending, no code last), all or those failed since an instant.
    private func sendFailureCounts(since start: Date?) throws -> [SendFailureCount] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT failureCode, count(*) FROM outbox WHERE state = 'failed' AND (?1 IS NULL OR failedAt >= ?1)
            GROUP BY failureCode ORDER BY failureCode IS NULL, failureCode
            """), arguments: [start])
        return rows.map { SendFailureCount(code: $0[0], count: $0[1]) }
    }
}
