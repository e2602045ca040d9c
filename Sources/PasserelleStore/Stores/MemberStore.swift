import Foundation
import PasserelleCore

/// Members: the people of the network.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one `client.withTransaction { connection in ... }`, and a form that runs in
/// its own transaction.
///
/// Writes record a `member` outbox entry when something search or the graph show
/// changes (name, headline, the privacy settings, open to work, the country), and
/// when the member's country changes its CV moves to the new country's partition
/// (the profiles foreign key cascades) with a `profile` delete for the old
/// country's shard and an upsert for the new one.
public struct MemberStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Writes

    /// Saves a new member; its `id`, `createdAt` and `updatedAt` are the store's.
    /// Throws ``StoreError`` `.duplicate` when the external id is taken.
    public func create(_ member: Member, on connection: PostgresConnection) async throws -> Member {
        try member.validate()
        guard let created = try await insert(member, ignoringDuplicate: false, on: connection) else {
            preconditionFailure("an INSERT without ON CONFLICT returns its row or throws")
        }
        return created
    }

    /// The same, in a transaction of its own.
    public func create(_ member: Member) async throws -> Member {
        try await client.withTransaction { try await create(member, on: $0) }
    }

    /// Replaces the member whose `id` is `member.id` with `member` (but for
    /// `createdAt`). Throws ``StoreError`` `.notFound` when there is none.
    public func update(_ member: Member, on connection: PostgresConnection) async throws -> Member {
        try member.validate()
        guard
            let old = try await connection.first(
                "SELECT \(Self.columns) FROM members WHERE id = \(member.id) FOR UPDATE", Member.init(row:))
        else { throw StoreError.notFound("member \(member.id)") }
        let updated = try await connection.run(
            """
            UPDATE members SET external_id = \(member.externalID), name = \(member.name), email = \(member.email),
                country = \(member.country), language = \(member.language), headline = \(member.headline),
                open_to_work = \(member.openToWork), profile_visibility = \(member.profileVisibility),
                hide_connections = \(member.hideConnections), updated_at = now()
            WHERE id = \(member.id)
            RETURNING \(Self.columns)
            """
        ).map(Member.init(row:))[0]
        try await OutboxStore.record(try await changes(from: old, to: updated, on: connection), on: connection)
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ member: Member) async throws -> Member {
        try await client.withTransaction { try await update(member, on: $0) }
    }

    /// Creates the member, or updates the one with the same external id (an
    /// import of the same CV twice).
    public func upsert(_ member: Member, on connection: PostgresConnection) async throws -> Upserted<Member> {
        try member.validate()
        if let created = try await insert(member, ignoringDuplicate: true, on: connection) {
            return Upserted(value: created, wasCreated: true)
        }
        guard let id = try await id(externalID: member.externalID, on: connection) else {
            // Only when the other member was erased between the two statements.
            throw StoreError.conflict("member \(member.externalID) was removed while being updated")
        }
        var existing = member
        existing.id = id
        return Upserted(value: try await update(existing, on: connection), wasCreated: false)
    }

    /// The same, in a transaction of its own.
    public func upsert(_ member: Member) async throws -> Upserted<Member> {
        try await client.withTransaction { try await upsert(member, on: $0) }
    }

    /// Erases the member: its CV, connections, employments, educations, account
    /// and sessions go (the schema cascades), applications and referrals others
    /// keep lose its id, and the outbox tells every index and the graph.
    /// What those records kept of it in its own words goes too: the CV and
    /// message sent with an application, and the notes of referrals it received
    /// (written about it). Returns false when there was no such member.
    @discardableResult
    public func delete(id: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await connection.run(
            "UPDATE applications SET resume = NULL, message = NULL, updated_at = now() WHERE member_id = \(id)")
        try await connection.run("UPDATE referrals SET note = NULL WHERE candidate_id = \(id)")
        // The outbox rows first: they read what the cascade is about to remove.
        try await connection.run(
            """
            INSERT INTO outbox (topic, operation, country, entity_id)
            SELECT 'profile', 'delete', country, member_id FROM profiles WHERE member_id = \(id)
            """)
        try await connection.run(
            """
            INSERT INTO outbox (topic, operation, entity_id, other_id)
            SELECT 'connection', 'delete', member_a, member_b FROM connections
            WHERE member_a = \(id) OR member_b = \(id)
            """)
        let deleted = try await connection.run("DELETE FROM members WHERE id = \(id)").affectedRows == 1
        if deleted {
            try await OutboxStore.record([.member(.delete, id: id)], on: connection)
        }
        return deleted
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(id: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(id: id, on: $0) }
    }

    // MARK: - Reads

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> Member? {
        try await connection.first("SELECT \(Self.columns) FROM members WHERE id = \(id)", Member.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> Member? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// The member the API and JSON Resume's `meta.id` call `externalID`.
    public func get(externalID: String, on connection: PostgresConnection) async throws -> Member? {
        try await connection.first(
            "SELECT \(Self.columns) FROM members WHERE external_id = \(externalID)", Member.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(externalID: String) async throws -> Member? {
        try await client.read { try await get(externalID: externalID, on: $0) }
    }

    /// The members with these ids, by id (missing ones are left out): the
    /// names a list of applications or connections shows.
    public func members(ids: [Int64], on connection: PostgresConnection) async throws -> [Int64: Member] {
        let members = try await connection.all(
            "SELECT \(Self.columns) FROM members WHERE id = ANY(\(ids))", Member.init(row:))
        return Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The same, on a pooled connection.
    public func members(ids: [Int64]) async throws -> [Int64: Member] {
        try await client.read { try await members(ids: ids, on: $0) }
    }

    /// The internal ids of the members with these external ids (missing ones
    /// are left out): how imports and the API resolve the ids they are given.
    public func ids(externalIDs: [String], on connection: PostgresConnection) async throws -> [String: Int64] {
        let pairs = try await connection.all(
            "SELECT external_id, id FROM members WHERE external_id = ANY(\(externalIDs))"
        ) { (try $0.decode("external_id", as: String.self), try $0.decode("id", as: Int64.self)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The same, on a pooled connection.
    public func ids(externalIDs: [String]) async throws -> [String: Int64] {
        try await client.read { try await ids(externalIDs: externalIDs, on: $0) }
    }

    /// Members in id order, of one country or of all.
    public func list(
        page: Page = .first, country: Country? = nil, on connection: PostgresConnection
    )
        async throws -> Paged<Member>
    {
        try await connection.page(
            page, select: Self.columns,
            from: "FROM members WHERE \(country)::text IS NULL OR country = \(country)",
            orderBy: SQLFragment("id"), Member.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(page: Page = .first, country: Country? = nil) async throws -> Paged<Member> {
        try await client.withTransaction { try await list(page: page, country: country, on: $0) }
    }

    // MARK: - Shared

    package static let columns = SQLFragment(
        """
        id, external_id, name, email, country, language, headline, open_to_work, profile_visibility,
        hide_connections, created_at, updated_at
        """)

    /// The one INSERT of a member; with `ignoringDuplicate`, nil when the external id is taken.
    private func insert(
        _ member: Member, ignoringDuplicate: Bool, on connection: PostgresConnection
    )
        async throws -> Member?
    {
        let onConflict = ignoringDuplicate ? SQLFragment("ON CONFLICT (external_id) DO NOTHING") : SQLFragment("")
        let created = try await connection.first(
            """
            INSERT INTO members (external_id, name, email, country, language, headline, open_to_work,
                                 profile_visibility, hide_connections)
            VALUES (\(member.externalID), \(member.name), \(member.email), \(member.country), \(member.language),
                    \(member.headline), \(member.openToWork), \(member.profileVisibility), \(member.hideConnections))
            \(onConflict)
            RETURNING \(Self.columns)
            """, Member.init(row:))
        if let created {
            try await OutboxStore.record([.member(.upsert, id: created.id)], on: connection)
        }
        return created
    }

    private func id(externalID: String, on connection: PostgresConnection) async throws -> Int64? {
        try await connection.first("SELECT id FROM members WHERE external_id = \(externalID)") {
            try $0.decode("id", as: Int64.self)
        }
    }

    /// The outbox entries an update from `old` to `new` calls for.
    private func changes(
        from old: Member, to new: Member, on connection: PostgresConnection
    ) async throws
        -> [OutboxChange]
    {
        var changes: [OutboxChange] = []
        let shown: (Member) -> [AnyHashable] = {
            [$0.name, $0.headline, $0.openToWork, $0.profileVisibility, $0.hideConnections, $0.country]
        }
        if shown(old) != shown(new) {
            changes.append(.member(.upsert, id: new.id))
        }
        if old.country != new.country {
            let hasProfile = try await connection.run(
                "SELECT EXISTS (SELECT 1 FROM profiles WHERE member_id = \(new.id)) AS present"
            )[0].decode("present", as: Bool.self)
            if hasProfile {
                changes += OutboxChange.move(
                    { .profile($0, memberID: new.id, country: $1) }, from: old.country, to: new.country)
            }
        }
        return changes
    }
}

extension Member {
    package init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), externalID: try row.decode("external_id"), name: try row.decode("name"),
            email: try row.decode("email"), country: try row.decode("country"),
            language: try row.decode("language"), headline: try row.decode("headline"),
            openToWork: try row.decode("open_to_work"), profileVisibility: try row.decode("profile_visibility"),
            hideConnections: try row.decode("hide_connections"), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }
}
