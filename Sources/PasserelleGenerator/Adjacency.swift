/// Compressed adjacency rows over dense member indices, built from packed edges: the
/// neighbours of `v` are `targets[offsets[v]..<offsets[v + 1]]`, in increasing order.
struct Adjacency: Sendable {
    let offsets: [Int]
    let targets: [Int32]

    /// From deduplicated, sorted edges (``PackedEdge/deduplicate(_:)``) or bare pairs.
    init(nodeCount: Int, pairs: some Collection<(Int, Int)>) {
        var degree = [Int](repeating: 0, count: nodeCount + 1)
        for (a, b) in pairs {
            degree[a] += 1
            degree[b] += 1
        }
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for node in 0..<nodeCount { offsets[node + 1] = offsets[node] + degree[node] }
        var fill = offsets
        var targets = [Int32](repeating: 0, count: offsets[nodeCount])
        for (a, b) in pairs {
            targets[fill[a]] = Int32(b)
            fill[a] += 1
            targets[fill[b]] = Int32(a)
            fill[b] += 1
        }
        // Rows are filled in edge order; sorting makes them independent of it.
        for node in 0..<nodeCount where offsets[node + 1] - offsets[node] > 1 {
            targets[offsets[node]..<offsets[node + 1]].sort()
        }
        self.offsets = offsets
        self.targets = targets
    }

    @inline(__always)
    func degree(_ node: Int) -> Int { offsets[node + 1] - offsets[node] }

    @inline(__always)
    func neighbours(_ node: Int) -> ArraySlice<Int32> { targets[offsets[node]..<offsets[node + 1]] }
}
