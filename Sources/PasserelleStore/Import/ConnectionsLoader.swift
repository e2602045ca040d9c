import Foundation
import PasserelleCore

/// The connections CSV: `member_a,member_b,since[,strength]`, members named by
/// their external ids; a repeated pair updates.
///
/// A network file is some 25 times longer than the members' file, so its lines are
/// resolved in Swift, against every member's id read once at the start, while the
/// previous batch merges; PostgreSQL then only merges pairs of ids.
struct ConnectionsLoader: ImportLoader {
    /// Store ids by external id, as they were when the import started; a member
    /// created since is looked up when a line names it.
    let members: [String: Int]
    /// Whether this session may set `session_replication_role` (a superuser, or a
    /// role granted it), which skips the foreign keys' per-row triggers.
    let skipsForeignKeyTriggers: Bool

    /// A loader that knows every member of the database behind `client`.
    static func forMembers(of client: PostgresClient) async throws -> ConnectionsLoader {
        let allowed = try await client.query(
            "SELECT has_parameter_privilege('session_replication_role', 'SET') AS allowed")[0]
        return ConnectionsLoader(
            members: try await MemberDirectory.read(from: client),
            skipsForeignKeyTriggers: try allowed.decode("allowed", as: Bool.self))
    }

    func decode(_ line: FileLine) throws(LineError) -> ResolvedConnection? {
        if line.number == 1 && ConnectionsCSV.isHeader(line.bytes) { return nil }
        let record = try ConnectionsCSV.decode(line.bytes)
        return ResolvedConnection(
            record: record, memberA: members[record.memberA], memberB: members[record.memberB],
            since: Timestamp.rfc3339(record.since))
    }

    func load(
        _ records: [(line: Int, record: ResolvedConnection)], on connection: PostgresConnection
    ) async throws
        -> BatchOutcome
    {
        let unknown = records.flatMap { $0.record.unresolved }
        let latecomers = try await MemberDirectory.find(unknown, on: connection)
        let resolved = records.map { ($0.line, $0.record.resolving(latecomers)) }
        let gone = try await MemberDirectory.lock(
            Set(resolved.flatMap { [$0.1.memberA, $0.1.memberB].compactMap { $0 } }).sorted(), on: connection)
        // One row per pair, the smaller id first; within a batch the last line wins.
        var outcome = BatchOutcome()
        var pairs: [Pair: ResolvedConnection] = [:]
        var refusedLines = 0
        for (line, connection) in resolved {
            let memberA = connection.memberA.flatMap { gone.contains($0) ? nil : $0 }
            let memberB = connection.memberB.flatMap { gone.contains($0) ? nil : $0 }
            guard let memberA, let memberB else {
                for (field, id, found) in [
                    ("member_a", connection.record.memberA, memberA), ("member_b", connection.record.memberB, memberB),
                ] where found == nil {
                    outcome.refused.append((line, LineProblem(field: field, reason: "no member \(id)")))
                }
                refusedLines += 1
                continue
            }
            pairs[Pair(min(memberA, memberB), max(memberA, memberB))] = connection
        }
        let (inserted, updated) = try await merge(pairs, on: connection)
        outcome.inserted = inserted
        outcome.updated = updated
        outcome.unchanged = records.count - refusedLines - inserted - updated
        return outcome
    }

