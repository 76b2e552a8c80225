import Casework
import Foundation
import MaxAPI
import Messaging

/// MAX's updates as the bot's events. A message in a dialog with the bot (text, the links written out
/// and behind words, photos, videos and files by their tokens, a forward's post from `link.message`
/// with its origin, the message it answers); a press on a callback button; a start as the person
/// being reachable again and, with its payload (an invitation's deep link), `/start <payload>`, as
/// Telegram brings it; a stop as the person becoming unreachable. MAX's message ids are strings:
/// `localId` gives the bot's number for each.
public enum MaxEvents {
    /// The events of one update, each with its own receipt; none for an update nothing is known by
    /// (MAX gives updates no id; see `Update.receipt`).
    public static func inbound(_ update: Update, localId: (String) throws -> Int64) rethrows -> [InboundUpdate] {
        guard let key = update.receipt else { return [] }
        let main = InboundUpdate(messenger: .max, receipt: receipt(key), event: try event(update, localId: localId))
        if case let .botStarted(started) = update {
            return [InboundUpdate(messenger: .max, receipt: receipt(key + ":reachable"),
                                  event: .reachability(person: started.user.userId, reachable: true)), main]
        }
        return [main]
    }

    /// A stable number for a receipt: FNV-1a of the text. Distinct keys meet with a chance of about one
    /// in 2^64 per pair; the dispatcher keeps a week of them.
    static func receipt(_ key: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "max:\(key)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int64(bitPattern: hash)
    }

    static func event(_ update: Update, localId: (String) throws -> Int64) rethrows -> InboundEvent {
        switch update {
        case let .messageCreated(created):
            guard let message = try message(created.message, localId: localId) else { return .ignored }
            return .message(message)
        case let .messageCallback(callback):
            let user = callback.callback.user
            return .press(ButtonPress(id: callback.callback.callbackId, from: person(user), chat: user.userId,
                                      messageId: try callback.message?.mid.map(localId), payload: callback.callback.payload))
        case let .botStarted(started):
            let payload = started.payload.map { " " + $0 } ?? ""
            return .message(InboundMessage(chat: started.user.userId, isPrivate: true, from: person(started.user),
                                           messageId: 0, text: "/start" + payload))
        case let .botStopped(stopped):
            return .reachability(person: stopped.user.userId, reachable: false)
        case .messageEdited, .other:
            return .ignored
        }
    }

    static func message(_ m: Message, localId: (String) throws -> Int64) rethrows -> InboundMessage? {
        guard let sender = m.sender, let mid = m.mid ?? m.link?.message.mid else { return nil }
        // A forward's post is in `link.message`; a comment written with it follows the post.
        let forward = m.link?.type == .forward ? m.link : nil
        let post = forward?.message ?? m.body
        var text = post?.text ?? ""
        if forward != nil, let comment = m.body?.text, !comment.isEmpty { text += text.isEmpty ? comment : "\n\n" + comment }
        let bodies = [post, forward == nil ? nil : m.body].compactMap { $0 }
        let links = bodies.flatMap { $0.markupLinks + writtenLinks(in: $0.text ?? "") }
        let media = bodies.flatMap { ($0.attachments ?? []).compactMap(Self.media) }
        let replyTo = m.link?.type == .reply ? try localId(m.link!.message.mid) : nil
        return InboundMessage(chat: sender.userId, isPrivate: m.recipient.chatType == .dialog, from: person(sender),
                              messageId: try localId(mid), text: text, links: links, media: media,
                              forwardOrigin: forward.map(origin), replyTo: replyTo)
    }

    static func person(_ user: User) -> InboundPerson {
        InboundPerson(id: user.userId, name: user.fullName, isBot: user.isBot)
    }

    /// Where the forwarded post was: a chat or channel of MAX (negative ids; its id and the post's
    /// number), else the person who wrote it (a dialog's id is positive: FACTS §10).
    static func origin(_ link: LinkedMessage) -> ForwardOriginInfo {
        if let chat = link.chatId, chat < 0 { return .maxChat(chatID: chat, messageID: link.message.seq) }
        if let user = link.sender { return .maxUser(id: user.userId, name: user.fullName) }
        return .hiddenUser(name: "")
    }

    /// A photo, video or file the bot can send on by its token (or its URL when MAX gave no token); the
    /// URL also lets the bot fetch it for another messenger.
    static func media(_ attachment: Attachment) -> MediaRef? {
        let (kind, payload): (MediaRef.Kind, (token: String?, url: String?))
        switch attachment {
        case let .image(p): (kind, payload) = (.photo, (p.token, p.url))
        case let .video(p): (kind, payload) = (.video, (p.token, p.url))
        case let .file(p, _, _): (kind, payload) = (.document, (p.token, p.url))
        default: return nil
        }
        return (payload.token ?? payload.url).map { MediaRef(kind: kind, fileId: $0, messenger: .max, url: payload.url) }
    }

    /// `http(s)://…` written out in a text (MAX marks only the links behind words).
    static func writtenLinks(in text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }).compactMap { word in
            guard let start = word.range(of: "http://") ?? word.range(of: "https://") else { return nil }
            let link = word[start.lowerBound...].trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?)»"))
            return link.count > 8 ? link : nil
        }
    }
}
