import Synchronization

/// Per-member working memory for one query: a mark (the depth at which a
/// breadth-first search reached the member), the member it was reached from,
/// and the path's strength. Marks carry a generation, so a query starts by
/// bumping it instead of clearing millions of entries.
final class Scratch: @unchecked Sendable {
    private var marks: UnsafeMutableBufferPointer<UInt32> = .allocate(capacity: 0)
    private var parents: UnsafeMutableBufferPointer<UInt32> = .allocate(capacity: 0)
    private var scores: UnsafeMutableBufferPointer<Float> = .allocate(capacity: 0)
    private var generation: UInt32 = 0

    deinit {
        marks.deallocate()
        parents.deallocate()
        scores.deallocate()
    }

    /// Forgets every mark; room for `count` members.
    func reset(count: Int) {
        if marks.count < count {
            marks.deallocate()
            parents.deallocate()
            scores.deallocate()
            // Room to grow: members keep coming.
            let capacity = count + count / 8 + 1024
            marks = .allocate(capacity: capacity)
            marks.initialize(repeating: 0)
            parents = .allocate(capacity: capacity)
            parents.initialize(repeating: 0)
            scores = .allocate(capacity: capacity)
            scores.initialize(repeating: 0)
            generation = 0
        }
        generation += 1
        // The depth takes the low 2 bits.
        if generation >= 1 << 30 {
            marks.update(repeating: 0)
            generation = 1
        }
    }

    /// The mark of `node` in this query: 0 when unmarked, else what ``mark(_:_:parent:score:)`` set (1…3).
    @inline(__always)
    func mark(of node: UInt32) -> UInt32 {
        let value = marks[Int(node)]
        return value >> 2 == generation ? value & 3 : 0
    }

    @inline(__always)
    func mark(_ node: UInt32, _ mark: UInt32, parent: UInt32, score: Float) {
        marks[Int(node)] = generation << 2 | mark
        parents[Int(node)] = parent
        scores[Int(node)] = score
    }

    @inline(__always)
    func parent(of node: UInt32) -> UInt32 { parents[Int(node)] }

    @inline(__always)
    func score(of node: UInt32) -> Float { scores[Int(node)] }
}

/// Scratches for the queries running at once; each query borrows one.
final class ScratchPool: Sendable {
    private let idle = Mutex<[Scratch]>([])

    func with<T>(count: Int, _ body: (Scratch) throws -> T) rethrows -> T {
        let scratch = idle.withLock { $0.popLast() } ?? Scratch()
        defer { idle.withLock { $0.append(scratch) } }
        scratch.reset(count: count)
        return try body(scratch)
    }
}
