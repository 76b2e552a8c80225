import Casework
import Yams

/// Reads one `Config/calendar/YYYY.yaml` into a `CalendarYear`, refusing anything malformed or
/// contradictory with the file and line to fix.
struct CalendarYearFile {
    static let keys = ["year", "working_day_count", "decrees", "holidays", "days_off", "working_days", "shortened"]

    let file: YAMLFile
    /// The year the file name promises.
    let expectedYear: Int
    private(set) var errors: [ConfigError] = []
    private(set) var warnings: [CalendarWarning] = []

    /// A dated entry and where it is written.
    private struct Entry {
        var date: LocalDate
        var node: Node
    }

    init(file: YAMLFile, expectedYear: Int) {
        self.file = file
        self.expectedYear = expectedYear
    }

    /// The year, or nil with `errors` saying why.
    mutating func read() -> CalendarYear? {
        guard let root = file.root.mapping else {
            fail("a calendar file is a mapping with the keys \(Self.keys.joined(separator: ", "))", at: file.root)
            return nil
        }
        for key in root.keys where !Self.keys.contains(key.string ?? "") {
            fail("unknown key '\(key.string ?? "?")'; expected one of \(Self.keys.joined(separator: ", "))", at: key)
        }
        if let yearNode = required("year", in: root) {
            if yearNode.int != expectedYear {
                fail("year is \(yearNode.string ?? "?"), but the file name says \(expectedYear)", at: yearNode)
            }
        }
        let decrees = readDecrees(root)
        let holidays = dates(root["holidays"], key: "holidays", root: root, required: true)
        let (daysOff, moves) = readDaysOff(root)
        let working = dates(root["working_days"], key: "working_days", root: root, required: false)
        let shortened = dates(root["shortened"], key: "shortened", root: root, required: false)

        refuseRepeats([("holidays", holidays), ("days_off", daysOff), ("working_days", working), ("shortened", shortened)])
        refuseOverlap(holidays, "holidays", daysOff, "days_off")
        refuseOverlap(holidays, "holidays", working, "working_days")
        refuseOverlap(daysOff, "days_off", working, "working_days")
        for entry in working where !entry.date.isWeekend {
            fail("\(entry.date) is a \(weekdayName(entry.date)); working_days lists Saturdays and Sundays made working", at: entry.node)
        }
        for entry in daysOff where entry.date.isWeekend {
            fail("\(entry.date) is a \(weekdayName(entry.date)) already; days_off lists weekdays made days off", at: entry.node)
        }
        checkMoves(moves, holidays: holidays, working: working)

        let year = CalendarYear(
            year: expectedYear, decrees: decrees, holidays: Set(holidays.map(\.date)), daysOff: Set(daysOff.map(\.date)),
            workingWeekendDays: Set(working.map(\.date)), shortenedDays: Set(shortened.map(\.date))
        )
        for entry in shortened where !year.isWorkingDay(entry.date) {
            fail("\(entry.date) is listed as shortened but is not a working day", at: entry.node)
        }
        // The count only means something once the dates themselves are right.
        if let countNode = root["working_day_count"], errors.isEmpty {
            let counted = year.workingDayCount
            if countNode.int != counted {
                fail("working_day_count is \(countNode.string ?? "?"), but the dates give \(counted) working days", at: countNode)
            }
        }
        let missing = Article112.holidays(in: expectedYear).subtracting(year.holidays).sorted()
        if !missing.isEmpty, root["holidays"] != nil {
            warnings.append(CalendarWarning(
                file: file.path, line: root["holidays"]?.mark?.line,
                message: "holidays lack \(missing.map(\.description).joined(separator: ", ")), which Labour Code art. 112 lists"
            ))
        }
        return errors.isEmpty ? year : nil
    }

    private mutating func readDecrees(_ root: Node.Mapping) -> [String] {
        guard let node = required("decrees", in: root) else { return [] }
        guard let items = node.sequence, !items.isEmpty else {
            fail("decrees must list the Government decree(s) the year comes from", at: node)
            return []
        }
        var result: [String] = []
        for item in items {
            guard let text = item.scalar?.string, !text.allSatisfy(\.isWhitespace) else {
                fail("a decree is a line of text naming it, e.g. «Постановление Правительства РФ от … № …»", at: item)
                continue
            }
            result.append(text)
        }
        return result
    }

