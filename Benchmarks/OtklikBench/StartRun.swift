import Foundation
import Sandbox

/// (3) idle memory and (4) start time with a large store; (7) both intake and start against store size.
extension Bench {
    struct StartOutcome {
        var seconds: Double
        var idleBytes: Int
        var peakBytes: Int
        var anonymousBytes: Int
        var fileBytes: Int
    }

    func startFigures() async throws {
        say("\n(3)–(4) start and idle memory with 100,000 cases and 1,000,000 journal rows")
        let outcome = try await start(cases: 100_000)
        results.add("start.first_update_100k_s", "(4) start to first update handled, 100k cases", outcome.seconds, "s",
                    goal: "≤ 0.3", met: outcome.seconds <= 0.3,
                    note: "process launch → reply to a queued /case 5 at the sandbox; median of 3")
        let idle = Self.megabytes(outcome.idleBytes)
        results.add("memory.idle_100k_mb", "(3) idle RSS, 100k cases", idle, "MB", goal: "≤ 40", met: idle <= 40,
                    note: "VmRSS 3 s after the first update; peak \(Self.megabytes(outcome.peakBytes)) MB")
        results.add("memory.idle_100k_anon_mb", "(3) of which anonymous (heap, stacks)", Self.megabytes(outcome.anonymousBytes), "MB",
                    note: "RssAnon: the real pressure; the rest (RssFile \(Self.megabytes(outcome.fileBytes)) MB) are clean file pages")
    }

    func growthFigures() async throws {
        say("\n(7) growth: intake and start against the store's size")
        var intake: [Int: Double] = [:]
        var starts: [Int: Double] = [:]
        for size in growthSizes {
            let start = try await start(cases: size)
            starts[size] = start.seconds
            let label = "\(size / 1000)k"
            let outcome = try await runIntake(storePath: try await store(cases: size), label: label, latency: false)
            intake[size] = outcome.postsPerSecond
            results.add("growth.start_\(label)_s", "(7) start, \(label) cases", start.seconds, "s")
            results.add("growth.intake_\(label)_posts_per_s", "(7) intake, \(label) cases", outcome.postsPerSecond, "posts/s")
        }
        // Logarithmic growth: from the smallest to the largest store, cost grows at most by ln(large)/ln(small).
        guard let small = growthSizes.first, let large = growthSizes.last, small != large else { return }
        let allowed = log(Double(large)) / log(Double(small))
        let intakeRatio = intake[small]! / intake[large]!
        let startRatio = starts[large]! / starts[small]!
        results.add("growth.intake_cost_ratio", "(7) intake cost \(large / 1000)k vs \(small / 1000)k", intakeRatio, "×",
                    goal: "≤ \(String(format: "%.2f", allowed)) (logarithmic)", met: intakeRatio <= allowed)
        results.add("growth.start_cost_ratio", "(7) start time \(large / 1000)k vs \(small / 1000)k", startRatio, "×",
                    goal: "≤ \(String(format: "%.2f", allowed)) (logarithmic)", met: startRatio <= allowed)
    }

    /// Start against the seeded store of `cases`, three times; the median time and the last memory figures.
    func start(cases: Int) async throws -> StartOutcome {
        if let known = startOutcomes[cases] { return known }
        let path = try await store(cases: cases)
        var outcomes: [StartOutcome] = []
        for run in 0..<3 { outcomes.append(try await runStart(storePath: path, label: "\(cases / 1000)k-\(run)")) }
        let median = outcomes.sorted { $0.seconds < $1.seconds }[1]
        say("  start with \(cases) cases: \(outcomes.map { String(format: "%.3f", $0.seconds) }.joined(separator: ", ")) s; "
            + "idle \(Self.megabytes(median.idleBytes)) MB")
        startOutcomes[cases] = median
        return median
    }

    /// Launches `otklik run` with `/case 5` already queued; answers launch → reply, then idle memory.
    func runStart(storePath: String, label: String) async throws -> StartOutcome {
        let staff = cityStaff
        let sandbox = try await makeSandbox(floodLimits: .off, staff: staff)
        defer { Task { await sandbox.stop() } }
        try await sandbox.sendCommand("case", arguments: "5", from: staff.specialistIds[0])
        let observed = Observed()
        await sandbox.setRequestObserver(observed.observer)
        let folder = folder("start-\(label)")
        let setup = ServiceSetup(folder: folder, storePath: storePath, apiURL: (await sandbox.baseURL)!.absoluteString,
                                 staff: staff)
        let child = ServiceProcess(binary: binary, config: try setup.writeConfig(), token: sandbox.token,
                                   log: folder.appendingPathComponent("otklik.log"))
        try child.start()
        defer { child.stop() }
        guard await observed.wait(forCount: 1, timeout: .seconds(120), while: { child.process.isRunning }) else {
            throw BenchError("start (\(label)): no reply; log:\n\(child.tail)")
        }
        let seconds = Self.seconds(observed.all[0].at - child.launchedAt)
        try await Task.sleep(for: .seconds(3))
        let memory = child.memory
        return StartOutcome(seconds: seconds, idleBytes: memory.rss, peakBytes: memory.peak, anonymousBytes: memory.anonymous,
                            fileBytes: memory.file)
    }
}
