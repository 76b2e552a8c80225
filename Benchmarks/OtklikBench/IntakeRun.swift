import Foundation
import GRDB
import Sandbox
import Store

/// (1) intake throughput, (2) latency, (3) peak memory during intake.
extension Bench {
    struct IntakeOutcome {
        var postsPerSecond: Double
        var seconds: Double
        var peakBytes: Int
        var startPeakBytes: Int
        var latency: (p50: Double, p99: Double, max: Double, samples: Int)?
    }

    func intakeAndLatency() async throws {
        say("\n(1)–(3) intake of \(posts) forwarded posts from \(specialists) specialists, empty store")
        let path = folder("intake-empty").appendingPathComponent("otklik.sqlite").path
        let outcome = try await runIntake(storePath: path, label: "empty", latency: options.wants("latency"))
        results.add("intake.posts_per_s", "(1) intake throughput, \(posts) posts", outcome.postsPerSecond, "posts/s",
                    goal: "≥ 437 (session 3's 485 − 10 %; 3,000 withdrawn)", met: outcome.postsPerSecond >= 437,
                    note: "first getUpdates → \(posts)th case card at the sandbox: \(String(format: "%.2f", outcome.seconds)) s")
        if let latency = outcome.latency {
            results.add("latency.p50_ms", "(2) latency p50 at 100 updates/s", latency.p50, "ms")
            results.add("latency.p99_ms", "(2) latency p99 at 100 updates/s", latency.p99, "ms", goal: "≤ 20",
                        met: latency.p99 <= 20, note: "/case N by specialists; \(latency.samples) samples; max \(String(format: "%.1f", latency.max)) ms")
        }
        let peak = Self.megabytes(outcome.peakBytes)
        results.add("memory.peak_intake_mb", "(3) peak RSS during (1)", peak, "MB", goal: "≤ 40", met: peak <= 40,
                    note: "VmHWM of otklik run from the first getUpdates on; \(Self.megabytes(outcome.startPeakBytes)) MB while starting")
    }

    /// Pre-queues the posts, starts `otklik run`, and times the first getUpdates to the last case card.
    func runIntake(storePath: String, label: String, latency: Bool) async throws -> IntakeOutcome {
        let staff = cityStaff
        let sandbox = try await makeSandbox(floodLimits: .off, staff: staff)
        defer { Task { await sandbox.stop() } }
        let ids = staff.specialistIds
        // Round robin: one post of each specialist, then the next round. With settle_delay 0 a post
        // settles into its own case before the same specialist's next one (see the note).
        let queued = (0..<posts).map { k in (from: ids[k % ids.count], text: Posts.text(10_000_000 + k, salt: updateSalt)) }
        try await sandbox.forwardAll(queued)
        let observed = Observed()
        await sandbox.setRequestObserver(observed.observer)

        let folder = URL(fileURLWithPath: storePath).deletingLastPathComponent()
        var setup = ServiceSetup(folder: folder, storePath: storePath, apiURL: (await sandbox.baseURL)!.absoluteString, staff: staff)
        setup.sendConcurrency = 16
        setup.rateLimits = false
        setup.settleDelay = 0
        let child = ServiceProcess(binary: binary, config: try setup.writeConfig(), token: sandbox.token,
                                   log: folder.appendingPathComponent("otklik-\(label).log"))
        try child.start()
        defer { child.stop() }
        // (3) is the peak while the posts are handled: from the first getUpdates on. The peak of the
        // start before it (code and tables mapped while starting, released once the bot runs) is
        // reported beside it.
        let startPeak = await Self.resetPeakAtFirstPoll(child, observed)
        guard await observed.wait(forCount: posts, timeout: .seconds(900), while: { child.process.isRunning }) else {
            throw BenchError("intake (\(label)): \(observed.count) of \(posts) cards arrived; log:\n\(child.tail)")
        }
        let cards = observed.all
        guard let first = observed.firstGetUpdates else { throw BenchError("intake (\(label)): no getUpdates seen") }
        let seconds = Self.seconds(cards[posts - 1].at - first)
        var outcome = IntakeOutcome(postsPerSecond: Double(posts) / seconds, seconds: seconds, peakBytes: child.memory.peak,
                                    startPeakBytes: startPeak)
        say("  \(label): \(posts) cards in \(String(format: "%.2f", seconds)) s, peak RSS \(Self.megabytes(outcome.peakBytes)) MB "
            + "(\(Self.megabytes(startPeak)) MB while starting)")
        if latency { outcome.latency = try await measureLatency(sandbox, observed, staff: staff, child: child) }
        outcome.peakBytes = max(outcome.peakBytes, child.memory.peak)
        child.stop()
        try await checkStore(storePath, label: label)
        return outcome
    }

