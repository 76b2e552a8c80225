import Foundation
import Logging

/// Log lines for operators: readable text or JSON, one line each, with any secret masked.
public struct OtklikLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let format: Format
    let secrets: [String]
    let write: @Sendable (String) -> Void

    public init(label: String, format: Format, secrets: [String], level: Logger.Level = .info,
                write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }) {
        self.label = label
        self.format = format
        self.secrets = secrets.filter { !$0.isEmpty }
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let (level, message) = (event.level, event.message)
        var all = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { all["error"] = "\(error)" }
        let time = ISO8601DateFormatter().string(from: Date())
        let text: String
        switch format {
        case .text:
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            text = "\(time) \(level) \(label): \(message)" + (fields.isEmpty ? "" : " " + fields)
        case .json:
            var object: [String: String] = ["time": time, "level": "\(level)", "label": label, "message": "\(message)"]
            for (key, value) in all { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        }
        write(redact(text))
    }

    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
