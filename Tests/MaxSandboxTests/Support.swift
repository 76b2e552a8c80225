import CurlTransport
import FlyingFox
import FlyingSocks
import Foundation
import MaxAPI
import MaxSandbox
import Testing

/// A clock a test moves by hand (rate limits, upload readiness, message dates).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 1000
    private var date = Date(timeIntervalSince1970: 1_780_000_000)
    var now: Double { lock.withLock { seconds } }
    var today: Date { lock.withLock { date } }
    func advance(_ by: Double) { lock.withLock { seconds += by; date += by } }
}

/// The waits the client asked for instead of sleeping.
final class RecordedWaits: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []
    var all: [Duration] { lock.withLock { waits } }
    func wait(_ duration: Duration) { lock.withLock { waits.append(duration) } }
}

/// A started sandbox and a `CurlMaxClient` for it over real loopback HTTP.
struct MaxHarness {
    let sandbox: MaxSandbox
    let client: CurlMaxClient
    let http: CurlHTTPClient
    let clock: ManualClock
    let waits: RecordedWaits
    let baseURL: String

    /// Limits off unless given; the rate and date clocks are manual.
    static func start(limits: MaxSandboxLimits = .off, attachmentReadyDelay: Double = 0.5,
                      token: String? = nil) async throws -> MaxHarness {
        let clock = ManualClock()
        let config = MaxSandboxConfig(limits: limits, rateClock: { clock.now }, now: { clock.today },
                                      attachmentReadyDelay: attachmentReadyDelay)
        let sandbox = MaxSandbox(config: config)
        let url = try await sandbox.start().absoluteString
        let waits = RecordedWaits()
        let http = CurlMaxClient.makeHTTPClient(token: token ?? sandbox.token, caBundle: nil, workers: 2, name: "max-test")
        let client = CurlMaxClient(baseURL: url, token: token ?? sandbox.token, http: http, wait: { waits.wait($0) })
        return MaxHarness(sandbox: sandbox, client: client, http: http, clock: clock, waits: waits, baseURL: url)
    }

    /// Another client on the same sandbox with another token.
    func client(token: String) -> CurlMaxClient {
        CurlMaxClient(baseURL: baseURL, token: token, http: CurlMaxClient.makeHTTPClient(token: token, caBundle: nil, workers: 1, name: "max-other"))
    }

    func stop() async {
        await sandbox.stop()
        http.shutdown()
    }
}

/// The MAX error of a throwing call, as a value (nil when it succeeded; any other error is a test failure).
func failure<T>(_ body: () async throws -> T) async -> MaxAPIError? {
    do {
        _ = try await body()
        return nil
    } catch let error as MaxAPIError {
        return error
    } catch {
        Issue.record("not a MaxAPIError: \(error)")
        return nil
    }
}

/// A webhook receiver on loopback: answers the first `failures` posts with 500, then 200, and keeps what came.
actor WebhookReceiver {
    struct Received: Sendable {
        var secret: String?
        var body: Data
    }

    private(set) var received: [Received] = []
    private var failuresLeft: Int
    private var server: HTTPServer?
    private var task: Task<Void, any Error>?
    private(set) var port: UInt16 = 0

    init(failures: Int) { failuresLeft = failures }

    func start() async throws -> String {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        await server.appendRoute("POST /max/hook") { [weak self] request in
            let body = try await request.bodyData
            let ok = await self?.take(Received(secret: request.headers[HTTPHeader("X-Max-Bot-Api-Secret")], body: body)) ?? false
            return FlyingFox.HTTPResponse(statusCode: ok ? .ok : .internalServerError)
        }
        self.server = server
        task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, port)? = await server.listeningAddress else { throw CocoaError(.fileReadUnknown) }
        self.port = port
        return "http://127.0.0.1:\(port)/max/hook"
    }

    private func take(_ received: Received) -> Bool {
        self.received.append(received)
        if failuresLeft > 0 {
            failuresLeft -= 1
            return false
        }
        return true
    }

    func stop() async {
        await server?.stop(timeout: 0)
        task?.cancel()
    }
}

let alice: Int64 = 100_001
let bob: Int64 = 200_002
