import Casework
import Conversation
import DialogTemplates
import Engine
import Foundation
import Logging
import Messaging
import Store

/// The bot: turns an update (or a fired timer) into conversation input, runs the pure decision, and
/// carries out its intents inside the caller's write transaction.
public struct BotHandler: UpdateHandling, TimerHandling {
    public let env: BotEnvironment

    public init(env: BotEnvironment) { self.env = env }

    /// Handles one update, with its post's analysis when it may be a post. Throws only on store
    /// errors; the caller rolls back this update alone.
    public func handle(_ update: InboundUpdate, prepared analysis: PostAnalysis?, in db: StoreTransaction, now: Date) throws {
        // Everything below knows the person by their person id; the address stays for answering.
        guard let (person, address) = try person(of: update, in: db) else { return }
        try settleIfDue(person, in: db, now: now)
        let actor = try db.actor(personId: person)
        // Someone known writing from another of their messengers is answered there from now on (with
        // one messenger running there is nothing to choose: no write on every update).
        if actor != nil, env.renderers.count > 1 { try db.prefer(address, personId: person) }
        switch update.event {
        case let .message(message):
            guard message.isPrivate, let from = message.from, !from.isBot else { return }
            var incoming = try incoming(message, chat: person, db)
            incoming.analysis = analysis
            var turn = Turn(db: db, env: env, now: now, chatId: person, actor: actor, address: address)
            try converse(.message(incoming), &turn, sender: from)
        case let .press(press):
            var turn = Turn(db: db, env: env, now: now, chatId: person, actor: actor, address: address)
            turn.buttonMessageId = press.messageId
            let action = press.payload.flatMap(CallbackAction.init(encoded:))
            try converse(.button(action), &turn, sender: press.from)
            // Always answer, or the person's button keeps spinning.
            try turn.say(.answerPress(id: press.id, text: turn.callbackText))
        case let .reachability(_, reachable):
            guard let known = try db.person(id: person), known.unreachable == reachable else { return }
            try db.markUnreachable(personId: person, !reachable)
            // Stopped or blocked: the admins hear of it once, as when a message to them is refused.
            if !reachable { try personUnreachable(person, in: db, now: now) }
        case .ignored:
            return
        }
    }

    /// The person an update is from (their person id, or the id they would get: a stranger's), and
    /// the address they wrote from; nil for updates from nobody the bot answers.
    private func person(of update: InboundUpdate, in db: StoreTransaction) throws -> (Int64, Address)? {
        let external: Int64?
        switch update.event {
        case let .message(m): external = m.isPrivate ? m.from?.id : nil
        case let .press(p): external = p.from.id
        case let .reachability(person, _): external = person
        case .ignored: external = nil
        }
        guard let external else { return nil }
        let address = Address(update.messenger, external)
        guard let id = try db.personId(at: address) ?? PersonIds.firstId(for: address) else { return nil }
        return (id, address)
    }

    /// Tells the chat that its update could not be handled (after the failed attempt was rolled back).
    public func apologize(for update: InboundUpdate, in db: StoreTransaction, now: Date) throws {
        guard let (person, address) = try person(of: update, in: db), try db.actor(personId: person) != nil else { return }
        let turn = Turn(db: db, env: env, now: now, chatId: person, actor: nil, address: address)
        try turn.notice(.errorGeneric)
        if case let .press(press) = update.event { try turn.say(.answerPress(id: press.id)) }
    }

    /// A chat's messages settle once its settle delay has passed, whether or not the scheduler has
    /// fired the timer yet: a message arriving later starts a new case rather than joining a batch
    /// that already settled (a busy scheduler used to merge posts sent seconds apart).
    private func settleIfDue(_ chat: Int64, in db: StoreTransaction, now: Date) throws {
        guard let timer = try db.dueTimer(kind: .settle, personId: chat, upTo: now) else { return }
        try db.deleteTimer(id: timer.id!)
        try handleTimer(timer, in: db, now: now)
    }

    /// The settle timer of a chat fired: a batch of posts becomes a case, a draft gets its preview.
    func settle(chatId: Int64, in db: StoreTransaction, now: Date) throws {
        var turn = Turn(db: db, env: env, now: now, chatId: chatId, actor: try db.actor(personId: chatId))
        guard let actor = turn.actor else { return }
        if try waitsForVK(chatId, actor: actor, in: db, now: now) { return }
        try converse(.settled, &turn, sender: nil)
    }

    private func converse(_ input: ConversationInput, _ turn: inout Turn, sender: InboundPerson?) throws {
        var stored = try StoredSession.load(turn.db, chatId: turn.chatId)
        let loaded = stored
        guard turn.actor != nil else {
            try stranger(input, &turn, &stored, sender: sender)
            return
        }
        let decision = Conversation.decide(input, session: stored.state, actor: turn.actor)
        stored.state = decision.session
        for intent in decision.intents {
            try execute(intent, &turn, sender: sender)
        }
        if let next = turn.nextSession { stored.state = next }
        if turn.refused, stored.state.caseId != nil { stored.state = .idle }
        if stored != loaded { try stored.save(turn.db, chatId: turn.chatId, at: turn.now) }
        try retireButtons(&turn)
    }

