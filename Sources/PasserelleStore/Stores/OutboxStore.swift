import Foundation
import PasserelleCore

/// The outbox: changes to postings, CVs, connections and members, written by the
/// other stores in the transaction of the change, read by the index writer and
/// the graph.
public struct OutboxStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// Up to `limit` entries after `position`, in (txid, id) order, from
    /// transactions older than every transaction still running in this
    /// database. A transaction that took its ids early and commits late would
    /// otherwise be passed over for good by a reader that already moved beyond
    /// those ids; with this horizon it is read once it ends, and a rolled-back one
    /// never appears. Only client sessions of this database can write this
    /// outbox: transactions of other databases and of autovacuum do not hold
    /// the reader back (those it is not allowed to see do).
    public func entries(
        after position: OutboxPosition, limit: Int = 1000, on connection: PostgresConnection
    ) async throws -> [OutboxEntry] {
        try await connection.all(
            """
            WITH snapshot AS (SELECT pg_current_snapshot() AS snapshot),
            elsewhere AS (
              SELECT backend_xid::text::numeric AS xid FROM pg_stat_activity
              WHERE backend_xid IS NOT NULL
                AND (datname IS DISTINCT FROM current_database() OR backend_type <> 'client backend')
            ),
            horizon AS (
              SELECT coalesce(
                (SELECT running FROM snapshot, pg_snapshot_xip(snapshot.snapshot) running
                 WHERE running::text::numeric % 4294967296 NOT IN (SELECT xid FROM elsewhere)
                 ORDER BY running LIMIT 1),
                (SELECT pg_snapshot_xmax(snapshot) FROM snapshot)) AS txid
            )
            SELECT \(Self.columns) FROM outbox, horizon
            WHERE (outbox.txid, outbox.id) > (\(String(position.transactionID))::xid8, \(position.id))
              AND outbox.txid < horizon.txid
            ORDER BY outbox.txid, outbox.id
            LIMIT \(limit)
            """, OutboxEntry.init(row:))
    }

    /// See ``entries(after:limit:on:)``.
    public func entries(after position: OutboxPosition, limit: Int = 1000) async throws -> [OutboxEntry] {
        try await client.read { try await entries(after: position, limit: limit, on: $0) }
    }

    /// True when committed entries after `position` exist that ``entries(after:limit:on:)``
    /// does not return yet, because a transaction older than theirs still runs
    /// somewhere in the cluster: the reader should look again shortly.
    public func hasHeldBackEntries(after position: OutboxPosition) async throws -> Bool {
        try await client.read { connection in
            try await connection.all(
                """
                SELECT EXISTS (
                  SELECT 1 FROM outbox WHERE (txid, id) > (\(String(position.transactionID))::xid8, \(position.id))
                ) AS pending
                """
            ) { try $0.decode("pending", as: Bool.self) }.first ?? false
        }
    }

    /// How many entries come after `position`: a reader's lag, for `/metrics`.
    /// It reads the (txid, id) index from `position` on, so it costs what the lag is.
    public func count(after position: OutboxPosition) async throws -> Int {
        try await client.read { connection in
            try await connection.all(
                """
                SELECT count(*) AS n FROM outbox
                WHERE (txid, id) > (\(String(position.transactionID))::xid8, \(position.id))
                """
            ) { try $0.decode("n", as: Int.self) }.first ?? 0
        }
    }

    /// Removes the entries up to and including `position`, once every reader has
    /// applied them; returns how many went.
    @discardableResult
    public func deleteEntries(
        through position: OutboxPosition, on connection: PostgresConnection
    ) async throws
        -> Int
    {
        try await connection.run(
            "DELETE FROM outbox WHERE (txid, id) <= (\(String(position.transactionID))::xid8, \(position.id))"
        ).affectedRows
    }

    /// See ``deleteEntries(through:on:)``.
    @discardableResult
    public func deleteEntries(through position: OutboxPosition) async throws -> Int {
        try await client.withTransaction { try await deleteEntries(through: position, on: $0) }
    }

    // MARK: - Writing, for the other stores

    /// Records `changes` on `connection`, which must be inside the transaction
    /// that makes them, so that they become visible together or not at all.
    static func record(_ changes: [OutboxChange], on connection: PostgresConnection) async throws {
        for change in changes {
            try await connection.run(
                """
                INSERT INTO outbox (topic, operation, country, entity_id, other_id)
                VALUES (\(change.topic), \(change.operation), \(change.country), \(change.entityID), \(change.otherID))
                """)
        }
    }

    // Not `AS txid`: ORDER BY would then sort the text alias ("1007" < "973")
    // instead of the xid8 column.
    static let columns = SQLFragment(
        "outbox.id, outbox.txid::text AS transaction_id, topic, operation, country, entity_id, other_id, created_at")
}

/// One outbox row to write, made with the constructors below so that each topic
/// carries what the schema requires of it.
struct OutboxChange: Hashable, Sendable {
    var topic: OutboxEntry.Topic
    var operation: OutboxEntry.Operation
    var country: Country?
    var entityID: Int64
    var otherID: Int64?

    static func posting(_ operation: OutboxEntry.Operation, id: Int64, country: Country) -> OutboxChange {
        OutboxChange(topic: .posting, operation: operation, country: country, entityID: id, otherID: nil)
    }

    static func profile(_ operation: OutboxEntry.Operation, memberID: Int64, country: Country) -> OutboxChange {
        OutboxChange(topic: .profile, operation: operation, country: country, entityID: memberID, otherID: nil)
    }

    static func connection(_ operation: OutboxEntry.Operation, _ connection: Connection) -> OutboxChange {
        OutboxChange(
            topic: .connection, operation: operation, country: nil, entityID: connection.memberA,
            otherID: connection.memberB)
    }

    static func member(_ operation: OutboxEntry.Operation, id: Int64) -> OutboxChange {
        OutboxChange(topic: .member, operation: operation, country: nil, entityID: id, otherID: nil)
    }

    /// What moving something of `topic` between shards writes: gone from the
    /// old country, there in the new one.
    static func move(
        _ make: (OutboxEntry.Operation, Country) -> OutboxChange, from old: Country, to new: Country
    ) -> [OutboxChange] {
        old == new ? [make(.upsert, new)] : [make(.delete, old), make(.upsert, new)]
    }
}

extension OutboxEntry {
    init(row: PostgresRow) throws {
        let txid = try row.decode("transaction_id", as: String.self)
        guard let transactionID = UInt64(txid) else {
            throw PostgresError(.decoding, message: "outbox txid '\(txid)' is not a 64-bit transaction id")
        }
        self.init(
            id: try row.decode("id"), transactionID: transactionID, topic: try row.decode("topic"),
            operation: try row.decode("operation"), country: try row.decode("country"),
            entityID: try row.decode("entity_id"), otherID: try row.decode("other_id"),
            createdAt: try row.decode("created_at"))
    }
}
