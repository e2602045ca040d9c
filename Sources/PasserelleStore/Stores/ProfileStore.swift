import Foundation
import PasserelleCore

/// CVs, partitioned by country. A CV lives in its member's country: the foreign
/// key (member_id, country) points at the member, and changing the member's
/// country (``MemberStore/update(_:on:)``) moves the CV with it.
///
/// Every write records a `profile` outbox entry (entity: the member) for the
/// CV's country in its transaction.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct ProfileStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Writes

    /// Saves the member's first CV. Throws ``StoreError`` `.duplicate` when it has one.
    public func create(_ profile: Profile, on connection: PostgresConnection) async throws -> Profile {
        try await write(profile, .create, on: connection).value
    }

    /// The same, in a transaction of its own.
    public func create(_ profile: Profile) async throws -> Profile {
        try await client.withTransaction { try await create(profile, on: $0) }
    }

    /// Replaces the member's CV. Throws ``StoreError`` `.notFound` when it has none.
    public func update(_ profile: Profile, on connection: PostgresConnection) async throws -> Profile {
        try await write(profile, .update, on: connection).value
    }

    /// The same, in a transaction of its own.
    public func update(_ profile: Profile) async throws -> Profile {
        try await client.withTransaction { try await update(profile, on: $0) }
    }

    /// Saves the member's CV, replacing the one it had (the API's PUT, an import).
    public func upsert(_ profile: Profile, on connection: PostgresConnection) async throws -> Upserted<Profile> {
        try await write(profile, .upsert, on: connection)
    }

    /// The same, in a transaction of its own.
    public func upsert(_ profile: Profile) async throws -> Upserted<Profile> {
        try await client.withTransaction { try await upsert(profile, on: $0) }
    }

    /// Removes the member's CV (the member stays); false when it had none.
    @discardableResult
    public func delete(memberID: Int64, on connection: PostgresConnection) async throws -> Bool {
        let country = try await connection.first(
            "DELETE FROM profiles WHERE member_id = \(memberID) RETURNING country",
            { try $0.decode("country", as: Country.self) })
        guard let country else { return false }
        try await OutboxStore.record([.profile(.delete, memberID: memberID, country: country)], on: connection)
        return true
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(memberID: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(memberID: memberID, on: $0) }
    }

    // MARK: - Reads

    /// The member's CV; nil when it has none.
    public func get(memberID: Int64, on connection: PostgresConnection) async throws -> Profile? {
        try await connection.first(
            "SELECT \(Self.columns) FROM profiles WHERE member_id = \(memberID)", Profile.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(memberID: Int64) async throws -> Profile? {
        try await client.read { try await get(memberID: memberID, on: $0) }
    }

    /// CVs in member order, of one country (one partition) or of all.
    public func list(
        page: Page = .first, country: Country? = nil, on connection: PostgresConnection
    ) async throws
        -> Paged<Profile>
    {
        try await connection.page(
            page, select: Self.columns,
            from: "FROM profiles WHERE \(country)::text IS NULL OR country = \(country)",
            orderBy: SQLFragment("member_id"), Profile.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(page: Page = .first, country: Country? = nil) async throws -> Paged<Profile> {
        try await client.withTransaction { try await list(page: page, country: country, on: $0) }
    }

    // MARK: - Shared

    package static let columns = SQLFragment(
        """
        member_id, country, language, resume, headline, summary, city, latitude, longitude, skills, relocate_to,
        created_at, updated_at
        """)

    private enum Mode { case create, update, upsert }

    /// The one write of a CV. The member's row is locked first, so that two
    /// writes of the same CV (or a country change) follow each other, and so that
    /// a CV for another country than its member's is refused in words.
    private func write(
        _ profile: Profile, _ mode: Mode, on connection: PostgresConnection
    ) async throws
        -> Upserted<Profile>
    {
        try profile.validate()
        guard
            let member = try await connection.first(
                """
                SELECT m.country, EXISTS (SELECT 1 FROM profiles p WHERE p.member_id = m.id) AS has_profile
                FROM members m WHERE m.id = \(profile.memberID) FOR UPDATE OF m
                """,
                {
                    (
                        country: try $0.decode("country", as: Country.self),
                        hasProfile: try $0.decode("has_profile", as: Bool.self)
                    )
                })
        else { throw StoreError.invalidReference("memberID") }
        guard member.country == profile.country else {
            throw StoreError.conflict(
                "a CV lives in its member's country, \(member.country), not \(profile.country): "
                    + "change the member's country first")
        }
        switch (mode, member.hasProfile) {
        case (.create, true): throw StoreError.duplicate("a profile for this member")
        case (.update, false): throw StoreError.notFound("profile of member \(profile.memberID)")
        default: break
        }
        let row = try await connection.run(
            """
            INSERT INTO profiles (member_id, country, language, resume, headline, summary, city, latitude, longitude,
                                  skills, relocate_to)
            VALUES (\(profile.memberID), \(profile.country), \(profile.language), \(profile.resume),
                    \(profile.headline), \(profile.summary), \(profile.city), \(profile.coordinates?.latitude),
                    \(profile.coordinates?.longitude), \(profile.skills), \(profile.relocateTo))
            ON CONFLICT (country, member_id) DO UPDATE SET
                language = EXCLUDED.language, resume = EXCLUDED.resume, headline = EXCLUDED.headline,
                summary = EXCLUDED.summary, city = EXCLUDED.city, latitude = EXCLUDED.latitude,
                longitude = EXCLUDED.longitude, skills = EXCLUDED.skills, relocate_to = EXCLUDED.relocate_to,
                updated_at = now()
            RETURNING \(Self.columns)
            """)[0]
        let saved = try Profile(row: row)
        try await OutboxStore.record(
            [.profile(.upsert, memberID: saved.memberID, country: saved.country)], on: connection)
        return Upserted(value: saved, wasCreated: !member.hasProfile)
    }
}

extension Profile {
    package init(row: PostgresRow) throws {
        self.init(
            memberID: try row.decode("member_id"), country: try row.decode("country"),
            language: try row.decode("language"), resume: try row.decode("resume"),
            headline: try row.decode("headline"), summary: try row.decode("summary"), city: try row.decode("city"),
            coordinates: try GeoPoint(row: row), skills: try row.decode("skills"),
            relocateTo: try row.decode("relocate_to"), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }
}
