import CCurl
import Foundation

/// A dedicated thread's loop: owns one easy handle and one multi handle, reused for every job
/// so idle connections stay open between requests.
final class CurlWorker {
    private let queue: JobQueue
    private let options: CurlOptions
    private let redactor: Redactor

    init(queue: JobQueue, options: CurlOptions, redactor: Redactor) {
        self.queue = queue
        self.options = options
        self.redactor = redactor
    }

    /// Starts a named thread running a worker until the queue closes.
    static func spawn(name: String, queue: JobQueue, options: CurlOptions, redactor: Redactor) {
        // Named from inside: on Linux a name set before start is lost and the thread
        // keeps its creator's (a pool thread's) name. The kernel keeps 15 bytes of it.
        let thread = Thread {
            // The OS-level name (what `ps -L` and the metrics show), set from the thread itself.
            ccurl_set_thread_name(name)
            CurlWorker(queue: queue, options: options, redactor: redactor).run()
        }
        thread.start()
    }

    private func run() {
        let initResult = ccurl_global_init_once()
        let easy = curl_easy_init()
        let multi = curl_multi_init()
        defer {
            if let multi { curl_multi_cleanup(multi) }
            if let easy { curl_easy_cleanup(easy) }
        }
        guard initResult == CURLE_OK, let easy, let multi else {
            let code = initResult == CURLE_OK ? CURLE_FAILED_INIT : initResult
            while let job = queue.next() {
                job.finish(.failure(.network(code: Int(code.rawValue), message: "libcurl could not be initialised")))
                queue.done(job)
            }
            return
        }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        let transfer = CurlTransfer(easy: easy, multi: multi, errorBuffer: errorBuffer, options: options, redactor: redactor)
        while let job = queue.next() {
            job.finish(transfer.run(job))
            queue.done(job)
        }
    }
}
