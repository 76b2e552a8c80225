import Foundation
import Messaging

/// A file to send: one Telegram already has (a file_id or an HTTP URL), or bytes to upload.
public enum InputFile: Codable, Hashable, Sendable {
    case existing(String)
    case upload(FileUpload)

    public init(from decoder: any Decoder) throws {
        self = .existing(try decoder.singleValueContainer().decode(String.self))
    }

    /// An upload is referenced as `attach://name` and sent as a multipart part of that name.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .existing(id): try c.encode(id)
        case let .upload(file): try c.encode("attach://\(file.partName)")
        }
    }

    var upload: FileUpload? {
        if case let .upload(f) = self { return f }
        return nil
    }
}

/// An item of `sendMediaGroup`.
public struct InputMedia: Codable, Hashable, Sendable {
    /// "photo", "video" or "document".
    public var type: String
    public var media: InputFile
    public var caption: String?
    public var parseMode: String?

    public static func photo(_ file: InputFile, caption: String? = nil, parseMode: String? = nil) -> InputMedia {
        InputMedia(type: "photo", media: file, caption: caption, parseMode: parseMode)
    }

    public static func video(_ file: InputFile, caption: String? = nil, parseMode: String? = nil) -> InputMedia {
        InputMedia(type: "video", media: file, caption: caption, parseMode: parseMode)
    }

    public static func document(_ file: InputFile, caption: String? = nil, parseMode: String? = nil) -> InputMedia {
        InputMedia(type: "document", media: file, caption: caption, parseMode: parseMode)
    }
}
