import Foundation
import Store

extension StatusReport {
    /// For people: one line a figure, times in `zone`, then the problems and notes.
    public func text(zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        var lines = ["otklik status: \(health.rawValue.uppercased())"]
        func row(_ name: String, _ value: String) { lines.append(name.padding(toLength: 22, withPad: " ", startingAt: 0) + value) }
        row("store", storePath ?? "?")
        guard let s = status else {
            row("error", error ?? "unknown")
            return lines.joined(separator: "\n") + "\n"
        }
        row("now", formatter.string(from: now))
        row("last update handled", s.lastHandledAt.map { "\(formatter.string(from: $0)) (\(Self.span(now.timeIntervalSince($0))) ago)" }
            ?? "never")
        row("updates", "\(s.handledUpdates) handled, \(s.failedUpdates) failed")
        row("outbox", outboxAge.map { "\(s.outbox.count) waiting, the oldest for \(Self.span($0))" } ?? "nothing waiting")
        row("failed sends (24 h)", s.recentSendFailures.isEmpty ? "none"
            : s.recentSendFailures.map { "\($0.code.map(String.init) ?? "no code") × \($0.count)" }.joined(separator: ", "))
        row("next timer", s.nextTimerDue.map { due in
            due > now ? "\(formatter.string(from: due)) (in \(Self.span(due.timeIntervalSince(now))))" : formatter.string(from: due)
        } ?? "none set")
        row("timers overdue", timerLag.map { "\(s.timersDue), the oldest due for \(Self.span($0))" } ?? "none")
        row("cases", "\(s.openCases) open, \(s.overdueCases) past their deadline")
        row("unreachable people", s.unreachablePeople.isEmpty ? "none"
            : s.unreachablePeople.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
        if !problems.isEmpty { lines += ["", "problems:"] + problems.map { "  - \($0)" } }
        if !notes.isEmpty { lines += ["", "notes:"] + notes.map { "  - \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For monitoring scripts: one JSON object; instants in UTC ISO 8601, ages in whole seconds.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(self))) ?? Data("{\"health\":\"unreadable\"}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The `--json` shape, keys in snake_case: flat, so `jq .outbox_pending` is all a script needs.
private struct JSONReport: Encodable {
    struct PersonRef: Encodable { var id: Int64; var name: String }

    var health: StatusReport.Health
    var exitCode: Int32
    var store: String?
    var now: Date
    var error: String?
    var problems: [String]
    var notes: [String]
    var lastUpdateHandledAt: Date?
    var lastUpdateHandledSecondsAgo: Int?
    var updatesHandled: Int?
    var updatesFailed: Int?
    var outboxPending: Int?
    var outboxOldestPendingSeconds: Int?
    var sendFailuresLastDay: [String: Int]?
    var nextTimerDueAt: Date?
    var timersOverdue: Int?
    var timersMostOverdueSeconds: Int?
    var casesOpen: Int?
    var casesOverdue: Int?
    var unreachablePeople: [PersonRef]?

    init(_ report: StatusReport) {
        health = report.health
        exitCode = report.exitCode
        store = report.storePath
        now = report.now
        error = report.error
        problems = report.problems
        notes = report.notes
        guard let s = report.status else { return }
        func whole(_ t: TimeInterval?) -> Int? { t.map { Int($0.rounded()) } }
        lastUpdateHandledAt = s.lastHandledAt
        lastUpdateHandledSecondsAgo = whole(s.lastHandledAt.map { report.now.timeIntervalSince($0) })
        updatesHandled = s.handledUpdates
        updatesFailed = s.failedUpdates
        outboxPending = s.outbox.count
        outboxOldestPendingSeconds = whole(report.outboxAge)
        sendFailuresLastDay = Dictionary(uniqueKeysWithValues: s.recentSendFailures.map { ($0.code.map(String.init) ?? "none", $0.count) })
        nextTimerDueAt = s.nextTimerDue
        timersOverdue = s.timersDue
        timersMostOverdueSeconds = whole(report.timerLag)
        casesOpen = s.openCases
        casesOverdue = s.overdueCases
        unreachablePeople = s.unreachablePeople.map { PersonRef(id: $0.id, name: $0.name) }
    }
}
