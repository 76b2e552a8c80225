import Casework
import Foundation
import Messaging
import Store

/// One-transaction shortcuts of the store's reads and writes, for tests: the service composes
/// them inside `AppDatabase.read`/`write` instead.

// Cases
extension AppDatabase {
    /// Opens a case for a post, in one transaction.
    public func insertCase(post: CasePost, openedBy: Int64, at now: Date) async throws -> Case {
        try await write { try $0.insertCase(post: post, openedBy: openedBy, at: now) }
    }

    /// The case with its current draft.
    public func `case`(id: Int64) async throws -> Case? {
        try await read { try $0.case(id: id) }
    }

    /// The case with its post.
    public func storedCase(id: Int64) async throws -> StoredCase? {
        try await read { try $0.storedCase(id: id) }
    }

    /// Writes the case as the workflow decided it.
    public func saveCase(_ c: Case, at now: Date) async throws {
        try await write { try $0.saveCase(c, at: now) }
    }

    /// Records a decision on a draft version.
    public func recordDraftDecision(caseId: Int64, version: Int, decision: DraftDecision, by personId: Int64,
                                    at now: Date, comment: String? = nil) async throws {
        try await write {
            try $0.recordDraftDecision(caseId: caseId, version: version, decision: decision, by: personId, at: now,
                                       comment: comment)
        }
    }

    /// Every draft version of a case.
    public func drafts(caseId: Int64) async throws -> [DraftRecord] {
        try await read { try $0.drafts(caseId: caseId) }
    }

    /// The post a case is about.
    public func post(caseId: Int64) async throws -> CasePost? {
        try await read { try $0.post(caseId: caseId) }
    }

    /// Open cases, soonest deadline first.
    public func openCases(department: String? = nil) async throws -> [Case] {
        try await read { try $0.openCases(department: department) }
    }

    /// Open cases an executor has taken.
    public func cases(takenBy personId: Int64) async throws -> [Case] {
        try await read { try $0.cases(takenBy: personId) }
    }

    /// Open cases past their deadline.
    public func overdueCases(now: Date) async throws -> [Case] {
        try await read { try $0.overdueCases(now: now) }
    }

    /// Cases opened since an instant, with posts.
    public func recentCases(since start: Date) async throws -> [StoredCase] {
        try await read { try $0.recentCases(since: start) }
    }

    /// Cases containing every word.
    public func searchCases(words: [String], limit: Int = 20) async throws -> [Case] {
        try await read { try $0.searchCases(words: words, limit: limit) }
    }

    /// How many cases were ever opened.
    public func caseCount() async throws -> Int {
        try await read { try $0.caseCount() }
    }
}

// Invitations
extension AppDatabase {
    /// Stores a new invitation.
    public func createInvitation(tokenHash: Data, role: Role, departmentId: String?, createdBy: Int64,
                                 at now: Date, expiresAt: Date) async throws {
        try await write {
            try $0.createInvitation(tokenHash: tokenHash, role: role, departmentId: departmentId,
                                    createdBy: createdBy, at: now, expiresAt: expiresAt)
        }
    }

    /// Lets a Telegram person in by an invitation, in one transaction.
    public func redeemInvitation(tokenHash: Data, personId: Int64, name: String, at now: Date) async throws
        -> Result<Actor, InvitationRefusal> {
        try await write {
            try $0.redeemInvitation(tokenHash: tokenHash, personId: personId, address: Address(.telegram, personId), name: name, at: now)
        }
    }
}

// Journal
extension AppDatabase {
    /// Appends a case's journal entry.
    @discardableResult
    public func appendJournal(caseId: Int64, entry: JournalEntry, at now: Date) async throws -> JournalRecord {
        try await write { try $0.appendJournal(caseId: caseId, entry: entry, at: now) }
    }

    /// Appends an event that changes no case status.
    @discardableResult
    public func appendJournal(_ action: JournalAction, actorId: Int64, caseId: Int64? = nil, at now: Date) async throws -> JournalRecord {
        try await write { try $0.appendJournal(action, actorId: actorId, caseId: caseId, at: now) }
    }