    /// Waits for the first getUpdates, reads the peak so far (the start's) and starts the peak afresh.
    static func resetPeakAtFirstPoll(_ child: ServiceProcess, _ observed: Observed) async -> Int {
        while observed.firstGetUpdates == nil, child.process.isRunning {
            try? await Task.sleep(for: .milliseconds(2))
        }
        let startPeak = child.memory.peak
        child.resetPeak()
        return startPeak
    }

    /// A different text salt per run, so a store seeded once never sees the same post twice.
    var updateSalt: UInt64 { UInt64(truncatingIfNeeded: Int64(Date().timeIntervalSince1970 * 1000)) }

    /// Every post became its own case and no update failed.
    func checkStore(_ path: String, label: String) async throws {
        let database = try AppDatabase.open(path: path)
        let (failed, multi) = try await rawSQL(database).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM failedUpdate") ?? 0,
             try Int.fetchOne(db, sql: #"SELECT count(*) FROM "case" WHERE json_array_length(sourceMessageIds) > 1"#) ?? 0)
        }
        if failed > 0 || multi > 0 {
            say("  WARNING (\(label)): \(failed) failed updates, \(multi) cases of several posts")
        }
    }

    /// (2): `/case N` from the specialists at a steady 100 a second; each reply timed from its injection.
    func measureLatency(_ sandbox: Sandbox, _ observed: Observed, staff: Staff, child: ServiceProcess) async throws
        -> (p50: Double, p99: Double, max: Double, samples: Int) {
        let total = Int(latencySeconds * 100)
        let warmup = 100
        say("  latency: \(total) × /case N at 100/s (first \(warmup) not counted)")
        let before = observed.count
        let ids = staff.specialistIds
        var injected: [(chat: Int64, at: ContinuousClock.Instant)] = []
        injected.reserveCapacity(total)
        let start = ContinuousClock.now + .milliseconds(20)
        for k in 0..<total {
            try await Task.sleep(until: start + .milliseconds(10 * k), clock: .continuous)
            let chat = ids[k % ids.count]
            let at = ContinuousClock.now
            try await sandbox.sendCommand("case", arguments: "\(1 + (k * 7919) % posts)", from: chat)
            injected.append((chat, at))
        }
        guard await observed.wait(forCount: before + total, timeout: .seconds(60), while: { child.process.isRunning }) else {
            throw BenchError("latency: \(observed.count - before) of \(total) replies arrived; log:\n\(child.tail)")
        }
        try await Task.sleep(for: .milliseconds(200))
        let replies = observed.since(before)
        guard replies.count == total else { throw BenchError("latency: \(replies.count) replies to \(total) commands") }
        // Each chat's replies come in the order of its commands.
        var waiting: [Int64: [Int]] = [:]
        for (index, item) in injected.enumerated() { waiting[item.chat, default: []].append(index) }
        var latencies = [Double](repeating: 0, count: total)
        for reply in replies {
            guard let index = waiting[reply.chat]?.first else { throw BenchError("latency: a reply nobody asked for") }
            waiting[reply.chat]!.removeFirst()
            latencies[index] = Self.seconds(reply.at - injected[index].at) * 1000
        }
        let counted = latencies.dropFirst(warmup).sorted()
        func percentile(_ p: Double) -> Double { counted[min(counted.count - 1, Int((Double(counted.count) * p).rounded(.up)) - 1)] }
        return (percentile(0.5), percentile(0.99), counted.last ?? 0, counted.count)
    }
}
