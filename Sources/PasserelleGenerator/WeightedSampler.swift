/// Draws indices in proportion to fixed weights: cities by population, companies by
/// size, names by frequency. A cumulative table searched by bisection: O(log n) a draw,
/// and the same draw for the same random number on every machine.
public struct WeightedSampler: Sendable {
    private let cumulative: [Double]

    /// The sampler of `weights` (negative weights count as 0). At least one weight must
    /// be positive for ``draw(_:)`` to mean anything; with none, it returns 0.
    public init(_ weights: some Sequence<Double>) {
        var running = 0.0
        cumulative = weights.map { weight in
            running += max(0, weight)
            return running
        }
    }

    /// How many weights there are.
    public var count: Int { cumulative.count }

    /// The sum of the weights.
    public var total: Double { cumulative.last ?? 0 }

    /// An index, each with probability weight / total.
    @inline(__always)
    public func draw(_ random: inout SeededRandom) -> Int {
        index(at: random.unit() * total)
    }

    /// The index whose slice of `0..<total` holds `position`.
    public func index(at position: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        guard high > 0 else { return 0 }
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
