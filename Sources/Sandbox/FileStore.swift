import BotAPI
import Foundation

/// Files Telegram "has", by file_id and by download path. Ids look like Telegram's (long, opaque)
/// so a bot that tries to squeeze one into 64 bytes of callback data fails here as it would there.
struct FileStore {
    private(set) var byId: [String: FileRecord] = [:]
    private var idByPath: [String: String] = [:]
    private var counter = 0

    subscript(fileId: String) -> FileRecord? { byId[fileId] }

    func data(atPath path: String) -> Data? { idByPath[path].flatMap { byId[$0]?.data } }

    /// Stores new media: a photo gets a thumbnail and a full size, as Telegram returns both.
    mutating func add(kind: MediaKind, data: Data, fileName: String?, mimeType: String?, duration: Int = 15) -> FileRecord {
        switch kind {
        case .photo:
            let thumb = makeRecord(kind: .photo, data: data, ext: "jpg")
            let full = makeRecord(kind: .photo, data: data, ext: "jpg")
            let sizes = [
                PhotoSize(fileId: thumb.fileId, fileUniqueId: thumb.uniqueId, width: 90, height: 68,
                          fileSize: Int64(data.count)),
                PhotoSize(fileId: full.fileId, fileUniqueId: full.uniqueId, width: 1280, height: 960,
                          fileSize: Int64(data.count)),
            ]
            for var record in [thumb, full] {
                record.photoSizes = sizes
                insert(record)
            }
            return byId[full.fileId]!
        case .video:
            var record = makeRecord(kind: .video, data: data, ext: "mp4")
            record.video = Video(fileId: record.fileId, fileUniqueId: record.uniqueId, width: 1280, height: 720,
                                 duration: duration, fileName: fileName, mimeType: mimeType ?? "video/mp4",
                                 fileSize: Int64(data.count))
            insert(record)
            return record
        case .document:
            let ext = fileName.flatMap { $0.contains(".") ? String($0.split(separator: ".").last!) : nil } ?? "bin"
            var record = makeRecord(kind: .document, data: data, ext: ext)
            record.document = Document(fileId: record.fileId, fileUniqueId: record.uniqueId, fileName: fileName,
                                       mimeType: mimeType, fileSize: Int64(data.count))
            insert(record)
            return record
        }
    }

    private mutating func insert(_ record: FileRecord) {
        byId[record.fileId] = record
        idByPath[record.path] = record.fileId
    }

    private mutating func makeRecord(kind: MediaKind, data: Data, ext: String) -> FileRecord {
        counter += 1
        let prefix: String
        let folder: String
        switch kind {
        case .photo: prefix = "AgACAgIAAxkBAAI"; folder = "photos"
        case .video: prefix = "BAACAgIAAxkBAAI"; folder = "videos"
        case .document: prefix = "BQACAgIAAxkBAAI"; folder = "documents"
        }
        let serial = String(counter, radix: 36)
        let fileId = prefix + serial + "-" + Self.randomToken(70 - prefix.count - serial.count)
        let uniqueId = "AQAD" + serial + Self.randomToken(12 - serial.count)
        return FileRecord(fileId: fileId, uniqueId: uniqueId, kind: kind, data: data,
                          path: "\(folder)/file_\(counter).\(ext)")
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    static func randomToken(_ count: Int) -> String {
        String((0..<max(count, 4)).map { _ in alphabet.randomElement()! })
    }

    /// Bytes for media a person sends when the test gives none: a JPEG/MP4/PDF-looking header.
    static func placeholder(for kind: MediaKind) -> Data {
        switch kind {
        case .photo: return Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("sandbox photo".utf8) + Data([0xFF, 0xD9])
        case .video: return Data([0, 0, 0, 0x18]) + Data("ftypmp42 sandbox video".utf8)
        case .document: return Data("%PDF-1.4\n% sandbox document\n%%EOF\n".utf8)
        }
    }
}
