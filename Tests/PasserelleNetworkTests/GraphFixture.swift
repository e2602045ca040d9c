import Foundation
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb

/// A database holding a small graph made by hand, and the graph loaded from it.
/// Members are named by their number: member `n` has the id `ids[n]`.
struct GraphFixture {
    let client: PostgresClient
    let ids: [Int64]

    /// Runs `body` on a new database with `members` members (numbered from 0),
    /// with the flags and connections given, then loads the graph.
    static func with(
        members count: Int, hiding: Set<Int> = [], hiddenProfiles: Set<Int> = [],
        edges: [(Int, Int, Double?)] = [], employees: [Int64: [Int]] = [:],
        _ body: (GraphFixture, NetworkGraph) async throws -> Void
    ) async throws {
        try await TestPostgres.withDatabase { client, _ in
            let ids = try await insertMembers(count, client: client)
            try await client.query(
                "UPDATE members SET hide_connections = true WHERE id = ANY(\(hiding.map { ids[$0] }))")
            try await client.query(
                "UPDATE members SET profile_visibility = 'hidden' WHERE id = ANY(\(hiddenProfiles.map { ids[$0] }))")
            let fixture = GraphFixture(client: client, ids: ids)
            try await fixture.connect(edges)
            for (company, staff) in employees.sorted(by: { $0.key < $1.key }) {
                try await fixture.employ(staff, at: company)
            }
            let graph = NetworkGraph(client: client, logger: Logger(label: "test.network"))
            try await graph.load()
            try await body(fixture, graph)
        }
    }

    /// Inserts `count` members named `prefix-0`…; returns their ids in order.
    static func insertMembers(_ count: Int, client: PostgresClient, prefix: String = "m") async throws -> [Int64] {
        try await client.query(
            """
            INSERT INTO members (external_id, name, country, language)
            SELECT \(prefix) || '-' || n, 'Member ' || n, 'FR', 'fr' FROM generate_series(0, \(count - 1)) n
            """)
        return try await client.query("SELECT id FROM members WHERE external_id LIKE \(prefix + "-%") ORDER BY id")
            .map { try $0.decode("id", as: Int64.self) }
    }

    /// Connects members `a` and `b` (numbers), with a stored strength when given, connected for a year.
    func connect(_ edges: [(Int, Int, Double?)]) async throws {
        guard !edges.isEmpty else { return }
        let firsts = edges.map { min(ids[$0.0], ids[$0.1]) }
        let seconds = edges.map { max(ids[$0.0], ids[$0.1]) }
        let strengths = edges.map { $0.2 ?? -1 }
        try await client.query(
            """
            INSERT INTO connections (member_a, member_b, since, strength)
            SELECT a, b, now() - interval '1 year', nullif(s, -1)
            FROM unnest(\(firsts)::bigint[], \(seconds)::bigint[], \(strengths)::float8[]) AS t(a, b, s)
            """)
    }

    /// Gives member `member` (a number) an account of `role` (of `company`) signed in with
    /// the bearer token `token` for an hour; its email is `token@example.org`.
    func signIn(_ token: String, member: Int, role: Account.Role, company: Int64?) async throws {
        let account = try await AccountStore(client: client).create(
            Account(
                memberID: ids[member], email: "\(token)@example.org", passwordHash: "unused", role: role,
                companyID: company))
        _ = try await SessionStore(client: client).create(
            Session(
                accountID: account.id, kind: .bearer, tokenHash: SessionToken.hash(token),
                expiresAt: Date().addingTimeInterval(3600)))
    }

    /// Makes members (numbers) current employees of a new company whose id is returned.
    @discardableResult
    func employ(_ members: [Int], at company: Int64) async throws -> Int64 {
        try await client.query(
            """
            INSERT INTO companies (id, external_id, name, normalized_name) OVERRIDING SYSTEM VALUE
            VALUES (\(company), 'c-' || \(company)::text, 'Company', 'company') ON CONFLICT DO NOTHING
            """)
        let members = members.map { ids[$0] }
        try await client.query(
            """
            INSERT INTO employments (member_id, company_id, start_date)
            SELECT m, \(company), DATE '2020-01-01' FROM unnest(\(members)::bigint[]) m
            """)
        return company
    }
}
