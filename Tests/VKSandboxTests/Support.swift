import CurlTransport
import Foundation
import Testing
import VKAPI
import VKSandbox

/// The pauses the client asked for; each is slept for at most 50 ms so the suite stays fast (the rate
/// limiter looks at the real clock again after each, so it still keeps its window).
final class RecordedWaits: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []
    var all: [Duration] { lock.withLock { waits } }

    func wait(_ duration: Duration) async throws {
        lock.withLock { waits.append(duration) }
        try await Task.sleep(for: min(duration, .milliseconds(50)))
    }
}

/// A date a test moves by hand (post dates, the flood-control minute).
final class ManualDate: @unchecked Sendable {
    private let lock = NSLock()
    private var date = Date(timeIntervalSince1970: 1_780_000_000)
    var now: Date { lock.withLock { date } }
    func advance(_ seconds: Double) { lock.withLock { date += seconds } }
}

/// A started VK sandbox and a `CurlVKClient` with all three of its keys, over real loopback HTTP.
struct VKHarness {
    let sandbox: VKSandbox
    let client: CurlVKClient
    let http: CurlHTTPClient
    let waits: RecordedWaits
    let date: ManualDate
    let baseURL: String

    var config: VKSandboxConfig { sandbox.config }
    var community: Int64 { sandbox.config.communityId }
    var tokens: [String] { [config.serviceToken, config.communityToken, config.userToken] }

    static func start(limits: VKSandboxLimits = .vk, commentsPerMinute: Int = 3, repliesPerThread: Int? = nil) async throws -> VKHarness {
        let date = ManualDate()
        let config = VKSandboxConfig(now: { date.now }, limits: limits, commentsPerMinute: commentsPerMinute,
                                     repliesPerThread: repliesPerThread)
        let sandbox = VKSandbox(config: config)
        let url = try await sandbox.start().absoluteString
        let waits = RecordedWaits()
        let http = CurlVKClient.makeHTTPClient(tokens: [config.serviceToken, config.communityToken, config.userToken],
                                               workers: 4, name: "vk-test")
        let client = CurlVKClient(baseURL: url, serviceToken: config.serviceToken, communityToken: config.communityToken,
                                  userToken: config.userToken, http: http, wait: { try await waits.wait($0) })
        return VKHarness(sandbox: sandbox, client: client, http: http, waits: waits, date: date, baseURL: url)
    }

    /// Another client on the same sandbox with other keys (nil: not set).
    func client(service: String? = nil, community: String? = nil, user: String? = nil) -> CurlVKClient {
        CurlVKClient(baseURL: baseURL, serviceToken: service, communityToken: community, userToken: user, http: http,
                     wait: { try await waits.wait($0) })
    }

    /// A GET of any URL the sandbox gave (photos, captcha pictures), without a key.
    func download(_ url: String) async throws -> HTTPResponse {
        try await http.perform(HTTPRequest(url: url))
    }

    func stop() async {
        await sandbox.stop()
        http.shutdown()
    }
}

/// The VK error of a throwing call, as a value (nil when it succeeded; any other error is a test failure).
func failure<T>(_ body: () async throws -> T) async -> VKAPIError? {
    do {
        _ = try await body()
        return nil
    } catch let error as VKAPIError {
        return error
    } catch {
        Issue.record("not a VKAPIError: \(error)")
        return nil
    }
}

/// People and walls the tests share.
enum Cast {
    static let ivan: Int64 = 5_550_001
    static let olga: Int64 = 5_550_002
    /// "Подслушано в городе": a public page, not the administration's.
    static let overheard: Int64 = 230_000_002

    static func add(to sandbox: VKSandbox) async {
        await sandbox.addUser(id: ivan, firstName: "Иван", lastName: "Петров", screenName: "ivan_petrov")
        await sandbox.addUser(id: olga, firstName: "Ольга", lastName: "Сидорова")
        await sandbox.addCommunity(id: overheard, name: "Подслушано в городе", screenName: "overheard_city")
    }
}

/// A 1×1 PNG, the smallest photo VK's upload host takes.
let onePixelPNG = Data([
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
])