    /// Days off, plus (day off, the day it was moved from) where `from` is given.
    private mutating func readDaysOff(_ root: Node.Mapping) -> ([Entry], [(Entry, Entry)]) {
        guard let node = root["days_off"] else { return ([], []) }
        guard let items = node.sequence else {
            fail("days_off must be a list", at: node)
            return ([], [])
        }
        var entries: [Entry] = [], moves: [(Entry, Entry)] = []
        for item in items {
            if let mapping = item.mapping {
                for key in mapping.keys where !["date", "from"].contains(key.string ?? "") {
                    fail("unknown key '\(key.string ?? "?")' in a day off; expected date and from", at: key)
                }
                guard let dateNode = mapping["date"] else {
                    fail("a day off needs a date", at: item)
                    continue
                }
                guard let day = date(dateNode) else { continue }
                entries.append(day)
                if let fromNode = mapping["from"], let from = date(fromNode) { moves.append((day, from)) }
            } else if let day = date(item) {
                entries.append(day)
            }
        }
        return (entries, moves)
    }

    /// A day off moved from a weekend day: that day is a holiday, or a weekend day made working.
    private mutating func checkMoves(_ moves: [(Entry, Entry)], holidays: [Entry], working: [Entry]) {
        var seen: [LocalDate: Node] = [:]
        for (day, from) in moves {
            if let first = seen[from.date] {
                fail("two days off are moved from \(from.date) (the first at line \(first.mark?.line ?? 0))", at: from.node)
            }
            seen[from.date] = from.node
            if !from.date.isWeekend {
                fail("\(day.date) is moved from \(from.date), a \(weekdayName(from.date)); only Saturdays and Sundays move", at: from.node)
            } else if !holidays.contains(where: { $0.date == from.date }) && !working.contains(where: { $0.date == from.date }) {
                fail("\(day.date) is moved from \(from.date), which is neither a holiday nor in working_days", at: from.node)
            }
        }
    }

    private mutating func dates(_ node: Node?, key: String, root: Node.Mapping, required: Bool) -> [Entry] {
        guard let node else {
            if required { fail("\(key) is missing", at: file.root) }
            return []
        }
        guard let items = node.sequence else {
            fail("\(key) must be a list of dates (YYYY-MM-DD)", at: node)
            return []
        }
        return items.compactMap { date($0) }
    }

    /// A date of this file's year, or nil after recording why not.
    private mutating func date(_ node: Node) -> Entry? {
        guard let text = node.scalar?.string, let date = LocalDate(iso: text) else {
            fail("'\(node.scalar?.string ?? "…")' is not a date (YYYY-MM-DD)", at: node)
            return nil
        }
        guard date.year == expectedYear else {
            fail("\(date) belongs to \(date.year), not to \(expectedYear)", at: node)
            return nil
        }
        return Entry(date: date, node: node)
    }

    private mutating func required(_ key: String, in root: Node.Mapping) -> Node? {
        if let node = root[key] { return node }
        fail("\(key) is missing", at: file.root)
        return nil
    }

    private mutating func refuseRepeats(_ lists: [(String, [Entry])]) {
        for (name, entries) in lists {
            var seen: [LocalDate: Node] = [:]
            for entry in entries {
                if let first = seen[entry.date] {
                    fail("\(entry.date) is listed twice in \(name) (first at line \(first.mark?.line ?? 0))", at: entry.node)
                } else {
                    seen[entry.date] = entry.node
                }
            }
        }
    }

    private mutating func refuseOverlap(_ a: [Entry], _ aName: String, _ b: [Entry], _ bName: String) {
        for entry in b {
            if let other = a.first(where: { $0.date == entry.date }) {
                fail("\(entry.date) is both in \(aName) (line \(other.node.mark?.line ?? 0)) and in \(bName)", at: entry.node)
            }
        }
    }

    private mutating func fail(_ message: String, at node: Node?) {
        errors.append(file.error(message, at: node))
    }

    private func weekdayName(_ date: LocalDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday - 1]
    }
}
