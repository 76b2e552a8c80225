import Foundation

/// Dates, times and durations as the bot writes them: «30 нояб., 14:05», «через 4 ч»,
/// «просрочено на 2 ч 10 мин», «1 д 3 ч». Pure: the zone and `now` are arguments.
/// Numbers are joined to their units with a no-break space so phones never wrap «4 | ч».
public struct DialogDates: Sendable {
    public let language: DialogLanguage

    public init(_ language: DialogLanguage) { self.language = language }

    static let nbsp = "\u{00A0}"

    /// Genitive short months as ru_RU writes them in «d MMM» (checked against Foundation's ICU data).
    private static let ruMonths = ["янв.", "февр.", "марта", "апр.", "мая", "июня", "июля", "авг.", "сент.", "окт.", "нояб.", "дек."]
    private static let enMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// «30 нояб.», «1 мая» / "30 Nov".
    public func dayMonth(_ date: Date, in zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(c.day!)\(Self.nbsp)\(month(c.month!))"
    }

    /// «14:05».
    public func time(_ date: Date, in zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(two(c.hour!)):\(two(c.minute!))"
    }

    /// «30 нояб., 14:05». Given `now`: «сегодня, 14:05», «завтра, 09:30», and the year when it
    /// differs from now's («30 нояб. 2025 г., 14:05»).
    public func dateTime(_ date: Date, in zone: TimeZone, now: Date? = nil) -> String {
        let c = components(date, zone)
        var day = dayMonth(date, in: zone)
        if let now {
            let n = components(now, zone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day
            switch days {
            case 0: day = language == .ru ? "сегодня" : "today"
            case 1: day = language == .ru ? "завтра" : "tomorrow"
            case -1: day = language == .ru ? "вчера" : "yesterday"
            default:
                if c.year != n.year { day += language == .ru ? "\(Self.nbsp)\(c.year!)\(Self.nbsp)г." : " \(c.year!)" }
            }
        }
        return "\(day), \(time(date, in: zone))"
    }

    /// «1 д 3 ч», «2 ч 10 мин», «45 мин»: the two largest units, rounded to the minute, at least 1 min.
    public func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(1, Int((abs(seconds) / 60).rounded()))
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        let units = language == .ru ? ("д", "ч", "мин") : ("d", "h", "min")
        var parts: [String] = []
        if d > 0 {
            parts.append("\(d)\(Self.nbsp)\(units.0)")
            if h > 0 { parts.append("\(h)\(Self.nbsp)\(units.1)") }
        } else if h > 0 {
            parts.append("\(h)\(Self.nbsp)\(units.1)")
            if m > 0 { parts.append("\(m)\(Self.nbsp)\(units.2)") }
        } else {
            parts.append("\(m)\(Self.nbsp)\(units.2)")
        }
        return parts.joined(separator: " ")
    }

    /// A deadline seen from `now`: «через 4 ч», «просрочено на 2 ч 10 мин», «сейчас» within half a minute.
    public func relative(_ deadline: Date, now: Date) -> String {
        let seconds = deadline.timeIntervalSince(now)
        if abs(seconds) < 30 { return language == .ru ? "сейчас" : "now" }
        let span = duration(seconds)
        switch language {
        case .ru: return seconds > 0 ? "через \(span)" : "просрочено на \(span)"
        case .en: return seconds > 0 ? "in \(span)" : "overdue by \(span)"
        }
    }

    private func month(_ m: Int) -> String {
        (language == .ru ? Self.ruMonths : Self.enMonths)[m - 1]
    }

    private func components(_ date: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
