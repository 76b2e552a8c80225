import Casework
import Foundation
import GRDB
import Store

/// Fills a store the way years of work would: cases spread over two years (the last week's still
/// open), each with its journal lines, the links of its forwarded post and card, and its delivered
/// card in the outbox. Raw SQL in one transaction: a million rows take seconds, not hours.
enum Seeder {
    static let journalActions: [(action: String, from: String?, to: String?)] = [
        ("open", nil, nil), ("route", "intake", "routed"), ("take", "routed", "drafting"),
        ("submit_draft", "drafting", "onApproval"), ("return_draft", "onApproval", "drafting"),
        ("submit_draft", "drafting", "onApproval"), ("approve", "onApproval", "approved"),
        ("mark_published", "approved", "closed"),
    ]

    /// The `detail` column of a seeded line: the draft's kind, the specialist's or author's words.
    static func detail(_ action: String) -> String? {
        switch action {
        case "submit_draft": "final"
        case "return_draft": "Уточните сроки"
        case "attach_author_reply": "Спасибо, жду"
        default: nil
        }
    }

    /// Inserts `count` cases with `journalPerCase` journal rows each, opened by `specialists` in turn.
    static func seed(_ database: AppDatabase, cases count: Int, journalPerCase: Int, specialists: [Int64],
                     executor: Int64?, now: Date) async throws {
        try await rawSQL(database).write { db in
            let insertCase = try db.makeStatement(sql: """
                INSERT INTO "case" (status, closure, openedAt, openedBy, departmentId, assignedAt, takenBy, deadline,
                    deadlineKind, draftCount, closedAt, network, link, threadKey, authorKey, postText, screening,
                    sourceChatId, sourceMessageIds, features)
                VALUES (?, ?, ?, ?, 'roads', ?, ?, ?, ?, ?, ?, 'vk', ?, ?, ?, ?, 'clean', ?, ?, ?)
                """)
            let insertJournal = try db.makeStatement(sql: """
                INSERT INTO journal (at, actorId, caseId, action, fromStatus, toStatus, departmentId, draftVersion, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertLink = try db.makeStatement(sql: """
                INSERT INTO messageLink (chatId, messageId, caseId, purpose, linkedAt) VALUES (?, ?, ?, ?, ?)
                """)
            let insertOutbox = try db.makeStatement(sql: """
                INSERT INTO outbox (messenger, chatId, method, parameters, countsAgainstLimits, createdAt, state, messageIds,
                                    deliveredAt, caseId, purpose)
                VALUES ('telegram', ?, 'sendMessage', ?, 1, ?, 'delivered', ?, ?, ?, 'card')
                """)
            let span = 730.0 * 86400
            let step = min(3600, span / Double(max(count, 1)))
            var messageIds: [Int64: Int64] = [:]
            for index in 0..<count {
                let openedAt = now.addingTimeInterval(-Double(count - index) * step)
                let open = now.timeIntervalSince(openedAt) < 7 * 86400
                let specialist = specialists[index % specialists.count]
                let owner = 100_000 + index % 997
                let text = Posts.text(index)
                // As this version writes them, the cases intake compares new posts with have their text
                // features: the newest 300 and the newest 50 of each of the 997 authors, all within the
                // newest 50,000. (Older cases have none, as after an upgrade; none is ever read.)
                let features = index >= count - 50_000 ? Data(TextFeatures(text: text).bytes) : nil
                let assignedAt = openedAt.addingTimeInterval(600)
                let closedAt = openedAt.addingTimeInterval(86400)
                let sourceMessage = messageIds[specialist, default: 1_000_000]
                messageIds[specialist] = sourceMessage + 2
                try insertCase.execute(arguments: [
                    open ? "routed" : "closed", open ? nil : "answered", openedAt, specialist, assignedAt,
                    open ? nil : executor, open ? assignedAt.addingTimeInterval(86400) : nil, open ? "answer" : nil,
                    open ? 0 : 2, open ? nil : closedAt,
                    "https://vk.com/wall-\(owner)_\(index + 1)", "vk:wall-\(owner)_\(index + 1)", "vk:-\(owner)", text,
                    specialist, "[\(sourceMessage)]", features,
                ])
                let caseId = db.lastInsertedRowID
                for line in 0..<journalPerCase {
                    let entry = line < journalActions.count ? journalActions[line] : (action: "attach_author_reply", from: nil, to: nil)
                    let actor = line == 0 || entry.action == "approve" || entry.action == "route" ? specialist : (executor ?? specialist)
                    try insertJournal.execute(arguments: [
                        openedAt.addingTimeInterval(Double(line) * 600), actor, caseId, entry.action,
                        entry.from, entry.to,
                        // The details as the journal's columns hold them (JournalAction).
                        entry.action == "route" ? "roads" : nil,
                        entry.action == "submit_draft" ? (line < 4 ? 1 : 2) : nil,
                        Self.detail(entry.action),
                    ])
                }
                try insertLink.execute(arguments: [specialist, sourceMessage, caseId, "source", openedAt])
                try insertLink.execute(arguments: [specialist, sourceMessage + 1, caseId, "card", openedAt])
                let request = #"{"chat_id":\#(specialist),"text":"№\#(caseId)"}"#
                try insertOutbox.execute(arguments: [specialist, request, openedAt, "[\(sourceMessage + 1)]", openedAt,
                                                     caseId])
            }
        }
    }
}
