import BotAPI
import Foundation

/// How a sandbox is set up. Everything has a working default.
public struct SandboxConfig: Sendable {
    /// The bot token the server accepts; its number is the bot's user id.
    public var token: String
    public var botFirstName: String
    public var botUsername: String
    public var floodLimits: FloodLimits
    /// Seconds on a monotonic scale for the flood limits; injectable so limit tests are exact.
    public var floodClock: @Sendable () -> Double
    /// Message dates; the bot under test may run on a manual clock, and so can the people.
    public var now: @Sendable () -> Date
    /// Telegram starts update ids at an arbitrary large number, never at 1.
    public var firstUpdateId: Int64
    /// The request log keeps at least this many of the newest requests (bounds memory in benchmarks).
    public var requestLogLimit: Int

    public init(token: String = "7000000001:AAHsandbox-TestToken_0123456789abcde",
                botFirstName: String = "Otklik Sandbox", botUsername: String = "otklik_sandbox_bot",
                floodLimits: FloodLimits = .telegram,
                floodClock: @escaping @Sendable () -> Double = SandboxConfig.monotonicSeconds,
                now: @escaping @Sendable () -> Date = { Date() },
                firstUpdateId: Int64 = 650_000_001, requestLogLimit: Int = 200_000) {
        self.token = token; self.botFirstName = botFirstName; self.botUsername = botUsername
        self.floodLimits = floodLimits; self.floodClock = floodClock; self.now = now
        self.firstUpdateId = firstUpdateId
        self.requestLogLimit = requestLogLimit
    }

    /// Seconds since an arbitrary start, never going back.
    public static let monotonicSeconds: @Sendable () -> Double = {
        let now = ContinuousClock.now - monotonicStart
        return Double(now.components.seconds) + Double(now.components.attoseconds) / 1e18
    }

    private static let monotonicStart = ContinuousClock.now

    /// The bot's user id: the number before the colon of the token.
    public var botId: Int64 { Int64(token.prefix { $0 != ":" }) ?? 7_000_000_001 }
}

/// A failure the sandbox imitates on the next matching requests.
public enum SandboxFault: Sendable, Hashable {
    /// An HTTP error with Telegram's JSON envelope (e.g. 500 "Internal Server Error", 502 "Bad Gateway").
    case serverError(status: Int, description: String)
    /// A proxy's HTML error page instead of JSON.
    case htmlErrorPage(status: Int)
    /// 200 with a body that is not JSON; the method is not executed.
    case malformedJSON
    /// The method runs, but the answer is cut in half (200, broken JSON).
    case truncatedJSON
    /// The connection is closed without an answer; the method is not executed.
    case dropConnection
    /// The method runs, then the connection is closed without an answer (the sender cannot know it worked).
    case dropAfterExecuting
    /// Waits, then answers normally.
    case delay(Duration)
    /// 429 with `retry_after`; the method is not executed.
    case tooManyRequests(retryAfter: Int)
}

/// Which requests a fault applies to.
public enum FaultTarget: Sendable, Hashable {
    case anyMethod
    case method(String)

    func matches(_ method: String) -> Bool {
        switch self {
        case .anyMethod: return true
        case let .method(name): return name.lowercased() == method.lowercased()
        }
    }
}

struct FaultRule {
    var target: FaultTarget
    var fault: SandboxFault
    var remaining: Int
}

/// Errors of the control API (misuse by a test, or a wait that ran out).
public enum SandboxError: Error, Sendable, CustomStringConvertible, Equatable {
    case notStarted
    case unknownUser(Int64)
    case unknownChat(Int64)
    case unknownMessage(chatId: Int64, messageId: Int64)
    case noSuchButton(String)
    case invalidJSON(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case .notStarted: return "the sandbox is not started"
        case let .unknownUser(id): return "no person \(id) in the sandbox"
        case let .unknownChat(id): return "no chat \(id) in the sandbox"
        case let .unknownMessage(chat, message): return "no message \(message) in chat \(chat)"
        case let .noSuchButton(what): return "no button \(what) on the bot's messages"
        case let .invalidJSON(detail): return "invalid JSON: \(detail)"
        case let .timedOut(what): return "timed out waiting for \(what)"
        }
    }
}
