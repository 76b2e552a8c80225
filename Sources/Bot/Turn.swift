import BotAPI
import Casework
import Conversation
import DialogTemplates
import Foundation
import Store

/// A button of a message, by meaning: its text key (or literal text) and its action.
struct Button {
    var text: String
    var action: CallbackAction

    init(_ text: String, _ action: CallbackAction) {
        self.text = text
        self.action = action
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
    /// Set when the input is a button press: the message the button belongs to.
    var buttonMessageId: Int64?
    /// Text for the callback answer (a toast), when the input is a button press.
    var callbackText: String?
    /// True once an intent was refused: the conversation's pending step is then dropped.
    var refused = false
    /// True when an intent already replaced the pressed message's buttons (e.g. paging).
    var keptButtons = false

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

    func keyboard(_ rows: [[Button]]) -> InlineKeyboardMarkup? {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return nil }
        return InlineKeyboardMarkup(rows.map { $0.map { InlineKeyboardButton(text: $0.text, callbackData: $0.action.encoded) } })
    }

    /// Queues a message; long texts are split at paragraph breaks, the buttons go under the last part.
    func send(to chat: Int64, _ html: String, buttons: [[Button]] = [], caseId: Int64? = nil, purpose: String? = nil,
              replyTo: Int64? = nil, forceReply: Bool = false) throws {
        let parts = HTMLText.split(html, limit: 4096)
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            var markup: ReplyMarkup?
            if last, let k = keyboard(buttons) { markup = .inlineKeyboard(k) }
            if last, forceReply { markup = .forceReply(ForceReply()) }
            try db.enqueue(.message(SendMessage(chatId: chat, text: part, replyMarkup: markup,
                                                replyTo: index == 0 ? replyTo : nil)),
                           caseId: last ? caseId : nil, purpose: last ? purpose : nil, at: now)
        }
    }

    /// Queues a message to the chat the input came from.
    func reply(_ html: String, buttons: [[Button]] = [], caseId: Int64? = nil, purpose: String? = nil) throws {
        try send(to: chatId, html, buttons: buttons, caseId: caseId, purpose: purpose)
    }

    func notice(_ key: DialogKey, _ values: [String: DialogValue] = [:]) throws {
        try reply(text(key, values))
    }

    /// Edits a message the bot sent earlier (text and buttons).
    func edit(chat: Int64, messageId: Int64, _ html: String, buttons: [[Button]] = []) throws {
        let text = HTMLText.split(html, limit: 4096).first ?? html
        try db.enqueue(.editText(EditMessageText(chatId: chat, messageId: messageId, text: text,
                                                 replyMarkup: keyboard(buttons))), at: now)
    }

    /// Sends photos, videos and documents (by file id) to a chat: one item alone, 2–10 as albums.
    func sendMedia(to chat: Int64, _ media: [MediaRef], caption: String? = nil) throws {
        guard !media.isEmpty else { return }
        let documents = media.filter { $0.kind == .document }
        let visual = media.filter { $0.kind != .document }
        // Telegram does not mix documents with photos and videos in one album.
        for (groupIndex, group) in [visual, documents].filter({ !$0.isEmpty }).enumerated() {
            var start = 0
            while start < group.count {
                let chunk = Array(group[start..<min(start + 10, group.count)])
                let cap = start == 0 && groupIndex == 0 ? caption : nil
                if chunk.count == 1 {
                    let item = chunk[0]
                    switch item.kind {
                    case .photo: try db.enqueue(.photo(SendPhoto(chatId: chat, photo: .existing(item.fileId), caption: cap)), at: now)
                    case .video: try db.enqueue(.video(SendVideo(chatId: chat, video: .existing(item.fileId), caption: cap)), at: now)
                    case .document:
                        try db.enqueue(.document(SendDocument(chatId: chat, document: .existing(item.fileId), caption: cap)), at: now)
                    }
                } else {
                    let items: [InputMedia] = chunk.enumerated().map { i, m in
                        let c = i == 0 ? cap : nil
                        switch m.kind {
                        case .photo: return .photo(.existing(m.fileId), caption: c, parseMode: c == nil ? nil : "HTML")
                        case .video: return .video(.existing(m.fileId), caption: c, parseMode: c == nil ? nil : "HTML")
                        case .document: return .document(.existing(m.fileId), caption: c, parseMode: c == nil ? nil : "HTML")
                        }
                    }
                    try db.enqueue(.mediaGroup(SendMediaGroup(chatId: chat, media: items)), at: now)
                }
                start += 10
            }
        }
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
