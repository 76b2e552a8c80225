import Foundation
import GRDB

/// What `otklik status` shows about the store.
public struct StoreStatus: Sendable, Equatable {
    public var lastHandledAt: Date?
    public var outbox: OutboxBacklog
    public var failedOutbox: Int
    public var nextTimerDue: Date?
    public var openCases: Int
    public var failedUpdates: Int
    /// People Telegram cannot reach (they blocked the bot).
    public var unreachablePeople: [Person]
}

extension Database {
    /// The store's health at a glance.
    public func status() throws -> StoreStatus {
        StoreStatus(
            lastHandledAt: try lastHandledAt(),
            outbox: try outboxBacklog(),
            failedOutbox: try Int.fetchOne(self, sql: "SELECT count(*) FROM outbox WHERE state = 'failed'") ?? 0,
            nextTimerDue: try nextTimerDue(),
            openCases: try Int.fetchOne(self, sql: "SELECT count(*) FROM \"case\" WHERE status <> 'closed'") ?? 0,
            failedUpdates: try Int.fetchOne(self, sql: "SELECT count(*) FROM failedUpdate") ?? 0,
            unreachablePeople: try makePeople(PersonRow.filter(sql: "active = 1 AND unreachable = 1")
                .order(Column("name")).fetchAll(self)))
    }
}

extension AppDatabase {
    /// The store's health at a glance.
    public func status() async throws -> StoreStatus {
        try await read { try $0.status() }
    }
}
