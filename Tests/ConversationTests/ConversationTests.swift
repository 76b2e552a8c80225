import Casework
import Testing
@testable import Conversation

@Suite struct ConversationTests {
    let specialist = Actor(personId: 1, roles: [.specialist])
    let executor = Actor(personId: 2, roles: [.executor], departmentId: "roads")
    let admin = Actor(personId: 3, roles: [.admin])
    let head = Actor(personId: 4, roles: [.head])

    func say(_ text: String, replyTo: Int64? = nil, media: [MediaRef] = [], origin: ForwardOriginInfo? = nil) -> ConversationInput {
        .message(IncomingMessage(messageId: 1, text: text, media: media, forwardOrigin: origin, replyToCase: replyTo))
    }

    @Test func strangersGetOnlyTheInvitationHintOrRedeemATokenWithStart() {
        #expect(Conversation.decide(say("привет"), session: .idle, actor: nil).intents == [.notice(.accessByInvitation)])
        #expect(Conversation.decide(.button(.take(caseId: 1)), session: .idle, actor: nil).intents == [.notice(.accessByInvitation)])
        #expect(Conversation.decide(say("/start AbC_12-x"), session: .idle, actor: nil).intents == [.redeemInvitation(token: "AbC_12-x")])
        #expect(Conversation.decide(say("/start"), session: .idle, actor: nil).intents == [.notice(.accessByInvitation)])
    }

    @Test func parsesCommandsWithBotNamesAndArguments() {
        #expect(TypedCommand(text: "/case@otklik_bot  12 ") == TypedCommand(name: "case", argument: "12"))
        #expect(TypedCommand(text: "/FIND яма Ленина") == TypedCommand(name: "find", argument: "яма Ленина"))
        #expect(TypedCommand(text: "/") == nil)
        #expect(TypedCommand(text: "просто текст") == nil)
    }

    @Test func aForwardedCommandIsAPostNotACommand() {
        let d = Conversation.decide(say("/start", origin: .hiddenUser(name: "Житель")), session: .idle, actor: specialist)
        #expect(d.session == .collectingIntake([PostPiece(messageId: 1, text: "/start", forwardOrigin: .hiddenUser(name: "Житель"))]))
    }

    @Test func specialistsPostsCollectIntoOneIntakeUntilSettled() {
        var d = Conversation.decide(say("Яма на Ленина"), session: .idle, actor: specialist)
        #expect(d.intents == [.scheduleSettle])
        d = Conversation.decide(say("", media: [.init(kind: .photo, fileId: "P")]), session: d.session, actor: specialist)
        guard case let .collectingIntake(pieces) = d.session else { Issue.record("not collecting"); return }
        #expect(pieces.count == 2)
        let settled = Conversation.decide(.settled, session: d.session, actor: specialist)
        #expect(settled.session == .idle)
        #expect(settled.intents == [.openCase(pieces)])
    }

    @Test func executorDraftsAcrossSeveralMessagesThenSends() {
        var d = Conversation.decide(.button(.startDraft(caseId: 7, kind: .interim)), session: .idle, actor: executor)
        #expect(d.intents == [.beginDraft(caseId: 7, kind: .interim), .notice(.writeInterim)])
        d = Conversation.decide(say("Работы запланированы на завтра"), session: d.session, actor: executor)
        d = Conversation.decide(say("", media: [.init(kind: .photo, fileId: "F")]), session: d.session, actor: executor)
        let buffer = DraftBuffer(texts: ["Работы запланированы на завтра"], media: [.init(kind: .photo, fileId: "F")])
        #expect(d.session == .composingDraft(caseId: 7, kind: .interim, buffer: buffer))
        #expect(Conversation.decide(.settled, session: d.session, actor: executor).intents == [.previewDraft(caseId: 7, kind: .interim, buffer)])
        let sent = Conversation.decide(.button(.sendDraft(caseId: 7)), session: d.session, actor: executor)
        #expect(sent.session == .idle)
        #expect(sent.intents == [.submitDraft(caseId: 7, kind: .interim, buffer)])
    }

    @Test func replyingToACardStartsAFinalDraftForAnExecutor() {
        let d = Conversation.decide(say("Яму заделали", replyTo: 9), session: .idle, actor: executor)
        #expect(d.intents == [.beginDraft(caseId: 9, kind: .final), .scheduleSettle])
        #expect(d.session == .composingDraft(caseId: 9, kind: .final, buffer: DraftBuffer(texts: ["Яму заделали"])))
    }

    @Test func aSpecialistsReplyToACardIsTheAuthorsReply() {
        let d = Conversation.decide(say("Автор уточнил: дом 5", replyTo: 9), session: .idle, actor: specialist)
        #expect(d.intents == [.specialistReplied(caseId: 9, text: "Автор уточнил: дом 5")])
    }

