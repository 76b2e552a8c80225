import Casework
import Foundation

/// The figures of one group (everyone, a department, an executor, a network) for a period.
/// Each is defined in README.md, "Reports: how each figure is counted".
public struct KPIs: Sendable, Equatable {
    /// Cases opened in the period, except those cancelled as opened by mistake.
    public var received = 0
    /// Cases assigned (routed or marked as a repeat) in the period; a case assigned twice counts once.
    public var routed = 0
    /// Cases whose final answer was published in the period.
    public var answered = 0
    /// Answered cases whose deadline in force was the § 5 one (24 h), published by it.
    public var answeredWithin24h = 0
    /// Answered cases whose deadline in force was the § 7 one (after a published interim answer).
    public var answeredAfterInterim = 0
    /// Of `answeredAfterInterim`, those published by the end of the 7th working day.
    public var finalWithin7WorkingDays = 0
    /// Time from the first assignment to the first draft, for first drafts submitted in the period.
    public var firstDraft = DurationStats(seconds: [])
    /// Time from the first assignment to the final answer's publication, for cases answered in the period.
    public var publication = DurationStats(seconds: [])
    /// Open cases past their deadline at the report's time (not limited to the period).
    public var overdueNow = 0
    /// Drafts returned by a specialist in the period.
    public var returnedDrafts = 0
    /// Cases marked as a repeat of an earlier case in the period.
    public var repeats = 0
    /// "Not ours" declines by executors in the period.
    public var declined = 0
    /// Cases closed under § 11 (not subject to processing) in the period.
    public var rejectedSection11 = 0

    public init() {}

    /// Answered cases that met the deadline in force, § 5 or § 7.
    public var answeredOnTime: Int { answeredWithin24h + finalWithin7WorkingDays }

    /// `answeredOnTime / answered`, or nil with nothing answered.
    public var onTimeShare: Double? { answered == 0 ? nil : Double(answeredOnTime) / Double(answered) }

    /// Answered cases held to the § 5 deadline (the denominator of `answeredWithin24h`).
    public var answeredUnder24hRule: Int { answered - answeredAfterInterim }

    /// Whether every figure is zero (a group with nothing to show).
    public var isEmpty: Bool { self == KPIs() }

    /// Adds up facts that all belong to this group.
    init(_ facts: some Sequence<Fact>) {
        var routedCases: Set<Int64> = []
        var repeatCases: Set<Int64> = []
        var drafts: [Double] = []
        var publications: [Double] = []
        for fact in facts {
            switch fact.kind {
            case .received: received += 1
            case .routed: routedCases.insert(fact.caseId)
            case let .answered(rule, onTime):
                answered += 1
                if let seconds = fact.seconds { publications.append(seconds) }
                switch rule {
                case .answer: if onTime { answeredWithin24h += 1 }
                case .finalAfterInterim:
                    answeredAfterInterim += 1
                    if onTime { finalWithin7WorkingDays += 1 }
                }
            case .firstDraft: if let seconds = fact.seconds { drafts.append(seconds) }
            case .overdueNow: overdueNow += 1
            case .returnedDraft: returnedDrafts += 1
            case .repeatMarked: repeatCases.insert(fact.caseId)
            case .declined: declined += 1
            case .rejectedSection11: rejectedSection11 += 1
            }
        }
        routed = routedCases.count
        repeats = repeatCases.count
        firstDraft = DurationStats(seconds: drafts)
        publication = DurationStats(seconds: publications)
    }
}

/// How many durations, their median and 90th percentile, by the nearest-rank method: of n values
/// sorted ascending, the p-th percentile is the value at rank ⌈p/100 · n⌉ (so the median of an even
/// count is the lower middle value). Every value is an actual duration; nil when there are none.
public struct DurationStats: Sendable, Equatable {
    public let count: Int
    /// Seconds.
    public let median: Double?
    /// Seconds.
    public let p90: Double?

    public init(seconds: [Double]) {
        let sorted = seconds.sorted()
        self.init(count: sorted.count, median: Self.percentile(50, of: sorted), p90: Self.percentile(90, of: sorted))
    }

    init(count: Int, median: Double?, p90: Double?) {
        self.count = count
        self.median = median
        self.p90 = p90
    }

    /// The nearest-rank `p`-th percentile of ascending `sorted` values.
    public static func percentile(_ p: Int, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        // ⌈p·n/100⌉ in integers, so no rounding error picks the wrong rank.
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }
}