    /// Inserts the new pairs, updates the changed ones and writes their outbox rows;
    /// a pair whose since and strength are unchanged is not touched, so a re-import
    /// writes nothing and wakes no reader.
    private func merge(
        _ pairs: [Pair: ResolvedConnection], on connection: PostgresConnection
    ) async throws -> (inserted: Int, updated: Int) {
        try await connection.execute(
            script: """
                CREATE TEMP TABLE IF NOT EXISTS import_pairs (
                    member_a bigint, member_b bigint, since timestamptz, strength real);
                CREATE TEMP TABLE IF NOT EXISTS import_written (member_a bigint, member_b bigint, inserted boolean);
                TRUNCATE import_pairs, import_written;
                """)
        // In key order, so that the inserts walk the primary key's pages in order.
        try await connection.copyIn(table: "import_pairs", columns: ["member_a", "member_b", "since", "strength"]) {
            writer in
            for (pair, connection) in pairs.sorted(by: { $0.key < $1.key }) {
                try await writer.append([pair.memberA, pair.memberB, connection.since, connection.record.strength])
            }
        }
        // The members are checked and locked already (MemberDirectory.lock): the
        // foreign keys' triggers, two queries a row, are skipped where allowed, and
        // only for this statement (the outbox's trigger must run).
        if skipsForeignKeyTriggers { try await connection.query("SET LOCAL session_replication_role = replica") }
        try await connection.query(
            """
            WITH upserted AS (
                INSERT INTO connections (member_a, member_b, since, strength)
                SELECT member_a, member_b, since, strength FROM import_pairs
                ON CONFLICT (member_a, member_b) DO UPDATE SET since = EXCLUDED.since, strength = EXCLUDED.strength
                WHERE (connections.since, connections.strength) IS DISTINCT FROM (EXCLUDED.since, EXCLUDED.strength)
                RETURNING member_a, member_b, xmax = 0 AS inserted
            )
            INSERT INTO import_written SELECT member_a, member_b, inserted FROM upserted
            """)
        if skipsForeignKeyTriggers { try await connection.query("SET LOCAL session_replication_role = DEFAULT") }
        let counts = try await connection.query(
            """
            WITH outboxed AS (
                INSERT INTO outbox (topic, operation, entity_id, other_id)
                SELECT 'connection', 'upsert', member_a, member_b FROM import_written
            )
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
            FROM import_written
            """)[0]
        return (try counts.decode("inserted", as: Int.self), try counts.decode("updated", as: Int.self))
    }
}

/// A connection line with its members' store ids where the directory knew them,
/// and its time already in COPY's text, so that the merge has little left to do.
struct ResolvedConnection: Sendable {
    var record: ConnectionRecord
    var memberA: Int?
    var memberB: Int?
    var since: String

    /// The external ids the directory did not know.
    var unresolved: [String] {
        (memberA == nil ? [record.memberA] : []) + (memberB == nil ? [record.memberB] : [])
    }

    /// With the ids of `latecomers`, members found since the directory was read.
    func resolving(_ latecomers: [String: Int]) -> ResolvedConnection {
        var resolved = self
        resolved.memberA = memberA ?? latecomers[record.memberA]
        resolved.memberB = memberB ?? latecomers[record.memberB]
        return resolved
    }
}

/// Two members' store ids, the smaller first.
private struct Pair: Hashable, Comparable {
    var memberA: Int
    var memberB: Int

    init(_ memberA: Int, _ memberB: Int) {
        self.memberA = memberA
        self.memberB = memberB
    }

    static func < (left: Pair, right: Pair) -> Bool {
        (left.memberA, left.memberB) < (right.memberA, right.memberB)
    }
}

/// Members' store ids by external id.
enum MemberDirectory {
    static let pageSize = 100_000

    /// Every member, read a page at a time.
    static func read(from client: PostgresClient) async throws -> [String: Int] {
        var members: [String: Int] = [:]
        var after = 0
        while true {
            let rows = try await client.query(
                "SELECT id, external_id FROM members WHERE id > \(after) ORDER BY id LIMIT \(pageSize)")
            for row in rows {
                let id = try row.decode("id", as: Int.self)
                members[try row.decode("external_id", as: String.self)] = id
                after = id
            }
            if rows.count < pageSize { return members }
        }
    }

    /// The members among `externalIDs` that exist now.
    static func find(_ externalIDs: [String], on connection: PostgresConnection) async throws -> [String: Int] {
        guard !externalIDs.isEmpty else { return [:] }
        var found: [String: Int] = [:]
        for row in try await connection.query(
            "SELECT id, external_id FROM members WHERE external_id = ANY(\(Array(Set(externalIDs))))")
        {
            found[try row.decode("external_id", as: String.self)] = try row.decode("id", as: Int.self)
        }
        return found
    }

    /// Locks the members `ids` against deletion until the transaction ends, as a
    /// foreign key's check does, and returns those that no longer exist.
    static func lock(_ ids: [Int], on connection: PostgresConnection) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        // A join, not `id = ANY(…)`: the planner would scan every member for that.
        let present = try await connection.query(
            """
            SELECT count(*) AS n FROM (
                SELECT m.id FROM unnest(\(ids)::bigint[]) AS t (id) JOIN members m ON m.id = t.id FOR KEY SHARE OF m
            ) present
            """)
        if try present[0].decode("n", as: Int.self) == ids.count { return [] }
        let gone = try await connection.query(
            """
            SELECT id FROM unnest(\(ids)::bigint[]) AS t (id)
            WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.id = t.id)
            """)
        return Set(try gone.map { try $0.decode("id", as: Int.self) })
    }
}
