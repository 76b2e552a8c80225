import Foundation
import MaxAPI

/// A slot `POST /uploads` opened: the upload URL's id, its type, and the token video and audio get at once.
struct UploadSlot: Sendable {
    var type: UploadType
    var token: String?
}

/// A file MAX "has": uploaded by the bot, attachable by its token once processed.
struct MediaRecord: Sendable {
    var media: UploadedMedia
    /// `rateClock` seconds at upload.
    var uploadedAt: Double
    /// The first early use was refused; later uses pass (so a retry succeeds).
    var refusedOnce = false
}

/// A press the bot may answer.
struct CallbackRecord: Sendable {
    var mid: String
    var payload: String?
    var personId: Int64
}

/// Sending, editing and answering, checked as MAX checks them.
extension MaxSandbox {
    func uploadEndpoint(_ query: [String: String]) throws(MaxRefusal) -> UploadEndpoint {
        guard let raw = query["type"], let type = UploadType(rawValue: raw) else {
            throw .badRequest("File extension is forbidden") // what MAX says to type=photo and others ([DEV] UploadType)
        }
        let id = Self.randomToken(16)
        let token = type.tokenComesWithURL ? Self.randomToken(32) : nil
        uploadSlots[id] = UploadSlot(type: type, token: token)
        return UploadEndpoint(url: (url?.absoluteString ?? "") + "/upload/" + id, token: token)
    }

    /// The bytes posted to an upload URL: the answer's body and content type.
    func receiveUpload(slot id: String, file: (filename: String, data: Data)?) -> (status: Int, contentType: String, body: Data) {
        guard let slot = uploadSlots.removeValue(forKey: id) else {
            return (404, "application/json", MaxRefusal(status: 404, code: "not.found", message: "Unknown upload").body)
        }
        guard let file, !file.data.isEmpty else {
            uploadSlots[id] = slot
            return (400, "application/json", MaxRefusal.badRequest("No file in multipart field data").body)
        }
        let token = slot.token ?? Self.randomToken(32)
        mediaByToken[token] = MediaRecord(media: UploadedMedia(type: slot.type, filename: file.filename, data: file.data, token: token),
                                          uploadedAt: config.rateClock())
        notifyWaiters()
        if slot.type.tokenComesWithURL {
            // The video CDN answers in its own format; the token came with the upload URL.
            return (200, "text/xml", Data("<retval>1</retval>".utf8))
        }
        return (200, "application/json", Data("{\"token\":\"\(token)\"}".utf8))
    }

    func sendMessage(_ query: [String: String], _ body: Data) throws(MaxRefusal) -> SendMessageResult {
        let personId: Int64
        if let raw = query["user_id"] {
            guard let id = Int64(raw), people[id] != nil else { throw MaxRefusal(status: 404, code: "chat.not.found", message: "Chat not found") }
            personId = id
        } else if let raw = query["chat_id"], let chat = Int64(raw),
                  let id = people.values.first(where: { $0.dialogId == chat })?.user.userId {
            personId = id
        } else {
            throw MaxRefusal(status: 404, code: "chat.not.found", message: "Chat not found")
        }
        let person = people[personId]!
        if person.stopped { throw .stopped }
        if !person.started { throw .notStarted }
        let request = try decode(NewMessageBody.self, body)
        let rendered = try render(request, keeping: nil)
        if (rendered.body.text ?? "").isEmpty, (rendered.body.attachments ?? []).isEmpty {
            throw .badRequest("text: message must have text or attachments")
        }
        if let link = request.link, messages[link.mid] == nil { throw .badRequest("link.mid: message not found") }
        let message = Message(sender: bot, recipient: Recipient(chatId: person.dialogId, chatType: .dialog, userId: personId),
                              timestamp: nowMilliseconds, body: rendered.body)
        let stored = StoredMessage(message: message, sentByBot: true, personId: personId, format: request.format,
                                   source: request.text, strippedTags: rendered.stripped, uploads: rendered.uploads)
        messages[rendered.body.mid] = stored
        botMessagesByPerson[personId, default: []].append(rendered.body.mid)
        notifyWaiters()
        return SendMessageResult(message: message)
    }

    func editMessage(_ query: [String: String], _ body: Data) throws(MaxRefusal) -> SimpleQueryResult {
        guard let mid = query["message_id"], let stored = messages[mid], stored.sentByBot else {
            throw MaxRefusal(status: 404, code: "message.not.found", message: "Message not found")
        }
        // Dialogs: a message with a keyboard stays editable; others for 7 days ([DEV] PUT /messages).
        let age = (nowMilliseconds - stored.message.timestamp) / 1000
        if stored.message.body?.keyboard == nil, age > MaxLimits.editWindowSeconds {
            throw .badRequest("Message is too old to be edited", code: "message.edit.expired")
        }
        try replace(mid, with: try decode(NewMessageBody.self, body))
        return SimpleQueryResult(success: true)
    }

