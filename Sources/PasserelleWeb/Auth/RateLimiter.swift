import Foundation
import Synchronization

/// A token bucket per key, in memory: each key may make `burst` attempts at once,
/// and earns one more every `interval`. One server process keeps its own counts
/// (enough for one machine; several would share a store).
public final class RateLimiter: Sendable {
    /// How many attempts a key may make at once, and how fast it earns them back.
    public struct Limit: Sendable, Hashable {
        public var burst: Int
        public var interval: Duration

        public init(burst: Int, per interval: Duration) {
            precondition(burst > 0 && interval > .zero, "a limit allows at least one attempt")
            self.burst = burst
            self.interval = interval
        }
    }

    /// Whether an attempt may go ahead.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// Refused: the key earns its next attempt in so many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    public let limit: Limit
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Keys are forgotten once full again; the map is swept when it grows past this.
    private static let sweepThreshold = 10_000

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    public init(_ limit: Limit) {
        self.limit = limit
    }

    /// Takes one attempt from `key`'s bucket when it has one.
    public func attempt(_ key: String, at now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLock { buckets in
            if buckets.count > Self.sweepThreshold { sweep(&buckets, at: now) }
            var bucket = refilled(buckets[key], at: now)
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else {
                let wait = (1 - bucket.tokens) * limit.interval.seconds
                return .limited(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            bucket.tokens -= 1
            return .allowed
        }
    }

    /// Gives `key` its whole burst back (a successful sign-in clears its failures).
    public func reset(_ key: String) {
        _ = buckets.withLock { $0.removeValue(forKey: key) }
    }

    private func refilled(_ bucket: Bucket?, at now: ContinuousClock.Instant) -> Bucket {
        guard let bucket else { return Bucket(tokens: Double(limit.burst), updated: now) }
        let earned = (now - bucket.updated).seconds / limit.interval.seconds
        return Bucket(tokens: min(Double(limit.burst), bucket.tokens + max(0, earned)), updated: now)
    }

    private func sweep(_ buckets: inout [String: Bucket], at now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now).tokens < Double(limit.burst) }
    }
}

extension Duration {
    /// The duration in seconds, as `Date` arithmetic takes it.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
