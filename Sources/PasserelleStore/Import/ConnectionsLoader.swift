import Foundation
import PasserelleCore

/// The connections CSV: `member_a,member_b,since[,strength]`, members named by
/// their external ids; a repeated pair updates.
struct ConnectionsLoader: ImportLoader {
    func decode(_ line: FileLine) throws(LineError) -> ConnectionRecord? {
        if line.number == 1 && ConnectionsCSV.isHeader(line.bytes) { return nil }
        return try ConnectionsCSV.decode(line.bytes)
    }

    func load(
        _ records: [(line: Int, record: ConnectionRecord)], on connection: PostgresConnection
    ) async throws
        -> BatchOutcome
    {
        try await connection.execute(
            script: """
                CREATE TEMP TABLE IF NOT EXISTS import_connections (
                    line integer, member_a text, member_b text, since timestamptz, strength real);
                TRUNCATE import_connections;
                """)
        try await connection.copyIn(
            table: "import_connections", columns: ["line", "member_a", "member_b", "since", "strength"]
        ) { writer in
            for (line, record) in records {
                try await writer.append([line, record.memberA, record.memberB, record.since, record.strength])
            }
        }
        try await connection.query("ANALYZE import_connections")  // temporary tables get no statistics otherwise
        var outcome = BatchOutcome()
        for row in try await connection.query(
            """
            SELECT s.line, s.member_a, s.member_b, a.id IS NULL AS a_missing, b.id IS NULL AS b_missing
            FROM import_connections s
            LEFT JOIN members a ON a.external_id = s.member_a
            LEFT JOIN members b ON b.external_id = s.member_b
            WHERE a.id IS NULL OR b.id IS NULL
            """)
        {
            let line = try row.decode("line", as: Int.self)
            if try row.decode("a_missing", as: Bool.self) {
                let id = try row.decode("member_a", as: String.self)
                outcome.refused.append((line, LineProblem(field: "member_a", reason: "no member \(id)")))
            }
            if try row.decode("b_missing", as: Bool.self) {
                let id = try row.decode("member_b", as: String.self)
                outcome.refused.append((line, LineProblem(field: "member_b", reason: "no member \(id)")))
            }
        }
        // One row per pair, the smaller id first; within a batch the last line wins.
        // A pair whose since and strength are unchanged is not touched, so a
        // re-import writes nothing and wakes no reader.
        let counts = try await connection.query(
            """
            WITH resolved AS (
                SELECT DISTINCT ON (least(a.id, b.id), greatest(a.id, b.id))
                       least(a.id, b.id) AS member_a, greatest(a.id, b.id) AS member_b, s.since, s.strength
                FROM import_connections s
                JOIN members a ON a.external_id = s.member_a
                JOIN members b ON b.external_id = s.member_b
                ORDER BY least(a.id, b.id), greatest(a.id, b.id), s.line DESC
            ), upserted AS (
                INSERT INTO connections (member_a, member_b, since, strength)
                SELECT member_a, member_b, since, strength FROM resolved
                ON CONFLICT (member_a, member_b) DO UPDATE SET since = EXCLUDED.since, strength = EXCLUDED.strength
                WHERE (connections.since, connections.strength) IS DISTINCT FROM (EXCLUDED.since, EXCLUDED.strength)
                RETURNING member_a, member_b, xmax = 0 AS inserted
            ), outboxed AS (
                INSERT INTO outbox (topic, operation, entity_id, other_id)
                SELECT 'connection', 'upsert', member_a, member_b FROM upserted
            )
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
            FROM upserted
            """)[0]
        outcome.inserted = try counts.decode("inserted", as: Int.self)
        outcome.updated = try counts.decode("updated", as: Int.self)
        let refusedLines = Set(outcome.refused.map(\.line)).count
        outcome.unchanged = records.count - refusedLines - outcome.inserted - outcome.updated
        return outcome
    }
}
