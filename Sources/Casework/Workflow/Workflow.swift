import Foundation

/// What someone asks to do with a case.
public enum CaseCommand: Sendable, Equatable {
    /// Assign (or re-assign) to a department; starts a new 24 hours (§ 5).
    case route(departmentId: String)
    /// Link to an earlier case on the same issue and assign (§ 8); the caller proposes the earlier executor.
    case markRepeat(of: Int64, departmentId: String)
    /// Not subject to processing under § 11: closed with no answer.
    case rejectSection11
    /// Withdraw a case opened by mistake (intake only).
    case cancel
    /// An executor takes the case; the others of the department are told who.
    case take
    /// "Not ours", with the reason; back to the specialists for re-routing.
    case decline(reason: String)
    /// A draft for approval (§ 6), with its § 11 screening: an obscene or threatening draft never
    /// reaches approval.
    case submitDraft(kind: DraftKind, text: String, media: [MediaRef], screening: ScreeningResult = ScreeningResult(matches: []))
    /// Approve draft `version` (the current one, or it is refused), optionally with the specialist's edited text.
    case approve(version: Int, editedText: String?)
    /// Return draft `version` with a comment; the executor's clock keeps running.
    case returnDraft(version: Int, comment: String)
    /// The approved text has been published on the network (optionally with its link).
    case markPublished(link: String?)
    /// The author answered the clarification; a new 24 hours start.
    case attachAuthorReply(text: String)
    /// An admin takes the case back from its executor (e.g. the person who held it lost access).
    case withdraw(reason: String)
}

/// Why a command was refused. The conversation layer shows each as a text from Dialogs/.
public enum CaseRefusal: Error, Equatable, Sendable {
    /// The actor lacks the role the command needs.
    case notPermitted(needs: Role)
    /// An executor acting on another department's case.
    case otherDepartment
    /// The case is not in a status where this can happen (e.g. already closed, already approved).
    case wrongStatus(CaseStatus)
    /// Another executor has taken the case.
    case alreadyTaken(by: Int64)
    /// Routing to the department the case already has.
    case sameDepartment
    /// A case cannot repeat itself.
    case repeatOfItself
    /// A reason, comment or text is required.
    case emptyText
    /// A second interim answer: § 7 gives one interim answer, then the final one is due.
    case interimAlreadyGiven
    /// A draft with obscene language or a threat (§ 11): these fragments.
    case section11Draft(fragments: [String])
    /// The decision names a draft version that is no longer the one on approval.
    case draftReplaced
}

/// Who is to be told.
public enum Audience: Sendable, Equatable, Hashable {
    case specialists
    case department(String)
    case person(Int64)
    case heads
}

/// What they are told, with what the telling needs (the bot renders each with the case's card and
/// never reads it back from the journal).
public enum CaseNotice: Sendable, Equatable {
    case assigned, reassignedAway, taken
    /// Back to routing: the executor's reason, and the department the case had.
    case declined(reason: String, department: String?)
    case draftSubmitted, draftApproved
    /// The specialist's comment on the returned draft.
    case draftReturned(comment: String)
    case interimPublished, clarificationPublished
    /// The author's reply to a clarification, as the specialist brought it.
    case authorReplied(text: String)
    case answered, rejected
}

/// One line of the case's journal: who did what, from which status to which.
public struct JournalEntry: Sendable, Equatable {
    public var action: JournalAction
    public var actorId: Int64
    public var from: CaseStatus
    public var to: CaseStatus

    public init(action: JournalAction, actorId: Int64, from: CaseStatus, to: CaseStatus) {
        self.action = action
        self.actorId = actorId
        self.from = from
        self.to = to
    }
}

/// What the runtime must do after a transition, besides saving the case.
public enum CaseEffect: Sendable, Equatable {
    case journal(JournalEntry)
    case notify(Audience, CaseNotice)
    /// (Re)start the deadline clock; the runtime derives reminders and escalations from it.
    case setDeadline(Date, DeadlineKind)
    /// Stop the clock: no reminders for this case until a new deadline is set.
    case clearDeadline
    /// Keep the decision on draft `version` with the draft (who decided is the actor).
    case draftDecided(version: Int, DraftDecision, comment: String?)
}