    func answer(_ query: [String: String], _ body: Data) throws(MaxRefusal) -> SimpleQueryResult {
        guard let id = query["callback_id"], !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badRequest("callback_id: must not be empty")
        }
        guard let press = callbacks[id] else { throw MaxRefusal(status: 404, code: "not.found", message: "Callback not found") }
        let answer = try decode(CallbackAnswer.self, body)
        guard answer.message != nil || answer.notification != nil else {
            throw .badRequest("Either message or notification must be set")
        }
        if let message = answer.message { try replace(press.mid, with: message) }
        answers.append(RecordedCallbackAnswer(callbackId: id, payload: press.payload, notification: answer.notification,
                                              message: answer.message))
        notifyWaiters()
        return SimpleQueryResult(success: true)
    }

    /// A new version of a bot message: text and attachments left out are kept, `attachments: []` removes them.
    private func replace(_ mid: String, with request: NewMessageBody) throws(MaxRefusal) {
        guard var stored = messages[mid] else { throw MaxRefusal(status: 404, code: "message.not.found", message: "Message not found") }
        let rendered = try render(request, keeping: stored.message.body)
        stored.history.append(stored.message)
        stored.message.body = rendered.body
        if request.text != nil { stored.format = request.format; stored.source = request.text; stored.strippedTags = rendered.stripped }
        if request.attachments != nil { stored.uploads = rendered.uploads }
        messages[mid] = stored
        notifyWaiters()
    }

    /// The body MAX would store for `request`: text after its format, attachments checked and resolved.
    private func render(_ request: NewMessageBody, keeping old: MessageBody?)
        throws(MaxRefusal) -> (body: MessageBody, stripped: [String], uploads: [UploadedMedia]) {
        var body = old ?? MessageBody(mid: "mid." + Self.randomHex(16), seq: allocateSeq())
        var stripped: [String] = []
        if let text = request.text {
            if MaxLimits.length(text) > MaxLimits.textLength {
                throw .badRequest("text: length must be at most \(MaxLimits.textLength)")
            }
            switch request.format {
            case .html?:
                let html = MaxHTML.render(text)
                body.text = html.text
                body.markup = html.markup.isEmpty ? nil : html.markup
                stripped = html.strippedTags
            case .markdown?, nil:
                body.text = text
                body.markup = nil
            }
        }
        var uploads: [UploadedMedia] = []
        if let requested = request.attachments {
            var attachments: [Attachment] = []
            var mediaCount = 0
            var soleOnly = false
            for item in requested {
                switch item {
                case let .media(type, token):
                    let media = try attachable(token, as: type)
                    mediaCount += 1
                    if type == .file || type == .audio { soleOnly = true }
                    uploads.append(media)
                    switch type {
                    case .image: attachments.append(.image(ImagePayload(photoId: Int64.random(in: 1...Int64.max), token: token,
                                                                        url: cdnURL(token))))
                    case .video: attachments.append(.video(MediaPayload(token: token, url: nil)))
                    case .audio: attachments.append(.audio(MediaPayload(token: token, url: nil)))
                    case .file: attachments.append(.file(MediaPayload(token: token, url: cdnURL(token)),
                                                         filename: media.filename, size: Int64(media.data.count)))
                    }
                case let .imageURL(url):
                    mediaCount += 1
                    attachments.append(.image(ImagePayload(photoId: Int64.random(in: 1...Int64.max), token: nil, url: url)))
                case let .inlineKeyboard(rows):
                    try check(rows)
                    attachments.append(.inlineKeyboard(Keyboard(buttons: rows)))
                case let .other(type, _):
                    throw .badRequest("attachments: unsupported attachment type \(type)")
                }
            }
            if soleOnly, mediaCount > 1 { throw .badRequest("attachments: a file or audio must be the only attachment") }
            body.attachments = attachments
        }
        return (body, stripped, uploads)
    }

    /// An uploaded token, refused once with `attachment.not.ready` while MAX would still be processing it.
    private func attachable(_ token: String, as type: UploadType) throws(MaxRefusal) -> UploadedMedia {
        guard var record = mediaByToken[token], record.media.type == type else {
            throw .badRequest("attachments: invalid \(type.rawValue) token")
        }
        if !record.refusedOnce, config.rateClock() - record.uploadedAt < config.attachmentReadyDelay {
            record.refusedOnce = true
            mediaByToken[token] = record
            throw .notReady
        }
        return record.media
    }

    /// An inline keyboard as MAX checks it [S33 `Button`, `CallbackButton`, `LinkButton`].
    private func check(_ rows: [[KeyboardButton]]) throws(MaxRefusal) {
        guard !rows.isEmpty, rows.allSatisfy({ !$0.isEmpty }) else { throw .badRequest("buttons: rows must not be empty") }
        if rows.count > MaxLimits.keyboardRows { throw .badRequest("buttons: at most \(MaxLimits.keyboardRows) rows") }
        for row in rows {
            if row.count > MaxLimits.keyboardRowWidth { throw .badRequest("buttons: at most \(MaxLimits.keyboardRowWidth) in a row") }
            for button in row {
                guard MaxLimits.buttonTextLength.contains(MaxLimits.length(button.text)) else {
                    throw .badRequest("button.text: length must be between 1 and 128")
                }
                switch button.type {
                case .callback:
                    guard let payload = button.payload else { throw .badRequest("button.payload: must be set") }
                    if MaxLimits.length(payload) > MaxLimits.callbackPayloadLength {
                        throw .badRequest("button.payload: length must be at most \(MaxLimits.callbackPayloadLength)")
                    }
                case .link:
                    guard let url = button.url, !url.isEmpty, MaxLimits.length(url) <= MaxLimits.linkURLLength else {
                        throw .badRequest("button.url: length must be between 1 and \(MaxLimits.linkURLLength)")
                    }
                case .message, .requestContact: break
                default: throw .badRequest("button.type: unsupported button type \(button.type.rawValue)")
                }
            }
        }
    }

    func allocateSeq() -> Int64 {
        defer { nextSeq += 1 }
        return 116_327_994_376_978_687 + nextSeq
    }

    static func randomHex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    static func randomToken(_ count: Int) -> String {
        String((0..<count).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".randomElement()! })
    }
}
