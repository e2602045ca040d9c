import PasserelleCore

/// A member's career: employments (the current ones make it a company's
/// employee, through whom referrals go) and educations (classmates).
///
/// A change writes a `member` outbox entry: the member's CV document and its
/// place in the graph (current employer, school) depend on them.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct EmploymentStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Employments

    /// Saves a new employment. Throws ``StoreError`` `.invalidReference` for an
    /// unknown member or company.
    public func create(_ employment: Employment, on connection: PostgresConnection) async throws -> Employment {
        try employment.validate()
        let created = try await insert(employment, on: connection)
        try await OutboxStore.record([.member(.upsert, id: created.memberID)], on: connection)
        return created
    }

    /// The same, in a transaction of its own.
    public func create(_ employment: Employment) async throws -> Employment {
        try await client.withTransaction { try await create(employment, on: $0) }
    }

    /// Replaces the employment whose `id` is `employment.id` (its member stays).
    public func update(_ employment: Employment, on connection: PostgresConnection) async throws -> Employment {
        try employment.validate()
        let updated = try await connection.first(
            """
            UPDATE employments SET company_id = \(employment.companyID), title = \(employment.title),
                start_date = \(employment.startDate), end_date = \(employment.endDate)
            WHERE id = \(employment.id)
            RETURNING \(Self.employmentColumns)
            """, Employment.init(row:))
        guard let updated else { throw StoreError.notFound("employment \(employment.id)") }
        try await OutboxStore.record([.member(.upsert, id: updated.memberID)], on: connection)
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ employment: Employment) async throws -> Employment {
        try await client.withTransaction { try await update(employment, on: $0) }
    }

    /// Removes an employment; false when there was none.
    @discardableResult
    public func delete(employmentID: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await remove(from: SQLFragment("employments"), id: employmentID, on: connection)
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(employmentID: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(employmentID: employmentID, on: $0) }
    }

    /// Replaces a member's whole career with `employments` (a CV imported again):
    /// one outbox entry for the lot.
    public func replaceEmployments(
        ofMember memberID: Int64, with employments: [Employment], on connection: PostgresConnection
    ) async throws -> [Employment] {
        for employment in employments { try employment.validate() }
        try await connection.run("DELETE FROM employments WHERE member_id = \(memberID)")
        var saved: [Employment] = []
        for employment in employments {
            var entry = employment
            entry.memberID = memberID
            saved.append(try await insert(entry, on: connection))
        }
        try await OutboxStore.record([.member(.upsert, id: memberID)], on: connection)
        return saved
    }

    /// The same, in a transaction of its own.
    public func replaceEmployments(
        ofMember memberID: Int64, with employments: [Employment]
    ) async throws
        -> [Employment]
    {
        try await client.withTransaction {
            try await replaceEmployments(ofMember: memberID, with: employments, on: $0)
        }
    }

    /// The one with this id; nil when there is none.
    public func employment(id: Int64, on connection: PostgresConnection) async throws -> Employment? {
        try await connection.first(
            "SELECT \(Self.employmentColumns) FROM employments WHERE id = \(id)", Employment.init(row:))
    }

    /// The same, on a pooled connection.
    public func employment(id: Int64) async throws -> Employment? {
        try await client.read { try await employment(id: id, on: $0) }
    }

    /// A member's employments, current ones first, then the most recent.
    public func employments(
        ofMember memberID: Int64, on connection: PostgresConnection
    ) async throws
        -> [Employment]
    {
        try await connection.all(
            """
            SELECT \(Self.employmentColumns) FROM employments WHERE member_id = \(memberID)
            ORDER BY end_date DESC NULLS FIRST, start_date DESC NULLS LAST, id
            """, Employment.init(row:))
    }

    /// The same, on a pooled connection.
    public func employments(ofMember memberID: Int64) async throws -> [Employment] {
        try await client.read { try await employments(ofMember: memberID, on: $0) }
    }

    /// The current employments at a company, in member order: its employees.
    public func currentEmployees(
        ofCompany companyID: Int64, page: Page = .first, on connection: PostgresConnection
    )
        async throws -> Paged<Employment>
    {
        try await connection.page(
            page, select: Self.employmentColumns,
            from: "FROM employments WHERE company_id = \(companyID) AND end_date IS NULL",
            orderBy: SQLFragment("member_id, id"), Employment.init(row:))
    }

    /// The same, in a transaction of its own.
    public func currentEmployees(ofCompany companyID: Int64, page: Page = .first) async throws -> Paged<Employment> {
        try await client.withTransaction { try await currentEmployees(ofCompany: companyID, page: page, on: $0) }
    }

    // MARK: - Educations

    /// Saves a new education. Throws ``StoreError`` `.invalidReference` for an unknown member.
    public func create(_ education: Education, on connection: PostgresConnection) async throws -> Education {
        try education.validate()
        let created = try await insert(education, on: connection)
        try await OutboxStore.record([.member(.upsert, id: created.memberID)], on: connection)
        return created
    }

    /// The same, in a transaction of its own.
    public func create(_ education: Education) async throws -> Education {
        try await client.withTransaction { try await create(education, on: $0) }
    }

    /// Replaces the education whose `id` is `education.id` (its member stays).
    public func update(_ education: Education, on connection: PostgresConnection) async throws -> Education {
        try education.validate()
        let updated = try await connection.first(
            """
            UPDATE educations SET institution = \(education.institution),
                normalized_institution = \(education.normalizedInstitution), area = \(education.area),
                start_date = \(education.startDate), end_date = \(education.endDate)
            WHERE id = \(education.id)
            RETURNING \(Self.educationColumns)
            """, Education.init(row:))
        guard let updated else { throw StoreError.notFound("education \(education.id)") }
        try await OutboxStore.record([.member(.upsert, id: updated.memberID)], on: connection)
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ education: Education) async throws -> Education {
        try await client.withTransaction { try await update(education, on: $0) }
    }

    /// Replaces a member's schools with `educations` (a CV imported again): one
    /// outbox entry for the lot.
    public func replaceEducations(
        ofMember memberID: Int64, with educations: [Education], on connection: PostgresConnection
    ) async throws -> [Education] {
        for education in educations { try education.validate() }
        try await connection.run("DELETE FROM educations WHERE member_id = \(memberID)")
        var saved: [Education] = []
        for education in educations {
            var entry = education
            entry.memberID = memberID
            saved.append(try await insert(entry, on: connection))
        }
        try await OutboxStore.record([.member(.upsert, id: memberID)], on: connection)
        return saved
    }

    /// The same, in a transaction of its own.
    public func replaceEducations(
        ofMember memberID: Int64, with educations: [Education]
    ) async throws
        -> [Education]
    {
        try await client.withTransaction { try await replaceEducations(ofMember: memberID, with: educations, on: $0) }
    }

    /// Removes an education; false when there was none.
    @discardableResult
    public func delete(educationID: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await remove(from: SQLFragment("educations"), id: educationID, on: connection)
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(educationID: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(educationID: educationID, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func education(id: Int64, on connection: PostgresConnection) async throws -> Education? {
        try await connection.first(
            "SELECT \(Self.educationColumns) FROM educations WHERE id = \(id)", Education.init(row:))
    }

    /// The same, on a pooled connection.
    public func education(id: Int64) async throws -> Education? {
        try await client.read { try await education(id: id, on: $0) }
    }

    /// A member's educations, the most recent first.
    public func educations(ofMember memberID: Int64, on connection: PostgresConnection) async throws -> [Education] {
        try await connection.all(
            """
            SELECT \(Self.educationColumns) FROM educations WHERE member_id = \(memberID)
            ORDER BY end_date DESC NULLS FIRST, start_date DESC NULLS LAST, id
            """, Education.init(row:))
    }

    /// The same, on a pooled connection.
    public func educations(ofMember memberID: Int64) async throws -> [Education] {
        try await client.read { try await educations(ofMember: memberID, on: $0) }
    }

    // MARK: - Shared

    static let employmentColumns = SQLFragment("id, member_id, company_id, title, start_date, end_date")
    static let educationColumns = SQLFragment(
        "id, member_id, institution, area, start_date, end_date")

    /// The one INSERT of an employment, without its outbox entry.
    private func insert(_ employment: Employment, on connection: PostgresConnection) async throws -> Employment {
        try await connection.run(
            """
            INSERT INTO employments (member_id, company_id, title, start_date, end_date)
            VALUES (\(employment.memberID), \(employment.companyID), \(employment.title), \(employment.startDate),
                    \(employment.endDate))
            RETURNING \(Self.employmentColumns)
            """
        ).map(Employment.init(row:))[0]
    }

    /// The one INSERT of an education, without its outbox entry.
    private func insert(_ education: Education, on connection: PostgresConnection) async throws -> Education {
        try await connection.run(
            """
            INSERT INTO educations (member_id, institution, normalized_institution, area, start_date, end_date)
            VALUES (\(education.memberID), \(education.institution), \(education.normalizedInstitution),
                    \(education.area), \(education.startDate), \(education.endDate))
            RETURNING \(Self.educationColumns)
            """
        ).map(Education.init(row:))[0]
    }

    /// Deletes row `id` of `table` (employments or educations) and tells the outbox.
    private func remove(from table: SQLFragment, id: Int64, on connection: PostgresConnection) async throws -> Bool {
        let memberID = try await connection.first("DELETE FROM \(table) WHERE id = \(id) RETURNING member_id") {
            try $0.decode("member_id", as: Int64.self)
        }
        guard let memberID else { return false }
        try await OutboxStore.record([.member(.upsert, id: memberID)], on: connection)
        return true
    }
}

extension Employment {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), memberID: try row.decode("member_id"), companyID: try row.decode("company_id"),
            title: try row.decode("title"), startDate: try row.decode("start_date"),
            endDate: try row.decode("end_date"))
    }
}

extension Education {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), memberID: try row.decode("member_id"),
            institution: try row.decode("institution"), area: try row.decode("area"),
            startDate: try row.decode("start_date"), endDate: try row.decode("end_date"))
    }
}
