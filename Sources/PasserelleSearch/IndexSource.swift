import Foundation
import PasserelleCore
import PasserelleStore

/// What the index is made from, read from PostgreSQL set-wise: the documents of
/// a batch of outbox entries in a few statements, and whole shards in chunks for
/// a rebuild. Rows are read with the stores' own column lists and decoders, so a
/// column added to a table reaches the index without a second decoder to update.
public struct IndexSource: Sendable {
    /// The pool every read takes its connection from.
    public let client: PostgresClient

    /// Rows per chunk of a full scan: big enough to amortise a round trip, small
    /// enough that each chunk is a short statement and memory stays flat.
    public static let chunkSize = 2000

    /// Reads through `client`.
    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - By id, for the index writer

    /// The open postings among `ids`, each with its company's name; a closed or
    /// missing id is simply not returned.
    public func postings(ids: [Int64]) async throws -> [PostingDocument] {
        guard !ids.isEmpty else { return [] }
        return try await postings(
            """
            SELECT \(JobPostingStore.columns) FROM job_postings WHERE id = ANY(\(ids)) AND status = 'open'
            """)
    }

    /// The CVs of these members, with their members and current employers; a
    /// member without a CV is not returned. Hidden CVs are returned (the writer
    /// removes them from the index: ``ProfileDocument/isSearchable``).
    public func profiles(memberIDs: [Int64]) async throws -> [ProfileDocument] {
        guard !memberIDs.isEmpty else { return [] }
        return try await inOneSnapshot { connection in
            let profiles = try await connection.query(
                "SELECT \(ProfileStore.columns) FROM profiles WHERE member_id = ANY(\(memberIDs))"
            ).map(Profile.init(row:))
            return try await documents(profiles, on: connection)
        }
    }

    // MARK: - Full scans, for a rebuild

    /// The open postings of `country` with an id above `id`, in id order, at most
    /// `limit`: one chunk of a keyset scan (pass the last id of a chunk to get the
    /// next; an empty chunk ends the scan).
    public func postings(
        country: Country, after id: Int64, limit: Int = chunkSize
    ) async throws
        -> [PostingDocument]
    {
        try await postings(
            """
            SELECT \(JobPostingStore.columns) FROM job_postings
            WHERE country = \(country) AND status = 'open' AND id > \(id)
            ORDER BY id LIMIT \(limit)
            """)
    }

    /// The CVs of `country` whose member id is above `memberID`, in member order,
    /// at most `limit` (hidden ones included, so that the next chunk starts after
    /// the last CV read).
    public func profiles(
        country: Country, after memberID: Int64, limit: Int = chunkSize
    ) async throws
        -> [ProfileDocument]
    {
        try await inOneSnapshot { connection in
            let profiles = try await connection.query(
                """
                SELECT \(ProfileStore.columns) FROM profiles
                WHERE country = \(country) AND member_id > \(memberID)
                ORDER BY member_id LIMIT \(limit)
                """
            ).map(Profile.init(row:))
            return try await documents(profiles, on: connection)
        }
    }

    /// How many documents a rebuild of each of these shards reads (for progress).
    public func counts(_ kind: IndexKind, countries: [Country]) async throws -> [Country: Int] {
        let codes = countries.map(\.code)
        let rows =
            switch kind {
            case .jobs:
                try await client.query(
                    """
                    SELECT country, count(*) AS n FROM job_postings
                    WHERE country = ANY(\(codes)) AND status = 'open' GROUP BY country
                    """)
            case .profiles:
                try await client.query(
                    "SELECT country, count(*) AS n FROM profiles WHERE country = ANY(\(codes)) GROUP BY country")
            }
        var counts: [Country: Int] = [:]
        for row in rows {
            counts[try row.decode("country", as: Country.self)] = try row.decode("n", as: Int.self)
        }
        return counts
    }

    // MARK: - Outbox positions

    /// The outbox position that rows read from now on already reflect: every
    /// entry of a transaction older than the oldest one still running (whose
    /// txid is below the snapshot's xmin) has committed or rolled back, so its
    /// change is in what is read afterwards. A shard built from rows read after
    /// this call is stamped with it; the index writer replays what comes after,
    /// and replaying an entry that was already reflected is harmless.
    public func horizon() async throws -> OutboxPosition {
        let xmin = try await client.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin")[0]
            .decode("xmin", as: String.self)
        guard let value = UInt64(xmin) else {
            throw PostgresError(.decoding, message: "snapshot xmin '\(xmin)' is not a 64-bit transaction id")
        }
        // Every entry of a transaction below xmin, whatever its id; none of xmin or later.
        return OutboxPosition(transactionID: value > 0 ? value - 1 : 0, id: .max)
    }

    /// The last entry of the outbox in reading order; nil when it is empty. An
    /// index that has applied it has applied everything committed before this call.
    public func latestPosition() async throws -> OutboxPosition? {
        // Not `AS txid`: ORDER BY would sort that text alias ("999" after "1104") instead of the xid8.
        let rows = try await client.query(
            "SELECT txid::text AS transaction_id, id FROM outbox ORDER BY txid DESC, id DESC LIMIT 1")
        guard let row = rows.first else { return nil }
        return OutboxPosition(
            transactionID: UInt64(try row.decode("transaction_id", as: String.self)) ?? 0, id: try row.decode("id"))
    }

    // MARK: - Shared

    /// Postings of `selection` (a statement returning the store's columns),
    /// joined with their company names, in id order.
    private func postings(_ selection: PostgresQuery) async throws -> [PostingDocument] {
        let query = PostgresQuery(
            sql: """
                SELECT p.*, c.name AS company_name FROM (\(selection.sql)) p
                JOIN companies c ON c.id = p.company_id ORDER BY p.id
                """, binds: selection.binds)
        return try await client.query(query).map {
            PostingDocument(posting: try JobPosting(row: $0), companyName: try $0.decode("company_name"))
        }
    }

    /// Runs `body` in a short read-only transaction that sees one snapshot: a
    /// CV, its member and its employers are read by three statements that must
    /// agree (a member erased between them would leave a CV without its member).
    private func inOneSnapshot<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withTransaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try await body(connection)
        }
    }

    /// The documents of `profiles`: their members and current employers, read in
    /// two statements for the lot.
    private func documents(
        _ profiles: [Profile], on connection: PostgresConnection
    ) async throws
        -> [ProfileDocument]
    {
        guard !profiles.isEmpty else { return [] }
        let ids = profiles.map(\.memberID)
        let members = try await connection.query("SELECT \(MemberStore.columns) FROM members WHERE id = ANY(\(ids))")
            .map(Member.init(row:))
        let membersByID = Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var employers: [Int64: [Int64]] = [:]
        for row in try await connection.query(
            """
            SELECT DISTINCT member_id, company_id FROM employments
            WHERE member_id = ANY(\(ids)) AND end_date IS NULL ORDER BY member_id, company_id
            """)
        {
            employers[try row.decode("member_id"), default: []].append(try row.decode("company_id"))
        }
        // The foreign key ties every CV to its member, and the three statements see one snapshot.
        return profiles.compactMap { profile in
            membersByID[profile.memberID].map {
                ProfileDocument(profile: profile, member: $0, currentCompanyIDs: employers[profile.memberID] ?? [])
            }
        }
    }
}