/// Deadlines as the regulation counts them; `DeadlinePolicy` provides the real one.
public protocol DeadlineRules: Sendable {
    /// § 5: the executor's answer is due 24 clock hours after assignment.
    func answerDue(from start: Date) -> Date
    /// § 7: the final answer is due at the end of the 7th working day after the interim publication day.
    func finalDue(afterInterimPublishedAt published: Date) -> Date
}

/// The result of a command that was allowed.
public struct CaseDecision: Sendable, Equatable {
    public var state: Case
    public var effects: [CaseEffect]
}

/// The case workflow as a pure function: (case, actor, command, now) → new case + effects, or a refusal.
public struct Workflow: Sendable {
    public let rules: any DeadlineRules

    public init(rules: any DeadlineRules) { self.rules = rules }

    public func decide(_ command: CaseCommand, on current: Case, by actor: Actor, at now: Date)
        -> Result<CaseDecision, CaseRefusal> {
        var next = current
        var effects: [CaseEffect] = []
        var action: JournalAction?
        let refusal: CaseRefusal? = {
            switch command {
            case let .route(department):
                guard actor.has(.specialist) || actor.has(.head) else { return .notPermitted(needs: .specialist) }
                guard [.intake, .routed, .drafting].contains(current.status) else { return .wrongStatus(current.status) }
                guard department != current.departmentId || current.status == .intake else { return .sameDepartment }
                assign(&next, to: department, at: now, effects: &effects)
                action = .route(department: department)

            case let .markRepeat(earlier, department):
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .intake else { return .wrongStatus(current.status) }
                guard earlier != current.id else { return .repeatOfItself }
                next.repeatOf = earlier
                assign(&next, to: department, at: now, effects: &effects)
                action = .markRepeat(of: earlier, department: department)

            case .rejectSection11:
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard [.intake, .routed, .drafting].contains(current.status) else { return .wrongStatus(current.status) }
                close(&next, as: .rejectedSection11, effects: &effects)
                action = .rejectSection11
                if let department = current.departmentId { effects.append(.notify(.department(department), .rejected)) }

            case .cancel:
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .intake else { return .wrongStatus(current.status) }
                close(&next, as: .cancelled, effects: &effects)
                action = .cancel

            case .take:
                if let refusal = executorGuard(current, actor, allowed: [.routed, .drafting]) { return refusal }
                if let holder = current.takenBy {
                    return holder == actor.personId ? nil : .alreadyTaken(by: holder)
                }
                next.takenBy = actor.personId
                next.status = .drafting
                action = .take
                effects.append(.notify(.department(current.departmentId!), .taken))

            case let .decline(reason):
                if let refusal = executorGuard(current, actor, allowed: [.routed, .drafting]) { return refusal }
                guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .emptyText }
                backToRouting(&next, reason: reason, from: current.departmentId, effects: &effects)
                action = .decline(reason: reason)

            case let .submitDraft(kind, text, media, screening):
                if let refusal = executorGuard(current, actor, allowed: [.routed, .drafting]) { return refusal }
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .emptyText }
                guard screening.verdict == .clean else { return .section11Draft(fragments: screening.matches.map(\.fragment)) }
                if kind == .interim, current.interimPublishedAt != nil { return .interimAlreadyGiven }
                next.draftCount += 1
                next.draft = Draft(kind: kind, text: text, media: media, version: next.draftCount,
                                   authorId: actor.personId, submittedAt: now)
                next.takenBy = current.takenBy ?? actor.personId
                next.status = .onApproval
                effects.append(.notify(.specialists, .draftSubmitted))
                action = .submitDraft(kind, version: next.draftCount)

            case let .approve(version, editedText):
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .onApproval else { return .wrongStatus(current.status) }
                guard current.draft?.version == version else { return .draftReplaced }
                if let edited = editedText {
                    guard !edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .emptyText }
                    next.draft?.text = edited
                }
                action = .approve(edited: editedText != nil)
                next.status = .approved
                effects.append(.draftDecided(version: version, .approved, comment: nil))
                effects.append(.notify(.department(current.departmentId!), .draftApproved))

