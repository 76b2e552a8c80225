import BotAPI
import Foundation

/// A message in a chat, from a person or from the bot.
struct StoredMessage: Sendable {
    var message: Message
    var sentByBot: Bool
    var history: [Message] = []
    var parseMode: String?
    var source: String?
    var forceReply = false

    var asSent: SentMessage {
        SentMessage(message: message, history: history, parseMode: parseMode, source: source, forceReply: forceReply)
    }
}

/// One chat: its people, its messages by id (kept in order), and whether the bot may write there.
struct ChatRecord: Sendable {
    var chat: Chat
    /// The person, for private chats.
    var user: User?
    var startedBot: Bool
    var blocked = false
    var nextMessageId: Int64 = 1
    var messages: [Int64: StoredMessage] = [:]
    var order: [Int64] = []
    var botMessageIds: [Int64] = []
    /// Telegram's chat_instance: constant per chat.
    var chatInstance: String

    mutating func allocateMessageId() -> Int64 {
        defer { nextMessageId += 1 }
        return nextMessageId
    }

    mutating func store(_ stored: StoredMessage) {
        let id = stored.message.messageId
        messages[id] = stored
        order.append(id)
        if stored.sentByBot { botMessageIds.append(id) }
    }

    var sentByBot: [SentMessage] { botMessageIds.compactMap { messages[$0]?.asSent } }
    var all: [Message] { order.compactMap { messages[$0]?.message } }
}

/// A file Telegram "has": uploaded by the bot or sent by a person.
struct FileRecord: Sendable {
    var fileId: String
    var uniqueId: String
    var kind: MediaKind
    var data: Data
    var path: String
    /// For photos: every size of the same picture, smallest first.
    var photoSizes: [PhotoSize]?
    var video: Video?
    var document: Document?

    var file: File { File(fileId: fileId, fileUniqueId: uniqueId, fileSize: Int64(data.count), filePath: path) }
}
