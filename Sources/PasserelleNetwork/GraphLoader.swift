import PasserelleCore
import PasserelleStore

/// Loads the whole graph from PostgreSQL with COPY, in one repeatable-read
/// snapshot: the members (ids and privacy flags), their employments and schools
/// (for tie strength and current employers), then the connections, each
/// weighed as it arrives. Rows are read on the connection's thread and the
/// arrays built on a thread of their own, never on the cooperative pool.
///
/// The snapshot's horizon (its xmin) is the outbox position the graph starts
/// from: every entry of an older transaction is in the snapshot; newer ones may
/// be too, and applying them again is harmless (entries are applied by reloading).
enum GraphLoader {
    static func load(client: PostgresClient) async throws -> GraphSnapshot {
        try await client.withConnection { connection in
            try await connection.withTransaction { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                let xmin = try await connection.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin")[0]
                    .decode("xmin", as: String.self)
                guard let horizon = UInt64(xmin) else {
                    throw GraphLoadError(message: "snapshot xmin '\(xmin)' is not a transaction id")
                }
                let members = MembersSink()
                try await connection.copyOut(
                    """
                    COPY (SELECT id, hide_connections::int + 2 * (profile_visibility = 'hidden')::int
                          FROM members ORDER BY id) TO STDOUT
                    """, row: members.read)
                let index = MemberIndex(sortedIDs: members.ids)
                let jobs = StintSink(index: index, keepCurrent: true)
                try await connection.copyOut(
                    """
                    COPY (SELECT member_id, company_id, start_date - DATE '1970-01-01', end_date - DATE '1970-01-01'
                          FROM employments) TO STDOUT
                    """, row: jobs.read)
                let schools = StintSink(index: index, keepCurrent: false)
                try await connection.copyOut(
                    """
                    COPY (SELECT member_id, hashtext(normalized_institution),
                                 start_date - DATE '1970-01-01', end_date - DATE '1970-01-01'
                          FROM educations) TO STDOUT
                    """, row: schools.read)
                let (jobTable, schoolTable) = try await BlockingThread.run(named: "passerelle-graph") {
                    (jobs.table(memberCount: index.count), schools.table(memberCount: index.count))
                }
                let edges = EdgeSink(index: index, jobs: jobTable, schools: schoolTable)
                try await connection.copyOut(
                    """
                    COPY (SELECT member_a, member_b, (extract(epoch FROM now() - since) / 86400)::int,
                                 round(strength * 255)::int
                          FROM connections) TO STDOUT
                    """, row: edges.read)
                return try await BlockingThread.run(named: "passerelle-graph") {
                    GraphSnapshot(
                        members: index, adjacency: CompactAdjacency(nodeCount: index.count, edges: edges.take()),
                        employersBase: EmployerTable(memberCount: index.count, pairs: jobs.current),
                        flags: members.flags,
                        position: OutboxPosition(transactionID: horizon > 0 ? horizon - 1 : 0, id: .max))
                }
            }
        }
    }
}

/// Rows are handed to a sink on the connection's thread, one COPY at a time.
private final class MembersSink: @unchecked Sendable {
    var ids: [Int64] = []
    var flags: [GraphSnapshot.Flags] = []
    private var row = CopyRow()

    func read(_ bytes: UnsafeRawBufferPointer) throws {
        let fields = try row.read(bytes)
        guard fields.count == 2, let id = fields[0] else { throw GraphLoadError(message: "a members row is malformed") }
        ids.append(id)
        flags.append(GraphSnapshot.Flags(rawValue: UInt8(truncatingIfNeeded: fields[1] ?? 0)))
    }
}

/// Employments or schools: (member, place, start, end) rows.
private final class StintSink: @unchecked Sendable {
    private let index: MemberIndex
    private let keepCurrent: Bool
    private var members: [UInt32] = []
    private var stints: [TieStrength.Stint] = []
    /// (member, company) of the employments without an end.
    var current: [(member: UInt32, company: Int64)] = []
    private var row = CopyRow()

    init(index: MemberIndex, keepCurrent: Bool) {
        self.index = index
        self.keepCurrent = keepCurrent
    }

    func read(_ bytes: UnsafeRawBufferPointer) throws {
        let fields = try row.read(bytes)
        guard fields.count == 4, let id = fields[0], let place = fields[1] else {
            throw GraphLoadError(message: "an employment or education row is malformed")
        }
        guard let member = index.index(of: id) else { return }
        members.append(member)
        stints.append(
            TieStrength.Stint(
                place: place, start: fields[2].map { Int32(clamping: $0) }, end: fields[3].map { Int32(clamping: $0) }))
        if keepCurrent && fields[3] == nil { current.append((member, place)) }
    }

    func table(memberCount: Int) -> StintTable {
        StintTable(memberCount: memberCount, members: members, stints: stints)
    }
}

/// Each member's stints, grouped by member index.
struct StintTable: Sendable {
    private var offsets: [UInt32]
    private var stints: [TieStrength.Stint]

    init(memberCount: Int, members: [UInt32], stints unordered: [TieStrength.Stint]) {
        var offsets = [UInt32](repeating: 0, count: memberCount + 1)
        for member in members { offsets[Int(member) + 1] += 1 }
        for member in 0..<memberCount { offsets[member + 1] += offsets[member] }
        var cursor = Array(offsets.dropLast())
        var stints = [TieStrength.Stint](
            repeating: TieStrength.Stint(place: 0, start: nil, end: nil), count: members.count)
        for (member, stint) in zip(members, unordered) {
            stints[Int(cursor[Int(member)])] = stint
            cursor[Int(member)] += 1
        }
        self.offsets = offsets
        self.stints = stints
    }

    subscript(member: UInt32) -> ArraySlice<TieStrength.Stint> {
        stints[Int(offsets[Int(member)])..<Int(offsets[Int(member) + 1])]
    }
}

/// Connections, weighed as they arrive.
private final class EdgeSink: @unchecked Sendable {
    private let index: MemberIndex
    private let jobs: StintTable
    private let schools: StintTable
    private var edges = EdgeList()
    private var row = CopyRow()

    init(index: MemberIndex, jobs: StintTable, schools: StintTable) {
        self.index = index
        self.jobs = jobs
        self.schools = schools
    }

    func read(_ bytes: UnsafeRawBufferPointer) throws {
        let fields = try row.read(bytes)
        guard fields.count == 4, let first = fields[0], let second = fields[1] else {
            throw GraphLoadError(message: "a connections row is malformed")
        }
        guard let a = index.index(of: first), let b = index.index(of: second), a != b else { return }
        let strength =
            fields[3].map { UInt8(clamping: $0) }
            ?? TieStrength.byte(
                TieStrength.strength(
                    days: Int32(clamping: fields[2] ?? 0), jobs: jobs[a], jobs[b], schools: schools[a], schools[b]))
        edges.append(a, b, strength: strength)
    }

    func take() -> EdgeList {
        defer { edges = EdgeList() }
        return edges
    }
}
