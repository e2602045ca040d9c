import Foundation
import PasserelleCore

/// Sessions and bearer tokens, found by the SHA-256 hash of their token.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct SessionStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// Saves a new session. Throws ``StoreError`` `.invalidReference` for an
    /// unknown account, `.duplicate` for a token hash already in use.
    public func create(_ session: Session, on connection: PostgresConnection) async throws -> Session {
        try session.validate()
        return try await connection.run(
            """
            INSERT INTO sessions (account_id, token_hash, kind, created_at, expires_at)
            VALUES (\(session.accountID), \(session.tokenHash), \(session.kind), \(session.createdAt),
                    \(session.expiresAt))
            RETURNING \(Self.columns)
            """
        ).map(Session.init(row:))[0]
    }

    /// The same, in a transaction of its own.
    public func create(_ session: Session) async throws -> Session {
        try await client.withTransaction { try await create(session, on: $0) }
    }

    /// Moves a session's expiry (a sliding cookie session). Throws ``StoreError`` `.notFound`.
    public func extend(
        sessionID: Int64, until expiresAt: Date, on connection: PostgresConnection
    ) async throws
        -> Session
    {
        let extended = try await connection.first(
            "UPDATE sessions SET expires_at = \(expiresAt) WHERE id = \(sessionID) RETURNING \(Self.columns)",
            Session.init(row:))
        guard let extended else { throw StoreError.notFound("session \(sessionID)") }
        return extended
    }

    /// The same, in a transaction of its own.
    public func extend(sessionID: Int64, until expiresAt: Date) async throws -> Session {
        try await client.withTransaction { try await extend(sessionID: sessionID, until: expiresAt, on: $0) }
    }

    /// The session whose token hashes to `tokenHash`, unless it has expired at `date`.
    public func get(
        tokenHash: Data, at date: Date = Date(), on connection: PostgresConnection
    ) async throws
        -> Session?
    {
        try await connection.first(
            "SELECT \(Self.columns) FROM sessions WHERE token_hash = \(tokenHash) AND expires_at > \(date)",
            Session.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(tokenHash: Data, at date: Date = Date()) async throws -> Session? {
        try await client.read { try await get(tokenHash: tokenHash, at: date, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> Session? {
        try await connection.first("SELECT \(Self.columns) FROM sessions WHERE id = \(id)", Session.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> Session? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// An account's sessions, the newest first.
    public func list(
        accountID: Int64, page: Page = .first, on connection: PostgresConnection
    ) async throws
        -> Paged<Session>
    {
        try await connection.page(
            page, select: Self.columns, from: "FROM sessions WHERE account_id = \(accountID)",
            orderBy: SQLFragment("created_at DESC, id DESC"), Session.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(accountID: Int64, page: Page = .first) async throws -> Paged<Session> {
        try await client.withTransaction { try await list(accountID: accountID, page: page, on: $0) }
    }

    /// Signs out one session; false when there was none.
    @discardableResult
    public func delete(tokenHash: Data, on connection: PostgresConnection) async throws -> Bool {
        try await connection.run("DELETE FROM sessions WHERE token_hash = \(tokenHash)").affectedRows == 1
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(tokenHash: Data) async throws -> Bool {
        try await client.withTransaction { try await delete(tokenHash: tokenHash, on: $0) }
    }

    /// Signs out everywhere (a password change); returns how many sessions went.
    @discardableResult
    public func deleteAll(accountID: Int64, on connection: PostgresConnection) async throws -> Int {
        try await connection.run("DELETE FROM sessions WHERE account_id = \(accountID)").affectedRows
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func deleteAll(accountID: Int64) async throws -> Int {
        try await client.withTransaction { try await deleteAll(accountID: accountID, on: $0) }
    }

    /// Removes the sessions expired at `date`; returns how many went.
    @discardableResult
    public func deleteExpired(at date: Date = Date(), on connection: PostgresConnection) async throws -> Int {
        try await connection.run("DELETE FROM sessions WHERE expires_at <= \(date)").affectedRows
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func deleteExpired(at date: Date = Date()) async throws -> Int {
        try await client.withTransaction { try await deleteExpired(at: date, on: $0) }
    }

    static let columns = SQLFragment("id, account_id, token_hash, kind, created_at, expires_at")
}

extension Session {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), accountID: try row.decode("account_id"), kind: try row.decode("kind"),
            tokenHash: try row.decode("token_hash"), createdAt: try row.decode("created_at"),
            expiresAt: try row.decode("expires_at"))
    }
}