    /// A case's journal in order.
    public func journal(caseId: Int64) async throws -> [JournalRecord] {
        try await read { try $0.journal(caseId: caseId) }
    }

    /// Entries written in `[start, end)`.
    public func journal(from start: Date, to end: Date) async throws -> [JournalRecord] {
        try await read { try $0.journal(from: start, to: end) }
    }
}

// Outbox
extension AppDatabase {
    /// Queues a Bot API call in its own transaction (a handler enqueues inside its own instead).
    @discardableResult
    public func enqueue(_ request: WireRequest, caseId: Int64? = nil, purpose: MessagePurpose? = nil, at now: Date)
        async throws -> Int64 {
        try await write { try $0.enqueue(request, caseId: caseId, purpose: purpose, at: now) }
    }

    /// Pending requests, oldest first.
    public func pendingOutbox(limit: Int, excluding: Set<Int64> = []) async throws -> [OutboxItem] {
        try await read { try $0.pendingOutbox(limit: limit, excluding: excluding) }
    }

    /// Marks a request delivered with the message ids it created or edited.
    public func markDelivered(_ id: Int64, messageIds: [Int64], at now: Date) async throws {
        try await write { try $0.markDelivered(id, messageIds: messageIds, at: now) }
    }

    /// Marks a request failed for good.
    public func markFailed(_ id: Int64, code: Int?, description: String, at now: Date) async throws {
        try await write { try $0.markFailed(id, code: code, description: description, at: now) }
    }

    /// One outbox row.
    public func outboxRecord(id: Int64) async throws -> OutboxRecord? {
        try await read { try $0.outboxRecord(id: id) }
    }

    /// How many requests wait, and since when.
    public func outboxBacklog() async throws -> OutboxBacklog {
        try await read { try $0.outboxBacklog() }
    }

    /// Deletes finished rows older than an instant.
    @discardableResult
    public func pruneOutbox(finishedBefore cutoff: Date) async throws -> Int {
        try await write { try $0.pruneOutbox(finishedBefore: cutoff) }
    }

    /// The case a message belongs to.
    public func messageLink(chatId: Int64, messageId: Int64) async throws -> MessageLink? {
        try await read { try $0.messageLink(chatId: chatId, messageId: messageId) }
    }

    /// The latest message for a case in a chat under a purpose.
    public func cardMessage(caseId: Int64, chatId: Int64, purpose: MessagePurpose = .card) async throws -> Int64? {
        try await read { try $0.cardMessage(caseId: caseId, chatId: chatId, purpose: purpose) }
    }

    /// Every chat's latest message for a case under a purpose.
    public func cardMessages(caseId: Int64, purpose: MessagePurpose = .card) async throws -> [MessageLink] {
        try await read { try $0.cardMessages(caseId: caseId, purpose: purpose) }
    }
}

// Sessions
extension AppDatabase {
    /// The chat's conversation state.
    public func session(chatId: Int64) async throws -> Data? {
        try await read { try $0.session(chatId: chatId) }
    }

    /// Replaces the chat's conversation state.
    public func saveSession(chatId: Int64, _ state: Data, at now: Date) async throws {
        try await write { try $0.saveSession(chatId: chatId, state, at: now) }
    }

    /// Forgets the chat's conversation state.
    public func deleteSession(chatId: Int64) async throws {
        try await write { try $0.deleteSession(chatId: chatId) }
    }
}

// Staff
extension AppDatabase {
    /// Makes the store agree with staff.yaml (see `Database.syncStaff`), in one transaction.
    public func syncStaff(departments: [ConfiguredDepartment], people: [ConfiguredPerson], at now: Date) async throws {
        try await write { try $0.syncStaff(departments: departments, people: people, at: now) }
    }

    /// The active person as an actor, or `nil`.
    public func actor(personId: Int64) async throws -> Actor? {
        try await read { try $0.actor(personId: personId) }
    }

