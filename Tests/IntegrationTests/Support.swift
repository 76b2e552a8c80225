import BotAPI
import CurlTransport
import Foundation
import Logging
import Runtime
import Sandbox

/// A started sandbox and a real libcurl client pointed at it.
struct Harness {
    let sandbox: Sandbox
    let client: CurlBotAPIClient
    let http: CurlHTTPClient
    let baseURL: String

    static func start(_ config: SandboxConfig = SandboxConfig(), workers: Int = 4) async throws -> Harness {
        let sandbox = Sandbox(config: config)
        let url = try await sandbox.start()
        let http = CurlBotAPIClient.makeHTTPClient(token: sandbox.token, workers: workers, name: "test-http")
        let client = CurlBotAPIClient(baseURL: url.absoluteString, token: sandbox.token, http: http)
        return Harness(sandbox: sandbox, client: client, http: http, baseURL: url.absoluteString)
    }

    func stop() async {
        http.shutdown()
        await sandbox.stop()
    }
}

/// Records the ids it is handed, in order; handles everything.
actor CountingSink: UpdateSink {
    private(set) var ids: [Int64] = []
    private var seen: Set<Int64> = []
    private(set) var duplicates = 0
    private(set) var firstAt: ContinuousClock.Instant?
    private(set) var lastAt: ContinuousClock.Instant?

    func handle(_ updates: [Update]) async throws -> Set<Int64> {
        if firstAt == nil { firstAt = .now }
        for u in updates {
            if seen.insert(u.updateId).inserted { ids.append(u.updateId) } else { duplicates += 1 }
        }
        lastAt = .now
        return Set(updates.map(\.updateId))
    }

    var count: Int { ids.count }
}

/// Keeps every log line, to check what operators would see (and that no secret is in it).
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    func logger(_ label: String) -> Logger {
        Logger(label: label) { _ in CapturingHandler(capture: self) }
    }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        capture.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
    }
}

/// Polls until `condition` holds or `timeout` passes.
func eventually(_ timeout: Duration = .seconds(20), _ condition: @Sendable () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
