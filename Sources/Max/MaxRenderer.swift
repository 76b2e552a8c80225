import Casework
import Foundation
import MaxAPI
import Messaging

/// What the bot says, as MAX's Bot API takes it: rich text in MAX's HTML format (our marks are all in
/// its set), split at 4,000 characters, buttons as an inline keyboard of callback buttons (payload up
/// to 1,024 characters, label up to 128), media by the tokens MAX gave them, files uploaded with the
/// message. Messages are addressed by the person's MAX id (`?user_id=`); earlier messages by the number
/// the bot knows them by, which `MaxDelivery` turns back into MAX's id when it sends.
public struct MaxRenderer: MessageRenderer {
    public var messenger: Messenger { .max }

    public init() {}

    /// A button MAX would refuse.
    public struct ButtonRefused: Error, CustomStringConvertible {
        public var description: String
    }

    public func requests(for outgoing: Outgoing) throws -> [WireRequest] {
        switch outgoing {
        case let .text(to, text, buttons, replyTo, _):
            // MAX has no "force reply": the person's next message answers the prompt anyway.
            let parts = RichText.split(text.markup, limit: MaxLimits.textLength)
            return try parts.enumerated().map { index, part in
                let last = index == parts.count - 1
                let keyboard = last ? try Self.keyboard(buttons) : nil
                let link = index == 0 ? replyTo.map { NewMessageLink(type: .reply, mid: MaxMessageRef.text($0)) } : nil
                return try MaxCall.send(to: .user(to), NewMessageBody(text: part, attachments: keyboard.map { [$0] }, link: link,
                                                                      format: .html)).wireRequest()
            }
        case let .edit(chat, message, text, buttons):
            let first = RichText.split(text.markup, limit: MaxLimits.textLength).first ?? text.markup
            // `attachments: []` takes the keyboard away; the bot edits only its own texts.
            let body = NewMessageBody(text: first, attachments: try Self.keyboard(buttons).map { [$0] } ?? [], format: .html)
            return [try MaxCall.edit(mid: MaxMessageRef.text(message), chat: chat, body).wireRequest()]
        case let .editButtons(chat, message, buttons):
            let body = NewMessageBody(attachments: try Self.keyboard(buttons).map { [$0] } ?? [])
            return [try MaxCall.edit(mid: MaxMessageRef.text(message), chat: chat, body).wireRequest()]
        case let .answerPress(id, text):
            // MAX takes an answer only with a notification (or a new message): a silent press needs none.
            guard let text, !text.isEmpty else { return [] }
            return [try MaxCall.answer(callbackId: id, CallbackAnswer(notification: text)).wireRequest()]
        case let .media(to, items, caption):
            var relayed: [FileUpload] = []
            let attachments = items.map { item -> AttachmentRequest in
                let type: UploadType = switch item.kind { case .photo: .image; case .video: .video; case .document: .file }
                // Another messenger's file is uploaded anew, fetched from it when sent (`MediaRelay`).
                guard item.messenger == .max else {
                    relayed.append(FileUpload(partName: "media\(relayed.count)", relaying: item))
                    return .upload(type, partName: relayed[relayed.count - 1].partName)
                }
                // A photo MAX gave only by URL (no token) goes by its URL.
                if item.kind == .photo, item.fileId.hasPrefix("https://") || item.fileId.hasPrefix("http://") { return .imageURL(item.fileId) }
                return .media(type, token: item.fileId)
            }
            // A file must be alone in its message; photos and videos go together.
            let files = attachments.filter(\.isFile)
            let visual = attachments.filter { !$0.isFile }
            var bodies: [NewMessageBody] = []
            if !visual.isEmpty { bodies.append(NewMessageBody(attachments: visual)) }
            bodies += files.map { NewMessageBody(attachments: [$0]) }
            if let caption, !bodies.isEmpty {
                bodies[0].text = RichText.split(caption.markup, limit: MaxLimits.textLength).first
                bodies[0].format = .html
            }
            return try bodies.map { body in
                let parts = Set(body.attachments?.compactMap(\.uploadPart) ?? [])
                return try MaxCall.send(to: .user(to), body).wireRequest(files: relayed.filter { parts.contains($0.partName) })
            }
        case let .file(to, upload, caption), let .image(to, upload, caption):
            let type: UploadType = if case .image = outgoing { .image } else { .file }
            var body = NewMessageBody(attachments: [.upload(type, partName: upload.partName)])
            if let caption {
                body.text = RichText.split(caption.markup, limit: MaxLimits.textLength).first
                body.format = .html
            }
            return [try MaxCall.send(to: .user(to), body).wireRequest(files: [upload])]
        }
    }

    static func keyboard(_ rows: [[Button]]) throws -> AttachmentRequest? {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return nil }
        return .inlineKeyboard(try rows.map { row in
            try row.map { button in
                // MAX has no mini apps for bots here: a link opens the page (its login link does the rest).
                if let link = button.link { return .link(button.label, url: link.url) }
                guard button.payload.count <= MaxLimits.callbackPayloadLength else {
                    throw ButtonRefused(description: "a button's payload is \(button.payload.count) characters; MAX takes \(MaxLimits.callbackPayloadLength)")
                }
                guard MaxLimits.buttonTextLength.contains(button.label.count) else {
                    throw ButtonRefused(description: "a button's label is \(button.label.count) characters; MAX takes \(MaxLimits.buttonTextLength): \(button.label)")
                }
                return .callback(button.label, payload: button.payload)
            }
        })
    }
}

/// How a MAX request in the outbox names a message by the bot's number for it: `local:<n>`, turned
/// into MAX's `mid` when the request is sent (the mid may not exist yet when the request is queued).
public enum MaxMessageRef {
    static let prefix = "local:"

    public static func text(_ local: Int64) -> String { prefix + String(local) }

    /// The numbers named in `text`, with where they are.
    static func references(in text: String) -> [(range: Range<String.Index>, local: Int64)] {
        var found: [(Range<String.Index>, Int64)] = []
        var searchFrom = text.startIndex
        while let start = text.range(of: prefix, range: searchFrom..<text.endIndex) {
            let digits = text[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
            searchFrom = start.upperBound
            guard let local = Int64(digits) else { continue }
            found.append((start.lowerBound..<digits.endIndex, local))
            searchFrom = digits.endIndex
        }
        return found
    }
}
