import Foundation
import PasserelleCore

/// Sign-in accounts: one per member at most, emails unique without regard to case.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct AccountStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// Saves a new account. Throws ``StoreError`` `.duplicate` when the member has
    /// one or the email is taken, `.invalidReference` for an unknown member or company.
    public func create(_ account: Account, on connection: PostgresConnection) async throws -> Account {
        try account.validate()
        return try await connection.run(
            """
            INSERT INTO accounts (member_id, email, password_hash, role, company_id)
            VALUES (\(account.memberID), \(account.email), \(account.passwordHash), \(account.role),
                    \(account.companyID))
            RETURNING \(Self.columns)
            """
        ).map(Account.init(row:))[0]
    }

    /// The same, in a transaction of its own.
    public func create(_ account: Account) async throws -> Account {
        try await client.withTransaction { try await create(account, on: $0) }
    }

    /// Changes the email, password hash, role and company of the account whose
    /// `id` is `account.id`. Throws ``StoreError`` `.notFound`.
    public func update(_ account: Account, on connection: PostgresConnection) async throws -> Account {
        try account.validate()
        let updated = try await connection.first(
            """
            UPDATE accounts SET email = \(account.email), password_hash = \(account.passwordHash),
                role = \(account.role), company_id = \(account.companyID)
            WHERE id = \(account.id)
            RETURNING \(Self.columns)
            """, Account.init(row:))
        guard let updated else { throw StoreError.notFound("account \(account.id)") }
        return updated
    }

    /// The same, in a transaction of its own.
    public func update(_ account: Account) async throws -> Account {
        try await client.withTransaction { try await update(account, on: $0) }
    }

    /// Notes a successful sign-in. Throws ``StoreError`` `.notFound`.
    public func recordLogin(
        accountID: Int64, at date: Date = Date(), on connection: PostgresConnection
    )
        async throws
    {
        let changed = try await connection.run(
            "UPDATE accounts SET last_login_at = \(date) WHERE id = \(accountID)"
        ).affectedRows
        guard changed == 1 else { throw StoreError.notFound("account \(accountID)") }
    }

    /// The same, in a transaction of its own.
    public func recordLogin(accountID: Int64, at date: Date = Date()) async throws {
        try await client.withTransaction { try await recordLogin(accountID: accountID, at: date, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func get(id: Int64, on connection: PostgresConnection) async throws -> Account? {
        try await connection.first("SELECT \(Self.columns) FROM accounts WHERE id = \(id)", Account.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(id: Int64) async throws -> Account? {
        try await client.read { try await get(id: id, on: $0) }
    }

    /// The account signing in with `email`, whatever its case.
    public func get(email: String, on connection: PostgresConnection) async throws -> Account? {
        try await connection.first(
            "SELECT \(Self.columns) FROM accounts WHERE lower(email) = lower(\(email))", Account.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(email: String) async throws -> Account? {
        try await client.read { try await get(email: email, on: $0) }
    }

    /// The member's account; nil when it has none.
    public func get(memberID: Int64, on connection: PostgresConnection) async throws -> Account? {
        try await connection.first(
            "SELECT \(Self.columns) FROM accounts WHERE member_id = \(memberID)", Account.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(memberID: Int64) async throws -> Account? {
        try await client.read { try await get(memberID: memberID, on: $0) }
    }

    /// Accounts in id order; with `companyID`, that company's recruiters and admins.
    public func list(
        page: Page = .first, companyID: Int64? = nil, on connection: PostgresConnection
    ) async throws
        -> Paged<Account>
    {
        try await connection.page(
            page, select: Self.columns,
            from: "FROM accounts WHERE \(companyID)::bigint IS NULL OR company_id = \(companyID)",
            orderBy: SQLFragment("id"), Account.init(row:))
    }

    /// The same, in a transaction of its own.
    public func list(page: Page = .first, companyID: Int64? = nil) async throws -> Paged<Account> {
        try await client.withTransaction { try await list(page: page, companyID: companyID, on: $0) }
    }

    /// An account with the external ids an operator knows its member and company by.
    public struct Listing: Sendable, Hashable {
        public var account: Account
        /// The member's `meta.id`.
        public var memberExternalID: String
        /// The company's `hiringOrganization.identifier`; nil for a member account.
        public var companyExternalID: String?

        public init(account: Account, memberExternalID: String, companyExternalID: String?) {
            self.account = account
            self.memberExternalID = memberExternalID
            self.companyExternalID = companyExternalID
        }
    }

    /// Accounts in email order, with their member's and company's external ids.
    public func listings(page: Page = .first, on connection: PostgresConnection) async throws -> Paged<Listing> {
        try await connection.page(
            page,
            select: SQLFragment(
                """
                a.id, a.member_id, a.email, a.password_hash, a.role, a.company_id, a.created_at, a.last_login_at,
                m.external_id AS member_external_id, c.external_id AS company_external_id
                """),
            from: "FROM accounts a JOIN members m ON m.id = a.member_id LEFT JOIN companies c ON c.id = a.company_id",
            orderBy: SQLFragment("lower(a.email), a.id")
        ) { row in
            Listing(
                account: try Account(row: row), memberExternalID: try row.decode("member_external_id"),
                companyExternalID: try row.decode("company_external_id"))
        }
    }

    /// The same, in a transaction of its own.
    public func listings(page: Page = .first) async throws -> Paged<Listing> {
        try await client.withTransaction { try await listings(page: page, on: $0) }
    }

    static let columns = SQLFragment(
        "id, member_id, email, password_hash, role, company_id, created_at, last_login_at")
}

extension Account {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), memberID: try row.decode("member_id"), email: try row.decode("email"),
            passwordHash: try row.decode("password_hash"), role: try row.decode("role"),
            companyID: try row.decode("company_id"), createdAt: try row.decode("created_at"),
            lastLoginAt: try row.decode("last_login_at"))
    }
}
