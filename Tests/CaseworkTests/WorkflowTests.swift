import Foundation
import Testing
@testable import Casework

/// Clock-hour rules for the workflow tests: 24 h to answer; "7 working days" as a fixed 9 days here,
/// since the calendar has tests of its own.
struct FixedRules: DeadlineRules {
    func answerDue(from start: Date) -> Date { start.addingTimeInterval(24 * 3600) }
    func finalDue(afterInterimPublishedAt published: Date) -> Date { published.addingTimeInterval(9 * 86400) }
}

@Suite struct WorkflowTests {
    let workflow = Workflow(rules: FixedRules())
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let specialist = Actor(personId: 1, roles: [.specialist])
    let roads = Actor(personId: 2, roles: [.executor], departmentId: "roads")
    let roads2 = Actor(personId: 3, roles: [.executor], departmentId: "roads")
    let parks = Actor(personId: 4, roles: [.executor], departmentId: "parks")
    let head = Actor(personId: 5, roles: [.head])
    let admin = Actor(personId: 6, roles: [.admin])

    func run(_ steps: [(CaseCommand, Actor)], from start: Case? = nil, at time: Date? = nil) throws -> CaseDecision {
        var state = start ?? Case(id: 10, openedAt: t0, openedBy: 1)
        var last = CaseDecision(state: state, effects: [])
        for (command, actor) in steps {
            last = try workflow.decide(command, on: state, by: actor, at: time ?? t0).get()
            state = last.state
        }
        return last
    }

    func refusal(_ command: CaseCommand, by actor: Actor, after steps: [(CaseCommand, Actor)]) throws -> CaseRefusal? {
        let state = try run(steps).state
        if case let .failure(r) = workflow.decide(command, on: state, by: actor, at: t0) { return r }
        return nil
    }

    var routed: [(CaseCommand, Actor)] { [(.route(departmentId: "roads"), specialist)] }
    var onApproval: [(CaseCommand, Actor)] { routed + [(.submitDraft(kind: .final, text: "Яму заделаем", media: []), roads)] }

    @Test func routingAssignsAndStartsTwentyFourHours() throws {
        let d = try run(routed)
        #expect(d.state.status == .routed)
        #expect(d.state.departmentId == "roads")
        #expect(d.state.deadline == t0.addingTimeInterval(86400))
        #expect(d.effects.contains(.setDeadline(t0.addingTimeInterval(86400), .answer)))
        #expect(d.effects.contains(.notify(.department("roads"), .assigned)))
        #expect(d.effects.first == .journal(JournalEntry(action: .route(department: "roads"), actorId: 1, from: .intake, to: .routed)))
    }

    @Test func happyPathToPublication() throws {
        let d = try run(onApproval + [(.approve(version: 1, editedText: nil), specialist), (.markPublished(link: "https://vk.com/wall-1_2"), specialist)])
        #expect(d.state.status == .closed)
        #expect(d.state.closure == .answered)
        #expect(d.state.publishedLink == "https://vk.com/wall-1_2")
        #expect(d.effects.contains(.clearDeadline))
        #expect(d.effects.contains(.notify(.department("roads"), .answered)))
    }

    @Test func submittingNotifiesSpecialistsAndRecordsTheAuthor() throws {
        let d = try run(onApproval)
        #expect(d.state.status == .onApproval)
        #expect(d.state.draft?.version == 1)
        #expect(d.state.takenBy == 2)
        #expect(d.effects.contains(.notify(.specialists, .draftSubmitted)))
    }

    @Test func returnKeepsTheClockRunningAndRedoBumpsTheVersion() throws {
        let returned = try run(onApproval + [(.returnDraft(version: 1, comment: "Добавьте фото"), specialist)], at: t0)
        #expect(returned.state.status == .drafting)
        #expect(returned.state.deadline == t0.addingTimeInterval(86400))
        #expect(!returned.effects.contains { if case .setDeadline = $0 { true } else { false } })
        let redo = try workflow.decide(.submitDraft(kind: .final, text: "Заделали, фото прилагаем", media: [.init(kind: .photo, fileId: "F")]),
                                       on: returned.state, by: roads, at: t0).get()
        #expect(redo.state.draft?.version == 2)
        #expect(redo.state.returnedCount == 1)
    }

    @Test func approvalWithEditsReplacesTheText() throws {
        let d = try run(onApproval + [(.approve(version: 1, editedText: "Исправленный текст"), specialist)])
        #expect(d.state.draft?.text == "Исправленный текст")
        #expect(d.state.status == .approved)
    }

    @Test func interimPublicationSetsTheFinalDeadline() throws {
        let steps: [(CaseCommand, Actor)] = routed + [(.submitDraft(kind: .interim, text: "Работы запланированы", media: []), roads),
                                                      (.approve(version: 1, editedText: nil), specialist), (.markPublished(link: nil), specialist)]
        let d = try run(steps)
        #expect(d.state.status == .drafting)
        #expect(d.state.deadlineKind == .finalAfterInterim)
        #expect(d.state.deadline == t0.addingTimeInterval(9 * 86400))
        #expect(d.state.interimPublishedAt == t0)
        // A second interim is refused; the final answer is due.
        #expect(try refusal(.submitDraft(kind: .interim, text: "ещё", media: []), by: roads, after: steps) == .interimAlreadyGiven)
        let final = try workflow.decide(.submitDraft(kind: .final, text: "Готово", media: []), on: d.state, by: roads, at: t0).get()
        #expect(final.state.status == .onApproval)
    }

