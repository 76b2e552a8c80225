import Casework
import Foundation
import GRDB
import OtklikApp
import Sandbox
import Settings
import Store

/// (6) 1,000 reminders due at once to 1,000 executors, Telegram's flood limits on in the sandbox.
extension Bench {
    func deliveryFigures() async throws {
        let count = reminders
        say("\n(6) \(count) reminders due at once to \(count) people, flood limits on")
        let staff = Staff(specialists: 1, executors: count)
        let sandbox = try await makeSandbox(floodLimits: .telegram, staff: staff)
        defer { Task { await sandbox.stop() } }
        let folder = folder("delivery")
        let path = folder.appendingPathComponent("otklik.sqlite").path
        // Production settings: one message in flight, Telegram's limits kept by the bot.
        let setup = ServiceSetup(folder: folder, storePath: path, apiURL: (await sandbox.baseURL)!.absoluteString, staff: staff)
        let configPath = try setup.writeConfig()
        let config = try ServiceConfiguration.load(configPath: configPath, now: Date())
        let database = try ServiceBuilder.openStore(config, now: Date())
        let now = Date()
        // Each executor has taken one case whose "1 hour before the deadline" reminder fell due 5 s ago.
        let caseIds = try await rawSQL(database).write { db -> [Int64] in
            var ids: [Int64] = []
            for (index, executor) in staff.executorIds.enumerated() {
                try db.execute(sql: """
                    INSERT INTO "case" (status, openedAt, openedBy, departmentId, assignedAt, takenBy, deadline, deadlineKind,
                        network, postText, screening)
                    VALUES ('drafting', ?, ?, 'roads', ?, ?, ?, 'answer', 'vk', ?, 'clean')
                    """, arguments: [now.addingTimeInterval(-82_800), staff.specialistIds[0], now.addingTimeInterval(-82_000),
                                     executor, now.addingTimeInterval(3595), Posts.text(index)])
                ids.append(db.lastInsertedRowID)
            }
            return ids
        }
        try await database.write { db in
            for id in caseIds { try db.setTimer(kind: .beforeDeadline(3600), caseId: id, dueAt: now.addingTimeInterval(-5), at: now) }
        }
        let observed = Observed()
        await sandbox.setRequestObserver(observed.observer)
        let child = ServiceProcess(binary: binary, config: configPath, token: sandbox.token,
                                   log: folder.appendingPathComponent("otklik.log"))
        try child.start()
        defer { child.stop() }
        guard await observed.wait(forCount: count, timeout: .seconds(Double(count) / 10 + 60), while: { child.process.isRunning })
        else {
            throw BenchError("delivery: \(observed.count) of \(count) reminders arrived; log:\n\(child.tail)")
        }
        let deliveries = observed.all
        let recipients = Set(deliveries.map(\.chat))
        let seconds = Self.seconds(deliveries[count - 1].at - deliveries[0].at)
        let fromStart = Self.seconds(deliveries[count - 1].at - child.launchedAt)
        let refusals = await sandbox.floodRefusalCount
        let ideal = Double(count - 1) / 30
        results.add("delivery.seconds", "(6) \(count) reminders, first to last delivered", seconds, "s",
                    goal: "≈ \(String(format: "%.1f", ideal)) (30/s), ≤ +15 %", met: seconds <= ideal * 1.15,
                    note: "\(recipients.count) recipients; \(String(format: "%.1f", fromStart)) s from process launch; "
                        + "\(String(format: "%.1f", Double(count - 1) / seconds)) messages/s")
        results.add("delivery.429", "(6) 429 answers", Double(refusals), "", goal: "0", met: refusals == 0)
    }
}
