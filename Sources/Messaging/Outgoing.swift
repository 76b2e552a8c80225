import Casework
import Foundation

/// Text with the few marks the bot uses — `<b>`, `<i>`, `<u>`, `<s>`, `<code>`, `<pre>`,
/// `<blockquote>`, `<a href>` and the entities `&lt; &gt; &amp; &quot;` — as the texts in `Dialogs/`
/// write it. Each messenger's adapter renders it in that messenger's dialect and splits it to that
/// messenger's length limit.
public struct RichText: Sendable, Hashable, ExpressibleByStringLiteral {
    public var markup: String

    public init(_ markup: String) { self.markup = markup }
    public init(stringLiteral value: String) { markup = value }

    /// Plain text that may contain `<`, `>`, `&` (a citizen's post), made safe to put inside rich text.
    public static func escaping(_ plain: String) -> String {
        var out = ""
        out.reserveCapacity(plain.utf8.count)
        for ch in plain {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// A button under a message: what it says and what pressing it sends back (opaque to the adapter,
/// which checks it fits its messenger: 64 bytes on Telegram).
public struct Button: Sendable, Hashable {
    public var label: String
    public var payload: String
    /// A button that opens a page instead of sending a payload.
    public var link: Link?

    /// Where a link button leads: a web page, or (where the messenger has them) the same page as a mini
    /// app inside the messenger, which hands the page who is opening it; elsewhere a plain link.
    public enum Link: Sendable, Hashable {
        case url(String)
        case webApp(String)

        public var url: String {
            switch self {
            case let .url(url), let .webApp(url): url
            }
        }
    }

    public init(label: String, payload: String) {
        self.label = label
        self.payload = payload
    }

    public init(label: String, link: Link) {
        self.label = label
        self.payload = ""
        self.link = link
    }
}

/// Something the bot says, in no messenger's terms. The adapter renders each into one or more
/// requests (a long text becomes several messages, ten photos an album).
public enum Outgoing: Sendable, Hashable {
    /// A message; `buttons` go under its last part. `replyTo` quotes a message of the chat;
    /// `forceReply` opens the reply field (the buttons are then left out).
    case text(to: Int64, RichText, buttons: [[Button]] = [], replyTo: Int64? = nil, forceReply: Bool = false)
    /// New text and buttons for a message the bot sent earlier.
    case edit(chat: Int64, message: Int64, RichText, buttons: [[Button]] = [])
    /// New buttons (none: remove them) for a message the bot sent earlier.
    case editButtons(chat: Int64, message: Int64, buttons: [[Button]])
    /// The answer to a button press (`id` as the press came); `text` shows briefly.
    case answerPress(id: String, text: String? = nil)
    /// Photos, videos and documents the messenger already has (a post's, a draft's), the caption on the first.
    case media(to: Int64, [MediaRef], caption: RichText? = nil)
    /// A file uploaded with the message.
    case file(to: Int64, FileUpload, caption: RichText? = nil)
    /// A picture made by the bot (a report's chart), uploaded with the message and shown as a photo.
    case image(to: Int64, FileUpload, caption: RichText? = nil)
}

extension Outgoing {
    /// The chat it goes to; nil for an answer to a button press.
    public var chat: Int64? {
        switch self {
        case let .text(to, _, _, _, _), let .media(to, _, _), let .file(to, _, _), let .image(to, _, _): to
        case let .edit(chat, _, _, _), let .editButtons(chat, _, _): chat
        case .answerPress: nil
        }
    }

    /// The same, to another chat id (the bot's person id becomes the person's id on their messenger).
    public func to(_ chat: Int64) -> Outgoing {
        switch self {
        case let .text(_, text, buttons, replyTo, forceReply): .text(to: chat, text, buttons: buttons, replyTo: replyTo, forceReply: forceReply)
        case let .media(_, media, caption): .media(to: chat, media, caption: caption)
        case let .file(_, file, caption): .file(to: chat, file, caption: caption)
        case let .image(_, file, caption): .image(to: chat, file, caption: caption)
        case let .edit(_, message, text, buttons): .edit(chat: chat, message: message, text, buttons: buttons)
        case let .editButtons(_, message, buttons): .editButtons(chat: chat, message: message, buttons: buttons)
        case .answerPress: self
        }
    }
}

/// Renders what the bot says as the requests of one messenger, ready for the outbox.
public protocol MessageRenderer: Sendable {
    var messenger: Messenger { get }
    /// The requests `outgoing` becomes, in the order they must be sent. Throws when it cannot be said
    /// on this messenger (a button payload too long).
    func requests(for outgoing: Outgoing) throws -> [WireRequest]
}
