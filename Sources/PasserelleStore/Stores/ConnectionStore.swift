import Foundation
import PasserelleCore

/// The network: connections (one row per unordered pair, smaller id first) and
/// the invitations that make them.
///
/// Every change to a connection writes a `connection` outbox entry (entity
/// member A, other member B) in the same transaction, for the graph.
///
/// Every method has a form that takes a ``PostgresConnection``, to compose inside
/// one transaction, and a form that opens its own.
public struct ConnectionStore: Sendable {
    /// The pool the methods without a connection take theirs from.
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    // MARK: - Connections

    /// Saves a new connection. Throws ``StoreError`` `.duplicate` when the two
    /// are already connected, `.invalidReference` for an unknown member.
    public func create(_ connection: Connection, on db: PostgresConnection) async throws -> Connection {
        try await write(connection, updatingExisting: false, on: db).value
    }

    /// The same, in a transaction of its own.
    public func create(_ connection: Connection) async throws -> Connection {
        try await client.withTransaction { try await create(connection, on: $0) }
    }

    /// Saves the connection, or updates `since` and `strength` of the pair's
    /// existing one (a connections CSV loaded again).
    public func upsert(_ connection: Connection, on db: PostgresConnection) async throws -> Upserted<Connection> {
        try await write(connection, updatingExisting: true, on: db)
    }

    /// The same, in a transaction of its own.
    public func upsert(_ connection: Connection) async throws -> Upserted<Connection> {
        try await client.withTransaction { try await upsert(connection, on: $0) }
    }

    /// Removes the connection between two members, in either order; false when
    /// they were not connected.
    @discardableResult
    public func delete(_ first: Int64, _ second: Int64, on db: PostgresConnection) async throws -> Bool {
        let pair = Connection(first, second)
        let deleted =
            try await db.run(
                "DELETE FROM connections WHERE member_a = \(pair.memberA) AND member_b = \(pair.memberB)"
            ).affectedRows == 1
        if deleted { try await OutboxStore.record([.connection(.delete, pair)], on: db) }
        return deleted
    }

    /// The same, in a transaction of its own.
    @discardableResult
    public func delete(_ first: Int64, _ second: Int64) async throws -> Bool {
        try await client.withTransaction { try await delete(first, second, on: $0) }
    }

    /// The connection between two members, in either order.
    public func get(_ first: Int64, _ second: Int64, on db: PostgresConnection) async throws -> Connection? {
        let pair = Connection(first, second)
        return try await db.first(
            """
            SELECT \(Self.connectionColumns) FROM connections
            WHERE member_a = \(pair.memberA) AND member_b = \(pair.memberB)
            """, Connection.init(row:))
    }

    /// The same, on a pooled connection.
    public func get(_ first: Int64, _ second: Int64) async throws -> Connection? {
        try await client.read { try await get(first, second, on: $0) }
    }

    /// A member's connections, in the order of the other member's id.
    public func connections(
        ofMember memberID: Int64, page: Page = .first, on db: PostgresConnection
    ) async throws
        -> Paged<Connection>
    {
        try await db.page(
            page, select: Self.connectionColumns,
            from: "FROM connections WHERE member_a = \(memberID) OR member_b = \(memberID)",
            // With the member fixed, member_a + member_b orders by the other member.
            orderBy: SQLFragment("member_a + member_b"), Connection.init(row:))
    }

    /// The same, in a transaction of its own.
    public func connections(ofMember memberID: Int64, page: Page = .first) async throws -> Paged<Connection> {
        try await client.withTransaction { try await connections(ofMember: memberID, page: page, on: $0) }
    }

    // MARK: - Invitations

    /// Records an invitation. Throws ``StoreError`` `.duplicate` when the two are
    /// already connected or an invitation between them is pending.
    public func invite(
        _ invitation: ConnectionInvitation, on db: PostgresConnection
    ) async throws
        -> ConnectionInvitation
    {
        try invitation.validate()
        if try await get(invitation.inviterID, invitation.inviteeID, on: db) != nil {
            throw StoreError.duplicate("a connection between these members")
        }
        return try await db.run(
            """
            INSERT INTO connection_invitations (inviter_id, invitee_id, message)
            VALUES (\(invitation.inviterID), \(invitation.inviteeID), \(invitation.message))
            RETURNING \(Self.invitationColumns)
            """
        ).map(ConnectionInvitation.init(row:))[0]
    }

    /// The same, in a transaction of its own.
    public func invite(_ invitation: ConnectionInvitation) async throws -> ConnectionInvitation {
        try await client.withTransaction { try await invite(invitation, on: $0) }
    }

    /// Accepts a pending invitation and connects the two members, in one
    /// transaction. Throws ``StoreError`` `.conflict` when it is no longer pending.
    public func accept(
        invitationID: Int64, at date: Date = Date(), on db: PostgresConnection
    ) async throws
        -> Connection
    {
        let invitation = try await decide(invitationID, .accepted, at: date, on: db)
        return try await upsert(Connection(invitation.inviterID, invitation.inviteeID, since: date), on: db).value
    }

    /// The same, in a transaction of its own.
    public func accept(invitationID: Int64, at date: Date = Date()) async throws -> Connection {
        try await client.withTransaction { try await accept(invitationID: invitationID, at: date, on: $0) }
    }