    @Test func promptsTakeTheNextText() {
        let steps: [(CallbackAction, Actor, String, Intent)] = [
            (.decline(caseId: 3), executor, "Это не дороги", .apply(caseId: 3, .decline(reason: "Это не дороги"))),
            (.returnDraft(caseId: 3, version: 2), specialist, "Нужны фото", .returnDraft(caseId: 3, version: 2, comment: "Нужны фото")),
            (.editThenApprove(caseId: 3, version: 2), specialist, "Новый текст", .approve(caseId: 3, version: 2, editedText: "Новый текст")),
            (.publishedWithLink(caseId: 3), specialist, "https://vk.com/wall-1_2", .apply(caseId: 3, .markPublished(link: "https://vk.com/wall-1_2"))),
            (.attachAuthorReply(caseId: 3), specialist, "Дом 5", .apply(caseId: 3, .attachAuthorReply(text: "Дом 5"))),
            (.askRepeatNumber(caseId: 3), specialist, "№ 2", .markRepeat(caseId: 3, earlierId: 2)),
        ]
        for (button, actor, text, expected) in steps {
            let asked = Conversation.decide(.button(button), session: .idle, actor: actor)
            #expect(asked.session != .idle, "\(button)")
            // A photo without text does not answer the prompt.
            let photo = Conversation.decide(say("", media: [.init(kind: .photo, fileId: "x")]), session: asked.session, actor: actor)
            #expect(photo.session == asked.session, "\(button)")
            let answered = Conversation.decide(say(text), session: asked.session, actor: actor)
            #expect(answered.intents == [expected], "\(button)")
            #expect(answered.session == .idle)
        }
    }

    @Test func cancelLeavesAnyHalfDoneStep() {
        let d = Conversation.decide(say("/cancel"), session: .awaitingDeclineReason(caseId: 3), actor: executor)
        #expect(d.session == .idle)
        #expect(d.intents == [.notice(.cancelled)])
        #expect(Conversation.decide(say("/cancel"), session: .idle, actor: executor).intents == [.notice(.nothingToCancel)])
    }

    @Test func rolesFilterButtonsAndCommands() {
        #expect(Conversation.decide(.button(.approve(caseId: 1, version: 1)), session: .idle, actor: executor).intents == [.notice(.notAllowed)])
        #expect(Conversation.decide(.button(.take(caseId: 1)), session: .idle, actor: specialist).intents == [.notice(.notAllowed)])
        #expect(Conversation.decide(say("/invite"), session: .idle, actor: specialist).intents == [.notice(.notAllowed)])
        #expect(Conversation.decide(say("/invite"), session: .idle, actor: admin).intents == [.inviteMenu])
        #expect(Conversation.decide(say("/staff"), session: .idle, actor: head).intents == [.staff])
        #expect(Conversation.decide(say("/new"), session: .idle, actor: executor).intents == [.notice(.notAllowed)])
        #expect(Conversation.decide(.button(nil), session: .idle, actor: admin).intents == [.notice(.staleButton)])
    }

    @Test func aSendButtonFromAnotherDraftIsStale() {
        let session = Session.composingDraft(caseId: 5, kind: .final, buffer: DraftBuffer(texts: ["x"]))
        #expect(Conversation.decide(.button(.sendDraft(caseId: 6)), session: session, actor: executor).intents == [.notice(.staleButton)])
        #expect(Conversation.decide(.button(.sendDraft(caseId: 5)), session: .composingDraft(caseId: 5, kind: .final, buffer: DraftBuffer()),
                                    actor: executor).intents == [.notice(.nothingToSend)])
    }

    @Test func executorsAndHeadsWithoutAContextGetAHint() {
        #expect(Conversation.decide(say("что делать?"), session: .idle, actor: executor).intents == [.notice(.executorHint)])
        #expect(Conversation.decide(say("отчёт"), session: .idle, actor: head).intents == [.notice(.help)])
    }

    @Test func commandsAndTheirUsage() {
        #expect(Conversation.decide(say("/case №12"), session: .idle, actor: head).intents == [.showCase(caseId: 12)])
        #expect(Conversation.decide(say("/case x"), session: .idle, actor: head).intents == [.notice(.caseNumberUsage)])
        #expect(Conversation.decide(say("/find"), session: .idle, actor: head).intents == [.notice(.findUsage)])
        #expect(Conversation.decide(say("/report 2026-11"), session: .idle, actor: head).intents == [.report(period: "2026-11")])
        #expect(Conversation.decide(say("/whatever"), session: .idle, actor: head).intents == [.notice(.unknownCommand)])
    }
}
