import Foundation
import MaxAPI

/// How a MAX sandbox is set up. Everything has a working default.
public struct MaxSandboxConfig: Sendable {
    /// The token the server accepts in `Authorization`, raw.
    public var token: String
    public var botUserId: Int64
    public var botName: String
    public var botUsername: String
    public var limits: MaxSandboxLimits
    /// Seconds on a monotonic scale for the rate limits and upload readiness; injectable so tests are exact.
    public var rateClock: @Sendable () -> Double
    /// Message and event times (the 24 h event TTL, the 7-day edit window).
    public var now: @Sendable () -> Date
    /// A media token used in a message sooner than this after its upload is refused once with
    /// `attachment.not.ready` (MAX processes uploads before they can be attached; FACTS §8).
    public var attachmentReadyDelay: Double
    /// Pauses before each re-delivery of a webhook the bot did not answer with 200 (MAX: 60 s, 150 s,
    /// 375 s, …; short here so tests do not wait). After the last one the update is given up.
    public var webhookRetryDelays: [Duration]
    /// The first event's sequence number: MAX's markers are large numbers, never 0 or 1.
    public var firstMarker: Int64

    public init(token: String = "max-sandbox-token_0123456789abcdef", botUserId: Int64 = 9_000_000_001,
                botName: String = "Otklik MAX Sandbox", botUsername: String = "otklik_max_bot",
                limits: MaxSandboxLimits = .max, rateClock: @escaping @Sendable () -> Double = MaxSandboxConfig.monotonicSeconds,
                now: @escaping @Sendable () -> Date = { Date() }, attachmentReadyDelay: Double = 0.5,
                webhookRetryDelays: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400)],
                firstMarker: Int64 = 25_493_970) {
        self.token = token; self.botUserId = botUserId; self.botName = botName; self.botUsername = botUsername
        self.limits = limits; self.rateClock = rateClock; self.now = now; self.attachmentReadyDelay = attachmentReadyDelay
        self.webhookRetryDelays = webhookRetryDelays; self.firstMarker = firstMarker
    }

    /// Seconds since an arbitrary start, never going back.
    public static let monotonicSeconds: @Sendable () -> Double = {
        let elapsed = ContinuousClock.now - monotonicStart
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let monotonicStart = ContinuousClock.now
}

/// MAX's request rates as the sandbox enforces them (429 beyond).
public struct MaxSandboxLimits: Sendable, Hashable {
    public var enabled: Bool
    /// `GET /updates` per second.
    public var pollsPerSecond: Int
    /// Every authorised request per second, polls included.
    public var requestsPerSecond: Int

    public init(enabled: Bool = true, pollsPerSecond: Int = MaxLimits.pollsPerSecond,
                requestsPerSecond: Int = MaxLimits.requestsPerSecond) {
        self.enabled = enabled; self.pollsPerSecond = pollsPerSecond; self.requestsPerSecond = requestsPerSecond
    }

    public static let max = MaxSandboxLimits()
    public static let off = MaxSandboxLimits(enabled: false)
}

/// A failure the sandbox imitates on the next matching requests instead of answering them.
public enum MaxSandboxFault: Sendable, Hashable {
    /// An error answer with MAX's `{code, message}` body.
    case error(status: Int, code: String, message: String)
    /// A proxy's HTML page instead of JSON.
    case htmlPage(status: Int)
    /// A 401 whose message quotes the request's `Authorization` header, as a careless proxy might.
    case echoAuthorization
}

/// Errors of the control API (misuse by a test, or a wait that ran out).
public enum MaxSandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownPerson(Int64)
    case unknownMessage(String)
    case noSuchButton(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case let .unknownPerson(id): return "no person \(id) in the MAX sandbox"
        case let .unknownMessage(mid): return "no message \(mid) in the MAX sandbox"
        case let .noSuchButton(what): return "no callback button \(what) on the bot's messages"
        case let .timedOut(what): return "timed out waiting for \(what)"
        }
    }
}

/// Timestamps in arrival order; admits at most `limit` in any `window` seconds.
struct RateWindow: Sendable {
    private var times: [Double] = []

    mutating func admit(limit: Int, window: Double = 1, now: Double) -> Bool {
        times.removeAll { $0 <= now - window }
        guard times.count < limit else { return false }
        times.append(now)
        return true
    }
}
