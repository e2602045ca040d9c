import Foundation
import PasserelleCore

/// Applications to jobs and their stages. Every stage an application reaches is
/// recorded in `application_stage_changes`, with who moved it; a move that
/// ``Application/Stage/canMove(to:)`` forbids is refused.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct ApplicationStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Writes

    /// Records a member's application, at stage `applied` whatever
    /// `application.stage` says. Throws ``StoreError`` `.duplicate` when the
    /// member already applied to this job, `.invalidReference("referralID")` when
    /// the referral is not one for this job and this candidate.
    public func apply(_ application: Application, on connection: PostgresConnection) async throws -> Application {
        try await checkReferral(application, on: connection)
        let created = try await connection.run(
            """
            INSERT INTO applications (job_id, member_id, referral_id, stage, message, resume)
            VALUES (\(application.jobID), \(application.memberID), \(application.referralID),
                    \(Application.Stage.applied), \(application.message), \(application.resume))
            RETURNING \(Self.columns)
            """
        ).map(Application.init(row:))[0]
        try await recordStage(of: created, by: application.memberID, on: connection)
        return created
    }

    /// The same, in a transaction of its own.
    public func apply(_ application: Application) async throws -> Application {
        try await client.withTransaction { try await apply(application, on: $0) }
    }

    /// Moves an application to `stage`, noting `changedBy` (a recruiter, or the
    /// candidate withdrawing). Throws ``StoreError`` `.invalidTransition` when the
    /// move is not allowed, `.notFound` for an unknown application.
    public func move(
        applicationID: Int64, to stage: Application.Stage, by changedBy: Int64?, on connection: PostgresConnection
    ) async throws -> Application {
        let current = try await locked(applicationID, on: connection)
        var changed = current
        changed.stage = stage
        return try await save(changed, replacing: current, by: changedBy, on: connection)
    }

    /// The same, in a transaction of its own.
    public func move(
        applicationID: Int64, to stage: Application.Stage, by changedBy: Int64?
    ) async throws
        -> Application
    {
        try await client.withTransaction {
            try await move(applicationID: applicationID, to: stage, by: changedBy, on: $0)
        }
    }

    /// Saves the message, CV, referral and stage of the application whose `id` is
    /// `application.id`; a new stage is checked and recorded as by ``move(applicationID:to:by:on:)``.
    public func update(
        _ application: Application, by changedBy: Int64?, on connection: PostgresConnection
    )
        async throws -> Application
    {
        let current = try await locked(application.id, on: connection)
        return try await save(application, replacing: current, by: changedBy, on: connection)
    }

    /// The same, in a transaction of its own.
    public func update(_ application: Application, by changedBy: Int64?) async throws -> Application {
        try await client.withTransaction { try await update(application, by: changedBy, on: $0) }
    }

    // MARK: - Reads

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> Application? {
        try await connection.first(
            "SELECT \(Self.columns) FROM applications WHERE id = \(id)", Application.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> Application? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// A job's applicants in the order they applied, at one stage or all.
    public func list(
        jobID: Int64, stage: Application.Stage? = nil, page: Page = .first, on connection: PostgresConnection
    ) async throws -> Paged<Application> {
        try await connection.page(
            page, select: Self.columns,
            from: "FROM applications WHERE job_id = \(jobID) AND (\(stage)::text IS NULL OR stage = \(stage))",
            orderBy: SQLFragment("created_at, id"), Application.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(
        jobID: Int64, stage: Application.Stage? = nil, page: Page = .first
    ) async throws
        -> Paged<Application>
    {
        try await client.withTransaction { try await list(jobID: jobID, stage: stage, page: page, on: $0) }
    }

    /// A member's applications, the newest first.
    public func list(
        memberID: Int64, page: Page = .first, on connection: PostgresConnection
    ) async throws
        -> Paged<Application>
    {
        try await connection.page(
            page, select: Self.columns, from: "FROM applications WHERE member_id = \(memberID)",
            orderBy: SQLFragment("created_at DESC, id DESC"), Application.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(memberID: Int64, page: Page = .first) async throws -> Paged<Application> {
        try await client.withTransaction { try await list(memberID: memberID, page: page, on: $0) }
    }

    /// The applications these referrals are attached to, by referral id (a
    /// referral without one is left out): what a referrer sees became of its referrals.
    public func applications(
        forReferrals referralIDs: [Int64], on connection: PostgresConnection
    ) async throws
        -> [Int64: Application]
    {
        let applications = try await connection.all(
            "SELECT \(Self.columns) FROM applications WHERE referral_id = ANY(\(referralIDs)) ORDER BY id",
            Application.init(row:))
        return Dictionary(
            applications.compactMap { application in application.referralID.map { ($0, application) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// The same, on a pooled connection.
    public func applications(forReferrals referralIDs: [Int64]) async throws -> [Int64: Application] {
        try await client.read { try await applications(forReferrals: referralIDs, on: $0) }
    }

    /// The stages an application went through, in order, `applied` first.
    public func history(
        applicationID: Int64, on connection: PostgresConnection
    ) async throws
        -> [Application.StageChange]
    {
        try await connection.all(
            """
            SELECT id, application_id, stage, changed_by, changed_at FROM application_stage_changes
            WHERE application_id = \(applicationID) ORDER BY id
            """,
            {
                Application.StageChange(
                    id: try $0.decode("id"), applicationID: try $0.decode("application_id"),
                    stage: try $0.decode("stage"), changedBy: try $0.decode("changed_by"),
                    changedAt: try $0.decode("changed_at"))
            })
    }

    /// The same, on a pooled connection.
    public func history(applicationID: Int64) async throws -> [Application.StageChange] {
        try await client.read { try await history(applicationID: applicationID, on: $0) }
    }

    // MARK: - Shared

    static let columns = SQLFragment(
        "id, job_id, member_id, referral_id, stage, message, resume, created_at, updated_at")

    /// The application, locked until the transaction ends so moves follow each other.
    private func locked(_ id: Int64, on connection: PostgresConnection) async throws -> Application {
        guard
            let current = try await connection.first(
                "SELECT \(Self.columns) FROM applications WHERE id = \(id) FOR UPDATE", Application.init(row:))
        else { throw StoreError.notFound("application \(id)") }
        return current
    }

    /// The one UPDATE of an application, from `current` (locked by the caller),
    /// checking and recording a change of stage.
    private func save(
        _ application: Application, replacing current: Application, by changedBy: Int64?,
        on connection: PostgresConnection
    ) async throws -> Application {
        let stageChanged = application.stage != current.stage
        if stageChanged, !current.stage.canMove(to: application.stage) {
            throw StoreError.invalidTransition(from: current.stage, to: application.stage)
        }
        try await checkReferral(application, on: connection)
        let saved = try await connection.run(
            """
            UPDATE applications SET referral_id = \(application.referralID), stage = \(application.stage),
                message = \(application.message), resume = \(application.resume), updated_at = now()
            WHERE id = \(application.id)
            RETURNING \(Self.columns)
            """
        ).map(Application.init(row:))[0]
        if stageChanged { try await recordStage(of: saved, by: changedBy, on: connection) }
        return saved
    }

    private func recordStage(
        of application: Application, by changedBy: Int64?, on connection: PostgresConnection
    )
        async throws
    {
        try await connection.run(
            """
            INSERT INTO application_stage_changes (application_id, stage, changed_by)
            VALUES (\(application.id), \(application.stage), \(changedBy))
            """)
    }

    /// A referral attached to an application must be for its job and its candidate.
    private func checkReferral(_ application: Application, on connection: PostgresConnection) async throws {
        guard let referralID = application.referralID else { return }
        let matches = try await connection.run(
            """
            SELECT EXISTS (
                SELECT 1 FROM referrals WHERE id = \(referralID) AND job_id = \(application.jobID)
                  AND candidate_id IS NOT DISTINCT FROM \(application.memberID)) AS matches
            """)[0].decode("matches", as: Bool.self)
        guard matches else { throw StoreError.invalidReference("referralID") }
    }
}

extension Application {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), jobID: try row.decode("job_id"), memberID: try row.decode("member_id"),
            referralID: try row.decode("referral_id"), stage: try row.decode("stage"),
            message: try row.decode("message"), resume: try row.decode("resume"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