    /// A button that did its job goes away (a confirmation, an approval, a preview), so nobody presses
    /// it twice; case cards are re-rendered by the workflow instead, and menus that page keep theirs.
    private func retireButtons(_ turn: inout Turn) throws {
        guard let message = turn.buttonMessageId, !turn.refused, !turn.keptButtons else { return }
        if try turn.db.messageLink(chatId: turn.chatId, messageId: message)?.purpose == .card { return }
        try turn.say(.editButtons(chat: turn.chatId, message: message, buttons: []))
    }

    /// Strangers hear about invitations at most once a minute, and nothing else; `/start TOKEN` joins.
    private func stranger(_ input: ConversationInput, _ turn: inout Turn, _ stored: inout StoredSession, sender: InboundPerson?) throws {
        let decision = Conversation.decide(input, session: .idle, actor: nil)
        for intent in decision.intents {
            if case let .redeemInvitation(token) = intent {
                try redeem(token: token, &turn, sender: sender)
                return
            }
        }
        guard !decision.intents.isEmpty else { return }
        if let last = stored.strangerNoticeAt, turn.now.timeIntervalSince(last) < env.strangerNoticeInterval { return }
        stored.strangerNoticeAt = turn.now
        try turn.notice(.errorNoAccess)
        try stored.save(turn.db, chatId: turn.chatId, at: turn.now)
    }

    // MARK: Intents

    private func execute(_ intent: Intent, _ turn: inout Turn, sender: InboundPerson?) throws {
        switch intent {
        case let .notice(notice): try show(notice, &turn)
        case let .redeemInvitation(token): try redeem(token: token, &turn, sender: sender)
        case .scheduleSettle:
            try turn.db.setTimer(kind: .settle, personId: turn.chatId,
                                 dueAt: turn.now.addingTimeInterval(env.settleDelay), at: turn.now)
        case let .openCase(pieces): try openCase(pieces, &turn)
        case let .splitIntake(caseId): try split(caseId, &turn)
        case let .apply(caseId, command):
            let result = try apply(command, to: caseId, &turn)
            // A clarification published by hand: its VK thread is watched for the author's reply.
            if case .markPublished = command, let result, result.status == .waitingForAuthor, let actor = turn.actor {
                try watchVKThread(caseId, published: nil, by: actor.personId, in: turn.db, now: turn.now)
            }
        case let .markRepeat(caseId, earlierId): try markRepeat(caseId, of: earlierId, &turn)
        case let .showDepartments(caseId, page): try showDepartments(caseId, page: page, &turn)
        case let .confirmSection11(caseId): try confirmSection11(caseId, &turn)
        case let .clearThreatAlarm(caseId): try clearThreatAlarm(caseId, &turn)
        case let .beginDraft(caseId, kind): try beginDraft(caseId, kind, &turn)
        case let .previewDraft(caseId, kind, buffer): try preview(caseId, kind, buffer, &turn)
        case let .submitDraft(caseId, kind, buffer): try submit(caseId, kind, buffer, &turn)
        case let .approve(caseId, version, edited): try approve(caseId, version: version, edited: edited, &turn)
        case let .returnDraft(caseId, version, comment): try returnDraft(caseId, version: version, comment: comment, &turn)
        case let .sendDraftTextForEditing(caseId): try sendTextForEditing(caseId, &turn)
        case let .publishToVK(caseId, version, bare): try publishToVK(caseId, version: version, withoutLinks: bare, &turn)
        case let .answerVKCaptcha(caseId, text): try answerVKCaptcha(caseId, text: text, &turn)
        case let .openVKComment(caseId, commentId): try openVKComment(caseId, commentId: commentId, &turn)
        case let .specialistReplied(caseId, text): try specialistReplied(caseId, text, &turn)
        case let .showCase(caseId): try showCase(caseId, &turn)
        case .listMyCases: try listMyCases(&turn)
        case let .find(words): try find(words, &turn)
        case .overdue: try overdue(&turn)
        case let .report(period): try report(period, &turn)
        case .dashboard: try dashboard(&turn)
        case let .export(period): try export(period, &turn)
        case .staff: try staff(&turn)
        case .inviteMenu: try inviteMenu(&turn)
        case let .invite(role, department): try invite(role, department, &turn)
        case .revokeMenu: try revokeMenu(&turn)
        case let .confirmRevoke(personId): try confirmRevoke(personId, &turn)
        case let .revoke(personId): try revoke(personId, &turn)
        case .dismiss:
            // The buttons go with every finished press (see retireButtons).
            turn.callbackText = Turn.plain(turn.text("common.cancelled"))
        }
    }

    /// Turns a message into plain conversation input.
    private func incoming(_ m: InboundMessage, chat: Int64, _ db: StoreTransaction) throws -> IncomingMessage {
        var replyToCase: Int64?
        if let replied = m.replyTo { replyToCase = try db.messageLink(chatId: chat, messageId: replied)?.caseId }
        return IncomingMessage(messageId: m.messageId, text: m.text, urls: m.links, media: m.media, mediaGroupId: m.albumId,
                               forwardOrigin: m.forwardOrigin, replyToCase: replyToCase)
    }
}
