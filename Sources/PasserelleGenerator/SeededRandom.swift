/// A reproducible stream of random numbers: xoshiro256** seeded through SplitMix64.
///
/// The generator never uses the system's random source, nor the standard library's
/// `random(in:using:)`, whose algorithm may change between toolchains: the same seed must
/// give the same bytes everywhere. Each entity (a member, a posting, a company) gets its
/// own stream, derived from the run's seed, a stream kind and the entity's index, so that
/// entities can be drawn in any order, or twice, with the same result.
public struct SeededRandom: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// The stream of `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SeededRandom.splitMix(&mixer)
        s1 = SeededRandom.splitMix(&mixer)
        s2 = SeededRandom.splitMix(&mixer)
        s3 = SeededRandom.splitMix(&mixer)
    }

    /// The stream of entity `index` of kind `stream` in the run seeded by `seed`.
    public init(seed: UInt64, stream: Stream, index: Int) {
        var mixer = seed ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15)
        let base = SeededRandom.splitMix(&mixer)
        self.init(seed: base ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
    }

    /// The kinds of entity that get their own streams.
    public enum Stream: UInt64, Sendable {
        case company = 1, member, memberText, posting, network, ranks
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A whole number in `0..<bound` (Lemire's multiply-shift, with rejection so that
    /// every value is equally likely); 0 when `bound` is 0.
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A whole number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A number in `0..<1` with 53 random bits.
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A number in `range`.
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// True with probability `probability`.
    @inline(__always)
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// One element of a non-empty collection, each equally likely.
    public mutating func pick<C: RandomAccessCollection>(_ elements: C) -> C.Element where C.Index == Int {
        elements[elements.startIndex + below(elements.count)]
    }

    /// `count` distinct indices of `0..<total` (all of them, shuffled, when `count >= total`),
    /// in the order drawn.
    public mutating func distinct(_ count: Int, of total: Int) -> [Int] {
        if count >= total {
            var all = Array(0..<total)
            shuffle(&all)
            return all
        }
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        // Rejection is cheap here: callers draw a few items out of many.
        while chosen.count < count {
            let candidate = below(total)
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }

    /// Fisher–Yates, with this stream.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, below(index + 1))
        }
    }
}