    /// The invitee says no. Throws ``StoreError`` `.conflict` when it is no longer pending.
    public func decline(
        invitationID: Int64, at date: Date = Date(), on db: PostgresConnection
    ) async throws
        -> ConnectionInvitation
    {
        try await decide(invitationID, .declined, at: date, on: db)
    }

    /// The same, in a transaction of its own.
    public func decline(invitationID: Int64, at date: Date = Date()) async throws -> ConnectionInvitation {
        try await client.withTransaction { try await decline(invitationID: invitationID, at: date, on: $0) }
    }

    /// The inviter takes it back. Throws ``StoreError`` `.conflict` when it is no longer pending.
    public func withdraw(
        invitationID: Int64, at date: Date = Date(), on db: PostgresConnection
    ) async throws
        -> ConnectionInvitation
    {
        try await decide(invitationID, .withdrawn, at: date, on: db)
    }

    /// The same, in a transaction of its own.
    public func withdraw(invitationID: Int64, at date: Date = Date()) async throws -> ConnectionInvitation {
        try await client.withTransaction { try await withdraw(invitationID: invitationID, at: date, on: $0) }
    }

    /// The one with this id; nil when there is none.
    public func invitation(id: Int64, on db: PostgresConnection) async throws -> ConnectionInvitation? {
        try await db.first(
            "SELECT \(Self.invitationColumns) FROM connection_invitations WHERE id = \(id)",
            ConnectionInvitation.init(row:))
    }

    /// The same, on a pooled connection.
    public func invitation(id: Int64) async throws -> ConnectionInvitation? {
        try await client.read { try await invitation(id: id, on: $0) }
    }

    /// The pending invitations a member received, the oldest first.
    public func pendingInvitations(
        for memberID: Int64, page: Page = .first, on db: PostgresConnection
    )
        async throws -> Paged<ConnectionInvitation>
    {
        try await db.page(
            page, select: Self.invitationColumns,
            from: "FROM connection_invitations WHERE invitee_id = \(memberID) AND status = 'pending'",
            orderBy: SQLFragment("created_at, id"), ConnectionInvitation.init(row:))
    }

    /// The same, in a transaction of its own.
    public func pendingInvitations(
        for memberID: Int64, page: Page = .first
    ) async throws
        -> Paged<ConnectionInvitation>
    {
        try await client.withTransaction { try await pendingInvitations(for: memberID, page: page, on: $0) }
    }

    /// Every invitation a member sent or received, whatever its status, the oldest first (its export).
    public func invitations(
        involving memberID: Int64, page: Page = .first, on db: PostgresConnection
    )
        async throws -> Paged<ConnectionInvitation>
    {
        try await db.page(
            page, select: Self.invitationColumns,
            from: "FROM connection_invitations WHERE inviter_id = \(memberID) OR invitee_id = \(memberID)",
            orderBy: SQLFragment("created_at, id"), ConnectionInvitation.init(row:))
    }

    /// The same, in a transaction of its own.
    public func invitations(involving memberID: Int64, page: Page = .first) async throws -> Paged<ConnectionInvitation>
    {
        try await client.withTransaction { try await invitations(involving: memberID, page: page, on: $0) }
    }

    // MARK: - Shared

    static let connectionColumns = SQLFragment("member_a, member_b, since, strength")
    static let invitationColumns = SQLFragment(
        "id, inviter_id, invitee_id, message, status, created_at, decided_at")

    /// The one INSERT of a connection, with its outbox entry.
    private func write(
        _ connection: Connection, updatingExisting: Bool, on db: PostgresConnection
    ) async throws
        -> Upserted<Connection>
    {
        try connection.validate()
        let onConflict =
            updatingExisting
            ? SQLFragment(
                "ON CONFLICT (member_a, member_b) DO UPDATE SET since = EXCLUDED.since, strength = EXCLUDED.strength")
            : SQLFragment("")
        let row = try await db.run(
            """
            INSERT INTO connections (member_a, member_b, since, strength)
            VALUES (\(connection.memberA), \(connection.memberB), \(connection.since), \(connection.strength))
            \(onConflict)
            RETURNING \(Self.connectionColumns), xmax = 0 AS inserted
            """)[0]
        let saved = try Connection(row: row)
        try await OutboxStore.record([.connection(.upsert, saved)], on: db)
        return Upserted(value: saved, wasCreated: try row.decode("inserted", as: Bool.self))
    }

    /// Ends a pending invitation with `status`.
    private func decide(
        _ id: Int64, _ status: ConnectionInvitation.Status, at date: Date, on db: PostgresConnection
    ) async throws -> ConnectionInvitation {
        try await db.decidePending(
            "invitation", in: SQLFragment("connection_invitations"), id: id, status: status, at: date,
            returning: Self.invitationColumns, ConnectionInvitation.init(row:))
    }
}

extension Connection {
    init(row: PostgresRow) throws {
        self.init(
            try row.decode("member_a"), try row.decode("member_b"), since: try row.decode("since"),
            strength: try row.decode("strength"))
    }
}

extension ConnectionInvitation {
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), inviterID: try row.decode("inviter_id"), inviteeID: try row.decode("invitee_id"),
            message: try row.decode("message"), status: try row.decode("status"),
            createdAt: try row.decode("created_at"), decidedAt: try row.decode("decided_at"))
    }
}
