import Foundation
import PasserelleCore

/// Referral requests (a candidate asks a connection) and referrals (a member
/// vouches for a candidate for a job). Accepting a request creates its referral
/// in the same transaction.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct ReferralStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Requests

    /// Records a pending request. Throws ``StoreError`` `.duplicate` when the
    /// candidate already asked this referrer for this job, `.invalidReference`
    /// for an unknown job or member.
    public func request(
        _ request: ReferralRequest, on connection: PostgresConnection
    ) async throws
        -> ReferralRequest
    {
        try request.validate()
        return try await connection.run(
            """
            INSERT INTO referral_requests (job_id, candidate_id, referrer_id, message)
            VALUES (\(request.jobID), \(request.candidateID), \(request.referrerID), \(request.message))
            RETURNING \(Self.requestColumns)
            """
        ).map(ReferralRequest.init(row:))[0]
    }

    /// The same, in a transaction of its own.
    public func request(_ request: ReferralRequest) async throws -> ReferralRequest {
        try await client.withTransaction { try await self.request(request, on: $0) }
    }

    /// The referrer accepts: the request is closed and the referral made, together.
    /// Throws ``StoreError`` `.conflict` when the request is no longer pending.
    public func accept(
        requestID: Int64, note: String? = nil, at date: Date = Date(), on connection: PostgresConnection
    ) async throws -> Referral {
        let request = try await decide(requestID, .accepted, at: date, on: connection)
        return try await create(
            Referral(
                requestID: request.id, jobID: request.jobID, candidateID: request.candidateID,
                referrerID: request.referrerID, note: note, createdAt: date),
            on: connection)
    }

    /// The same, in a transaction of its own.
    public func accept(requestID: Int64, note: String? = nil, at date: Date = Date()) async throws -> Referral {
        try await client.withTransaction { try await accept(requestID: requestID, note: note, at: date, on: $0) }
    }

    /// The referrer says no. Throws ``StoreError`` `.conflict` when it is no longer pending.
    public func decline(
        requestID: Int64, at date: Date = Date(), on connection: PostgresConnection
    ) async throws
        -> ReferralRequest
    {
        try await decide(requestID, .declined, at: date, on: connection)
    }

    /// The same, in a transaction of its own.
    public func decline(requestID: Int64, at date: Date = Date()) async throws -> ReferralRequest {
        try await client.withTransaction { try await decline(requestID: requestID, at: date, on: $0) }
    }

    /// The candidate takes it back. Throws ``StoreError`` `.conflict` when it is no longer pending.
    public func withdraw(
        requestID: Int64, at date: Date = Date(), on connection: PostgresConnection
    ) async throws
        -> ReferralRequest
    {
        try await decide(requestID, .withdrawn, at: date, on: connection)
    }

    /// The same, in a transaction of its own.
    public func withdraw(requestID: Int64, at date: Date = Date()) async throws -> ReferralRequest {
        try await client.withTransaction { try await withdraw(requestID: requestID, at: date, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func request(id: Int64, on connection: PostgresConnection) async throws -> ReferralRequest? {
        try await connection.first(
            "SELECT \(Self.requestColumns) FROM referral_requests WHERE id = \(id)", ReferralRequest.init(row:))
    }

    /// The same, on a pooled connection.
    public func request(id: Int64) async throws -> ReferralRequest? {
        try await client.read { try await request(id: id, on: $0) }
    }

    /// The requests a member was asked, the oldest first, of one status or all.
    public func requests(
        toReferrer referrerID: Int64, status: ReferralRequest.Status? = nil, page: Page = .first,
        on connection: PostgresConnection
    ) async throws -> Paged<ReferralRequest> {
        try await connection.page(
            page, select: Self.requestColumns,
            from: """
                FROM referral_requests
                WHERE referrer_id = \(referrerID) AND (\(status)::text IS NULL OR status = \(status))
                """,
            orderBy: SQLFragment("created_at, id"), ReferralRequest.init(row:))
    }

    /// The same, in a transaction of its own.
    public func requests(
        toReferrer referrerID: Int64, status: ReferralRequest.Status? = nil, page: Page = .first
    ) async throws -> Paged<ReferralRequest> {
        try await client.withTransaction {
            try await requests(toReferrer: referrerID, status: status, page: page, on: $0)
        }
    }

    /// The requests a candidate made, the newest first.
    public func requests(
        fromCandidate candidateID: Int64, page: Page = .first, on connection: PostgresConnection
    )
        async throws -> Paged<ReferralRequest>
    {
        try await connection.page(
            page, select: Self.requestColumns, from: "FROM referral_requests WHERE candidate_id = \(candidateID)",
            orderBy: SQLFragment("created_at DESC, id DESC"), ReferralRequest.init(row:))
    }

    /// The same, in a transaction of its own.
    public func requests(
        fromCandidate candidateID: Int64, page: Page = .first
    ) async throws
        -> Paged<ReferralRequest>
    {
        try await client.withTransaction { try await requests(fromCandidate: candidateID, page: page, on: $0) }
    }

    // MARK: - Referrals

    /// Records a referral, asked for (``accept(requestID:note:at:on:)`` makes
    /// those) or given unasked. Throws ``StoreError`` `.duplicate` when the
    /// request already has its referral, `.invalidReference` for an unknown job or member.
    public func create(_ referral: Referral, on connection: PostgresConnection) async throws -> Referral {
        try referral.validate()
        return try await connection.run(
            """
            INSERT INTO referrals (request_id, job_id, candidate_id, referrer_id, note, created_at)
            VALUES (\(referral.requestID), \(referral.jobID), \(referral.candidateID), \(referral.referrerID),
                    \(referral.note), \(referral.createdAt))
            RETURNING \(Self.referralColumns)
            """
        ).map(Referral.init(row:))[0]
    }

    /// The same, in a transaction of its own.
    public func create(_ referral: Referral) async throws -> Referral {
        try await client.withTransaction { try await create(referral, on: $0) }
    }

    /// Changes the referrer's note. Throws ``StoreError`` `.notFound`.
    public func update(_ referral: Referral, on connection: PostgresConnection) async throws -> Referral {
        let updated = try await connection.first(
            "UPDATE referrals SET note = \(referral.note) WHERE id = \(referral.id) RETURNING \(Self.referralColumns)",
            Referral.init(row:))
        guard let updated else { throw StoreError.notFound("referral \(referral.id)") }
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ referral: Referral) async throws -> Referral {
        try await client.withTransaction { try await update(referral, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func referral(id: Int64, on connection: PostgresConnection) async throws -> Referral? {
        try await connection.first(
            "SELECT \(Self.referralColumns) FROM referrals WHERE id = \(id)", Referral.init(row:))
    }

    /// The same, on a pooled connection.
    public func referral(id: Int64) async throws -> Referral? {
        try await client.read { try await referral(id: id, on: $0) }
    }

    /// The referrals a member gave, the newest first.
    public func referrals(
        givenBy referrerID: Int64, page: Page = .first, on connection: PostgresConnection
    )
        async throws -> Paged<Referral>
    {
        try await connection.page(
            page, select: Self.referralColumns, from: "FROM referrals WHERE referrer_id = \(referrerID)",
            orderBy: SQLFragment("created_at DESC, id DESC"), Referral.init(row:))
    }

    /// The same, in a transaction of its own.
    public func referrals(givenBy referrerID: Int64, page: Page = .first) async throws -> Paged<Referral> {
        try await client.withTransaction { try await referrals(givenBy: referrerID, page: page, on: $0) }
    }

    /// The referrals a member received, the newest first.
    public func referrals(
        receivedBy candidateID: Int64, page: Page = .first, on connection: PostgresConnection
    )
        async throws -> Paged<Referral>
    {
        try await connection.page(
            page, select: Self.referralColumns, from: "FROM referrals WHERE candidate_id = \(candidateID)",
            orderBy: SQLFragment("created_at DESC, id DESC"), Referral.init(row:))
    }

    /// The same, in a transaction of its own.
    public func referrals(receivedBy candidateID: Int64, page: Page = .first) async throws -> Paged<Referral> {
        try await client.withTransaction { try await referrals(receivedBy: candidateID, page: page, on: $0) }
    }

    // MARK: - Shared

    static let requestColumns = SQLFragment(
        "id, job_id, candidate_id, referrer_id, message, status, created_at, decided_at")
    static let referralColumns = SQLFragment("id, request_id, job_id, candidate_id, referrer_id, note, created_at")

    private func decide(
        _ id: Int64, _ status: ReferralRequest.Status, at date: Date, on connection: PostgresConnection
    ) async throws -> ReferralRequest {
        try await connection.decidePending(
            "referral request", in: SQLFragment("referral_requests"), id: id, status: status, at: date,
            returning: Self.requestColumns, ReferralRequest.init(row:))
    }
}

extension ReferralRequest {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), jobID: try row.decode("job_id"), candidateID: try row.decode("candidate_id"),
            referrerID: try row.decode("referrer_id"), message: try row.decode("message"),
            status: try row.decode("status"), createdAt: try row.decode("created_at"),
            decidedAt: try row.decode("decided_at"))
    }
}

extension Referral {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), requestID: try row.decode("request_id"), jobID: try row.decode("job_id"),
            candidateID: try row.decode("candidate_id"), referrerID: try row.decode("referrer_id"),
            note: try row.decode("note"), createdAt: try row.decode("created_at"))
    }
}
