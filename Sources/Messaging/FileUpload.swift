import Foundation

/// Bytes to upload with a message (a report workbook): the messenger gets the file itself.
public struct FileUpload: Hashable, Sendable {
    /// The name the request refers to the file by; unique within one request.
    public var partName: String
    public var filename: String
    public var mimeType: String
    public var data: Data

    public init(partName: String, filename: String, mimeType: String, data: Data) {
        self.partName = partName; self.filename = filename; self.mimeType = mimeType; self.data = data
    }
}
