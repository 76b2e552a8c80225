import Casework
import Foundation

/// Bytes to upload with a message (a report workbook): the messenger gets the file itself.
public struct FileUpload: Hashable, Sendable {
    /// The name the request refers to the file by; unique within one request.
    public var partName: String
    public var filename: String
    public var mimeType: String
    public var data: Data
    /// A photo, video or document another messenger holds: `data` is empty until the sender fetches
    /// the bytes from that messenger (`MediaRelay`), just before posting. The outbox keeps only the
    /// reference, so a queued message does not hold a copy of every photo.
    public var fetchFrom: MediaRef?

    public init(partName: String, filename: String, mimeType: String, data: Data) {
        self.partName = partName; self.filename = filename; self.mimeType = mimeType; self.data = data
    }

    /// A file to be fetched from the messenger holding `media` when the request is sent.
    public init(partName: String, relaying media: MediaRef) {
        self.partName = partName
        switch media.kind {
        case .photo: filename = "photo.jpg"; mimeType = "image/jpeg"
        case .video: filename = "video.mp4"; mimeType = "video/mp4"
        case .document: filename = "document"; mimeType = "application/octet-stream"
        }
        data = Data()
        fetchFrom = media
    }
}

/// A file's bytes as the messenger holding it served them.
public struct FetchedFile: Sendable {
    public var data: Data
    /// The file's own name and type, when the holder says (a document's); nil keeps the request's.
    public var filename: String?
    public var mimeType: String?

    public init(data: Data, filename: String? = nil, mimeType: String? = nil) {
        self.data = data
        self.filename = filename
        self.mimeType = mimeType
    }
}

/// Downloads photos, videos and documents one messenger holds, so another can take them. Each adapter
/// provides one.
public protocol MediaFetching: Sendable {
    var messenger: Messenger { get }
    /// The bytes of `media` (held by this fetcher's messenger). Transient failures may succeed later;
    /// a file the messenger no longer has, or will not give (too large), is refused.
    func fetch(_ media: MediaRef) async throws(DeliveryFailure) -> FetchedFile
}

/// The largest file the service relays between messengers: Telegram's bots may download up to 20 MB
/// and upload up to 50 MB; a photo or video people send about a pothole is far smaller.
public enum RelayLimits {
    public static let maxBytes = 20 * 1024 * 1024
}
