import CCurl

/// An HTTP client over libcurl: a fixed set of dedicated worker threads, each with one reused
/// connection, so blocking transfers and long polls never occupy the Swift concurrency pool.
public final class CurlHTTPClient: Sendable {
    /// The options every request uses.
    public let options: CurlOptions
    /// Masks the configured secrets; use it for any log text that mentions a URL.
    public let redactor: Redactor
    private let queue = JobQueue()

    /// Starts `workers` threads named "<name>-0", "<name>-1", … (name cut to fit Linux's 15 bytes);
    /// that many transfers run at once.
    public init(options: CurlOptions = CurlOptions(), workers: Int = 2, name: String = "http") {
        _ = ccurl_global_init_once()
        self.options = options
        self.redactor = options.redactor
        for index in 0..<max(workers, 1) {
            CurlWorker.spawn(name: Self.threadName(name, index), queue: queue, options: options, redactor: redactor)
        }
    }

    // Linux thread names hold 15 bytes; a longer one is refused and the thread keeps its creator's name.
    private static func threadName(_ name: String, _ index: Int) -> String {
        let suffix = "-\(index)"
        var base = ""
        for character in name {
            guard base.utf8.count + character.utf8.count + suffix.utf8.count <= 15 else { break }
            base.append(character)
        }
        return base + suffix
    }

    deinit {
        queue.close()
    }

    /// Sends the request and returns the response of any status; cancelling the task aborts the transfer.
    public func perform(_ request: HTTPRequest) async throws(HTTPTransportError) -> HTTPResponse {
        let job = Job(request: request)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                job.attach(continuation)
                if !queue.enqueue(job) { job.finish(.failure(.shutDown)) }
            }
        } onCancel: {
            job.abort(.cancelled)
        }
        return try outcome.get()
    }

    /// Stops the workers: queued and in-flight requests fail with `shutDown`, later ones too.
    public func shutdown() {
        queue.close()
    }
}
