import Foundation
import Store

/// The store's figures in Prometheus' text exposition format 0.0.4.
///
/// The counters count rows the store keeps (handled update ids, failed updates, refused sends), so
/// they only grow while nothing prunes those tables; a restart of the service does not reset them.
public enum Exposition {
    /// The Content-Type Prometheus expects for this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Codes always present (0 until the first failure), so an alert on their increase sees the first one.
    static let usualFailureCodes = [400, 403]

    /// Every metric with its HELP and TYPE lines.
    public static func render(_ status: StoreStatus) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        func one(_ name: String, _ type: String, _ help: String, _ value: String) {
            family(name, type, help, [("", value)])
        }
        one("otklik_updates_handled_total", "counter", "Telegram updates handled.", "\(status.handledUpdates)")
        one("otklik_updates_failed_total", "counter", "Updates whose handling failed (see the log).", "\(status.failedUpdates)")
        one("otklik_last_update_handled_timestamp_seconds", "gauge",
            "When the last update was handled, in Unix time (0: never).",
            seconds(status.lastHandledAt?.timeIntervalSince1970 ?? 0))
        one("otklik_outbox_pending", "gauge", "Messages waiting to be sent to Telegram.", "\(status.outbox.count)")
        one("otklik_outbox_oldest_pending_seconds", "gauge", "Age of the oldest message waiting to be sent (0: none waits).",
            seconds(status.outbox.oldestCreatedAt.map { max(0, status.now.timeIntervalSince($0)) } ?? 0))
        var failures = Dictionary(uniqueKeysWithValues: usualFailureCodes.map { (Optional($0), 0) })
        for failure in status.sendFailures { failures[failure.code] = failure.count }
        // Codes ascending, refusals without a code last.
        let codes = failures.keys.sorted { a, b in a.map { x in b.map { x < $0 } ?? true } ?? false }
        family("otklik_send_failures_total", "counter", "Sends Telegram refused for good, by Bot API error code.",
               codes.map { (#"{code="\#($0.map(String.init) ?? "none")"}"#, "\(failures[$0]!)") })
        one("otklik_timers_due", "gauge", "Deadlines and reminders due now that have not fired yet.", "\(status.timersDue)")
        one("otklik_cases_open", "gauge", "Cases not closed.", "\(status.openCases)")
        one("otklik_cases_overdue", "gauge", "Open cases past their deadline.", "\(status.overdueCases)")
        one("otklik_unreachable_people", "gauge", "Staff who blocked the bot and get no notifications.",
            "\(status.unreachablePeople.count)")
        return out
    }

    /// Seconds to the millisecond, the way Prometheus reads floats.
    static func seconds(_ value: TimeInterval) -> String {
        String(format: "%.3f", value)
    }
}
