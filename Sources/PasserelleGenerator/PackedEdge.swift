/// A connection in one 64-bit word, so that tens of millions sort and deduplicate fast:
/// the lower member index (21 bits), the higher one (21 bits), then the day the two
/// connected (15 bits, days since ``epochDay``) and the strength in hundredths (7 bits).
/// Sorting the words orders connections by member pair; duplicates are adjacent.
enum PackedEdge {
    /// 2000-01-01 in days since 1970.
    static let epochDay = 10957
    static let memberBits: UInt64 = 21
    static let payloadBits: UInt64 = 22

    @inline(__always)
    static func make(_ x: Int, _ y: Int, since: Int, strength: Int) -> UInt64 {
        let (a, b) = x < y ? (x, y) : (y, x)
        let day = UInt64(min(max(since - epochDay, 0), (1 << 15) - 1))
        let payload = day << 7 | UInt64(min(max(strength, 0), 100))
        return UInt64(a) << (memberBits + payloadBits) | UInt64(b) << payloadBits | payload
    }

    /// The pair alone, for telling duplicates apart.
    @inline(__always)
    static func pair(_ edge: UInt64) -> UInt64 { edge >> payloadBits }

    @inline(__always)
    static func first(_ edge: UInt64) -> Int { Int(edge >> (memberBits + payloadBits)) }

    @inline(__always)
    static func second(_ edge: UInt64) -> Int { Int((edge >> payloadBits) & ((1 << memberBits) - 1)) }

    /// Days since 1970.
    static func since(_ edge: UInt64) -> Int { Int((edge >> 7) & ((1 << 15) - 1)) + epochDay }

    /// 0 to 100.
    static func strength(_ edge: UInt64) -> Int { Int(edge & 127) }

    /// Sorts `edges` and keeps one word per pair (the first in order), dropping loops.
    static func deduplicate(_ edges: inout [UInt64]) {
        edges.sort()
        var kept = 0
        var previous = UInt64.max
        for index in edges.indices {
            let edge = edges[index]
            let pair = pair(edge)
            if pair == previous || first(edge) == second(edge) { continue }
            previous = pair
            edges[kept] = edge
            kept += 1
        }
        edges.removeLast(edges.count - kept)
    }
}
