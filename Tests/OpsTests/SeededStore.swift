import BotAPI
import Casework
import Foundation
import Messaging
import GRDB
import OtklikTesting
@testable import Store

/// A store file in a temporary folder with a known day of work in it, as the service leaves it.
final class SeededStore: @unchecked Sendable {
    /// 2024-04-26 10:00 in Barnaul (03:00 UTC): the instant the figures below are true at.
    static let now = Date(timeIntervalSince1970: 1_714_100_400)
    static let executor: Int64 = 200001

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("otklik.sqlite").path }

    /// At `now`: 3 updates handled (the last 2 min ago), 1 failed; 2 messages waiting (the oldest 60 s);
    /// sends refused: 403 an hour and two days ago, 400 five minutes ago, one without a code two hours ago;
    /// timers due in 1 and 2 hours; 3 open cases, one past its deadline; one executor blocked the bot.
    func seed() throws -> AppDatabase {
        let database = try AppDatabase.open(path: path)
        let t = Self.now
        func at(_ minutes: Double) -> Date { t.addingTimeInterval(minutes * 60) }
        try database.write { db in
            try db.syncStaff(
                departments: [ConfiguredDepartment(id: "roads", name: "Дороги", keywords: [])],
                people: [ConfiguredPerson(addresses: [Address(.telegram, 100001)], name: "Иванова Анна", roles: [.specialist, .admin], departmentId: nil),
                         ConfiguredPerson(addresses: [Address(.telegram, Self.executor)], name: "Петров Пётр", roles: [.executor], departmentId: "roads")],
                at: at(-60 * 24 * 3))
            try db.markUnreachable(personId: Self.executor, true)
            for (id, minutes) in [(Int64(1), -10.0), (2, -3), (3, -2)] { try db.markHandled(updateId: id, at: at(minutes)) }
            try db.recordFailedUpdate(updateId: 4, error: "boom", at: at(-1))

            func message(_ text: String, _ minutes: Double) throws -> Int64 {
                try db.enqueue(.message(.init(chatId: 100001, text: text)), at: at(minutes))
            }
            try db.markDelivered(try message("delivered", -20), messageIds: [7], at: at(-19))
            for (code, minutes) in [(Int?.some(403), -60.0), (403, -60 * 48), (400, -5), (nil, -120)] {
                try db.markFailed(try message("refused", minutes - 1), code: code, description: "refused", at: at(minutes))
            }
            _ = try message("waiting 1", -1)
            _ = try message("waiting 2", -0.5)

            try db.setTimer(kind: .digest, dueAt: at(60), at: at(-30))
            try db.setTimer(kind: .weekly, dueAt: at(120), at: at(-30))

            for (n, deadline) in [(1, Optional(at(-60))), (2, at(300)), (3, nil)] {
                let id = try db.insertCase(post: CasePost(network: "vk", text: "пост \(n)"), openedBy: 100001, at: at(-600)).id
                guard let deadline else { continue }
                try db.raw.execute(sql: """
                    UPDATE "case" SET status = 'routed', departmentId = 'roads', assignedAt = ?, deadline = ?,
                        deadlineKind = 'answer' WHERE id = ?
                    """, arguments: [at(-600), deadline, id])
            }
        }
        return database
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
