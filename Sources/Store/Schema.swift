import GRDB

/// The schema as migrations. A shipped migration is never edited: changes come as a new one.
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        // Repeat detection looks up earlier cases by post link, thread and author; the sender takes
        // the oldest pending message of each chat.
        migrator.registerMigration("v2-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX case_link ON "case"(link) WHERE link IS NOT NULL;
                CREATE INDEX case_threadKey ON "case"(threadKey) WHERE threadKey IS NOT NULL;
                CREATE INDEX case_authorKey ON "case"(authorKey) WHERE authorKey IS NOT NULL;
                CREATE INDEX outbox_pending_chat ON outbox(chatId, id) WHERE state = 'pending';
                """)
        }
        // Files the bot uploads (report workbooks) wait beside their outbox row until delivered.
        migrator.registerMigration("v3-outbox-files") { db in
            try db.execute(sql: """
                CREATE TABLE outboxFile (
                    outboxId INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                    partName TEXT NOT NULL,
                    filename TEXT NOT NULL,
                    mimeType TEXT NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (outboxId, partName)
                ) WITHOUT ROWID;
                """)
        }
        // Closing a case cancels its timers: without this index each cancel read the whole timer table.
        migrator.registerMigration("v4-timer-case") { db in
            try db.execute(sql: "CREATE INDEX timer_case ON timer(caseId) WHERE caseId IS NOT NULL")
        }
        // Each post's text features (TextFeatures.bytes), so repeat detection reads an earlier case's
        // features instead of analysing its text again. NULL for cases opened before: filled in when
        // intake first compares a post with them.
        migrator.registerMigration("v5-case-features") { db in
            try db.execute(sql: #"ALTER TABLE "case" ADD COLUMN features BLOB"#)
        }
        // A restarted sender counts the sends of the last minute (Telegram still does): found by time.
        migrator.registerMigration("v6-outbox-delivered") { db in
            try db.execute(sql: "CREATE INDEX outbox_delivered ON outbox(deliveredAt) WHERE state = 'delivered'")
        }
        // Outbox rows are the requests themselves: messenger, method, the parameters as posted, how many
        // files (rows of outboxFile). Rows written before kept Swift's encoding of an enum of Telegram
        // methods ({"message":{"_0":{…}}}); their parameters are the inner object, unchanged.
        migrator.registerMigration("v7-outbox-requests") { db in
            try db.execute(sql: """
                CREATE TABLE outbox_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    messenger TEXT NOT NULL CHECK (messenger IN ('telegram', 'max')),
                    chatId INTEGER,
                    method TEXT NOT NULL CHECK (method <> ''),
                    parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object'),
                    files INTEGER NOT NULL DEFAULT 0 CHECK (files >= 0),
                    countsAgainstLimits INTEGER NOT NULL CHECK (countsAgainstLimits IN (0, 1)),
                    createdAt TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
                    messageIds TEXT CHECK (messageIds IS NULL OR json_valid(messageIds)),
                    deliveredAt TEXT,
                    failureCode INTEGER,
                    failure TEXT,
                    failedAt TEXT,
                    caseId INTEGER REFERENCES "case"(id),
                    purpose TEXT CHECK (purpose <> ''),
                    CHECK ((caseId IS NULL) = (purpose IS NULL)),
                    CHECK ((state = 'delivered') = (deliveredAt IS NOT NULL AND messageIds IS NOT NULL)),
                    CHECK ((state = 'failed') = (failure IS NOT NULL AND failedAt IS NOT NULL))
                );
                INSERT INTO outbox_new (id, messenger, chatId, method, parameters, files, countsAgainstLimits, createdAt, state,
                                        messageIds, deliveredAt, failureCode, failure, failedAt, caseId, purpose)
                SELECT o.id, 'telegram', o.chatId,
                       CASE k.key WHEN 'message' THEN 'sendMessage' WHEN 'editText' THEN 'editMessageText'
                                  WHEN 'editMarkup' THEN 'editMessageReplyMarkup' WHEN 'answerCallback' THEN 'answerCallbackQuery'
                                  WHEN 'photo' THEN 'sendPhoto' WHEN 'video' THEN 'sendVideo' WHEN 'document' THEN 'sendDocument'
                                  WHEN 'mediaGroup' THEN 'sendMediaGroup' WHEN 'copy' THEN 'copyMessage' ELSE k.key END,
                       json_extract(k.value, '$._0'),
                       (SELECT count(*) FROM outboxFile AS f WHERE f.outboxId = o.id),
                       k.key NOT IN ('editText', 'editMarkup', 'answerCallback'),
                       o.createdAt, o.state, o.messageIds, o.deliveredAt, o.failureCode, o.failure, o.failedAt, o.caseId, o.purpose
                FROM outbox AS o, json_each(o.request) AS k;
                -- Ids of pruned rows are not given again.
                UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'outbox'))
                    WHERE name = 'outbox_new';
                INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence
                    WHERE name = 'outbox' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox_new');
                DROP TABLE outbox;
                ALTER TABLE outbox_new RENAME TO outbox;
                CREATE INDEX outbox_state ON outbox(state, id);
                CREATE INDEX outbox_pending_chat ON outbox(chatId, id) WHERE state = 'pending';
                CREATE INDEX outbox_delivered ON outbox(deliveredAt) WHERE state = 'delivered';
                """)
        }
        // A journal line's details as columns (JournalAction): the department, the earlier case, the person
        // an entry is about, the draft version. Lines written before kept them in `detail` as text
        // ("#12 → roads", "final v2", "executor:roads", "42 Name"); they are read apart here, once.
        // The append-only triggers are lifted for this one rewrite.
        migrator.registerMigration("v8-journal-columns") { db in
            try db.execute(sql: """
                ALTER TABLE journal ADD COLUMN departmentId TEXT;
                ALTER TABLE journal ADD COLUMN earlierCaseId INTEGER;
                ALTER TABLE journal ADD COLUMN personId INTEGER;
                ALTER TABLE journal ADD COLUMN draftVersion INTEGER;
                DROP TRIGGER journal_no_update;
                UPDATE journal SET departmentId = detail, detail = NULL WHERE action = 'route';
                UPDATE journal SET earlierCaseId = CAST(substr(detail, 2, instr(detail, ' → ') - 2) AS INTEGER),
                                   departmentId = substr(detail, instr(detail, ' → ') + 3), detail = NULL
                    WHERE action = 'mark_repeat' AND instr(detail, ' → ') > 0;
                UPDATE journal SET draftVersion = CAST(substr(detail, instr(detail, ' v') + 2) AS INTEGER),
                                   detail = substr(detail, 1, instr(detail, ' v') - 1)
                    WHERE action = 'submit_draft' AND instr(detail, ' v') > 0;
                UPDATE journal SET departmentId = substr(detail, instr(detail, ':') + 1),
                                   detail = substr(detail, 1, instr(detail, ':') - 1)
                    WHERE action = 'invite' AND instr(detail, ':') > 0;
                UPDATE journal SET personId = CAST(substr(detail, 1, instr(detail, ' ') - 1) AS INTEGER),
                                   detail = substr(detail, instr(detail, ' ') + 1)
                    WHERE action = 'revoke' AND instr(detail, ' ') > 0;
                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                """)
        }
        // Where people are reached (Addresses.swift): everyone known so far is on Telegram, at their id.
        migrator.registerMigration("v9-person-addresses") { db in
            try db.execute(sql: """
                CREATE TABLE personAddress (
                    messenger TEXT NOT NULL CHECK (messenger IN ('telegram', 'max')),
                    externalId INTEGER NOT NULL,
                    personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
                    PRIMARY KEY (messenger, externalId)
                );
                CREATE INDEX personAddress_person ON personAddress(personId);
                INSERT INTO personAddress (messenger, externalId, personId) SELECT 'telegram', id, id FROM person;
                """)
        }
        // MAX: the receiver's marker, and numbers for its string message ids (Receivers.swift).
        migrator.registerMigration("v10-receivers") { db in
            try db.execute(sql: """
                CREATE TABLE receiverCursor (
                    messenger TEXT PRIMARY KEY NOT NULL CHECK (messenger IN ('telegram', 'max')),
                    value INTEGER NOT NULL
                );
                CREATE TABLE remoteMessage (
                    local INTEGER PRIMARY KEY,
                    messenger TEXT NOT NULL CHECK (messenger IN ('telegram', 'max')),
                    remote TEXT NOT NULL CHECK (remote <> '')
                );
                """)
        }
        // Photos and videos name the messenger holding them (a MAX token is no Telegram file id), and a
        // queued upload may be a file to fetch from another messenger at delivery rather than bytes.
        migrator.registerMigration("v11-media-holders") { db in
            try db.execute(sql: """
                ALTER TABLE postMedia ADD COLUMN messenger TEXT NOT NULL DEFAULT 'telegram' CHECK (messenger IN ('telegram', 'max'));
                ALTER TABLE postMedia ADD COLUMN url TEXT;
                ALTER TABLE outboxFile ADD COLUMN fetchFrom TEXT CHECK (fetchFrom IS NULL OR json_valid(fetchFrom));
                """)
        }
        migrator.registerMigration("v12-vk-reading") { db in
            try db.execute(sql: """
                -- What reading the VK post or comment a case's link names came to (the card shows it).
                ALTER TABLE "case" ADD COLUMN vkRead TEXT CHECK (vkRead IS NULL OR json_valid(vkRead));
                -- VK links waiting to be read, and what reading them came to; the intake of the person
                -- who shared one waits for it (a few seconds at most).
                CREATE TABLE vkRead (
                    link TEXT PRIMARY KEY NOT NULL CHECK (link <> ''),
                    personId INTEGER NOT NULL,
                    requestedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    result TEXT CHECK (result IS NULL OR json_valid(result)),
                    CHECK ((finishedAt IS NULL) = (result IS NULL))
                );
                CREATE INDEX vkRead_pending ON vkRead(requestedAt) WHERE finishedAt IS NULL;

                -- VK screen names (vk.com/<name>) resolved to ids: a page link's author matches the same
                -- author's posts. ownerId NULL once finished: VK knows no such name.
                CREATE TABLE vkName (
                    name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
                    personId INTEGER NOT NULL,
                    requestedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    ownerId INTEGER
                );

                -- Approved answers to publish on VK as the community: written with the specialist's press,
                -- delivered afterwards (like the outbox). attempts counts tries that may have published.
                CREATE TABLE vkPublication (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    caseId INTEGER NOT NULL REFERENCES "case"(id),
                    requestedBy INTEGER NOT NULL,
                    requestedAt TEXT NOT NULL,
                    request TEXT NOT NULL CHECK (json_valid(request)),
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'refused')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt TEXT NOT NULL,
                    outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
                    finishedAt TEXT,
                    CHECK ((state = 'pending') = (outcome IS NULL))
                );
                CREATE INDEX vkPublication_pending ON vkPublication(nextAttemptAt) WHERE state = 'pending';
                CREATE INDEX vkPublication_case ON vkPublication(caseId, id);

                -- A published answer's thread, polled for the post's author's reply until `until`.
                CREATE TABLE vkWatch (
                    caseId INTEGER PRIMARY KEY REFERENCES "case"(id),
                    personId INTEGER NOT NULL,
                    ownerId INTEGER NOT NULL,
                    postId INTEGER NOT NULL,
                    threadRoot INTEGER,
                    authorId INTEGER NOT NULL,
                    afterCommentId INTEGER NOT NULL,
                    since TEXT NOT NULL,
                    nextAt TEXT NOT NULL,
                    until TEXT NOT NULL
                );
                CREATE INDEX vkWatch_next ON vkWatch(nextAt);

                -- The author's comments the watcher found, until the bot has taken them up.
                CREATE TABLE vkAuthorComment (
                    caseId INTEGER NOT NULL REFERENCES "case"(id),
                    commentId INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    link TEXT NOT NULL,
                    foundAt TEXT NOT NULL,
                    handledAt TEXT,
                    PRIMARY KEY (caseId, commentId)
                );
                """)
        }
        migrator.registerMigration("v13-dashboard") { db in
            try db.execute(sql: """
                -- The key the dashboard signs its login links and session cookies with, made at first use.
                CREATE TABLE dashboardKey (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    key BLOB NOT NULL CHECK (length(key) = 32)
                );
                -- One-time login links used (by their nonce), so none opens twice; kept past their 10 minutes.
                CREATE TABLE dashboardLogin (
                    nonce TEXT PRIMARY KEY NOT NULL,
                    personId INTEGER NOT NULL,
                    usedAt TEXT NOT NULL
                );
                """)
        }
        return migrator
    }()

    static let statuses = "'intake','routed','drafting','onApproval','approved','waitingForAuthor','closed'"
    static let roles = "'specialist','executor','head','admin'"

    /// The first schema. Instants are UTC text "YYYY-MM-DD HH:MM:SS.SSS"; lists are JSON text.
    static let v1 = """
        CREATE TABLE department (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 24),
            name TEXT NOT NULL CHECK (name <> ''),
            keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords) AND json_type(keywords) = 'array'),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );

        -- id is the Telegram user id, which is also the private chat id.
        CREATE TABLE person (
            id INTEGER PRIMARY KEY CHECK (id > 0),
            name TEXT NOT NULL CHECK (name <> ''),
            departmentId TEXT REFERENCES department(id),
            source TEXT NOT NULL CHECK (source IN ('config', 'invitation')),
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            unreachable INTEGER NOT NULL DEFAULT 0 CHECK (unreachable IN (0, 1)),
            joinedAt TEXT NOT NULL,
            revokedAt TEXT,
            CHECK ((active = 0) = (revokedAt IS NOT NULL))
        );
        CREATE INDEX person_department ON person(departmentId);

        CREATE TABLE personRole (
            personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            grantedBy TEXT NOT NULL CHECK (grantedBy IN ('config', 'invitation')),
            PRIMARY KEY (personId, role)
        ) WITHOUT ROWID;
        CREATE INDEX personRole_role ON personRole(role);

        CREATE TRIGGER personRole_executor_insert BEFORE INSERT ON personRole
        WHEN NEW.role = 'executor' AND (SELECT departmentId FROM person WHERE id = NEW.personId) IS NULL
        BEGIN SELECT RAISE(ABORT, 'an executor must belong to a department'); END;

        CREATE TRIGGER personRole_executor_update BEFORE UPDATE OF personId, role ON personRole
        WHEN NEW.role = 'executor' AND (SELECT departmentId FROM person WHERE id = NEW.personId) IS NULL
        BEGIN SELECT RAISE(ABORT, 'an executor must belong to a department'); END;

        CREATE TRIGGER person_executor_department BEFORE UPDATE OF departmentId ON person
        WHEN NEW.departmentId IS NULL
            AND EXISTS (SELECT 1 FROM personRole WHERE personId = NEW.id AND role = 'executor')
        BEGIN SELECT RAISE(ABORT, 'an executor must belong to a department'); END;

        -- Only the SHA-256 of an invitation token is kept: a copied store cannot be used to join.
        CREATE TABLE invitation (
            tokenHash BLOB PRIMARY KEY NOT NULL CHECK (typeof(tokenHash) = 'blob' AND length(tokenHash) = 32),
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            departmentId TEXT REFERENCES department(id),
            createdBy INTEGER NOT NULL REFERENCES person(id),
            createdAt TEXT NOT NULL,
            expiresAt TEXT NOT NULL CHECK (expiresAt > createdAt),
            usedBy INTEGER REFERENCES person(id),
            usedAt TEXT,
            CHECK (role <> 'executor' OR departmentId IS NOT NULL),
            CHECK ((usedBy IS NULL) = (usedAt IS NULL))
        ) WITHOUT ROWID;

        -- AUTOINCREMENT: a case number shown to people is never given twice.
        CREATE TABLE "case" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            status TEXT NOT NULL CHECK (status IN (\(statuses))),
            closure TEXT CHECK (closure IN ('answered', 'rejectedSection11', 'cancelled')),
            openedAt TEXT NOT NULL,
            openedBy INTEGER NOT NULL REFERENCES person(id),
            departmentId TEXT REFERENCES department(id),
            assignedAt TEXT,
            takenBy INTEGER REFERENCES person(id),
            deadline TEXT,
            deadlineKind TEXT CHECK (deadlineKind IN ('answer', 'finalAfterInterim')),
            interimPublishedAt TEXT,
            repeatOf INTEGER REFERENCES "case"(id),
            draftCount INTEGER NOT NULL DEFAULT 0 CHECK (draftCount >= 0),
            returnedCount INTEGER NOT NULL DEFAULT 0 CHECK (returnedCount BETWEEN 0 AND draftCount),
            publishedLink TEXT,
            closedAt TEXT,
            network TEXT NOT NULL CHECK (network <> ''),
            link TEXT,
            threadKey TEXT,
            authorKey TEXT,
            postText TEXT NOT NULL,
            screening TEXT NOT NULL CHECK (screening IN ('clean', 'obscene', 'threat')),
            screeningMatches TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(screeningMatches)),
            sourceChatId INTEGER,
            sourceMessageIds TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sourceMessageIds)),
            CHECK ((status = 'closed') = (closure IS NOT NULL)),
            CHECK ((status = 'closed') = (closedAt IS NOT NULL)),
            CHECK (status IN ('intake', 'closed') OR departmentId IS NOT NULL),
            CHECK (status <> 'intake' OR takenBy IS NULL),
            CHECK (status NOT IN ('onApproval', 'approved') OR draftCount > 0),
            CHECK ((deadline IS NULL) = (deadlineKind IS NULL)),
            CHECK (repeatOf IS NULL OR repeatOf <> id)
        );
        CREATE INDEX case_status_department ON "case"(status, departmentId);
        CREATE INDEX case_open_deadline ON "case"(deadline) WHERE status <> 'closed';
        CREATE INDEX case_takenBy ON "case"(takenBy) WHERE takenBy IS NOT NULL;
        CREATE INDEX case_openedAt ON "case"(openedAt);
        CREATE INDEX case_repeatOf ON "case"(repeatOf) WHERE repeatOf IS NOT NULL;

        -- Every draft version; the case's current draft is its latest. `text` stays as the executor wrote
        -- it; a specialist's edit on approval goes to `editedText`.
        CREATE TABLE draft (
            id INTEGER PRIMARY KEY,
            caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            kind TEXT NOT NULL CHECK (kind IN ('final', 'interim', 'clarification')),
            text TEXT NOT NULL CHECK (text <> ''),
            editedText TEXT CHECK (editedText <> ''),
            media TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(media)),
            authorId INTEGER NOT NULL REFERENCES person(id),
            submittedAt TEXT NOT NULL,
            decision TEXT CHECK (decision IN ('approved', 'returned')),
            decidedBy INTEGER REFERENCES person(id),
            decidedAt TEXT,
            comment TEXT,
            UNIQUE (caseId, version),
            CHECK ((decision IS NULL) = (decidedBy IS NULL) AND (decision IS NULL) = (decidedAt IS NULL)),
            CHECK (decision IS NOT 'returned' OR comment IS NOT NULL)
        );

        CREATE TABLE postMedia (
            caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            kind TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'document')),
            fileId TEXT NOT NULL CHECK (fileId <> ''),
            PRIMARY KEY (caseId, position)
        ) WITHOUT ROWID;

        -- The audit trail: who did what, when, from which status to which. Never changed, never deleted;
        -- its foreign key also keeps a journaled case from being deleted.
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actorId INTEGER NOT NULL CHECK (actorId >= 0),
            caseId INTEGER REFERENCES "case"(id),
            action TEXT NOT NULL CHECK (action <> ''),
            fromStatus TEXT CHECK (fromStatus IN (\(statuses))),
            toStatus TEXT CHECK (toStatus IN (\(statuses))),
            detail TEXT,
            CHECK ((fromStatus IS NULL) = (toStatus IS NULL)),
            CHECK (caseId IS NOT NULL OR fromStatus IS NULL)
        );
        CREATE INDEX journal_case ON journal(caseId, id) WHERE caseId IS NOT NULL;
        CREATE INDEX journal_at ON journal(at);
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

        -- The conversation layer's state per chat, opaque here.
        CREATE TABLE session (
            chatId INTEGER PRIMARY KEY,
            state BLOB NOT NULL,
            updatedAt TEXT NOT NULL
        );

        -- Outgoing Bot API calls, written in the transaction that caused them (AUTOINCREMENT keeps order).
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chatId INTEGER,
            request TEXT NOT NULL CHECK (json_valid(request)),
            createdAt TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
            messageIds TEXT CHECK (messageIds IS NULL OR json_valid(messageIds)),
            deliveredAt TEXT,
            failureCode INTEGER,
            failure TEXT,
            failedAt TEXT,
            caseId INTEGER REFERENCES "case"(id),
            purpose TEXT CHECK (purpose <> ''),
            CHECK ((caseId IS NULL) = (purpose IS NULL)),
            CHECK ((state = 'delivered') = (deliveredAt IS NOT NULL AND messageIds IS NOT NULL)),
            CHECK ((state = 'failed') = (failure IS NOT NULL AND failedAt IS NOT NULL))
        );
        CREATE INDEX outbox_state ON outbox(state, id);

        -- Which case a bot message (or a forwarded post) belongs to: replies find their case, cards get edited.
        CREATE TABLE messageLink (
            chatId INTEGER NOT NULL,
            messageId INTEGER NOT NULL,
            caseId INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose <> ''),
            linkedAt TEXT NOT NULL,
            PRIMARY KEY (chatId, messageId)
        ) WITHOUT ROWID;
        CREATE INDEX messageLink_case ON messageLink(caseId, purpose, chatId);

        -- Deadlines and reminders as data. One timer per (kind, case, person); NULLs count as equal here.
        CREATE TABLE timer (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind <> ''),
            caseId INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
            personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
            dueAt TEXT NOT NULL,
            payload TEXT,
            createdAt TEXT NOT NULL
        );
        CREATE UNIQUE INDEX timer_key ON timer(kind, ifnull(caseId, 0), ifnull(personId, 0));
        CREATE INDEX timer_due ON timer(dueAt, id);

        -- A set, not a high-water mark: Telegram may restart update ids lower after a week of silence.
        CREATE TABLE handledUpdate (
            updateId INTEGER PRIMARY KEY,
            handledAt TEXT NOT NULL
        );
        CREATE INDEX handledUpdate_at ON handledUpdate(handledAt);

        CREATE TABLE failedUpdate (
            updateId INTEGER PRIMARY KEY,
            failedAt TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
            error TEXT NOT NULL
        );
        """
}
