import PasserelleCore

/// Companies: the hiring organisations of postings and the employers of CVs.
/// `normalized_name` is always written from ``Company/normalizedName``.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct CompanyStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Writes

    /// Saves a new company. Throws ``StoreError`` `.duplicate` when the external id is taken.
    public func create(_ company: Company, on connection: PostgresConnection) async throws -> Company {
        try company.validate()
        guard let created = try await insert(company, ignoringDuplicate: false, on: connection) else {
            preconditionFailure("an INSERT without ON CONFLICT returns its row or throws")
        }
        return created
    }

    /// The same, in a transaction of its own.
    public func create(_ company: Company) async throws -> Company {
        try await client.withTransaction { try await create(company, on: $0) }
    }

    /// Replaces the company whose `id` is `company.id`. Throws ``StoreError`` `.notFound`.
    public func update(_ company: Company, on connection: PostgresConnection) async throws -> Company {
        try company.validate()
        let updated = try await connection.first(
            """
            UPDATE companies SET external_id = \(company.externalID), name = \(company.name),
                normalized_name = \(company.normalizedName), country = \(company.country), url = \(company.url),
                updated_at = now()
            WHERE id = \(company.id)
            RETURNING \(Self.columns)
            """, Company.init(row:))
        guard let updated else { throw StoreError.notFound("company \(company.id)") }
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ company: Company) async throws -> Company {
        try await client.withTransaction { try await update(company, on: $0) }
    }

    /// Creates the company, or updates the one with the same external id (a
    /// feed's `hiringOrganization` seen again).
    public func upsert(_ company: Company, on connection: PostgresConnection) async throws -> Upserted<Company> {
        try company.validate()
        if let created = try await insert(company, ignoringDuplicate: true, on: connection) {
            return Upserted(value: created, wasCreated: true)
        }
        guard let existing = try await get(externalID: company.externalID, on: connection) else {
            throw StoreError.conflict("company \(company.externalID) was removed while being updated")
        }
        var changed = company
        changed.id = existing.id
        return Upserted(value: try await update(changed, on: connection), wasCreated: false)
    }

    /// The same, in a transaction of its own.
    public func upsert(_ company: Company) async throws -> Upserted<Company> {
        try await client.withTransaction { try await upsert(company, on: $0) }
    }

    // MARK: - Reads

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> Company? {
        try await connection.first("SELECT \(Self.columns) FROM companies WHERE id = \(id)", Company.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> Company? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// The company the API and `hiringOrganization.identifier` call `externalID`.
    public func get(externalID: String, on connection: PostgresConnection) async throws -> Company? {
        try await connection.first(
            "SELECT \(Self.columns) FROM companies WHERE external_id = \(externalID)", Company.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(externalID: String) async throws -> Company? {
        try await client.read { try await get(externalID: externalID, on: $0) }
    }

    /// The companies a CV's `work` entry named `name` may mean: same normalised
    /// name, registered in `country` or in no country; those of `country` first.
    public func matching(
        name: String, country: Country, on connection: PostgresConnection
    ) async throws
        -> [Company]
    {
        try await connection.all(
            """
            SELECT \(Self.columns) FROM companies
            WHERE normalized_name = \(NameNormalizer.normalize(name)) AND (country = \(country) OR country IS NULL)
            ORDER BY country IS NULL, id
            """, Company.init(row:))
    }

    /// The same, on a pooled connection.
    public func matching(name: String, country: Country) async throws -> [Company] {
        try await client.read { try await matching(name: name, country: country, on: $0) }
    }

    /// Companies in name order.
    public func list(page: Page = .first, on connection: PostgresConnection) async throws -> Paged<Company> {
        try await connection.page(
            page, select: Self.columns, from: "FROM companies", orderBy: SQLFragment("normalized_name, id"),
            Company.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(page: Page = .first) async throws -> Paged<Company> {
        try await client.withTransaction { try await list(page: page, on: $0) }
    }

    // MARK: - Shared

    static let columns = SQLFragment("id, external_id, name, country, url")

    /// The one INSERT of a company; with `ignoringDuplicate`, nil when the external id is taken.
    private func insert(
        _ company: Company, ignoringDuplicate: Bool, on connection: PostgresConnection
    )
        async throws -> Company?
    {
        let onConflict = ignoringDuplicate ? SQLFragment("ON CONFLICT (external_id) DO NOTHING") : SQLFragment("")
        return try await connection.first(
            """
            INSERT INTO companies (external_id, name, normalized_name, country, url)
            VALUES (\(company.externalID), \(company.name), \(company.normalizedName), \(company.country),
                    \(company.url))
            \(onConflict)
            RETURNING \(Self.columns)
            """, Company.init(row:))
    }
}

extension Company {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), externalID: try row.decode("external_id"), name: try row.decode("name"),
            country: try row.decode("country"), url: try row.decode("url"))
    }
}
