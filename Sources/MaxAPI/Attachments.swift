import Foundation

/// The payload of an image someone sent [S33 `PhotoAttachmentPayload`].
public struct ImagePayload: Codable, Hashable, Sendable {
    public var photoId: Int64?
    /// Reuses the image in another message.
    public var token: String?
    public var url: String?

    public init(photoId: Int64? = nil, token: String? = nil, url: String? = nil) {
        self.photoId = photoId; self.token = token; self.url = url
    }

    enum CodingKeys: String, CodingKey { case photoId = "photo_id", token, url }
}

/// The payload of a video, audio or file [S33 `MediaAttachmentPayload`, `FileAttachmentPayload`].
public struct MediaPayload: Codable, Hashable, Sendable {
    public var token: String?
    public var url: String?

    public init(token: String? = nil, url: String? = nil) { self.token = token; self.url = url }
}

/// A button's kind [S33 `Button` mapping].
public struct ButtonType: OpenEnum {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let callback = ButtonType(rawValue: "callback")
    public static let link = ButtonType(rawValue: "link")
    public static let message = ButtonType(rawValue: "message")
    public static let requestContact = ButtonType(rawValue: "request_contact")
}

/// One button of an inline keyboard, as sent and as received. Named apart from `Messaging.Button`,
/// which the adapter renders into it.
public struct KeyboardButton: Codable, Hashable, Sendable {
    public var type: ButtonType
    /// 1…128 characters.
    public var text: String
    /// For `callback` buttons: what a press sends back, ≤ 1024 characters.
    public var payload: String?
    /// For `link` buttons.
    public var url: String?

    public init(type: ButtonType, text: String, payload: String? = nil, url: String? = nil) {
        self.type = type; self.text = text; self.payload = payload; self.url = url
    }

    public static func callback(_ text: String, payload: String) -> KeyboardButton {
        KeyboardButton(type: .callback, text: text, payload: payload)
    }

    public static func link(_ text: String, url: String) -> KeyboardButton { KeyboardButton(type: .link, text: text, url: url) }
}

/// Rows of buttons, top to bottom [S33 `Keyboard`].
public struct Keyboard: Codable, Hashable, Sendable {
    public var buttons: [[KeyboardButton]]
    public init(buttons: [[KeyboardButton]]) { self.buttons = buttons }
}

/// An attachment of a received message [S33 `Attachment`]. Kinds the bot does not use stay `unknown`
/// with their JSON, so a sticker never fails a batch.
public enum Attachment: Codable, Hashable, Sendable {
    case image(ImagePayload)
    case video(MediaPayload)
    case audio(MediaPayload)
    case file(MediaPayload, filename: String?, size: Int64?)
    case inlineKeyboard(Keyboard)
    case unknown(type: String, raw: MaxJSON)

    enum CodingKeys: String, CodingKey { case type, payload, filename, size }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        do {
            switch type {
            case "image": self = .image(try c.decode(ImagePayload.self, forKey: .payload))
            case "video": self = .video(try c.decode(MediaPayload.self, forKey: .payload))
            case "audio": self = .audio(try c.decode(MediaPayload.self, forKey: .payload))
            case "file":
                self = .file(try c.decode(MediaPayload.self, forKey: .payload),
                             filename: try c.decodeIfPresent(String.self, forKey: .filename),
                             size: try c.decodeIfPresent(Int64.self, forKey: .size))
            case "inline_keyboard": self = .inlineKeyboard(try c.decode(Keyboard.self, forKey: .payload))
            default: self = .unknown(type: type, raw: try MaxJSON(from: decoder))
            }
        } catch {
            self = .unknown(type: type, raw: (try? MaxJSON(from: decoder)) ?? .null)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case let .unknown(_, raw) = self { return try raw.encode(to: encoder) }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case let .image(p): try c.encode(p, forKey: .payload)
        case let .video(p), let .audio(p): try c.encode(p, forKey: .payload)
        case let .file(p, filename, size):
            try c.encode(p, forKey: .payload)
            try c.encodeIfPresent(filename, forKey: .filename)
            try c.encodeIfPresent(size, forKey: .size)
        case let .inlineKeyboard(k): try c.encode(k, forKey: .payload)
        case .unknown: break
        }
    }

    /// The `type` MAX gives it.
    public var type: String {
        switch self {
        case .image: return "image"
        case .video: return "video"
        case .audio: return "audio"
        case .file: return "file"
        case .inlineKeyboard: return "inline_keyboard"
        case let .unknown(type, _): return type
        }
    }
}

/// What `POST /uploads?type=` takes [S33 `UploadType`]; `photo` is no longer accepted.
public enum UploadType: String, Codable, Hashable, Sendable, CaseIterable {
    case image, video, audio, file

    /// For video and audio the token comes with the upload URL; for images and files, from the upload.
    public var tokenComesWithURL: Bool { self == .video || self == .audio }
}

/// An attachment of a message the bot sends [S33 `AttachmentRequest`]. Media go by the token of an
/// upload; in the outbox the token is `attach://<partName>` until the client has uploaded the part.
public enum AttachmentRequest: Codable, Hashable, Sendable {
    case media(UploadType, token: String)
    /// An image MAX fetches itself.
    case imageURL(String)
    case inlineKeyboard([[KeyboardButton]])
    case other(type: String, raw: MaxJSON)

    /// The outbox's reference to an upload of the same request, replaced by its token when sent.
    public static func upload(_ type: UploadType, partName: String) -> AttachmentRequest {
        .media(type, token: MaxWireRequest.attachPrefix + partName)
    }

    /// A file, which MAX takes only alone in its message.
    public var isFile: Bool {
        if case .media(.file, _) = self { true } else { false }
    }

    /// The part name of an upload of the same request this refers to.
    public var uploadPart: String? {
        guard case let .media(_, token) = self, token.hasPrefix(MaxWireRequest.attachPrefix) else { return nil }
        return String(token.dropFirst(MaxWireRequest.attachPrefix.count))
    }

    enum CodingKeys: String, CodingKey { case type, payload }
    private struct TokenPayload: Codable { var token: String?; var url: String? }
    private struct ButtonsPayload: Codable { var buttons: [[KeyboardButton]] }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        if let upload = UploadType(rawValue: type), let payload = try? c.decode(TokenPayload.self, forKey: .payload) {
            if let token = payload.token { self = .media(upload, token: token); return }
            if upload == .image, let url = payload.url { self = .imageURL(url); return }
        }
        if type == "inline_keyboard", let payload = try? c.decode(ButtonsPayload.self, forKey: .payload) {
            self = .inlineKeyboard(payload.buttons)
            return
        }
        self = .other(type: type, raw: try MaxJSON(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .media(type, token):
            try c.encode(type.rawValue, forKey: .type)
            try c.encode(TokenPayload(token: token), forKey: .payload)
        case let .imageURL(url):
            try c.encode("image", forKey: .type)
            try c.encode(TokenPayload(url: url), forKey: .payload)
        case let .inlineKeyboard(rows):
            try c.encode("inline_keyboard", forKey: .type)
            try c.encode(ButtonsPayload(buttons: rows), forKey: .payload)
        case let .other(_, raw):
            try raw.encode(to: encoder)
        }
    }
}
