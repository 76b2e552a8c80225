import Foundation

/// Collects what libcurl's callbacks deliver for one transfer; touched only by the worker thread.
final class ResponseSink {
    let job: Job
    private(set) var headers: [String: String] = [:]
    private(set) var body = Data()

    init(job: Job) {
        self.job = job
    }

    /// The sink behind a callback's user-data pointer.
    static func from(_ context: UnsafeMutableRawPointer?) -> ResponseSink {
        Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
    }

    var shouldAbort: Bool { job.abortReason != nil }

    /// Appends body bytes; returns the count taken, as libcurl expects.
    func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        if let data, count > 0 {
            body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
        }
        return count
    }

    /// Takes one header line; a status line starts a new header block (interim 1xx, proxy CONNECT).
    func appendHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data, count > 0 else { return count }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return count
    }
}
