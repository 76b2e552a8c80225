import Casework
import Foundation
import GRDB
import Messaging
import OtklikTesting
@testable import Store
import Testing

/// Stores written before v8 kept a journal line's details as text ("#12 → roads", "final v2"); the
/// migration reads them apart into columns once, and the lines read back as the actions they were.
@Suite struct JournalMigrationTests {
    @Test func detailsOfTheOldFormatBecomeColumns() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v7-outbox-requests")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO department (id, name) VALUES ('roads', 'Дороги');
                INSERT INTO person (id, name, departmentId, source, joinedAt) VALUES (42, 'Анна', 'roads', 'config', '2026-11-01 00:00:00.000');
                INSERT INTO "case" (id, status, network, openedBy, openedAt, postText, screening, departmentId, assignedAt)
                    VALUES (1, 'routed', 'vk', 42, '2026-11-30 03:00:00.000', 'Яма', 'clean', 'roads', '2026-11-30 03:00:00.000');
                INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus, detail) VALUES
                  ('2026-11-30 03:00:00.000', 42, 1, 'open', NULL, NULL, NULL),
                  ('2026-11-30 03:00:01.000', 42, 1, 'route', 'intake', 'routed', 'roads'),
                  ('2026-11-30 03:00:02.000', 42, 1, 'mark_repeat', 'intake', 'routed', '#12 → roads'),
                  ('2026-11-30 03:00:03.000', 42, 1, 'submit_draft', 'drafting', 'onApproval', 'interim v2'),
                  ('2026-11-30 03:00:04.000', 42, 1, 'approve', 'onApproval', 'approved', 'edited'),
                  ('2026-11-30 03:00:05.000', 42, 1, 'decline', 'routed', 'intake', 'Это парки → не нам'),
                  ('2026-11-30 03:00:06.000', 42, NULL, 'invite', NULL, NULL, 'executor:roads'),
                  ('2026-11-30 03:00:07.000', 42, NULL, 'invite', NULL, NULL, 'head'),
                  ('2026-11-30 03:00:08.000', 42, NULL, 'revoke', NULL, NULL, '7 Иван Петров'),
                  ('2026-11-30 03:00:09.000', 42, NULL, 'join', NULL, NULL, 'executor,specialist');
                """)
        }
        try Schema.migrator.migrate(queue)
        let database = AppDatabase(writer: queue, path: nil)
        let lines = try database.read { db in try db.journal(from: .distantPast, to: .distantFuture) }
        #expect(lines.map(\.action) == [
            .open(pieces: nil), .route(department: "roads"), .markRepeat(of: 12, department: "roads"),
            .submitDraft(.interim, version: 2), .approve(edited: true), .decline(reason: "Это парки → не нам"),
            .invite(role: .executor, department: "roads"), .invite(role: .head, department: nil),
            .revoke(person: 7, name: "Иван Петров"), .join(roles: [.executor, .specialist]),
        ])
        #expect(try database.read { db in try db.lastAssignedDepartment(caseId: 1) } == "roads")
        // Still append-only after the rewrite.
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE journal SET detail = 'x'") } }
    }
}

/// MAX's string message ids as the bot's numbers: the same number every time without asking the store,
/// above every Telegram message id; the bot's own remembered so an edit can name them again.
@Suite struct RemoteMessageIdTests {
    @Test func numbersAreStableAndOnlyTheBotsOwnAreKept() throws {
        let card = RemoteMessageIds.local("mid.ffffbdb4e2c6b1fa016fc5c3ccca7f80", of: .max)
        #expect(card == RemoteMessageIds.local("mid.ffffbdb4e2c6b1fa016fc5c3ccca7f80", of: .max))
        #expect(card >= RemoteMessageIds.offset)
        #expect(card != RemoteMessageIds.local("mid.ffffbdb4e2c6b1fa016fc5c3ccca7f81", of: .max))
        let database = try AppDatabase.inMemory()
        let before = try database.read { db in try db.remoteMessageId(card) }
        #expect(before == nil, "a person's message is numbered, not kept")
        let remembered = try database.write { db in try db.rememberRemoteMessage("mid.ffffbdb4e2c6b1fa016fc5c3ccca7f80", of: .max) }
        #expect(remembered == card)
        #expect(try database.read { db in try db.remoteMessageId(card) } == "mid.ffffbdb4e2c6b1fa016fc5c3ccca7f80")
    }
}
