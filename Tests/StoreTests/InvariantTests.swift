import Casework
import Foundation
import GRDB
import OtklikTesting
import Testing
@testable import Store

/// Each invariant: a statement that breaks it (refused by SQLite) and its corrected twin (accepted),
/// so a refusal for some unrelated reason would show.
struct Violation: CustomTestStringConvertible, Sendable {
    var name: String
    var bad: String
    var good: String
    /// A fragment of SQLite's message, e.g. "CHECK", "FOREIGN KEY", "UNIQUE", or a trigger's text.
    var reason: String

    var testDescription: String { name }
}

let t0 = "'2024-04-26 10:00:00.000'"
let t1 = "'2024-04-27 10:00:00.000'"
let hash32 = "x'" + String(repeating: "ab", count: 32) + "'"
let hash31 = "x'" + String(repeating: "ab", count: 31) + "'"

let violations: [Violation] = [
    // Cases
    Violation(name: "closed without closure",
              bad: "UPDATE \"case\" SET status = 'closed', closedAt = \(t1) WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'closed', closedAt = \(t1), closure = 'cancelled' WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "closure on an open case",
              bad: "UPDATE \"case\" SET closure = 'answered' WHERE id = 1",
              good: "UPDATE \"case\" SET closure = NULL WHERE id = 1", reason: "CHECK"),
    Violation(name: "closed without closing time",
              bad: "UPDATE \"case\" SET status = 'closed', closure = 'cancelled' WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'closed', closure = 'cancelled', closedAt = \(t1) WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "routed without department",
              bad: "UPDATE \"case\" SET status = 'routed' WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'routed', departmentId = 'roads' WHERE id = 1", reason: "CHECK"),
    Violation(name: "unknown status",
              bad: "UPDATE \"case\" SET status = 'lost' WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'intake' WHERE id = 1", reason: "CHECK"),
    Violation(name: "unknown closure",
              bad: "UPDATE \"case\" SET status = 'closed', closure = 'forgotten', closedAt = \(t1) WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'closed', closure = 'rejectedSection11', closedAt = \(t1) WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "taken while in intake",
              bad: "UPDATE \"case\" SET takenBy = 200001 WHERE id = 1",
              good: "UPDATE \"case\" SET takenBy = 200001, status = 'drafting', departmentId = 'roads' WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "on approval without a draft",
              bad: "UPDATE \"case\" SET status = 'onApproval', departmentId = 'roads' WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'onApproval', departmentId = 'roads', draftCount = 1 WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "deadline without its kind",
              bad: "UPDATE \"case\" SET deadline = \(t1) WHERE id = 1",
              good: "UPDATE \"case\" SET deadline = \(t1), deadlineKind = 'answer' WHERE id = 1", reason: "CHECK"),
    Violation(name: "more returns than drafts",
              bad: "UPDATE \"case\" SET returnedCount = 1 WHERE id = 1",
              good: "UPDATE \"case\" SET returnedCount = 1, draftCount = 1 WHERE id = 1", reason: "CHECK"),
    Violation(name: "repeat of itself",
              bad: "UPDATE \"case\" SET repeatOf = 1 WHERE id = 1",
              good: "UPDATE \"case\" SET repeatOf = 2 WHERE id = 1", reason: "CHECK"),
    Violation(name: "repeat of a missing case",
              bad: "UPDATE \"case\" SET repeatOf = 99 WHERE id = 1",
              good: "UPDATE \"case\" SET repeatOf = 2 WHERE id = 1", reason: "FOREIGN KEY"),
    Violation(name: "unknown department",
              bad: "UPDATE \"case\" SET status = 'routed', departmentId = 'nowhere' WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'routed', departmentId = 'parks' WHERE id = 1", reason: "FOREIGN KEY"),
    Violation(name: "taken by a stranger",
              bad: "UPDATE \"case\" SET status = 'drafting', departmentId = 'roads', takenBy = 999 WHERE id = 1",
              good: "UPDATE \"case\" SET status = 'drafting', departmentId = 'roads', takenBy = 200002 WHERE id = 1",
              reason: "FOREIGN KEY"),
    Violation(name: "opened by a stranger",
              bad: "INSERT INTO \"case\" (status, openedAt, openedBy, network, postText, screening) VALUES ('intake', \(t0), 999, 'vk', 'x', 'clean')",
              good: "INSERT INTO \"case\" (status, openedAt, openedBy, network, postText, screening) VALUES ('intake', \(t0), 100001, 'vk', 'x', 'clean')",
              reason: "FOREIGN KEY"),
    Violation(name: "unknown screening verdict",
              bad: "UPDATE \"case\" SET screening = 'rude' WHERE id = 1",
              good: "UPDATE \"case\" SET screening = 'obscene' WHERE id = 1", reason: "CHECK"),
    Violation(name: "post without network",
              bad: "UPDATE \"case\" SET network = '' WHERE id = 1",
              good: "UPDATE \"case\" SET network = 'ok' WHERE id = 1", reason: "CHECK"),
    Violation(name: "post without text",
              bad: "UPDATE \"case\" SET postText = NULL WHERE id = 1",
              good: "UPDATE \"case\" SET postText = '' WHERE id = 1", reason: "NOT NULL"),
    Violation(name: "source messages not JSON",
              bad: "UPDATE \"case\" SET sourceMessageIds = '501, 502' WHERE id = 1",
              good: "UPDATE \"case\" SET sourceMessageIds = '[501,502]' WHERE id = 1", reason: "CHECK"),
    Violation(name: "deleting a journaled case",
              bad: "DELETE FROM \"case\" WHERE id = 1",
              good: "DELETE FROM \"case\" WHERE id = 2", reason: "FOREIGN KEY"),

    // Drafts and media
    Violation(name: "duplicate draft version",
              bad: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (1, 1, 'final', 'again', 200001, \(t1))",
              good: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (1, 2, 'final', 'again', 200001, \(t1))",
              reason: "UNIQUE"),
    Violation(name: "draft of a missing case",
              bad: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (99, 1, 'final', 'x', 200001, \(t1))",
              good: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'final', 'x', 200001, \(t1))",
              reason: "FOREIGN KEY"),
    Violation(name: "unknown draft kind",
              bad: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'poem', 'x', 200001, \(t1))",
              good: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'interim', 'x', 200001, \(t1))",
              reason: "CHECK"),
    Violation(name: "empty draft",
              bad: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'final', '', 200001, \(t1))",
              good: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'final', '.', 200001, \(t1))",
              reason: "CHECK"),
    Violation(name: "draft version zero",
              bad: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 0, 'final', 'x', 200001, \(t1))",
              good: "INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (2, 1, 'final', 'x', 200001, \(t1))",
              reason: "CHECK"),
    Violation(name: "returned without comment",
              bad: "UPDATE draft SET decision = 'returned', decidedBy = 100001, decidedAt = \(t1) WHERE caseId = 1",
              good: "UPDATE draft SET decision = 'returned', decidedBy = 100001, decidedAt = \(t1), comment = 'why' WHERE caseId = 1",
              reason: "CHECK"),
    Violation(name: "decision without who decided",
              bad: "UPDATE draft SET decision = 'approved', decidedAt = \(t1) WHERE caseId = 1",
              good: "UPDATE draft SET decision = 'approved', decidedAt = \(t1), decidedBy = 100001 WHERE caseId = 1",
              reason: "CHECK"),
    Violation(name: "unknown media kind",
              bad: "INSERT INTO postMedia (caseId, position, kind, fileId) VALUES (2, 5, 'sticker', 'f')",
              good: "INSERT INTO postMedia (caseId, position, kind, fileId) VALUES (2, 5, 'document', 'f')",
              reason: "CHECK"),

    // People, roles, departments
    Violation(name: "executor without department",
              bad: "INSERT INTO personRole (personId, role, grantedBy) VALUES (300001, 'executor', 'config')",
              good: "INSERT INTO personRole (personId, role, grantedBy) VALUES (300001, 'specialist', 'config')",
              reason: "an executor must belong to a department"),
    Violation(name: "executor losing the department",
              bad: "UPDATE person SET departmentId = NULL WHERE id = 200001",
              good: "UPDATE person SET departmentId = 'parks' WHERE id = 200001",
              reason: "an executor must belong to a department"),
    Violation(name: "role changed to executor without department",
              bad: "UPDATE personRole SET role = 'executor' WHERE personId = 300001",
              good: "UPDATE personRole SET role = 'specialist' WHERE personId = 300001",
              reason: "an executor must belong to a department"),
    Violation(name: "unknown role",
              bad: "INSERT INTO personRole (personId, role, grantedBy) VALUES (300001, 'mayor', 'config')",
              good: "INSERT INTO personRole (personId, role, grantedBy) VALUES (300001, 'admin', 'config')",
              reason: "CHECK"),
    Violation(name: "role of a stranger",
              bad: "INSERT INTO personRole (personId, role, grantedBy) VALUES (999, 'head', 'config')",
              good: "INSERT INTO personRole (personId, role, grantedBy) VALUES (200001, 'head', 'config')",
              reason: "FOREIGN KEY"),
    Violation(name: "person id not a Telegram user id",
              bad: "INSERT INTO person (id, name, source, joinedAt) VALUES (0, 'System', 'config', \(t0))",
              good: "INSERT INTO person (id, name, source, joinedAt) VALUES (5, 'Someone', 'config', \(t0))",
              reason: "CHECK"),
    Violation(name: "person without name",
              bad: "INSERT INTO person (id, name, source, joinedAt) VALUES (5, '', 'config', \(t0))",
              good: "INSERT INTO person (id, name, source, joinedAt) VALUES (5, 'Someone', 'config', \(t0))",
              reason: "CHECK"),
    Violation(name: "inactive without revocation time",
              bad: "UPDATE person SET active = 0 WHERE id = 300001",
              good: "UPDATE person SET active = 0, revokedAt = \(t1) WHERE id = 300001", reason: "CHECK"),
    Violation(name: "department id too long",
              bad: "INSERT INTO department (id, name) VALUES ('\(String(repeating: "d", count: 25))', 'D')",
              good: "INSERT INTO department (id, name) VALUES ('\(String(repeating: "d", count: 24))', 'D')",
              reason: "CHECK"),
    Violation(name: "department without name",
              bad: "INSERT INTO department (id, name) VALUES ('water', '')",
              good: "INSERT INTO department (id, name) VALUES ('water', 'Водоканал')", reason: "CHECK"),
    Violation(name: "department keywords not a list",
              bad: "UPDATE department SET keywords = '\"дорог\"' WHERE id = 'roads'",
              good: "UPDATE department SET keywords = '[\"дорог\"]' WHERE id = 'roads'", reason: "CHECK"),

    // Invitations
    Violation(name: "invitation for executor without department",
              bad: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'executor', 100001, \(t0), \(t1))",
              good: "INSERT INTO invitation (tokenHash, role, departmentId, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'executor', 'roads', 100001, \(t0), \(t1))",
              reason: "CHECK"),
    Violation(name: "token hash of 31 bytes",
              bad: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash31), 'head', 100001, \(t0), \(t1))",
              good: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 100001, \(t0), \(t1))",
              reason: "CHECK"),
    Violation(name: "token stored as text",
              bad: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES ('\(String(repeating: "a", count: 32))', 'head', 100001, \(t0), \(t1))",
              good: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 100001, \(t0), \(t1))",
              reason: "CHECK"),
    Violation(name: "invitation expiring before it is made",
              bad: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 100001, \(t1), \(t0))",
              good: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 100001, \(t0), \(t1))",
              reason: "CHECK"),
    Violation(name: "invitation by a stranger",
              bad: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 999, \(t0), \(t1))",
              good: "INSERT INTO invitation (tokenHash, role, createdBy, createdAt, expiresAt) VALUES (\(hash32), 'head', 100001, \(t0), \(t1))",
              reason: "FOREIGN KEY"),

    // Journal
    Violation(name: "journal status change without its end",
              bad: "INSERT INTO journal (at, actorId, caseId, action, fromStatus) VALUES (\(t1), 100001, 1, 'route', 'intake')",
              good: "INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus) VALUES (\(t1), 100001, 1, 'route', 'intake', 'routed')",
              reason: "CHECK"),
    Violation(name: "journal with unknown status",
              bad: "INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus) VALUES (\(t1), 100001, 1, 'route', 'intake', 'lost')",
              good: "INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus) VALUES (\(t1), 100001, 1, 'route', 'intake', 'routed')",
              reason: "CHECK"),
    Violation(name: "journal for a missing case",
              bad: "INSERT INTO journal (at, actorId, caseId, action) VALUES (\(t1), 100001, 99, 'note')",
              good: "INSERT INTO journal (at, actorId, caseId, action) VALUES (\(t1), 100001, 2, 'note')",
              reason: "FOREIGN KEY"),
    Violation(name: "journal without action",
              bad: "INSERT INTO journal (at, actorId, action) VALUES (\(t1), 100001, '')",
              good: "INSERT INTO journal (at, actorId, action) VALUES (\(t1), 100001, 'invite')", reason: "CHECK"),

    // Outbox and links
    Violation(name: "unknown outbox state",
              bad: "UPDATE outbox SET state = 'lost' WHERE id = 1",
              good: "UPDATE outbox SET state = 'pending' WHERE id = 1", reason: "CHECK"),
    Violation(name: "delivered without message ids",
              bad: "UPDATE outbox SET state = 'delivered', deliveredAt = \(t1) WHERE id = 1",
              good: "UPDATE outbox SET state = 'delivered', deliveredAt = \(t1), messageIds = '[7]' WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "failed without reason",
              bad: "UPDATE outbox SET state = 'failed', failedAt = \(t1) WHERE id = 1",
              good: "UPDATE outbox SET state = 'failed', failedAt = \(t1), failure = 'Forbidden' WHERE id = 1",
              reason: "CHECK"),
    Violation(name: "purpose without case",
              bad: "UPDATE outbox SET purpose = 'card' WHERE id = 1",
              good: "UPDATE outbox SET purpose = 'card', caseId = 1 WHERE id = 1", reason: "CHECK"),
    Violation(name: "request not JSON",
              bad: "INSERT INTO outbox (messenger, method, parameters, countsAgainstLimits, createdAt) VALUES ('telegram', 'sendMessage', 'sendMessage(chat 1)', 1, \(t1))",
              good: "INSERT INTO outbox (messenger, method, parameters, countsAgainstLimits, createdAt) VALUES ('telegram', 'sendMessage', '{}', 1, \(t1))", reason: "CHECK"),
    Violation(name: "outbox request for an unknown messenger",
              bad: "INSERT INTO outbox (messenger, method, parameters, countsAgainstLimits, createdAt) VALUES ('icq', 'sendMessage', '{}', 1, \(t1))",
              good: "INSERT INTO outbox (messenger, method, parameters, countsAgainstLimits, createdAt) VALUES ('max', 'messages', '{}', 1, \(t1))", reason: "CHECK"),
    Violation(name: "message linked to a missing case",
              bad: "INSERT INTO messageLink (chatId, messageId, caseId, purpose, linkedAt) VALUES (1, 2, 99, 'card', \(t1))",
              good: "INSERT INTO messageLink (chatId, messageId, caseId, purpose, linkedAt) VALUES (1, 2, 2, 'card', \(t1))",
              reason: "FOREIGN KEY"),

    // Timers and updates
    Violation(name: "second case-less timer of a kind",
              bad: "INSERT INTO timer (kind, dueAt, createdAt) VALUES ('digest', \(t1), \(t0))",
              good: "INSERT INTO timer (kind, dueAt, createdAt) VALUES ('weekly', \(t1), \(t0))", reason: "UNIQUE"),
    Violation(name: "second timer of a kind for a case",
              bad: "INSERT INTO timer (kind, caseId, dueAt, createdAt) VALUES ('deadline', 1, \(t1), \(t0))",
              good: "INSERT INTO timer (kind, caseId, dueAt, createdAt) VALUES ('deadline', 2, \(t1), \(t0))",
              reason: "UNIQUE"),
    Violation(name: "timer for a missing case",
              bad: "INSERT INTO timer (kind, caseId, dueAt, createdAt) VALUES ('deadline', 99, \(t1), \(t0))",
              good: "INSERT INTO timer (kind, caseId, dueAt, createdAt) VALUES ('deadline', 2, \(t1), \(t0))",
              reason: "FOREIGN KEY"),
    Violation(name: "update handled twice",
              bad: "INSERT INTO handledUpdate (updateId, handledAt) VALUES (10, \(t1))",
              good: "INSERT INTO handledUpdate (updateId, handledAt) VALUES (11, \(t1))", reason: "UNIQUE"),
]