    /// One person with roles, active or not.
    public func person(id: Int64) async throws -> Person? {
        try await read { try $0.person(id: id) }
    }

    /// Active people of a department.
    public func people(inDepartment departmentId: String) async throws -> [Person] {
        try await read { try $0.people(inDepartment: departmentId) }
    }

    /// Active people holding a role.
    public func people(withRole role: Role) async throws -> [Person] {
        try await read { try $0.people(withRole: role) }
    }

    /// Everyone ever known.
    public func allPeople() async throws -> [Person] {
        try await read { try $0.allPeople() }
    }

    /// Takes every role away from a person.
    public func revoke(personId: Int64, at now: Date) async throws {
        try await write { try $0.revoke(personId: personId, at: now) }
    }

    /// Records whether Telegram can reach the person.
    public func markUnreachable(personId: Int64, _ unreachable: Bool) async throws {
        try await write { try $0.markUnreachable(personId: personId, unreachable) }
    }

    /// Departments by name.
    public func departments(includingInactive: Bool = false) async throws -> [DepartmentRecord] {
        try await read { try $0.departments(includingInactive: includingInactive) }
    }
}

// Status
extension AppDatabase {
    /// The store's health at a glance, as of `now`.
    public func status(now: Date) async throws -> StoreStatus {
        try await read { try $0.status(now: now) }
    }
}

// Timers
extension AppDatabase {
    /// Sets the one timer of this kind for this case and person.
    @discardableResult
    public func setTimer(kind: TimerKind, caseId: Int64? = nil, personId: Int64? = nil, dueAt: Date,
                         payload: String? = nil, at now: Date) async throws -> Int64 {
        try await write {
            try $0.setTimer(kind: kind, caseId: caseId, personId: personId, dueAt: dueAt, payload: payload, at: now)
        }
    }

    /// Cancels a case's timers.
    @discardableResult
    public func cancelTimers(caseId: Int64, kinds: Set<TimerKind>? = nil) async throws -> Int {
        try await write { try $0.cancelTimers(caseId: caseId, kinds: kinds) }
    }

    /// Timers due at or before an instant, in order.
    public func dueTimers(upTo instant: Date, limit: Int = 100) async throws -> [TimerRecord] {
        try await read { try $0.dueTimers(upTo: instant, limit: limit) }
    }

    /// When the next timer falls due.
    public func nextTimerDue() async throws -> Date? {
        try await read { try $0.nextTimerDue() }
    }

    /// Removes a timer.
    public func deleteTimer(id: Int64) async throws {
        try await write { try $0.deleteTimer(id: id) }
    }

    /// A case's timers.
    public func timers(caseId: Int64) async throws -> [TimerRecord] {
        try await read { try $0.timers(caseId: caseId) }
    }

    /// How many timers are set.
    public func timerCount() async throws -> Int {
        try await read { try $0.timerCount() }
    }
}

// Updates
extension AppDatabase {
    /// Whether this update was already handled.
    public func isHandled(updateId: Int64) async throws -> Bool {
        try await read { try $0.isHandled(updateId: updateId) }
    }

    /// Records the update as handled, on its own (a handler does it inside its transaction).
    public func markHandled(updateId: Int64, at now: Date) async throws {
        try await write { try $0.markHandled(updateId: updateId, at: now) }
    }

    /// Records that handling an update threw.
    public func recordFailedUpdate(updateId: Int64, error: String, at now: Date) async throws {
        try await write { try $0.recordFailedUpdate(updateId: updateId, error: error, at: now) }
    }

    /// Failed updates, latest first.
    public func failedUpdates(limit: Int = 50) async throws -> [FailedUpdate] {
        try await read { try $0.failedUpdates(limit: limit) }
    }

    /// Forgets handled ids recorded before an instant.
    @discardableResult
    public func pruneHandledUpdates(before cutoff: Date) async throws -> Int {
        try await write { try $0.pruneHandledUpdates(before: cutoff) }
    }
}
