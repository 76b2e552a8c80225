import Bot
import BotAPI
import CurlTransport
import Engine
import Foundation
import Logging
import Messaging
import OtklikApp
import Sandbox
import Telegram

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

    func handle(_ updates: [InboundUpdate], cursor: ReceiverCursor?) async throws -> Set<Int64> {
        if firstAt == nil { firstAt = .now }
        for u in updates {
            if seen.insert(u.receipt).inserted { ids.append(u.receipt) } else { duplicates += 1 }
        }
        lastAt = .now
        return Set(updates.map(\.receipt))
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

/// Runs `body` with a resource `start` made and stops it afterwards — awaited, however `body` ends —
/// so no test begins while the previous one's service or sandbox is still shutting down.
func scoped<R, T>(_ start: () async throws -> R, stop: (R) async -> Void, _ body: (R) async throws -> T) async throws -> T {
    let resource = try await start()
    let result: T
    do {
        result = try await body(resource)
    } catch {
        await stop(resource)
        throw error
    }
    await stop(resource)
    return result
}

/// A started sandbox with a libcurl client for the length of `body`.
func withHarness<T>(_ config: SandboxConfig = SandboxConfig(), _ body: (Harness) async throws -> T) async throws -> T {
    try await scoped({ try await Harness.start(config) }, stop: { await $0.stop() }, body)
}
