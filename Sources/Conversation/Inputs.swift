import Casework
import Foundation

/// A command typed in chat: `/case 12` → name "case", argument "12" (`/case@otklik_bot 12` too).
public struct TypedCommand: Sendable, Equatable {
    public var name: String
    public var argument: String

    public init(name: String, argument: String = "") {
        self.name = name
        self.argument = argument
    }

    /// Parses a message text that starts with `/`; nil for anything else.
    public init?(text: String) {
        guard text.hasPrefix("/") else { return nil }
        let trimmed = text.dropFirst()
        let head = trimmed.prefix { !$0.isWhitespace }
        guard !head.isEmpty else { return nil }
        let name = head.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        self.name = name.lowercased()
        self.argument = trimmed.dropFirst(head.count).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A message as the conversation needs it: plain values the runtime extracted from the update.
public struct IncomingMessage: Sendable, Equatable {
    public var messageId: Int64
    public var text: String
    public var urls: [String]
    public var media: [MediaRef]
    public var mediaGroupId: String?
    public var forwardOrigin: ForwardOriginInfo?
    /// The case of the bot's message this one replies to (a card or a preview), when it does.
    public var replyToCase: Int64?
    /// The message as a post, analysed before its transaction (it becomes a case's post, or is dropped).
    public var analysis: PostAnalysis?

    public init(messageId: Int64, text: String, urls: [String] = [], media: [MediaRef] = [], mediaGroupId: String? = nil,
                forwardOrigin: ForwardOriginInfo? = nil, replyToCase: Int64? = nil, analysis: PostAnalysis? = nil) {
        self.analysis = analysis
        self.messageId = messageId
        self.text = text
        self.urls = urls
        self.media = media
        self.mediaGroupId = mediaGroupId
        self.forwardOrigin = forwardOrigin
        self.replyToCase = replyToCase
    }

    /// A typed command, unless the message is a forward (a forwarded "/start" is a post, not a command).
    public var command: TypedCommand? { forwardOrigin == nil ? TypedCommand(text: text) : nil }

    var piece: PostPiece {
        PostPiece(messageId: messageId, text: text, urls: urls, media: media, forwardOrigin: forwardOrigin, analysis: analysis)
    }
}

/// What the conversation reacts to.
public enum ConversationInput: Sendable, Equatable {
    case message(IncomingMessage)
    /// A button press; nil when the data did not parse (forged, truncated or from an old version).
    case button(CallbackAction?)
    /// The chat's messages have settled (a short timer after the last one): a batch of forwarded
    /// posts or an album becomes one case, a draft written in several messages gets its preview.
    case settled
}