    @Test func clarificationWaitsForTheAuthorThenRestartsTwentyFourHours() throws {
        let steps: [(CaseCommand, Actor)] = routed + [(.submitDraft(kind: .clarification, text: "Уточните адрес", media: []), roads),
                                                      (.approve(version: 1, editedText: nil), specialist), (.markPublished(link: nil), specialist)]
        let waiting = try run(steps)
        #expect(waiting.state.status == .waitingForAuthor)
        #expect(waiting.state.deadline == nil)
        let later = t0.addingTimeInterval(3 * 86400)
        let replied = try workflow.decide(.attachAuthorReply(text: "ул. Ленина, 5"), on: waiting.state, by: specialist, at: later).get()
        #expect(replied.state.status == .drafting)
        #expect(replied.state.deadline == later.addingTimeInterval(86400))
        #expect(replied.effects.contains(.notify(.department("roads"), .authorReplied(text: "ул. Ленина, 5"))))
    }

    /// The three draft rules the workflow keeps itself (they lived in the bot before).
    @Test func aFlaggedDraftNeverReachesApproval() throws {
        let flagged = ScreeningResult(matches: [ScreeningMatch(fragment: "бл**ь", kind: .obscene, rule: "x")])
        #expect(try refusal(.submitDraft(kind: .final, text: "Ответ, бл**ь", media: [], screening: flagged), by: roads, after: routed)
                == .section11Draft(fragments: ["бл**ь"]))
    }

    @Test func aDecisionNamesTheVersionOnApprovalAndIsKept() throws {
        #expect(try refusal(.approve(version: 2, editedText: nil), by: specialist, after: onApproval) == .draftReplaced)
        #expect(try refusal(.returnDraft(version: 0, comment: "Нет"), by: specialist, after: onApproval) == .draftReplaced)
        let approved = try run(onApproval + [(.approve(version: 1, editedText: nil), specialist)])
        #expect(approved.effects.contains(.draftDecided(version: 1, .approved, comment: nil)))
        let returned = try run(onApproval + [(.returnDraft(version: 1, comment: "Добавьте фото"), specialist)])
        #expect(returned.effects.contains(.draftDecided(version: 1, .returned, comment: "Добавьте фото")))
    }

    @Test func declineGoesBackToRoutingWithTheReason() throws {
        let d = try run(routed + [(.decline(reason: "Это парки"), roads)])
        #expect(d.state.status == .intake)
        #expect(d.state.departmentId == nil)
        // The specialists are told the reason and the department the case had, from the decision itself.
        #expect(d.effects.contains(.notify(.specialists, .declined(reason: "Это парки", department: "roads"))))
        #expect(d.effects.first == .journal(JournalEntry(action: .decline(reason: "Это парки"), actorId: 2, from: .routed, to: .intake)))
        let rerouted = try workflow.decide(.route(departmentId: "parks"), on: d.state, by: specialist, at: t0).get()
        #expect(rerouted.state.status == .routed)
    }

    @Test func reroutingTellsTheOldDepartment() throws {
        let d = try run(routed + [(.route(departmentId: "parks"), head)])
        #expect(d.state.departmentId == "parks")
        #expect(d.effects.contains(.notify(.department("roads"), .reassignedAway)))
    }

    @Test func repeatLinksAndRoutes() throws {
        let d = try run([(.markRepeat(of: 3, departmentId: "roads"), specialist)])
        #expect(d.state.repeatOf == 3)
        #expect(d.state.status == .routed)
    }

    @Test func section11ClosesWithoutAnswer() throws {
        let d = try run([(.rejectSection11, specialist)])
        #expect(d.state.status == .closed)
        #expect(d.state.closure == .rejectedSection11)
    }

    @Test func cancelOnlyAtIntake() throws {
        #expect(try run([(.cancel, specialist)]).state.closure == .cancelled)
        #expect(try refusal(.cancel, by: specialist, after: routed) == .wrongStatus(.routed))
    }

    @Test func firstExecutorToTakeItHoldsIt() throws {
        let taken = try run(routed + [(.take, roads)])
        #expect(taken.state.takenBy == 2)
        #expect(taken.effects.contains(.notify(.department("roads"), .taken)))
        #expect(try refusal(.take, by: roads2, after: routed + [(.take, roads)]) == .alreadyTaken(by: 2))
        // Taking again is harmless and changes nothing.
        #expect(try run(routed + [(.take, roads), (.take, roads)]).effects.isEmpty)
    }

    /// Every refusal, as a table: (steps before, command, actor, expected refusal).
    @Test func refusals() throws {
        let cases: [([(CaseCommand, Actor)], CaseCommand, Actor, CaseRefusal)] = [
            ([], .route(departmentId: "roads"), roads, .notPermitted(needs: .specialist)),
            ([], .route(departmentId: "roads"), admin, .notPermitted(needs: .specialist)),
            (routed, .route(departmentId: "roads"), specialist, .sameDepartment),
            (onApproval, .route(departmentId: "parks"), specialist, .wrongStatus(.onApproval)),
            ([], .markRepeat(of: 10, departmentId: "roads"), specialist, .repeatOfItself),
            (routed, .markRepeat(of: 3, departmentId: "roads"), specialist, .wrongStatus(.routed)),
            ([], .markRepeat(of: 3, departmentId: "roads"), roads, .notPermitted(needs: .specialist)),
            ([], .rejectSection11, roads, .notPermitted(needs: .specialist)),
            (onApproval, .rejectSection11, specialist, .wrongStatus(.onApproval)),
            ([], .cancel, head, .notPermitted(needs: .specialist)),
            ([], .take, roads, .otherDepartment),
            (routed, .take, parks, .otherDepartment),
            (routed, .take, specialist, .notPermitted(needs: .executor)),
            (onApproval, .take, roads, .wrongStatus(.onApproval)),
            (routed, .decline(reason: "  "), roads, .emptyText),
            (routed, .decline(reason: "не наше"), parks, .otherDepartment),
            (onApproval, .decline(reason: "не наше"), roads, .wrongStatus(.onApproval)),
            (routed, .submitDraft(kind: .final, text: "", media: []), roads, .emptyText),
            (routed, .submitDraft(kind: .final, text: "x", media: []), parks, .otherDepartment),
            (onApproval, .submitDraft(kind: .final, text: "x", media: []), roads, .wrongStatus(.onApproval)),
            (routed, .approve(version: 1, editedText: nil), specialist, .wrongStatus(.routed)),
            (onApproval, .approve(version: 1, editedText: nil), roads, .notPermitted(needs: .specialist)),
            (onApproval, .approve(version: 1, editedText: nil), head, .notPermitted(needs: .specialist)),
            (onApproval, .approve(version: 1, editedText: " "), specialist, .emptyText),
            (onApproval, .returnDraft(version: 1, comment: ""), specialist, .emptyText),
            (routed, .returnDraft(version: 1, comment: "x"), specialist, .wrongStatus(.routed)),
            (onApproval, .returnDraft(version: 1, comment: "x"), roads, .notPermitted(needs: .specialist)),
            (onApproval, .markPublished(link: nil), specialist, .wrongStatus(.onApproval)),
            (onApproval + [(.approve(version: 1, editedText: nil), specialist)], .markPublished(link: nil), roads, .notPermitted(needs: .specialist)),
            (routed, .attachAuthorReply(text: "x"), specialist, .wrongStatus(.routed)),
            ([(.cancel, specialist)], .route(departmentId: "roads"), specialist, .wrongStatus(.closed)),
        ]
        for (steps, command, actor, expected) in cases {
            #expect(try refusal(command, by: actor, after: steps) == expected, "\(command) by \(actor.roles)")
        }
    }

    @Test func everyStatusIsReachable() throws {
        var seen: Set<CaseStatus> = [.intake]
        let paths: [[(CaseCommand, Actor)]] = [
            routed, routed + [(.take, roads)], onApproval, onApproval + [(.approve(version: 1, editedText: nil), specialist)],
            routed + [(.submitDraft(kind: .clarification, text: "?", media: []), roads), (.approve(version: 1, editedText: nil), specialist),
                      (.markPublished(link: nil), specialist)],
            [(.cancel, specialist)],
        ]
        for path in paths { seen.insert(try run(path).state.status) }
        #expect(seen == Set(CaseStatus.allCases))
    }
}

