import CCurl
import Foundation

/// One request on its way through the queue and a worker; completes its caller exactly once.
final class Job: @unchecked Sendable {
    typealias Outcome = Result<HTTPResponse, HTTPTransportError>

    let request: HTTPRequest

    // All mutable state below is guarded by `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var outcome: Outcome?
    private var abortReason_: HTTPTransportError?
    // The multi handle of the worker running this job, to wake it out of curl_multi_poll on abort.
    private var runningOn: UnsafeMutableRawPointer?

    init(request: HTTPRequest) {
        self.request = request
    }

    /// Hands over the caller's continuation; resumes it at once if the job already ended (cancelled early).
    func attach(_ continuation: CheckedContinuation<Outcome, Never>) {
        lock.lock()
        if let outcome {
            lock.unlock()
            continuation.resume(returning: outcome)
        } else {
            self.continuation = continuation
            lock.unlock()
        }
    }

    /// Completes the caller's wait; later calls are ignored.
    func finish(_ result: Outcome) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            return
        }
        outcome = result
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: result)
    }

    /// Fails the caller now and makes the worker drop the transfer as soon as it wakes.
    func abort(_ reason: HTTPTransportError) {
        lock.lock()
        if abortReason_ == nil { abortReason_ = reason }
        // Under the lock: the worker clears `runningOn` under it too, before the handle can go away.
        if let runningOn { curl_multi_wakeup(runningOn) }
        lock.unlock()
        finish(.failure(reason))
    }

    /// Why the job was aborted, or nil while it may go on.
    var abortReason: HTTPTransportError? {
        lock.lock()
        defer { lock.unlock() }
        return abortReason_
    }

    /// Marks the job as running on `multi`; false if it ended already and must not start.
    func begin(on multi: UnsafeMutableRawPointer) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard outcome == nil, abortReason_ == nil else { return false }
        runningOn = multi
        return true
    }

    /// Marks the transfer as over, so no abort touches the worker's handle any more.
    func end() {
        lock.lock()
        runningOn = nil
        lock.unlock()
    }
}

/// FIFO of jobs between callers and worker threads; workers block on it.
final class JobQueue: @unchecked Sendable {
    // Guards every property below.
    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var head = 0
    private var running: [ObjectIdentifier: Job] = [:]
    private var closed = false

    /// Adds a job for the next free worker; false once the queue is closed.
    func enqueue(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        waiting.append(job)
        condition.signal()
        return true
    }

    /// Blocks the calling worker until a job is ready; nil when the queue closed.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed { return nil }
            while head < waiting.count {
                let job = waiting[head]
                head += 1
                compactIfDrained()
                // A job cancelled while queued was already answered; skip it.
                if job.abortReason == nil {
                    running[ObjectIdentifier(job)] = job
                    return job
                }
            }
            condition.wait()
        }
    }

    /// Called by the worker when its job is over.
    func done(_ job: Job) {
        condition.lock()
        running[ObjectIdentifier(job)] = nil
        condition.unlock()
    }

    /// Refuses new jobs, fails every queued and running job with `shutDown`, and releases the workers.
    func close() {
        condition.lock()
        closed = true
        let pending = waiting[head...] + running.values
        waiting = []
        head = 0
        running = [:]
        condition.broadcast()
        condition.unlock()
        for job in pending { job.abort(.shutDown) }
    }

    private func compactIfDrained() {
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        }
    }
}
