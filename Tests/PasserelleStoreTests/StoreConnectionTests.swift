import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("ConnectionStore")
struct StoreConnectionTests {
    struct Abort: Error {}

    /// A database with `count` members; `body` gets their ids in creation order.
    private func withMembers(
        _ count: Int, _ body: (PostgresClient, ConnectionStore, [Int64]) async throws -> Void
    )
        async throws
    {
        try await TestPostgres.withDatabase { client, _ in
            var ids: [Int64] = []
            for number in 1...count {
                ids.append(try await MemberStore(client: client).create(Fixture.member("m-\(number)")).id)
            }
            try await client.query("DELETE FROM outbox")
            try await body(client, ConnectionStore(client: client), ids)
        }
    }

    @Test("The pair (b, a) is stored, read and equal as (a, b)")
    func pairIsNormalised() async throws {
        try await withMembers(2) { client, store, ids in
            let (a, b) = (ids[0], ids[1])
            let created = try await store.create(Connection(b, a, since: Fixture.time, strength: 0.75))
            #expect(created == Connection(a, b, since: Fixture.time, strength: 0.75))
            #expect(created.memberA == a)
            #expect(created.memberB == b)
            #expect(try await store.get(b, a) == created)
            #expect(try await store.get(a, b) == created)
            #expect(try await outboxLines(client) == ["connection upsert - \(a) \(b)"])
        }
    }

    @Test("Connecting a pair twice is a duplicate; upserting it updates since and strength")
    func upsertUpdatesPair() async throws {
        try await withMembers(2) { client, store, ids in
            let (a, b) = (ids[0], ids[1])
            _ = try await store.create(Connection(a, b, since: Fixture.time))
            _ = await expectStoreError(.duplicate("a connection between these members")) {
                try await store.create(Connection(b, a))
            }
            let later = Fixture.time.addingTimeInterval(86_400)
            let updated = try await store.upsert(Connection(b, a, since: later, strength: 0.5))
            #expect(!updated.wasCreated)
            #expect(updated.value == Connection(a, b, since: later, strength: 0.5))
            let count = try await client.query("SELECT count(*) AS n FROM connections")[0]
            #expect(try count.decode("n", as: Int.self) == 1)
        }
    }

    @Test("A connection written in a rolled-back transaction leaves no outbox entry")
    func rollbackLeavesNoOutbox() async throws {
        try await withMembers(2) { client, store, ids in
            await #expect(throws: Abort.self) {
                try await client.withTransaction { connection in
                    _ = try await store.create(Connection(ids[0], ids[1]), on: connection)
                    throw Abort()
                }
            }
            let stored = try await store.get(ids[0], ids[1])
            let lines = try await outboxLines(client)
            #expect(stored == nil)
            #expect(lines == [])
        }
    }

    @Test("Deleting a connection, in either order, writes a delete entry")
    func deleteWritesOutbox() async throws {
        try await withMembers(2) { client, store, ids in
            _ = try await store.create(Connection(ids[0], ids[1]))
            #expect(try await store.delete(ids[1], ids[0]))
            #expect(try await store.delete(ids[1], ids[0]) == false)
            #expect(
                try await outboxLines(client) == [
                    "connection upsert - \(ids[0]) \(ids[1])", "connection delete - \(ids[0]) \(ids[1])",
                ])
        }
    }

    @Test("A strength outside 0...1 or a member with itself is refused by validation")
    func invalidConnections() async throws {
        try await withMembers(2) { _, store, ids in
            let error = await #expect(throws: ValidationError.self) {
                try await store.create(Connection(ids[0], ids[1], strength: 1.2))
            }
            #expect(error?.fields == ["strength"])
            await #expect(throws: ValidationError.self) { try await store.create(Connection(ids[0], ids[0])) }
            _ = await expectStoreError(.invalidReference("memberB")) { try await store.create(Connection(ids[0], 999)) }
        }
    }

    @Test("A member's connections page in the order of the other member's id")
    func listsConnections() async throws {
        try await withMembers(5) { _, store, ids in
            for other in [ids[4], ids[1], ids[3]] { _ = try await store.create(Connection(ids[2], other)) }
            _ = try await store.create(Connection(ids[0], ids[1]))
            let page = try await store.connections(ofMember: ids[2], page: Page(page: 1, perPage: 2))
            #expect(page.items.map { $0.other(than: ids[2]) } == [ids[1], ids[3]])
            #expect(page.total == 3)
        }
    }

    @Test("Accepting an invitation connects the two in one transaction; a second answer is a conflict")
    func acceptInvitation() async throws {
        try await withMembers(2) { client, store, ids in
            let invitation = try await store.invite(
                ConnectionInvitation(inviterID: ids[1], inviteeID: ids[0], message: "Bonjour"))
            #expect(invitation.status == .pending)
            #expect(try await store.pendingInvitations(for: ids[0]).items == [invitation])
            let connection = try await store.accept(invitationID: invitation.id, at: Fixture.time)
            #expect(connection == Connection(ids[0], ids[1], since: Fixture.time))
            let accepted = try await store.invitation(id: invitation.id)
            #expect(accepted?.status == .accepted)
            #expect(accepted?.decidedAt == Fixture.time)
            #expect(try await store.pendingInvitations(for: ids[0]).total == 0)
            _ = await expectStoreError(.conflict("invitation \(invitation.id) is already accepted")) {
                try await store.decline(invitationID: invitation.id)
            }
            #expect(try await outboxLines(client) == ["connection upsert - \(ids[0]) \(ids[1])"])
        }
    }

    @Test("Inviting twice while pending, or inviting a connection, is a duplicate; declined invitations free the pair")
    func duplicateInvitations() async throws {
        try await withMembers(3) { _, store, ids in
            let first = try await store.invite(ConnectionInvitation(inviterID: ids[0], inviteeID: ids[1]))
            _ = await expectStoreError(.duplicate("a pending invitation between these members")) {
                try await store.invite(ConnectionInvitation(inviterID: ids[1], inviteeID: ids[0]))
            }
            #expect(try await store.decline(invitationID: first.id).status == .declined)
            let second = try await store.invite(ConnectionInvitation(inviterID: ids[1], inviteeID: ids[0]))
            #expect(try await store.withdraw(invitationID: second.id).status == .withdrawn)
            _ = try await store.create(Connection(ids[0], ids[2]))
            _ = await expectStoreError(.duplicate("a connection between these members")) {
                try await store.invite(ConnectionInvitation(inviterID: ids[2], inviteeID: ids[0]))
            }
            _ = await expectStoreError(.notFound("invitation 999")) { try await store.accept(invitationID: 999) }
        }
    }
}
