import Foundation
import Store

/// `otklik status`: the store's figures judged by two simple rules.
/// Healthy (exit 0), unhealthy (exit 1: the service is stopped or stuck) or unreadable (exit 2).
public struct StatusReport: Sendable {
    /// When the service counts as stopped or stuck. A running service sends within seconds (longer
    /// only while Telegram asks it to wait) and fires every due timer within a minute.
    public struct Rules: Sendable {
        /// A message waiting longer than this to be sent.
        public var maxOutboxAge: TimeInterval = 300
        /// A timer due longer ago than this and not fired.
        public var maxTimerLag: TimeInterval = 300

        public init() {}
    }

    public enum Health: String, Sendable, Codable {
        case healthy, unhealthy, unreadable
    }

    /// The store file, when the config could be read.
    public var storePath: String?
    public var now: Date
    /// The figures; nil when the store could not be read.
    public var status: StoreStatus?
    /// Why the store (or the config naming it) could not be read.
    public var error: String?
    /// What makes it unhealthy, each with its likely cause.
    public var problems: [String] = []
    /// Worth a look, but not unhealthy.
    public var notes: [String] = []

    /// Judges figures read from the store.
    public init(storePath: String, status: StoreStatus, rules: Rules = Rules()) {
        self.storePath = storePath
        self.now = status.now
        self.status = status
        if let age = outboxAge, age > rules.maxOutboxAge {
            problems.append("a message has waited \(Self.span(age)) to be sent (limit \(Self.span(rules.maxOutboxAge))): "
                + "the service is stopped or stuck, or cannot reach Telegram (see its log)")
        }
        if let lag = timerLag, lag > rules.maxTimerLag {
            problems.append("a timer has been due for \(Self.span(lag)) without firing (limit \(Self.span(rules.maxTimerLag))): "
                + "the service is stopped or its scheduler is stuck")
        }
        if status.failedUpdates > 0 {
            notes.append("\(status.failedUpdates) update(s) could not be handled; the service log has the errors")
        }
        if !status.unreachablePeople.isEmpty {
            notes.append("\(status.unreachablePeople.count) person(s) blocked the bot and get no notifications; "
                + "they get them again once they unblock it")
        }
    }

    /// A store (or config) that could not be read.
    public init(storePath: String?, now: Date, unreadable error: String) {
        self.storePath = storePath
        self.now = now
        self.error = error
    }

    /// Opens the store at `path` read-only (never creating or migrating it, so safe while the
    /// service runs) and judges it.
    public static func read(storePath: String, now: Date, rules: Rules = Rules()) -> StatusReport {
        do {
            let database = try AppDatabase.openForReading(path: storePath)
            let status = try database.read { try $0.status(now: now) }
            return StatusReport(storePath: storePath, status: status, rules: rules)
        } catch {
            return StatusReport(storePath: storePath, now: now, unreadable: "\(error)")
        }
    }

    public var health: Health {
        if error != nil || status == nil { return .unreadable }
        return problems.isEmpty ? .healthy : .unhealthy
    }

    /// 0 healthy, 1 unhealthy, 2 unreadable.
    public var exitCode: Int32 {
        switch health {
        case .healthy: 0
        case .unhealthy: 1
        case .unreadable: 2
        }
    }

    /// How long the oldest pending message has waited.
    var outboxAge: TimeInterval? {
        status?.outbox.oldestCreatedAt.map { max(0, now.timeIntervalSince($0)) }
    }

    /// How long the most overdue timer has been due; nil when none is.
    var timerLag: TimeInterval? {
        guard let due = status?.nextTimerDue, due <= now else { return nil }
        return now.timeIntervalSince(due)
    }

    /// A span for people: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
    static func span(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        let m = s / 60
        if m < 60 { return "\(m) min" }
        let h = m / 60
        if h < 48 { return m % 60 == 0 ? "\(h) h" : "\(h) h \(m % 60) min" }
        return h % 24 == 0 ? "\(h / 24) d" : "\(h / 24) d \(h % 24) h"
    }
}
