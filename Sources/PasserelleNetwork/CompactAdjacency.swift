/// The graph's edges as compressed sparse rows: the neighbours of member index
/// `i` are `neighbours[offsets[i]..<offsets[i + 1]]`, sorted, each with the tie's
/// strength at the same place in `strengths`. Every connection is there twice,
/// once from each end. Immutable once built; 5 bytes per direction of an edge
/// and 4 per member.
final class CompactAdjacency: @unchecked Sendable {
    let nodeCount: Int
    let offsets: UnsafeMutableBufferPointer<UInt32>
    let neighbours: UnsafeMutableBufferPointer<UInt32>
    let strengths: UnsafeMutableBufferPointer<UInt8>

    /// The rows of `nodeCount` members from the connections `edges` (each pair once).
    init(nodeCount: Int, edges: EdgeList) {
        self.nodeCount = nodeCount
        offsets = .allocate(capacity: nodeCount + 1)
        offsets.initialize(repeating: 0)
        for index in 0..<edges.count {
            offsets[Int(edges.first[index]) + 1] += 1
            offsets[Int(edges.second[index]) + 1] += 1
        }
        for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
        let total = Int(offsets[nodeCount])
        neighbours = .allocate(capacity: total)
        strengths = .allocate(capacity: total)
        // Where the next neighbour of each member goes.
        var cursor = [UInt32](offsets.dropLast())
        for index in 0..<edges.count {
            let (a, b, strength) = (Int(edges.first[index]), Int(edges.second[index]), edges.strengths[index])
            let slotA = Int(cursor[a])
            neighbours[slotA] = UInt32(b)
            strengths[slotA] = strength
            cursor[a] += 1
            let slotB = Int(cursor[b])
            neighbours[slotB] = UInt32(a)
            strengths[slotB] = strength
            cursor[b] += 1
        }
        sortRows()
    }

    /// Rows given whole, in member order: for compaction.
    init(nodeCount: Int, rows: (Int, (UInt32, UInt8) -> Void) -> Void, total: Int) {
        self.nodeCount = nodeCount
        offsets = .allocate(capacity: nodeCount + 1)
        neighbours = .allocate(capacity: total)
        strengths = .allocate(capacity: total)
        var slot = 0
        for node in 0..<nodeCount {
            offsets[node] = UInt32(slot)
            rows(node) { neighbour, strength in
                neighbours[slot] = neighbour
                strengths[slot] = strength
                slot += 1
            }
        }
        precondition(slot == total, "compaction counted \(total) edges but wrote \(slot)")
        offsets[nodeCount] = UInt32(slot)
        sortRows()
    }

    deinit {
        offsets.deallocate()
        neighbours.deallocate()
        strengths.deallocate()
    }

    var edgeDirections: Int { Int(offsets[nodeCount]) }

    /// Bytes held.
    var memoryFootprint: Int { (nodeCount + 1) * 4 + edgeDirections * 5 }

    @inline(__always)
    func range(of node: UInt32) -> Range<Int> {
        guard Int(node) < nodeCount else { return 0..<0 }
        return Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1])
    }

    /// The strength of the edge between `node` and `other` when there is one (binary search).
    func strength(_ node: UInt32, _ other: UInt32) -> UInt8? {
        var range = range(of: node)
        while !range.isEmpty {
            let middle = range.lowerBound + range.count / 2
            let value = neighbours[middle]
            if value == other { return strengths[middle] }
            range = value < other ? (middle + 1)..<range.upperBound : range.lowerBound..<middle
        }
        return nil
    }

    /// Sorts the rows that are not sorted yet (rows filled from an id-ordered
    /// edge list come out sorted and cost one pass).
    private func sortRows() {
        var packed: [UInt64] = []
        for node in 0..<nodeCount {
            let range = Int(offsets[node])..<Int(offsets[node + 1])
            guard range.count > 1 else { continue }
            var sorted = true
            for slot in range.dropFirst() where neighbours[slot - 1] > neighbours[slot] {
                sorted = false
                break
            }
            if sorted { continue }
            packed.removeAll(keepingCapacity: true)
            for slot in range { packed.append(UInt64(neighbours[slot]) << 8 | UInt64(strengths[slot])) }
            packed.sort()
            for (offset, value) in packed.enumerated() {
                neighbours[range.lowerBound + offset] = UInt32(truncatingIfNeeded: value >> 8)
                strengths[range.lowerBound + offset] = UInt8(truncatingIfNeeded: value)
            }
        }
    }
}

/// Connections as parallel arrays of member indices, each pair once.
struct EdgeList: Sendable {
    var first: [UInt32] = []
    var second: [UInt32] = []
    var strengths: [UInt8] = []

    var count: Int { first.count }

    mutating func append(_ a: UInt32, _ b: UInt32, strength: UInt8) {
        first.append(a)
        second.append(b)
        strengths.append(strength)
    }
}