            case let .returnDraft(version, comment):
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .onApproval else { return .wrongStatus(current.status) }
                guard current.draft?.version == version else { return .draftReplaced }
                guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .emptyText }
                next.status = .drafting
                next.returnedCount += 1
                effects.append(.draftDecided(version: version, .returned, comment: comment))
                effects.append(.notify(.department(current.departmentId!), .draftReturned(comment: comment)))
                action = .returnDraft(comment: comment)

            case let .markPublished(link):
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .approved, let draft = current.draft else { return .wrongStatus(current.status) }
                action = .markPublished(link: link)
                let department = current.departmentId!
                switch draft.kind {
                case .final:
                    next.publishedLink = link
                    close(&next, as: .answered, effects: &effects)
                    effects.append(.notify(.department(department), .answered))
                case .interim:
                    next.status = .drafting
                    next.interimPublishedAt = now
                    let due = rules.finalDue(afterInterimPublishedAt: now)
                    next.deadline = due
                    next.deadlineKind = .finalAfterInterim
                    effects.append(.setDeadline(due, .finalAfterInterim))
                    effects.append(.notify(.department(department), .interimPublished))
                case .clarification:
                    next.status = .waitingForAuthor
                    next.deadline = nil
                    next.deadlineKind = nil
                    effects.append(.clearDeadline)
                    effects.append(.notify(.department(department), .clarificationPublished))
                }

            case let .withdraw(reason):
                guard actor.has(.admin) else { return .notPermitted(needs: .admin) }
                guard [.routed, .drafting, .onApproval].contains(current.status) else { return .wrongStatus(current.status) }
                if let department = current.departmentId { effects.append(.notify(.department(department), .reassignedAway)) }
                backToRouting(&next, reason: reason, from: current.departmentId, effects: &effects)
                action = .withdraw(reason: reason)

            case let .attachAuthorReply(text):
                guard actor.has(.specialist) else { return .notPermitted(needs: .specialist) }
                guard current.status == .waitingForAuthor else { return .wrongStatus(current.status) }
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .emptyText }
                next.status = .drafting
                let due = rules.answerDue(from: now)
                next.deadline = due
                next.deadlineKind = .answer
                effects.append(.setDeadline(due, .answer))
                effects.append(.notify(.department(current.departmentId!), .authorReplied(text: text)))
                action = .attachAuthorReply(text: text)
            }
            return nil
        }()
        if let refusal { return .failure(refusal) }
        // Nothing changed (an executor taking the case they hold): nothing to journal.
        guard let action, next != current || !effects.isEmpty else { return .success(CaseDecision(state: next, effects: [])) }
        let entry = JournalEntry(action: action, actorId: actor.personId, from: current.status, to: next.status)
        return .success(CaseDecision(state: next, effects: [.journal(entry)] + effects))
    }

    /// Executors act only on their own department's cases, in the given statuses.
    private func executorGuard(_ current: Case, _ actor: Actor, allowed: Set<CaseStatus>) -> CaseRefusal? {
        guard actor.has(.executor) else { return .notPermitted(needs: .executor) }
        guard actor.executes(current.departmentId) else { return .otherDepartment }
        guard allowed.contains(current.status) else { return .wrongStatus(current.status) }
        return nil
    }

    private func assign(_ next: inout Case, to department: String, at now: Date, effects: inout [CaseEffect]) {
        if let previous = next.departmentId, previous != department {
            effects.append(.notify(.department(previous), .reassignedAway))
        }
        next.departmentId = department
        next.status = .routed
        next.takenBy = nil
        next.assignedAt = now
        let due = rules.answerDue(from: now)
        next.deadline = due
        next.deadlineKind = .answer
        effects.append(.setDeadline(due, .answer))
        effects.append(.notify(.department(department), .assigned))
    }

    /// The case goes back to the specialists for routing: no department, no executor, no clock.
    private func backToRouting(_ next: inout Case, reason: String, from department: String?, effects: inout [CaseEffect]) {
        next.status = .intake
        next.departmentId = nil
        next.takenBy = nil
        next.assignedAt = nil
        next.deadline = nil
        next.deadlineKind = nil
        effects.append(.clearDeadline)
        effects.append(.notify(.specialists, .declined(reason: reason, department: department)))
    }

    private func close(_ next: inout Case, as closure: Closure, effects: inout [CaseEffect]) {
        next.status = .closed
        next.closure = closure
        next.deadline = nil
        next.deadlineKind = nil
        effects.append(.clearDeadline)
    }
}
