import PasserelleCore
import PasserelleStore

/// What an outbox batch changes in the graph, read from the tables as they are
/// now: entries name what changed, the rows say what it became. Applying the
/// same change twice gives the same graph.
enum GraphChange: Sendable {
    /// The connection between two members: present with this strength, or gone (nil).
    case edge(Int64, Int64, strength: UInt8?)
    /// A member's flags (nil: erased) and current employers.
    case member(Int64, flags: GraphSnapshot.Flags?, employers: [Int64])
}

extension GraphSnapshot {
    mutating func apply(_ change: GraphChange) {
        switch change {
        case .edge(let a, let b, let strength): setEdge(a, b, strength: strength)
        case .member(let id, let flags, let employers): setMember(id, flags: flags, employers: employers)
        }
    }
}

enum GraphChangeReader {
    /// The changes `entries` stand for: members first (a new member before its connections).
    static func changes(for entries: [OutboxEntry], client: PostgresClient) async throws -> [GraphChange] {
        var pairs: Set<Pair> = []
        var memberIDs: Set<Int64> = []
        for entry in entries {
            switch entry.topic {
            case .connection:
                guard let other = entry.otherID else { continue }
                pairs.insert(Pair(min(entry.entityID, other), max(entry.entityID, other)))
            case .member:
                memberIDs.insert(entry.entityID)
            case .posting, .profile:
                continue
            }
        }
        guard !pairs.isEmpty || !memberIDs.isEmpty else { return [] }
        return try await client.withConnection { connection in
            try await connection.withTransaction { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                let members = try await memberChanges(Array(memberIDs), on: connection)
                let edges = try await edgeChanges(pairs, on: connection)
                return members + edges
            }
        }
    }

    private struct Pair: Hashable {
        var a: Int64
        var b: Int64
        init(_ a: Int64, _ b: Int64) { (self.a, self.b) = (a, b) }
    }

    private static func memberChanges(_ ids: [Int64], on connection: PostgresConnection) async throws -> [GraphChange] {
        guard !ids.isEmpty else { return [] }
        let flags = try await connection.query(
            """
            SELECT id, hide_connections::int + 2 * (profile_visibility = 'hidden')::int AS flags
            FROM members WHERE id = ANY(\(ids))
            """
        ).reduce(into: [Int64: GraphSnapshot.Flags]()) { flags, row in
            flags[try row.decode("id")] = GraphSnapshot.Flags(
                rawValue: UInt8(truncatingIfNeeded: try row.decode("flags", as: Int.self)))
        }
        let employers = try await connection.query(
            """
            SELECT DISTINCT member_id, company_id FROM employments
            WHERE end_date IS NULL AND member_id = ANY(\(ids)) ORDER BY member_id, company_id
            """
        ).reduce(into: [Int64: [Int64]]()) { employers, row in
            employers[try row.decode("member_id"), default: []].append(try row.decode("company_id"))
        }
        return ids.map { .member($0, flags: flags[$0], employers: employers[$0] ?? []) }
    }

    private static func edgeChanges(_ pairs: Set<Pair>, on connection: PostgresConnection) async throws -> [GraphChange]
    {
        guard !pairs.isEmpty else { return [] }
        let (firsts, seconds) = (pairs.map(\.a), pairs.map(\.b))
        let rows = try await connection.query(
            """
            SELECT member_a, member_b, (extract(epoch FROM now() - since) / 86400)::int AS days,
                   round(strength * 255)::int AS strength
            FROM connections WHERE (member_a, member_b) IN (SELECT * FROM unnest(\(firsts)::bigint[], \(seconds)::bigint[]))
            """)
        var present: [Pair: (days: Int, strength: Int?)] = [:]
        for row in rows {
            present[Pair(try row.decode("member_a"), try row.decode("member_b"))] = (
                try row.decode("days"), try row.decode("strength", as: Int?.self)
            )
        }
        let ends = Array(Set(present.keys.flatMap { [$0.a, $0.b] }))
        let jobs = try await stints(
            """
            SELECT member_id, company_id AS place, start_date - DATE '1970-01-01' AS start,
                   end_date - DATE '1970-01-01' AS end
            FROM employments WHERE member_id = ANY($1)
            """,
            ends, on: connection)
        let schools = try await stints(
            """
            SELECT member_id, hashtext(normalized_institution)::bigint AS place,
                   start_date - DATE '1970-01-01' AS start, end_date - DATE '1970-01-01' AS end
            FROM educations WHERE member_id = ANY($1)
            """,
            ends, on: connection)
        return pairs.map { pair in
            guard let tie = present[pair] else { return .edge(pair.a, pair.b, strength: nil) }
            let strength =
                tie.strength.map { UInt8(clamping: $0) }
                ?? TieStrength.byte(
                    TieStrength.strength(
                        days: Int32(clamping: tie.days), jobs: jobs[pair.a] ?? [], jobs[pair.b] ?? [],
                        schools: schools[pair.a] ?? [], schools[pair.b] ?? []))
            return .edge(pair.a, pair.b, strength: strength)
        }
    }

    /// The stints of `ids` that `sql` selects (its only parameter: the ids).
    private static func stints(
        _ sql: String, _ ids: [Int64], on connection: PostgresConnection
    ) async throws -> [Int64: [TieStrength.Stint]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await connection.query(PostgresQuery(sql: sql, binds: [PostgresBind(ids)]))
        var stints: [Int64: [TieStrength.Stint]] = [:]
        for row in rows {
            stints[try row.decode("member_id"), default: []].append(
                TieStrength.Stint(
                    place: try row.decode("place"), start: try row.decode("start", as: Int32?.self),
                    end: try row.decode("end", as: Int32?.self)))
        }
        return stints
    }
}
