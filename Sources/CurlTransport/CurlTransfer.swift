import CCurl
import Foundation

/// Runs one job on a worker's handles: sets every option afresh, drives the transfer, collects the response.
struct CurlTransfer {
    let easy: UnsafeMutableRawPointer
    let multi: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>
    let options: CurlOptions
    let redactor: Redactor

    /// Longest wait in curl_multi_poll; an abort wakes the poll earlier, so this only bounds a missed wakeup.
    private static let pollMilliseconds: Int32 = 1000

    func run(_ job: Job) -> Job.Outcome {
        // The body's bytes must stay put until the transfer ends: CURLOPT_POSTFIELDS does not copy them.
        guard let body = job.request.body else { return perform(job, body: nil) }
        return body.withUnsafeBytes { perform(job, body: $0) }
    }

    private func perform(_ job: Job, body: UnsafeRawBufferPointer?) -> Job.Outcome {
        let sink = ResponseSink(job: job)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        do {
            headerList = try configure(job.request, body: body, sink: sink)
            let code = try withExtendedLifetime(sink) { () throws(HTTPTransportError) in try drive(job) }
            guard code == CURLE_OK else { return .failure(failure(code, job: job)) }
            return .success(response(from: sink))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Options

    private func configure(
        _ request: HTTPRequest, body: UnsafeRawBufferPointer?, sink: ResponseSink
    ) throws(HTTPTransportError) -> UnsafeMutablePointer<curl_slist>? {
        // Reset clears the previous request's options but keeps the live connections and DNS cache.
        curl_easy_reset(easy)
        errorBuffer[0] = 0
        try check(ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(ccurl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(ccurl_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        try check(ccurl_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        try check(ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.curlMilliseconds), "CONNECTTIMEOUT_MS")
        let total = request.timeout ?? options.defaultTimeout
        try check(ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, total.curlMilliseconds), "TIMEOUT_MS")
        // An empty proxy string turns off the *_proxy environment variables: the configuration decides.
        try check(ccurl_setopt_string(easy, CURLOPT_PROXY, options.proxy ?? ""), "PROXY")
        if let caBundle = options.caBundlePath {
            try check(ccurl_setopt_string(easy, CURLOPT_CAINFO, caBundle), "CAINFO")
            try check(ccurl_setopt_string(easy, CURLOPT_PROXY_CAINFO, caBundle), "PROXY_CAINFO")
        }
        if let extra = options.extraCABundlePath {
            guard options.caBundlePath == nil else {
                throw .invalidRequest("caBundlePath replaces the system store and extraCABundlePath adds to it; set one")
            }
            // OpenSSL loads both: the file, and the hashed system directory on demand. The proxy keeps the default.
            try check(ccurl_setopt_string(easy, CURLOPT_CAINFO, extra), "CAINFO")
            try check(ccurl_setopt_string(easy, CURLOPT_CAPATH, options.systemCADirectory), "CAPATH")
        }
        try check(ccurl_setopt_string(easy, CURLOPT_USERAGENT, options.userAgent), "USERAGENT")
        try check(ccurl_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        // Keeps a long poll's idle connection alive through NAT and firewalls.
        try check(ccurl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        try setMethod(request.method, body: body)
        let list = try HeaderList.make(request.headers)
        do {
            try check(ccurl_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "HTTPHEADER")
            try setCallbacks(sink)
        } catch {
            curl_slist_free_all(list)
            throw error
        }
        return list
    }

    private func setMethod(_ method: String, body: UnsafeRawBufferPointer?) throws(HTTPTransportError) {
        guard !method.isEmpty, method.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw .invalidRequest("method \(redactor(method)) is not an upper-case HTTP method")
        }
        if let body {
            try check(ccurl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "POSTFIELDSIZE_LARGE")
            if let bytes = body.baseAddress {
                try check(ccurl_setopt_pointer(easy, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes)), "POSTFIELDS")
            } else {
                // An empty Data may have no address; a copied empty string keeps curl from reading stdin.
                try check(ccurl_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, ""), "COPYPOSTFIELDS")
            }
        }
        switch (method, body) {
        case ("GET", nil): try check(ccurl_setopt_long(easy, CURLOPT_HTTPGET, 1), "HTTPGET")
        case ("HEAD", nil): try check(ccurl_setopt_long(easy, CURLOPT_NOBODY, 1), "NOBODY")
        case ("POST", _):
            if body == nil {
                try check(ccurl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0), "POSTFIELDSIZE_LARGE")
                try check(ccurl_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, ""), "COPYPOSTFIELDS")
            }
        default: try check(ccurl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
        }
    }

    private func setCallbacks(_ sink: ResponseSink) throws(HTTPTransportError) {
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(ccurl_set_write_callback(easy, { data, size, count, context in
            ResponseSink.from(context).appendBody(data, size * count)
        }, context), "WRITEFUNCTION")
        try check(ccurl_set_header_callback(easy, { data, size, count, context in
            ResponseSink.from(context).appendHeaderLine(data, size * count)
        }, context), "HEADERFUNCTION")
        // Returning non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
        try check(ccurl_set_xferinfo_callback(easy, { context, _, _, _, _ in
            ResponseSink.from(context).shouldAbort ? 1 : 0
        }, context), "XFERINFOFUNCTION")
    }

    private func check(_ code: CURLcode, _ option: String) throws(HTTPTransportError) {
        guard code == CURLE_OK else {
            throw .network(code: Int(code.rawValue), message: "cannot set CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    // MARK: Transfer

    /// Drives the transfer on the multi handle so an abort from another thread can wake the poll at once.
    private func drive(_ job: Job) throws(HTTPTransportError) -> CURLcode {
        var status = curl_multi_add_handle(multi, easy)
        guard status == CURLM_OK else { throw multiFailure(status) }
        defer { curl_multi_remove_handle(multi, easy) }
        guard job.begin(on: multi) else { throw job.abortReason ?? .cancelled }
        defer { job.end() }
        while true {
            var running: Int32 = 0
            status = curl_multi_perform(multi, &running)
            guard status == CURLM_OK else { throw multiFailure(status) }
            var done: Int32 = 0
            let code = ccurl_multi_transfer_result(multi, easy, &done)
            if done != 0 { return code }
            // Removing the handle mid-transfer (the deferred remove) closes its connection.
            if let reason = job.abortReason { throw reason }
            status = curl_multi_poll(multi, nil, 0, Self.pollMilliseconds, nil)
            guard status == CURLM_OK else { throw multiFailure(status) }
        }
    }

    private func multiFailure(_ status: CURLMcode) -> HTTPTransportError {
        .network(code: Int(status.rawValue), message: "curl multi: \(String(cString: curl_multi_strerror(status)))")
    }

    // MARK: Results

    private func response(from sink: ResponseSink) -> HTTPResponse {
        var status = 0
        var connects = 0
        var microseconds: curl_off_t = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        _ = ccurl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        _ = ccurl_getinfo_off_t(easy, CURLINFO_TOTAL_TIME_T, &microseconds)
        let metrics = TransferMetrics(
            newConnections: connects,
            thread: currentThreadName(),
            totalTime: .microseconds(Int64(microseconds))
        )
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body, metrics: metrics)
    }

    private func failure(_ code: CURLcode, job: Job) -> HTTPTransportError {
        if code == CURLE_ABORTED_BY_CALLBACK { return job.abortReason ?? .cancelled }
        let curlText = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let detail = redactor("\(Self.describe(job.request, proxy: options.proxy)): \(curlText)")
        return HTTPTransportError(curlCode: code, detail: detail, viaProxy: options.proxy != nil)
    }

    /// "METHOD url [via proxy p]" without the query, which may carry message text.
    static func describe(_ request: HTTPRequest, proxy: String?) -> String {
        let url = request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.url
        return "\(request.method) \(url)" + (proxy.map { " via proxy \($0)" } ?? "")
    }
}

extension Duration {
    /// Whole milliseconds for curl, at least 1 because 0 would mean "no limit".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return Int(min(max(milliseconds.rounded(.up), 1), Double(Int32.max)))
    }
}

/// The calling thread's OS-level name (Foundation's `Thread.name` can lag behind it on Linux).
func currentThreadName() -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    ccurl_thread_name(&buffer, buffer.count)
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
