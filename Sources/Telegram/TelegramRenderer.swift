import BotAPI
import Casework
import Foundation
import Messaging

/// What the bot says, as Telegram's Bot API takes it: rich text as Telegram's HTML (our marks are a
/// subset of it), split at 4,096 visible characters (1,024 for a caption), buttons as an inline
/// keyboard whose callback data must fit 64 bytes, media as single sends or albums of up to ten.
public struct TelegramRenderer: MessageRenderer {
    public static let textLimit = 4096
    public static let captionLimit = 1024
    public static let callbackDataLimit = 64

    public var messenger: Messenger { .telegram }

    public init() {}

    /// A button whose payload Telegram would refuse (more than 64 bytes of callback data).
    public struct PayloadTooLong: Error, CustomStringConvertible {
        public var payload: String
        public var description: String { "a button's payload is \(payload.utf8.count) bytes; Telegram takes 64: \(payload)" }
    }

    public func requests(for outgoing: Outgoing) throws -> [WireRequest] {
        try telegramRequests(for: outgoing).map { try $0.wireRequest() }
    }

    /// The same, as typed Bot API calls.
    public func telegramRequests(for outgoing: Outgoing) throws -> [OutboundRequest] {
        switch outgoing {
        case let .text(chat, text, buttons, replyTo, forceReply):
            let parts = RichText.split(text.markup, limit: Self.textLimit)
            return try parts.enumerated().map { index, part in
                let last = index == parts.count - 1
                var markup: ReplyMarkup?
                if last, let keyboard = try keyboard(buttons) { markup = .inlineKeyboard(keyboard) }
                if last, forceReply { markup = .forceReply(ForceReply()) }
                return .message(SendMessage(chatId: chat, text: part, replyMarkup: markup, replyTo: index == 0 ? replyTo : nil))
            }
        case let .edit(chat, message, text, buttons):
            let first = RichText.split(text.markup, limit: Self.textLimit).first ?? text.markup
            return [.editText(EditMessageText(chatId: chat, messageId: message, text: first, replyMarkup: try keyboard(buttons)))]
        case let .editButtons(chat, message, buttons):
            return [.editMarkup(EditMessageReplyMarkup(chatId: chat, messageId: message, replyMarkup: try keyboard(buttons)))]
        case let .answerPress(id, text):
            return [.answerCallback(AnswerCallbackQuery(callbackQueryId: id, text: text))]
        case let .media(chat, items, caption):
            return media(to: chat, items, caption: caption.map { Self.caption($0) })
        case let .file(chat, upload, caption):
            return [.document(SendDocument(chatId: chat, document: .upload(upload), caption: caption.map { Self.caption($0) }))]
        case let .image(chat, upload, caption):
            return [.photo(SendPhoto(chatId: chat, photo: .upload(upload), caption: caption.map { Self.caption($0) }))]
        }
    }

    static func caption(_ text: RichText) -> String {
        RichText.split(text.markup, limit: captionLimit).first ?? text.markup
    }

    func keyboard(_ rows: [[Button]]) throws -> InlineKeyboardMarkup? {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return nil }
        return InlineKeyboardMarkup(try rows.map { row in
            try row.map { button in
                switch button.link {
                case let .url(url)?: return InlineKeyboardButton(text: button.label, url: url)
                case let .webApp(url)?: return InlineKeyboardButton(text: button.label, webApp: WebAppInfo(url: url))
                case nil: break
                }
                guard button.payload.utf8.count <= Self.callbackDataLimit else { throw PayloadTooLong(payload: button.payload) }
                return InlineKeyboardButton(text: button.label, callbackData: button.payload)
            }
        })
    }

    /// One item alone, 2–10 as an album; Telegram does not mix documents with photos and videos in one.
    /// Another messenger's files go as uploads, fetched from it when sent (`MediaRelay`).
    func media(to chat: Int64, _ items: [MediaRef], caption: String?) -> [OutboundRequest] {
        var out: [OutboundRequest] = []
        let groups = [items.filter { $0.kind != .document }, items.filter { $0.kind == .document }].filter { !$0.isEmpty }
        for (groupIndex, group) in groups.enumerated() {
            var start = 0
            while start < group.count {
                let chunk = Array(group[start..<min(start + 10, group.count)])
                let cap = start == 0 && groupIndex == 0 ? caption : nil
                let files = chunk.enumerated().map { i, m in
                    m.messenger == .telegram ? InputFile.existing(m.fileId) : .upload(FileUpload(partName: "media\(i)", relaying: m))
                }
                if chunk.count == 1 {
                    switch chunk[0].kind {
                    case .photo: out.append(.photo(SendPhoto(chatId: chat, photo: files[0], caption: cap)))
                    case .video: out.append(.video(SendVideo(chatId: chat, video: files[0], caption: cap)))
                    case .document: out.append(.document(SendDocument(chatId: chat, document: files[0], caption: cap)))
                    }
                } else {
                    let album: [InputMedia] = zip(chunk, files).enumerated().map { i, item in
                        let c = i == 0 ? cap : nil
                        switch item.0.kind {
                        case .photo: return .photo(item.1, caption: c, parseMode: c == nil ? nil : "HTML")
                        case .video: return .video(item.1, caption: c, parseMode: c == nil ? nil : "HTML")
                        case .document: return .document(item.1, caption: c, parseMode: c == nil ? nil : "HTML")
                        }
                    }
                    out.append(.mediaGroup(SendMediaGroup(chatId: chat, media: album)))
                }
                start += 10
            }
        }
        return out
    }
}
