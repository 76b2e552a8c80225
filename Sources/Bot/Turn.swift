import Casework
import Conversation
import DialogTemplates
import Foundation
import Messaging
import Store

/// A button of a message, by meaning: its text key (or literal text) and its action.
struct Button {
    var text: String
    var action: CallbackAction
    /// A button that opens a page instead (the dashboard).
    var link: Messaging.Button.Link?

    init(_ text: String, _ action: CallbackAction) {
        self.text = text
        self.action = action
    }

    init(_ text: String, link: Messaging.Button.Link) {
        self.text = text
        self.action = .dismiss
        self.link = link
    }
}

/// One handled input: the transaction, the clock reading, who acts, and helpers that queue messages.
/// Everything a turn writes commits together with the update id (or the timer's removal).
struct Turn {
    let db: StoreTransaction
    let env: BotEnvironment
    let now: Date
    /// The chat the input came from (a person's private chat: the same id as the person).
    let chatId: Int64
    let actor: Actor?
    /// Where the input came from (nil for timers): presses are answered on its messenger.
    var address: Address?
    /// Set when the input is a button press: the message the button belongs to.
    var buttonMessageId: Int64?
    /// Text for the callback answer (a toast), when the input is a button press.
    var callbackText: String?
    /// True once an intent was refused: the conversation's pending step is then dropped.
    var refused = false
    /// True when an intent already replaced the pressed message's buttons (e.g. paging).
    var keptButtons = false
    /// The conversation's next state when an intent sets it itself (a post brought in by a button).
    var nextSession: Session?

    var dialogs: Dialogs { env.dialogs }

    /// Rendered HTML as plain text, for toasts (callback answers are not parsed as HTML).
    static func plain(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    func text(_ key: DialogKey, _ values: [String: DialogValue] = [:]) -> String { dialogs.render(key, values) }

    /// The buttons as the messenger port takes them: each action's encoded form is its payload.
    static func buttons(_ rows: [[Button]]) -> [[Messaging.Button]] {
        rows.map { row in
            row.map { button in
                button.link.map { Messaging.Button(label: button.text, link: $0) }
                    ?? Messaging.Button(label: button.text, payload: button.action.encoded)
            }
        }
    }

    /// Queues what the bot says, as the requests its messenger's adapter renders; a case and purpose
    /// go with the last of them (the message that carries the buttons).
    /// The chat is a person id: the message goes to the person's address on the messenger they use,
    /// and the outbox keeps the person id as its chat, so replies and card edits find it again.
    func say(_ outgoing: Outgoing, caseId: Int64? = nil, purpose: MessagePurpose? = nil) throws {
        let requests: [WireRequest]
        if let person = outgoing.chat {
            guard let address = try deliverableAddress(of: person) else { return }
            requests = try env.renderers[address.messenger]!.requests(for: outgoing.to(address.id)).map {
                var request = $0
                request.chatId = request.chatId.map { _ in person }
                return request
            }
        } else {
            guard let messenger = address?.messenger, let renderer = env.renderers[messenger] else { return }
            requests = try renderer.requests(for: outgoing)
        }
        for (index, request) in requests.enumerated() {
            let last = index == requests.count - 1
            try db.enqueue(request, caseId: last ? caseId : nil, purpose: last ? purpose : nil, at: now)
        }
    }

    /// The address a person is written to: the preferred one, or another on a messenger the service
    /// runs (a city that stopped running Telegram still reaches a person on MAX); nil when none is.
    func deliverableAddress(of person: Int64) throws -> Address? {
        let preferred = try db.address(ofPerson: person)
        if env.renderers[preferred.messenger] != nil { return preferred }
        return try db.addresses(ofPerson: person).first { env.renderers[$0.messenger] != nil }
    }

    /// Queues a message; the adapter splits a long one, the buttons go under the last part.
    func send(to chat: Int64, _ html: String, buttons: [[Button]] = [], caseId: Int64? = nil, purpose: MessagePurpose? = nil,
              replyTo: Int64? = nil, forceReply: Bool = false) throws {
        try say(.text(to: chat, RichText(html), buttons: Self.buttons(buttons), replyTo: replyTo, forceReply: forceReply),
                caseId: caseId, purpose: purpose)
    }

    /// Queues a message to the chat the input came from.
    func reply(_ html: String, buttons: [[Button]] = [], caseId: Int64? = nil, purpose: MessagePurpose? = nil) throws {
        try send(to: chatId, html, buttons: buttons, caseId: caseId, purpose: purpose)
    }

    func notice(_ key: DialogKey, _ values: [String: DialogValue] = [:]) throws {
        try reply(text(key, values))
    }

    /// Edits a message the bot sent earlier (text and buttons).
    func edit(chat: Int64, messageId: Int64, _ html: String, buttons: [[Button]] = []) throws {
        try say(.edit(chat: chat, message: messageId, RichText(html), buttons: Self.buttons(buttons)))
    }

    /// Sends photos, videos and documents the messenger already has (a post's, a draft's) to a chat.
    func sendMedia(to chat: Int64, _ media: [MediaRef], caption: String? = nil) throws {
        guard !media.isEmpty else { return }
        try say(.media(to: chat, media, caption: caption.map { RichText($0) }))
    }

    /// People to tell, by audience; unreachable people are skipped.
    func chats(for audience: Audience) throws -> [Int64] {
        let people: [Person]
        switch audience {
        case .specialists: people = try db.people(withRole: .specialist)
        case let .department(id): people = try db.people(inDepartment: id).filter { $0.roles.contains(.executor) }
        case let .person(id): people = try db.person(id: id).map { [$0] } ?? []
        case .heads: people = try db.people(withRole: .head)
        }
        return people.filter { $0.active && !$0.unreachable }.map(\.id)
    }

    func personName(_ id: Int64?) throws -> String {
        guard let id else { return "—" }
        return try db.person(id: id)?.name ?? "id \(id)"
    }

    func date(_ instant: Date) -> String { dialogs.dates.dateTime(instant, in: env.zone.timeZone, now: now) }
}
