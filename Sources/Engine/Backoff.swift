/// Capped exponential backoff with full jitter: attempt n waits a random time in
/// [base·2ⁿ/2, base·2ⁿ], at most `cap`. Jitter keeps restarting instances from retrying in lockstep.
public struct Backoff: Sendable {
    public var base: Duration
    public var cap: Duration

    public init(base: Duration = .milliseconds(500), cap: Duration = .seconds(30)) {
        self.base = base
        self.cap = cap
    }

    /// The delay before retry number `attempt` (0-based); `unit` in 0…1 is the random draw.
    public func delay(attempt: Int, unit: Double) -> Duration {
        let exponent = min(attempt, 30)
        let ceiling = min(cap, base * (1 << exponent))
        let fraction = 0.5 + 0.5 * min(max(unit, 0), 1)
        return ceiling * fraction
    }

    public func delay(attempt: Int) -> Duration {
        delay(attempt: attempt, unit: Double.random(in: 0...1))
    }
}
