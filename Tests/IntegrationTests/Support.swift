import BotAPI
import CurlTransport
import Foundation
import Logging
import OtklikApp
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

/// Polls until `condition` holds or `timeout` passes.
func eventually(_ timeout: Duration = .seconds(20), _ condition: @Sendable () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
