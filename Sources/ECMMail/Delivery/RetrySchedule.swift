import ECMDomain

/// When a message that failed for a passing reason is tried again: the first delay is `base`
/// (`--mail-retry-base`, 30 s by default), each next one twice the last, at most 4 hours, each
/// moved by up to ±20% at random so that many messages failing together do not come back
/// together. After the try that falls past `window` (a day) from the first, the message fails.
///
/// With the default base the tries come about 0 s, 30 s, 1.5 min, 3.5 min, 7.5 min, 15.5 min,
/// 31.5 min, 1 h, 2.1 h, 4.3 h, then every 4 h, the last near 24 h after the first: 14 tries.
public struct RetrySchedule: Sendable, Hashable {
    public var base: Duration
    public var maximumDelay: Duration
    public var window: Duration

    public init(base: Duration = .seconds(30), maximumDelay: Duration = .seconds(4 * 3600), window: Duration = .seconds(24 * 3600)) {
        self.base = base
        self.maximumDelay = maximumDelay
        self.window = window
    }

    /// The delay before try `attempt + 1`, without jitter, after `attempt` tries (≥ 1).
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = base
        for _ in 1..<max(attempt, 1) {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }

    /// The time of the next try after `attempt` tries, the first made at `firstTry`; nil when
    /// that would fall past the window (the message then fails).
    public func nextTry(afterAttempt attempt: Int, at now: Timestamp, firstTry: Timestamp, jitter: Double = Double.random(in: -0.2...0.2)) -> Timestamp? {
        let delay = delay(afterAttempt: attempt)
        let milliseconds = Int64(Double(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000) * (1 + jitter))
        let next = Timestamp(milliseconds: now.milliseconds + max(milliseconds, 0))
        let limit = firstTry.milliseconds + window.components.seconds * 1000
        return next.milliseconds > limit ? nil : next
    }

    /// Reads `30s`, `5m`, `2h`, `500ms`.
    public static func duration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, milliseconds) in units where text.hasSuffix(unit) {
            guard let value = Int64(text.dropLast(unit.count)), value > 0 else { return nil }
            return .milliseconds(value * milliseconds)
        }
        return nil
    }
}
