import Casework

/// Who wrote or pressed, as any messenger tells it.
public struct InboundPerson: Sendable, Hashable {
    /// The person's id on their messenger (on Telegram and MAX also their private chat's id).
    public var id: Int64
    /// First and last name as the messenger shows them.
    public var name: String
    public var isBot: Bool

    public init(id: Int64, name: String, isBot: Bool = false) {
        self.id = id
        self.name = name
        self.isBot = isBot
    }
}

/// A message that came in.
public struct InboundMessage: Sendable, Hashable {
    public var chat: Int64
    /// A person's private chat with the bot (the bot answers nowhere else).
    public var isPrivate: Bool
    public var from: InboundPerson?
    public var messageId: Int64
    /// The text, or a photo's caption.
    public var text: String
    /// The links in it: those written out and those behind words.
    public var links: [String]
    public var media: [MediaRef]
    /// Messages sent together as one album share this.
    public var albumId: String?
    public var forwardOrigin: ForwardOriginInfo?
    /// The message of the chat this one answers.
    public var replyTo: Int64?

    public init(chat: Int64, isPrivate: Bool, from: InboundPerson?, messageId: Int64, text: String, links: [String] = [],
                media: [MediaRef] = [], albumId: String? = nil, forwardOrigin: ForwardOriginInfo? = nil, replyTo: Int64? = nil) {
        self.chat = chat; self.isPrivate = isPrivate; self.from = from; self.messageId = messageId; self.text = text
        self.links = links; self.media = media; self.albumId = albumId; self.forwardOrigin = forwardOrigin; self.replyTo = replyTo
    }
}

/// A press on one of the bot's buttons.
public struct ButtonPress: Sendable, Hashable {
    /// What the answer to the press refers to (`Outgoing.answerPress`).
    public var id: String
    public var from: InboundPerson
    public var chat: Int64
    /// The message the button is under, when the messenger still has it.
    public var messageId: Int64?
    /// The button's payload, as the bot set it; never trusted.
    public var payload: String?

    public init(id: String, from: InboundPerson, chat: Int64, messageId: Int64?, payload: String?) {
        self.id = id; self.from = from; self.chat = chat; self.messageId = messageId; self.payload = payload
    }
}

/// What happened, in no messenger's terms.
public enum InboundEvent: Sendable, Hashable {
    case message(InboundMessage)
    case press(ButtonPress)
    /// The person stopped (blocked) the bot, or came back.
    case reachability(person: Int64, reachable: Bool)
    /// Something the bot does not act on (an edit of an old message, a kind it does not know).
    case ignored
}

/// An event with the receipt it is handled under: handled once, recorded with what it changed.
public struct InboundUpdate: Sendable, Hashable {
    /// The messenger it came from: the ids in the event are that messenger's.
    public var messenger: Messenger
    /// Unique per messenger (Telegram's update id); the dispatcher records it in the transaction.
    public var receipt: Int64
    public var event: InboundEvent

    public init(messenger: Messenger, receipt: Int64, event: InboundEvent) {
        self.messenger = messenger
        self.receipt = receipt
        self.event = event
    }

    /// The chat whose order the event keeps, if any.
    public var chat: Int64? {
        switch event {
        case let .message(m): return m.chat
        case let .press(p): return p.chat
        case let .reachability(person, _): return person
        case .ignored: return nil
        }
    }
}