@Suite struct InvariantTests {
    /// Staff, case 1 (intake, journaled, one draft, a timer, an outbox row), case 2 (intake, bare).
    static func seeded() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        try database.write { db in
            let first = try db.insertCase(post: samplePost(), openedBy: Staff.specialist, at: instant())
            _ = try db.insertCase(post: samplePost("Второй пост"), openedBy: Staff.specialist, at: instant())
            try db.appendJournal(.open(pieces: nil), actorId: Staff.specialist, caseId: first.id, at: instant())
            try db.raw.execute(sql: """
                INSERT INTO draft (caseId, version, kind, text, authorId, submittedAt) VALUES (1, 1, 'final', 'Ответ', 200001, \(t0));
                INSERT INTO timer (kind, dueAt, createdAt) VALUES ('digest', \(t1), \(t0));
                INSERT INTO timer (kind, caseId, dueAt, createdAt) VALUES ('deadline', 1, \(t1), \(t0));
                INSERT INTO outbox (messenger, method, parameters, countsAgainstLimits, createdAt) VALUES ('telegram', 'sendMessage', '{}', 1, \(t0));
                INSERT INTO handledUpdate (updateId, handledAt) VALUES (10, \(t0));
                """)
        }
        return database
    }

    @Test(arguments: violations)
    func refused(_ violation: Violation) throws {
        let database = try Self.seeded()
        do {
            try database.writer.write { try $0.execute(sql: violation.bad) }
            Issue.record("accepted: \(violation.bad)")
        } catch let error as DatabaseError {
            #expect(error.resultCode == .SQLITE_CONSTRAINT, "\(error)")
            #expect(error.message?.contains(violation.reason) == true, "\(error)")
        }
        // The corrected statement passes, so the refusal came from this invariant.
        try database.writer.write { db in
            try db.inSavepoint {
                try db.execute(sql: violation.good)
                #expect(db.changesCount == 1, "no row changed: \(violation.good)")
                return .rollback
            }
        }
    }

    @Test func theJournalCannotBeChanged() throws {
        let database = try Self.seeded()
        for sql in ["UPDATE journal SET detail = 'rewritten'", "DELETE FROM journal",
                    "UPDATE journal SET actorId = 200001 WHERE id = 1"] {
            do {
                try database.writer.write { try $0.execute(sql: sql) }
                Issue.record("journal changed by \(sql)")
            } catch let error as DatabaseError {
                #expect(error.message == "the journal is append-only")
            }
        }
        #expect(try database.read { try $0.journal(caseId: 1) }.map(\.action) == [.open(pieces: nil)])
    }

    @Test func theJournalKeepsAppendingInOrder() async throws {
        let database = try Self.seeded()
        let entry = JournalEntry(action: .route(department: "roads"), actorId: Staff.specialist, from: .intake, to: .routed)
        try await database.appendJournal(caseId: 1, entry: entry, at: instant(1))
        try await database.appendJournal(.markRepeat(of: 7, department: "parks"), actorId: 0, caseId: 1, at: instant(2))
        let journal = try await database.journal(caseId: 1)
        #expect(journal.map(\.action) == [.open(pieces: nil), .route(department: "roads"), .markRepeat(of: 7, department: "parks")])
        #expect(journal[1].fromStatus == .intake && journal[1].toStatus == .routed)
        #expect(journal[2].actorId == 0 && journal[2].at == instant(2))
    }
}
