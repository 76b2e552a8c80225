import Foundation

/// ISO 8601 date-times as people type them and as `otklik` prints them, in a given zone.
public enum InstantText {
    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`, `±HHMM` or
    /// nothing; without an offset the time (or the start of the date) is local to `zone`.
    public static func parse(_ text: String, zone: CalendarZone) -> Date? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= chars.count else { return nil }
            var value = 0
            for c in chars[i..<(i + width)] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += width
            return value
        }
        func take(_ c: UInt8) -> Bool {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), take(45), let mo = number(2), take(45), let d = number(2),
              let date = LocalDate(year: y, month: mo, day: d)
        else { return nil }
        if i == chars.count { return zone.startOfDay(date) }
        guard i < chars.count, [84, 116, 32].contains(chars[i]) else { return nil }  // T, t, space
        i += 1
        guard let h = number(2), take(58), let mi = number(2), let time = TimeOfDay(hour: h, minute: mi) else { return nil }
        var seconds = 0.0
        if take(58) {
            guard let s = number(2), s < 60 else { return nil }
            seconds = Double(s)
            if take(46) || take(44) {  // . or ,
                let start = i
                var fraction = 0.0, scale = 0.1
                while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                    fraction += Double(chars[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
                seconds += fraction
            }
        }
        if i == chars.count { return zone.instant(date, time).addingTimeInterval(seconds) }
        var offset = 0
        if take(90) || take(122) {  // Z, z
        } else if i < chars.count, chars[i] == 43 || chars[i] == 45 {  // + or -
            let sign = chars[i] == 45 ? -1 : 1
            i += 1
            guard let oh = number(2), oh <= 23 else { return nil }
            var om = 0
            if i < chars.count {
                _ = take(58)
                guard let m = number(2), m <= 59 else { return nil }
                om = m
            }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == chars.count else { return nil }
        let local = Double(date.dayNumber * 86_400 + time.minutes * 60) + seconds
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` in `zone`, whole seconds (rounded down).
    public static func format(_ instant: Date, zone: CalendarZone) -> String {
        let whole = Int(instant.timeIntervalSince1970.rounded(.down))
        let offset = zone.offsetSeconds(at: Date(timeIntervalSince1970: Double(whole)))
        let local = whole + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        let date = LocalDate(dayNumber: days)
        let sign = offset < 0 ? "-" : "+"
        let absOffset = abs(offset)
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
            + "\(sign)\(two(absOffset / 3600)):\(two(absOffset / 60 % 60))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
