import Bot
import Engine
import Casework
import Foundation
import GRDB
import Logging
import Messaging
import OtklikApp
import Sandbox
import Settings
import Store

/// (5) A million pending timers: what inserting, cancelling and firing one costs, and what they weigh.
extension Bench {
    func schedulerFigures() async throws {
        let total = timers
        let cases = total / 4
        say("\n(5) scheduler with \(total) pending timers (4 per open case, \(cases) cases)")
        let staff = Staff(specialists: 1, executors: 1)
        let folder = folder("scheduler")
        let path = folder.appendingPathComponent("otklik.sqlite").path
        let setup = ServiceSetup(folder: folder, storePath: path, apiURL: "http://127.0.0.1:1", staff: staff)
        let configPath = try setup.writeConfig()
        let config = try ServiceConfiguration.load(configPath: configPath, now: Date())
        let database = try ServiceBuilder.openStore(config, now: Date())
        let env = try ServiceBuilder.environment(config, botNames: [.telegram: "otklik_bench_bot"])
        let now = Date()
        let executor = staff.executorIds[0]
        try await rawSQL(database).write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO "case" (status, openedAt, openedBy, departmentId, assignedAt, takenBy, deadline, deadlineKind,
                    network, postText, screening)
                VALUES ('drafting', ?, ?, 'roads', ?, ?, ?, 'answer', 'vk', ?, 'clean')
                """)
            for index in 0..<cases {
                try insert.execute(arguments: [now, staff.specialistIds[0], now, executor, now.addingTimeInterval(86400 * 2),
                                               Posts.text(index)])
            }
        }
        let pagesBefore = try await pageBytes(database)

        // Insert: the real Database.setTimer, 1,000 to a transaction (the service writes a case's
        // timers inside the transaction that routes it, so no commit is counted per timer).
        let kinds: [TimerKind] = [.beforeDeadline(14400), .beforeDeadline(3600), .overdue, .escalation]
        var started = ContinuousClock.now
        for first in stride(from: 1, through: cases, by: 250) {
            try await database.write { db in
                for caseId in first..<min(first + 250, cases + 1) {
                    for (k, kind) in kinds.enumerated() {
                        try db.setTimer(kind: kind, caseId: Int64(caseId),
                                        dueAt: now.addingTimeInterval(86400 + Double(caseId) + Double(k) * 0.25), at: now)
                    }
                }
            }
        }
        let insertMicros = Self.seconds(ContinuousClock.now - started) * 1e6 / Double(cases * 4)
        let count = try await database.read { db in try db.timerCount() }
        let bytesPerTimer = Double(try await pageBytes(database) - pagesBefore) / Double(count)

        // Cancel: a case closing cancels its timers (Database.cancelTimers), 250 cases to a transaction.
        let cancelCases = max(1000, cases / 25)
        started = ContinuousClock.now
        for first in stride(from: 1, through: cancelCases, by: 250) {
            _ = try await database.write { db in
                for caseId in first..<(first + 250) { try db.cancelTimers(caseId: Int64(caseId)) }
            }
        }
        let cancelMicros = Self.seconds(ContinuousClock.now - started) * 1e6 / Double(cancelCases * 4)

        // Fire: the real Scheduler and BotHandler with the rest pending; each fired timer renders a
        // reminder and queues it in the outbox, 50 to a transaction as in the service.
        let fire = max(2000, total / 50)
        try await rawSQL(database).write { db in
            try db.execute(sql: "UPDATE timer SET dueAt = ? WHERE id IN (SELECT id FROM timer ORDER BY dueAt LIMIT ?)",
                           arguments: [Date().addingTimeInterval(-1), fire])
        }
        let pendingBefore = try await database.read { db in try db.timerCount() }
        let scheduler = Scheduler(database: database, handler: BotHandler(env: env), clock: SystemClock(),
                                  logger: Logger(label: "bench.scheduler"), afterCommit: {})
        started = ContinuousClock.now
        let task = Task { await scheduler.run() }
        let cutoff = Date()
        let raw = try rawSQL(database)
        while try await raw.read({ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM timer WHERE dueAt <= ?", arguments: [cutoff]) ?? 0 }) > 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        let fireMicros = Self.seconds(ContinuousClock.now - started) * 1e6 / Double(fire)
        task.cancel()
        let reminders = try await database.read { db in try db.outboxBacklog().count }

        results.add("scheduler.insert_us", "(5) insert one timer, \(count / 1000)k pending", insertMicros, "µs",
                    note: "Database.setTimer inside transactions of 1,000")
        results.add("scheduler.cancel_us", "(5) cancel one timer", cancelMicros, "µs",
                    note: "Database.cancelTimers(caseId:), \(cancelCases * 4) timers")
        results.add("scheduler.fire_us", "(5) fire one timer", fireMicros, "µs",
                    note: "Scheduler: \(fire) due of \(pendingBefore) pending, \(reminders) reminders rendered and queued, "
                        + "one durable commit per 50")
        results.add("scheduler.bytes_per_timer", "(5) store bytes per pending timer", bytesPerTimer.rounded(), "B",
                    note: "the timer table and its indexes; the scheduler keeps no timer in memory")

        // Memory: the real service idle on this store (the reminders fired above count as delivered).
        try await rawSQL(database).write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'delivered', messageIds = '[]', deliveredAt = ? WHERE state = 'pending'
                """, arguments: [Date()])
        }
        let sandbox = try await makeSandbox(floodLimits: .off, staff: staff)
        defer { Task { await sandbox.stop() } }
        var live = setup
        live.apiURL = (await sandbox.baseURL)!.absoluteString
        let child = ServiceProcess(binary: binary, config: try live.writeConfig(), token: sandbox.token,
                                   log: folder.appendingPathComponent("otklik.log"))
        try child.start()
        defer { child.stop() }
        let deadline = ContinuousClock.now + .seconds(60)
        while await !sandbox.isLongPollPending, ContinuousClock.now < deadline, child.process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .seconds(3))
        let rss = Self.megabytes(child.memory.rss)
        results.add("scheduler.service_rss_mb", "(5) otklik run idle RSS, \((count - cancelCases * 4 - fire) / 1000)k timers pending",
                    rss, "MB", goal: "≤ 40", met: rss <= 40)
    }

    private func pageBytes(_ database: AppDatabase) async throws -> Int {
        try await rawSQL(database).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
                - (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
    }
}
