import Foundation
import VKAPI

/// The wall photo upload flow (FACTS §5): an upload URL from `photos.getWallUploadServer`, the bytes
/// posted there without a key, `{server, photo, hash}` back, `photos.saveWallPhoto` with that triple.
extension VKSandbox {
    /// The upload host's number in the `server` field.
    static let uploadServer: Int64 = 842_316

    func getWallUploadServer(_ p: [String: String]) throws(VKRefusal) -> Data {
        let groupId = try int(p, "group_id").flatMap { $0 == 0 ? nil : $0 }
        // The editor may upload to the community they edit, or to their own wall.
        if let groupId, groupId != config.communityId { throw .accessDenied }
        let slot = Self.randomToken(24)
        uploadSlots[slot] = UploadSlot(groupId: groupId, userId: config.userId)
        return try encode(WireUploadServer(albumId: -14, uploadUrl: "\(url?.absoluteString ?? "http://127.0.0.1")/upload/\(slot)",
                                           userId: config.userId, groupId: groupId))
    }

    /// What the upload host answers for the multipart body's `photo` field: VK's `photo` is `"[]"`
    /// when it kept nothing (no such field, not an image).
    func receiveUpload(slot id: String, photo: Data?, carriedToken: Bool) -> (status: Int, body: Data) {
        record("upload", carriedToken: carriedToken)
        guard let slot = uploadSlots[id] else {
            return (404, Data(#"{"error":"ERR_UPLOAD_BAD_URL: invalid upload url"}"#.utf8))
        }
        let hash = Self.randomToken(32, alphabet: "0123456789abcdef")
        guard let photo, TinyPNG.isImage(photo) else {
            return (200, encodeRaw(WireUploaded(server: Self.uploadServer, photo: "[]", hash: hash)))
        }
        // VK's `photo` is a JSON list in a string; its content is the host's business.
        let token = Self.randomToken(20)
        let field = #"[{"markers_restarted":true,"photo":"\#(token)","sizes":[],"latitude":0,"longitude":0,"kid":"\#(hash.prefix(8))"}]"#
        pendingUploads[field] = PendingUpload(slot: slot, data: photo, hash: hash, server: Self.uploadServer)
        return (200, encodeRaw(WireUploaded(server: Self.uploadServer, photo: field, hash: hash)))
    }

    func saveWallPhoto(_ p: [String: String]) throws(VKRefusal) -> Data {
        guard let photo = p["photo"], !photo.isEmpty, photo != "[]" else { throw .parameter("photos_list") }
        guard let upload = pendingUploads[photo] else { throw .parameter("photo") }
        guard p["hash"] == upload.hash else { throw VKRefusal(121) }
        guard try int(p, "server") == upload.server else { throw .parameter("server") }
        let groupId = try int(p, "group_id").flatMap { $0 == 0 ? nil : $0 }
        guard groupId == upload.slot.groupId else { throw .parameter("group_id") }
        pendingUploads[photo] = nil
        let key = addPhoto(.bytes(upload.data), ownerId: groupId.map { -$0 } ?? upload.slot.userId, date: unixNow, uploadedByBot: true)
        guard let record = photos[key] else { throw VKRefusal(VKErrorCode.internalError) }
        return try encode([wirePhoto(record)])
    }

    /// A photo's bytes for `GET /photos/<owner>_<id>.jpg`.
    func servePhoto(named name: String) -> Data? {
        record("photo", carriedToken: false, parameters: ["name": name])
        return photoKey(name).flatMap { photos[$0]?.data }
    }

    private func encodeRaw<T: Encodable>(_ value: T) -> Data { (try? VKWire.encoder().encode(value)) ?? Data() }
}

/// Small valid PNG files made in code (no image library in the build): generated post photos and
/// captcha pictures.
enum TinyPNG {
    /// A one-colour RGB picture.
    static func solid(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for _ in 0..<height {
            raw.append(0) // filter: none
            for _ in 0..<width { raw += [red, green, blue] }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    /// Width and height of a PNG, or of a baseline/progressive JPEG.
    static func dimensions(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(64 * 1024))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count >= 24 {
            return (int32(bytes, 16), int32(bytes, 20))
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var i = 2
        // Walk the JPEG segments to the first start-of-frame marker.
        while i + 9 < bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (Int(bytes[i + 7]) << 8 | Int(bytes[i + 8]), Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]))
            }
            i += 2 + length
        }
        return nil
    }

    /// JPEG, PNG or GIF by their first bytes: what VK's upload host takes.
    static func isImage(_ data: Data) -> Bool {
        data.starts(with: [0xFF, 0xD8, 0xFF]) || data.starts(with: [0x89, 0x50, 0x4E, 0x47]) || data.starts(with: Array("GIF8".utf8))
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(data.count) + typed + be32(Int(crc32(typed)))
    }

    /// zlib with stored (uncompressed) deflate blocks of at most 65535 bytes.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let size = min(65_535, data.count - offset)
            let last: UInt8 = offset + size >= data.count ? 1 : 0
            out += [last, UInt8(size & 0xFF), UInt8(size >> 8), UInt8(~size & 0xFF), UInt8((~size >> 8) & 0xFF)]
            out += data[offset..<(offset + size)]
            offset += size
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + be32(Int(b << 16 | a))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func be32(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func int32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }
}
