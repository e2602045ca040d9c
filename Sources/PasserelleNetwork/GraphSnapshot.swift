import PasserelleCore

/// One consistent state of the graph: the compressed base built at load or at the
/// last compaction, and the small delta of what the outbox changed since. Readers
/// take a snapshot and never see it change; the follower makes the next one.
struct GraphSnapshot: Sendable {
    /// What is known of a member besides its connections.
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// `hide_connections`: never shown as an intermediary, never a way through.
        static let hidesConnections = Flags(rawValue: 1)
        /// `profile_visibility = hidden`: to others it does not exist.
        static let hiddenProfile = Flags(rawValue: 2)
        /// Erased, or not a member: in no answer.
        static let gone = Flags(rawValue: 4)

        /// Flags that keep a member off every path but its own ends.
        static let notAWayThrough: Flags = [.hidesConnections, .hiddenProfile, .gone]
        /// Flags that keep a member out of every answer given to someone else.
        static let notShown: Flags = [.hiddenProfile, .gone]
    }

    var members: MemberIndex
    var adjacency: CompactAdjacency
    var employersBase: EmployerTable
    /// Per member index (the members created since the base included).
    var flags: [Flags]
    var delta = GraphDelta()
    /// The outbox position this state reflects.
    var position: OutboxPosition

    var memberCount: Int { members.count }

    func index(of id: Int64) -> UInt32? { members.index(of: id) }
    func id(of index: UInt32) -> Int64 { members.id(of: index) }

    @inline(__always)
    func flags(of node: UInt32) -> Flags { Int(node) < flags.count ? flags[Int(node)] : .gone }

    /// True when `node` may stand between two other members on a path.
    @inline(__always)
    func isWayThrough(_ node: UInt32) -> Bool { flags(of: node).isDisjoint(with: .notAWayThrough) }

    /// True when `node` may be named in an answer to someone else.
    @inline(__always)
    func isShown(_ node: UInt32) -> Bool { flags(of: node).isDisjoint(with: .notShown) }

    /// Calls `body` with each neighbour of `node` and the tie's strength byte.
    @inline(__always)
    func forEachNeighbour(of node: UInt32, _ body: (UInt32, UInt8) -> Void) {
        let range = adjacency.range(of: node)
        if !range.isEmpty {
            let gone = delta.removed.isEmpty ? nil : delta.removed[node]
            for slot in range {
                let neighbour = adjacency.neighbours[slot]
                if let gone, gone.contains(neighbour) { continue }
                body(neighbour, adjacency.strengths[slot])
            }
        }
        if !delta.added.isEmpty, let added = delta.added[node] {
            for edge in added { body(edge.node, edge.strength) }
        }
    }

    /// How many neighbours `node` has.
    func degree(of node: UInt32) -> Int {
        var count = 0
        forEachNeighbour(of: node) { _, _ in count += 1 }
        return count
    }

    /// The strength byte of the edge between `a` and `b`, nil when they are not connected.
    func strength(_ a: UInt32, _ b: UInt32) -> UInt8? {
        if let added = delta.added[a], let edge = added.first(where: { $0.node == b }) { return edge.strength }
        if let gone = delta.removed[a], gone.contains(b) { return nil }
        return adjacency.strength(a, b)
    }

    /// The companies `node` works for now.
    func employers(of node: UInt32) -> ArraySlice<Int64> {
        if !delta.employers.isEmpty, let changed = delta.employers[node] { return changed[...] }
        return employersBase.employers(of: node)
    }

    func worksFor(_ node: UInt32, _ company: Int64) -> Bool { employers(of: node).contains(company) }

    /// The current employees of `company`.
    func employees(of company: Int64) -> [UInt32] {
        let base = employersBase.employees(of: company)
        guard !delta.employers.isEmpty else { return base }
        var result = base.filter { delta.employers[$0].map { $0.contains(company) } ?? true }
        for (node, companies) in delta.employers where companies.contains(company) && !base.contains(node) {
            result.append(node)
        }
        return result
    }

    // MARK: - Changes

    /// Sets the edge between members `a` and `b`: present with `strength`, or absent (nil).
    mutating func setEdge(_ a: Int64, _ b: Int64, strength: UInt8?) {
        guard a != b else { return }
        let (x, y) = (node(for: a), node(for: b))
        let base = adjacency.strength(x, y)
        delta.set(x, y, strength: strength, base: base)
        delta.set(y, x, strength: strength, base: base)
        delta.changes += 1
    }

    /// Sets what is known of member `id`: its flags and current employers; nil flags: erased.
    mutating func setMember(_ id: Int64, flags newFlags: Flags?, employers: [Int64]) {
        guard newFlags != nil || members.index(of: id) != nil else { return }
        let node = node(for: id)
        flags[Int(node)] = newFlags ?? .gone
        if newFlags == nil {
            // The outbox removes its connections too; the flag already keeps it out of every answer.
            var neighbours: [UInt32] = []
            forEachNeighbour(of: node) { neighbour, _ in neighbours.append(neighbour) }
            for neighbour in neighbours { setEdge(id, self.id(of: neighbour), strength: nil) }
        }
        let employers = newFlags == nil ? [] : employers
        if Array(employersBase.employers(of: node)) == employers {
            delta.employers[node] = nil
        } else {
            delta.employers[node] = employers
        }
    }

    private mutating func node(for id: Int64) -> UInt32 {
        let node = members.insert(id)
        while flags.count < members.count { flags.append([]) }
        return node
    }

    // MARK: - Compaction

    /// The same graph with the delta folded into a new base.
    func compacted() -> GraphSnapshot {
        let count = members.count
        var total = 0
        for node in 0..<count { total += degree(of: UInt32(node)) }
        let adjacency = CompactAdjacency(
            nodeCount: count, rows: { node, emit in forEachNeighbour(of: UInt32(node), emit) }, total: total)
        var pairs: [(member: UInt32, company: Int64)] = []
        for node in 0..<count {
            for company in employers(of: UInt32(node)) { pairs.append((UInt32(node), company)) }
        }
        return GraphSnapshot(
            members: members.compacted(), adjacency: adjacency,
            employersBase: EmployerTable(memberCount: count, pairs: pairs), flags: flags, position: position)
    }

    /// Bytes held by the base and the per-member arrays (the delta is small).
    var memoryFootprint: Int {
        adjacency.memoryFootprint + employersBase.memoryFootprint + flags.count + members.count * 8 + 4 * members.count
    }
}

/// The edges and employers that changed since the base, by member index.
struct GraphDelta: Sendable {
    struct Edge: Sendable, Hashable {
        var node: UInt32
        var strength: UInt8
    }

    /// Edges not in the base, or in it with another strength (then also in `removed`).
    var added: [UInt32: [Edge]] = [:]
    /// Edges of the base that are gone.
    var removed: [UInt32: Set<UInt32>] = [:]
    /// Members whose current employers differ from the base's.
    var employers: [UInt32: [Int64]] = [:]
    /// Edge changes applied since the base: when to compact.
    var changes = 0

    /// Makes the edge from `node` to `other` present with `strength` (nil: absent),
    /// given its strength in the base (nil: not there).
    mutating func set(_ node: UInt32, _ other: UInt32, strength: UInt8?, base: UInt8?) {
        if var edges = added[node] {
            edges.removeAll { $0.node == other }
            added[node] = edges.isEmpty ? nil : edges
        }
        if var gone = removed[node] {
            gone.remove(other)
            removed[node] = gone.isEmpty ? nil : gone
        }
        if base != nil && base != strength {
            removed[node, default: []].insert(other)
        }
        if let strength, base != strength {
            added[node, default: []].append(Edge(node: other, strength: strength))
        }
    }
}
