import Casework
import Foundation
import GRDB

extension StoreTransaction {
    /// Opens a case for a post (status intake); its number comes from the store and is never reused.
    /// The forwarded messages are linked to the case, so that a reply to them finds it.
    public func insertCase(post: CasePost, openedBy: Int64, at now: Date, features: [UInt8]? = nil) throws -> Case {
        var row = CaseRow(post: post, openedBy: openedBy, at: now, features: features)
        // Cached SQL with the columns a new case has (GRDB's record insert built its SQL every time).
        try db.cachedStatement(sql: #"""
            INSERT INTO "case" (status, openedAt, openedBy, draftCount, returnedCount, network, link, threadKey, authorKey,
                                postText, screening, screeningMatches, sourceChatId, sourceMessageIds, features, vkRead)
            VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """#).execute(arguments: [row.status.rawValue, StoreDate.text(now), openedBy, row.network, row.link, row.threadKey,
                                      row.authorKey, row.postText, row.screening.rawValue,
                                      String(decoding: try JSONEncoder().encode(row.screeningMatches), as: UTF8.self),
                                      row.sourceChatId, Self.jsonList(row.sourceMessageIds),
                                      row.features, try row.vkRead.map { String(decoding: try CaseRow.databaseJSONEncoder(for: "vkRead").encode($0), as: UTF8.self) }])
        let id = db.lastInsertedRowID
        row.id = id
        for (position, media) in post.media.enumerated() {
            try PostMediaRow(caseId: id, position: position, kind: media.kind, fileId: media.fileId, messenger: media.messenger,
                             url: media.url).insert(db)
        }
        if let chatId = post.sourceChatId {
            try linkMessages(chatId: chatId, messageIds: post.sourceMessageIds, caseId: id, purpose: .source, at: now)
        }
        return row.makeCase(draft: nil)
    }

    /// The case with its current draft, or `nil`.
    public func `case`(id: Int64) throws -> Case? {
        try CaseRow.fetchOne(db, key: id).flatMap { try makeCases([$0]).first }
    }

    /// The numbers of the cases marked as repeats of `caseId`, oldest first.
    public func repeats(of caseId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: #"SELECT id FROM "case" WHERE repeatOf = ? ORDER BY id"#, arguments: [caseId])
    }

    /// The case with its post.
    public func storedCase(id: Int64) throws -> StoredCase? {
        try CaseRow.fetchOne(db, key: id).flatMap { try makeStoredCases([$0]).first }
    }

    /// Writes the case as the workflow decided it; a new draft version becomes a new draft row, and an
    /// edited text of the current version is kept beside the executor's.
    public func saveCase(_ c: Case, at now: Date) throws {
        guard var row = try CaseRow.fetchOne(db, key: c.id) else { throw StoreError.caseNotFound(c.id) }
        row.apply(c, at: now)
        try row.update(db)
        guard let draft = c.draft else { return }
        if var existing = try DraftRecord.filter(Column("caseId") == c.id && Column("version") == draft.version)
            .fetchOne(db) {
            let edited = draft.text == existing.text ? nil : draft.text
            if existing.editedText != edited {
                existing.editedText = edited
                try existing.update(db, columns: ["editedText"])
            }
        } else {
            var record = DraftRecord(id: nil, caseId: c.id, version: draft.version, kind: draft.kind, text: draft.text,
                                     editedText: nil, media: draft.media, authorId: draft.authorId,
                                     submittedAt: draft.submittedAt)
            try record.insert(db)
        }
    }

    /// Records a specialist's approval or return of a draft version that has no decision yet.
    public func recordDraftDecision(caseId: Int64, version: Int, decision: DraftDecision, by personId: Int64,
                                    at now: Date, comment: String? = nil) throws {
        try db.cachedStatement(sql: """
            UPDATE draft SET decision = ?, decidedBy = ?, decidedAt = ?, comment = ?
            WHERE caseId = ? AND version = ? AND decision IS NULL
            """).execute(arguments: [decision.rawValue, personId, now, comment, caseId, version])
        if db.changesCount == 0 { throw StoreError.draftNotFound(caseId: caseId, version: version) }
    }

    /// Every draft version of a case, oldest first.
    public func drafts(caseId: Int64) throws -> [DraftRecord] {
        try DraftRecord.filter(Column("caseId") == caseId).order(Column("version")).fetchAll(db)
    }

    /// The post a case is about.
    public func post(caseId: Int64) throws -> CasePost? {
        try storedCase(id: caseId)?.post
    }

    /// Open cases (of one department, or all), soonest deadline first, those without one last.
    public func openCases(department: String? = nil) throws -> [Case] {
        var request = CaseRow.filter(Column("status") != CaseStatus.closed.rawValue)
        if let department { request = request.filter(Column("departmentId") == department) }
        return try makeCases(request.order(sql: "deadline IS NULL, deadline, id").fetchAll(db))
    }

    /// Open cases an executor has taken, soonest deadline first.
    public func cases(takenBy personId: Int64) throws -> [Case] {
        try makeCases(CaseRow.filter(Column("takenBy") == personId && Column("status") != CaseStatus.closed.rawValue)
            .order(sql: "deadline IS NULL, deadline, id").fetchAll(db))
    }

    /// Open cases whose deadline has passed, most overdue first.
    public func overdueCases(now: Date) throws -> [Case] {
        try makeCases(CaseRow.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM "case" WHERE status <> 'closed' AND deadline < ? ORDER BY deadline, id
            """), arguments: [now]))
    }

    /// Cases opened since an instant, with their posts, newest first (input to repeat detection).
    public func recentCases(since start: Date) throws -> [StoredCase] {
        try makeStoredCases(CaseRow.filter(Column("openedAt") >= start).order(Column("id").desc).fetchAll(db))
    }

    /// The cases a new post is compared with, newest first: the newest `recent`, and up to 50 each with
    /// the same link, thread or author, of any age. Only numbers and departments are read: intake keeps
    /// the rest in memory (`storedPosts` when it has not), and reads this for every post.
    public func earlierCases(link: String?, threadKey: String?, authorKey: String?, recent: Int) throws -> [EarlierCaseRef] {
        var refs: [EarlierCaseRef] = []
        var position: [Int64: Int] = [:]
        func collect(_ sql: String, _ arguments: StatementArguments, onlyRecent: Bool) throws {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if let i = position[id] {
                    if !onlyRecent { refs[i].onlyRecent = false }
                } else {
                    position[id] = refs.count
                    refs.append(EarlierCaseRef(id: id, departmentId: row[1], onlyRecent: onlyRecent))
                }
            }
        }
        // The newest by number (the primary key): `WHERE openedAt >= ?` made SQLite read every case of
        // the period through the openedAt index and sort them, and intake slowed as the store grew
        // (Benchmarks/README.md, figure 7). The period is checked by the caller.
        try collect(#"SELECT id, departmentId FROM "case" ORDER BY id DESC LIMIT ?"#, [recent], onlyRecent: true)
        for (column, value) in [("link", link), ("threadKey", threadKey), ("authorKey", authorKey)] {
            guard let value else { continue }
            try collect(#"SELECT id, departmentId FROM "case" WHERE "# + column + " = ? ORDER BY id DESC LIMIT 50", [value],
                        onlyRecent: false)
        }
        return refs.sorted { $0.id > $1.id }
    }

    /// What never changes about some cases' posts, by case number: features only in format `version`,
    /// and the text always (to compute them again when they are missing or cannot be read).
    public func storedPosts(caseIds: [Int64], version: UInt8) throws -> [Int64: StoredPost] {
        guard !caseIds.isEmpty else { return [:] }
        var found: [Int64: StoredPost] = [:]
        for chunk in stride(from: 0, to: caseIds.count, by: 500).map({ caseIds[$0..<min($0 + 500, caseIds.count)] }) {
            // openedAt converted by SQLite: GRDB keeps dates as text, and parsing them in Swift was slow.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: #"""
                SELECT id, link, threadKey, authorKey, (julianday(openedAt) - 2440587.5) * 86400.0,
                       CASE WHEN substr(features, 1, 1) = ? THEN features END, postText
                FROM "case" WHERE id IN (SELECT value FROM json_each(?))
                """#), arguments: [Data([version]), Self.jsonList(Array(chunk))])
            while let row = try rows.next() {
                let bytes: Data? = row[5]
                found[row[0]] = StoredPost(link: row[1], threadKey: row[2], authorKey: row[3],
                                           openedAt: Date(timeIntervalSince1970: row[4]),
                                           features: bytes.map { [UInt8]($0) }, text: row[6])
            }
        }
        return found
    }

    /// Keeps a case's text features beside it.
    public func saveFeatures(caseId: Int64, _ bytes: [UInt8]) throws {
        try db.cachedStatement(sql: #"UPDATE "case" SET features = ? WHERE id = ?"#).execute(arguments: [Data(bytes), caseId])
    }

    /// Cases whose post, link or drafts contain every word (case-insensitive, ё = е), newest first.
    public func searchCases(words: [String], limit: Int = 20) throws -> [Case] {
        let needles = words.map(StoreText.fold).filter { !$0.isEmpty }
        guard !needles.isEmpty else { return [] }
        let condition = needles.map { _ in
            """
            (instr(otklik_fold(postText || ' ' || ifnull(link, '')), ?) > 0
             OR EXISTS (SELECT 1 FROM draft WHERE draft.caseId = "case".id
                        AND instr(otklik_fold(ifnull(editedText, text)), ?) > 0))
            """
        }.joined(separator: " AND ")
        let arguments = StatementArguments(needles.flatMap { [$0, $0] }) + [limit]
        return try makeCases(CaseRow.fetchAll(db, sql: "SELECT * FROM \"case\" WHERE \(condition) ORDER BY id DESC LIMIT ?",
                                              arguments: arguments))
    }

    /// How many cases were ever opened.
    public func caseCount() throws -> Int {
        try CaseRow.fetchCount(db)
    }

    /// Cases with their current drafts, fetched in one query rather than one per case.
    private func makeCases(_ rows: [CaseRow]) throws -> [Case] {
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let latest = try DraftRecord.fetchAll(db.cachedStatement(sql: """
            SELECT draft.* FROM draft JOIN (
                SELECT caseId, max(version) AS version FROM draft
                WHERE caseId IN (SELECT value FROM json_each(?)) GROUP BY caseId
            ) AS latest USING (caseId, version)
            """), arguments: [Self.jsonList(ids)])
        let drafts = Dictionary(latest.map { ($0.caseId, $0.draft) }, uniquingKeysWith: { a, _ in a })
        return rows.map { $0.makeCase(draft: $0.id.flatMap { drafts[$0] }) }
    }

    /// Ids as one JSON argument for `json_each`, however many there are.
    /// Ids as a JSON array, for `json_each(?)` and the JSON columns of ids.
    static func jsonList(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    private func makeStoredCases(_ rows: [CaseRow]) throws -> [StoredCase] {
        let cases = try makeCases(rows)
        let media = try PostMediaRow.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM postMedia WHERE caseId IN (SELECT value FROM json_each(?)) ORDER BY caseId, position
            """), arguments: [Self.jsonList(rows.compactMap(\.id))])
        let byCase = Dictionary(grouping: media, by: \.caseId)
        return zip(rows, cases).map { row, state in
            let refs = (byCase[state.id] ?? []).map { MediaRef(kind: $0.kind, fileId: $0.fileId, messenger: $0.messenger, url: $0.url) }
            return StoredCase(state: state, post: row.makePost(media: refs), closedAt: row.closedAt)
        }
    }
}