@Suite struct WithdrawTests {
    let workflow = Workflow(rules: FixedRules())
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func anAdminWithdrawsACaseFromItsExecutor() throws {
        let specialist = Actor(personId: 1, roles: [.specialist])
        let admin = Actor(personId: 6, roles: [.admin])
        let roads = Actor(personId: 2, roles: [.executor], departmentId: "roads")
        var c = Case(id: 1, openedAt: t0, openedBy: 1)
        c = try workflow.decide(.route(departmentId: "roads"), on: c, by: specialist, at: t0).get().state
        c = try workflow.decide(.take, on: c, by: roads, at: t0).get().state
        let d = try workflow.decide(.withdraw(reason: "доступ закрыт"), on: c, by: admin, at: t0).get()
        #expect(d.state.status == .intake && d.state.takenBy == nil && d.state.departmentId == nil)
        #expect(d.effects.contains(.notify(.department("roads"), .reassignedAway)))
        #expect(d.effects.contains(.notify(.specialists, .declined(reason: "доступ закрыт", department: "roads"))))
        if case .failure(let refusal) = workflow.decide(.withdraw(reason: "x"), on: c, by: specialist, at: t0) {
            #expect(refusal == .notPermitted(needs: .admin))
        } else {
            Issue.record("a specialist cannot withdraw")
        }
    }
}
