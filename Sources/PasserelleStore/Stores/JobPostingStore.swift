import Foundation
import PasserelleCore

/// Job postings, partitioned by country, unique by (company, language,
/// requisition id) across all countries.
///
/// A posting's identity lives in `job_posting_keys` (PostgreSQL enforces
/// uniqueness only within a partition); a write inserts or changes that row
/// first, and the composite foreign key keeps `job_postings`' copy in step,
/// moving the posting to another partition when its country changes.
///
/// Every write records a `posting` outbox entry in its transaction: an upsert
/// for the posting's country, plus a delete for the old country when it moved.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct JobPostingStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Writes

    /// Saves a new posting. Throws ``StoreError`` `.duplicate` when its company
    /// has a posting with the same language and requisition id, `.invalidReference`
    /// for an unknown company.
    public func create(_ posting: JobPosting, on connection: PostgresConnection) async throws -> JobPosting {
        try posting.validate()
        guard let created = try await insert(posting, ignoringDuplicate: false, on: connection) else {
            preconditionFailure("an INSERT without ON CONFLICT returns its row or throws")
        }
        return created
    }

    /// The same, in a transaction of its own.
    public func create(_ posting: JobPosting) async throws -> JobPosting {
        try await client.withTransaction { try await create(posting, on: $0) }
    }

    /// Replaces the posting whose `id` is `posting.id` with `posting` (but for
    /// `createdAt`), its key and country included. Throws ``StoreError`` `.notFound`.
    public func update(_ posting: JobPosting, on connection: PostgresConnection) async throws -> JobPosting {
        try posting.validate()
        guard
            let old = try await connection.first(
                """
                SELECT company_id, language, requisition_id, country FROM job_posting_keys
                WHERE id = \(posting.id) FOR UPDATE
                """,
                {
                    (
                        key: JobPosting.Key(
                            companyID: try $0.decode("company_id"), language: try $0.decode("language"),
                            requisitionID: try $0.decode("requisition_id")),
                        country: try $0.decode("country", as: Country.self)
                    )
                })
        else { throw StoreError.notFound("job posting \(posting.id)") }
        if old.key != posting.key || old.country != posting.country {
            // Cascades to job_postings: a new country moves the row to its partition.
            try await connection.run(
                """
                UPDATE job_posting_keys SET company_id = \(posting.companyID), language = \(posting.language),
                    requisition_id = \(posting.requisitionID), country = \(posting.country)
                WHERE id = \(posting.id)
                """)
        }
        let salary = posting.salary
        let updated = try await connection.run(
            """
            UPDATE job_postings SET title = \(posting.title), description = \(posting.description),
                employment_types = \(posting.employmentTypes), remote = \(posting.remote), city = \(posting.city),
                region = \(posting.region), postal_code = \(posting.postalCode),
                latitude = \(posting.coordinates?.latitude), longitude = \(posting.coordinates?.longitude),
                salary_min = \(salary?.minimum), salary_max = \(salary?.maximum),
                salary_currency = \(salary?.currency), salary_period = \(salary?.period),
                skills = \(posting.skills), occupational_category = \(posting.occupationalCategory),
                experience_months = \(posting.experienceMonths), date_posted = \(posting.datePosted),
                valid_through = \(posting.validThrough), status = \(posting.status), updated_at = now()
            WHERE country = \(posting.country) AND id = \(posting.id)
            RETURNING \(Self.columns)
            """
        ).map(JobPosting.init(row:))[0]
        try await OutboxStore.record(
            OutboxChange.move({ .posting($0, id: posting.id, country: $1) }, from: old.country, to: posting.country),
            on: connection)
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ posting: JobPosting) async throws -> JobPosting {
        try await client.withTransaction { try await update(posting, on: $0) }
    }

    /// Creates the posting, or updates the one with the same (company, language,
    /// requisition id): importing a feed twice never duplicates.
    public func upsert(
        _ posting: JobPosting, on connection: PostgresConnection
    ) async throws
        -> Upserted<JobPosting>
    {
        try posting.validate()
        if let created = try await insert(posting, ignoringDuplicate: true, on: connection) {
            return Upserted(value: created, wasCreated: true)
        }
        guard let id = try await id(of: posting.key, on: connection) else {
            throw StoreError.conflict("job posting \(posting.requisitionID) was removed while being updated")
        }
        var existing = posting
        existing.id = id
        return Upserted(value: try await update(existing, on: connection), wasCreated: false)
    }

    /// The same, in a transaction of its own.
    public func upsert(_ posting: JobPosting) async throws -> Upserted<JobPosting> {
        try await client.withTransaction { try await upsert(posting, on: $0) }
    }

    /// Closes a posting (the API's DELETE): it stays, for its applications, but
    /// leaves search. Throws ``StoreError`` `.notFound`.
    public func close(id: Int64, on connection: PostgresConnection) async throws -> JobPosting {
        let closed = try await connection.first(
            """
            UPDATE job_postings SET status = 'closed', updated_at = now() WHERE id = \(id)
            RETURNING \(Self.columns)
            """, JobPosting.init(row:))
        guard let closed else { throw StoreError.notFound("job posting \(id)") }
        try await OutboxStore.record([.posting(.upsert, id: id, country: closed.country)], on: connection)
        return closed
    }

    /// The same, in a transaction of its own.
    public func close(id: Int64) async throws -> JobPosting {
        try await client.withTransaction { try await close(id: id, on: $0) }
    }

    /// Removes a posting and, through the schema's cascades, its applications and
    /// referrals; false when there was none. To take a posting off the board,
    /// ``close(id:on:)`` it instead.
    @discardableResult
    public func delete(id: Int64, on connection: PostgresConnection) async throws -> Bool {
        let country = try await connection.first("DELETE FROM job_posting_keys WHERE id = \(id) RETURNING country") {
            try $0.decode("country", as: Country.self)
        }
        guard let country else { return false }
        try await OutboxStore.record([.posting(.delete, id: id, country: country)], on: connection)
        return true
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(id: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(id: id, on: $0) }
    }

    // MARK: - Reads

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> JobPosting? {
        try await connection.first("SELECT \(Self.columns) FROM job_postings WHERE id = \(id)", JobPosting.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> JobPosting? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// The posting a feed names by its company, language and `identifier.value`.
    public func get(key: JobPosting.Key, on connection: PostgresConnection) async throws -> JobPosting? {
        try await connection.first(
            """
            SELECT \(Self.columns) FROM job_postings
            WHERE company_id = \(key.companyID) AND language = \(key.language)
              AND requisition_id = \(key.requisitionID)
            """, JobPosting.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(key: JobPosting.Key) async throws -> JobPosting? {
        try await client.read { try await get(key: key, on: $0) }
    }

    /// Postings in id order, filtered by any of country, company and status.
    public func list(
        page: Page = .first, country: Country? = nil, companyID: Int64? = nil, status: JobPosting.Status? = nil,
        on connection: PostgresConnection
    ) async throws -> Paged<JobPosting> {
        try await connection.page(
            page, select: Self.columns,
            from: """
                FROM job_postings
                WHERE (\(country)::text IS NULL OR country = \(country))
                  AND (\(companyID)::bigint IS NULL OR company_id = \(companyID))
                  AND (\(status)::text IS NULL OR status = \(status))
                """,
            orderBy: SQLFragment("id"), JobPosting.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(
        page: Page = .first, country: Country? = nil, companyID: Int64? = nil, status: JobPosting.Status? = nil
    ) async throws -> Paged<JobPosting> {
        try await client.withTransaction {
            try await list(page: page, country: country, companyID: companyID, status: status, on: $0)
        }
    }

    // MARK: - Shared

    package static let columns = SQLFragment(
        """
        id, country, company_id, language, requisition_id, title, description, employment_types, remote, city,
        region, postal_code, latitude, longitude, salary_min, salary_max, salary_currency, salary_period, skills,
        occupational_category, experience_months, date_posted, valid_through, status, created_at, updated_at
        """)

    /// The key row, then the posting row, then the outbox entry; with
    /// `ignoringDuplicate`, nil (and nothing written) when the key is taken.
    private func insert(
        _ posting: JobPosting, ignoringDuplicate: Bool, on connection: PostgresConnection
    )
        async throws -> JobPosting?
    {
        let onConflict =
            ignoringDuplicate
            ? SQLFragment("ON CONFLICT (company_id, language, requisition_id) DO NOTHING") : SQLFragment("")
        let id = try await connection.first(
            """
            INSERT INTO job_posting_keys (company_id, language, requisition_id, country)
            VALUES (\(posting.companyID), \(posting.language), \(posting.requisitionID), \(posting.country))
            \(onConflict)
            RETURNING id
            """, { try $0.decode("id", as: Int64.self) })
        guard let id else { return nil }
        let salary = posting.salary
        let created = try await connection.run(
            """
            INSERT INTO job_postings (
                id, country, company_id, language, requisition_id, title, description, employment_types, remote,
                city, region, postal_code, latitude, longitude, salary_min, salary_max, salary_currency,
                salary_period, skills, occupational_category, experience_months, date_posted, valid_through, status)
            VALUES (
                \(id), \(posting.country), \(posting.companyID), \(posting.language), \(posting.requisitionID),
                \(posting.title), \(posting.description), \(posting.employmentTypes), \(posting.remote),
                \(posting.city), \(posting.region), \(posting.postalCode), \(posting.coordinates?.latitude),
                \(posting.coordinates?.longitude), \(salary?.minimum), \(salary?.maximum), \(salary?.currency),
                \(salary?.period), \(posting.skills), \(posting.occupationalCategory), \(posting.experienceMonths),
                \(posting.datePosted), \(posting.validThrough), \(posting.status))
            RETURNING \(Self.columns)
            """
        ).map(JobPosting.init(row:))[0]
        try await OutboxStore.record([.posting(.upsert, id: id, country: posting.country)], on: connection)
        return created
    }

    private func id(of key: JobPosting.Key, on connection: PostgresConnection) async throws -> Int64? {
        try await connection.first(
            """
            SELECT id FROM job_posting_keys
            WHERE company_id = \(key.companyID) AND language = \(key.language) AND requisition_id = \(key.requisitionID)
            """, { try $0.decode("id", as: Int64.self) })
    }
}

extension JobPosting {
    package init(row: PostgresRow) throws {
        let currency = try row.decode("salary_currency", as: String?.self)
        self.init(
            id: try row.decode("id"), country: try row.decode("country"), companyID: try row.decode("company_id"),
            language: try row.decode("language"), requisitionID: try row.decode("requisition_id"),
            title: try row.decode("title"), description: try row.decode("description"),
            employmentTypes: try row.decode("employment_types"), remote: try row.decode("remote"),
            city: try row.decode("city"), region: try row.decode("region"), postalCode: try row.decode("postal_code"),
            coordinates: try GeoPoint(row: row),
            salary: try currency.map {
                SalaryRange(
                    minimum: try row.decode("salary_min"), maximum: try row.decode("salary_max"), currency: $0,
                    period: try row.decode("salary_period"))
            },
            skills: try row.decode("skills"), occupationalCategory: try row.decode("occupational_category"),
            experienceMonths: try row.decode("experience_months"), datePosted: try row.decode("date_posted"),
            validThrough: try row.decode("valid_through", as: Date.self), status: try row.decode("status"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}

extension GeoPoint {
    /// The point in a row's `latitude` and `longitude` columns; nil when they are NULL.
    init?(row: PostgresRow) throws {
        guard let latitude = try row.decode("latitude", as: Double?.self),
            let longitude = try row.decode("longitude", as: Double?.self)
        else { return nil }
        self.init(latitude: latitude, longitude: longitude)
    }
}
