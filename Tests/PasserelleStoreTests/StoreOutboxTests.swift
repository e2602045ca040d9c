import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

/// The first `count` entries after `position` once they are readable. The reader's
/// horizon is the oldest transaction running in its database (or one whose database
/// it cannot see), so entries may take a moment to appear, as they do for the index writer.
func readableEntries(
    _ store: OutboxStore, after position: OutboxPosition = .start, count: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> [OutboxEntry] {
    let deadline = ContinuousClock.now + .seconds(20)
    while true {
        let entries = try await store.entries(after: position, limit: count)
        if entries.count == count || ContinuousClock.now > deadline {
            try #require(
                entries.count == count, "only \(entries.count) readable entries", sourceLocation: sourceLocation)
            return entries
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

@Suite("OutboxStore")
struct StoreOutboxTests {
    @Test("Entries read after a position, in order, with their fields; reading from the last gives nothing")
    func readsAfterPosition() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let company = try await CompanyStore(client: client).create(Fixture.company("acme"))
            let posting = try await JobPostingStore(client: client).create(Fixture.posting(companyID: company.id))
            let lea = try await MemberStore(client: client).create(Fixture.member("lea"))
            let max = try await MemberStore(client: client).create(Fixture.member("max"))
            _ = try await ConnectionStore(client: client).create(Connection(max.id, lea.id))
            let store = OutboxStore(client: client)
            let all = try await readableEntries(store, count: 4)
            #expect(all.map(\.topic) == [.posting, .member, .member, .connection])
            #expect(all[0].country == .france)
            #expect(all[0].entityID == posting.id)
            #expect(all[0].operation == .upsert)
            #expect(all[3].entityID == lea.id)
            #expect(all[3].otherID == max.id)
            #expect(all.map(\.position) == all.map(\.position).sorted())
            let rest = try await store.entries(after: all[1].position, limit: 1)
            #expect(rest.map(\.id) == [all[2].id])
            #expect(try await store.entries(after: all[3].position) == [])
            #expect(OutboxPosition(all[3].position.description) == all[3].position)
        }
    }

    @Test("Entries of a transaction still running hold back later ones until it commits, then come in txid order")
    func horizonWaitsForOlderTransactions() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = OutboxStore(client: client)
            let members = MemberStore(client: client)
            let (early, late) = try await client.withTransaction { connection in
                // This transaction takes its id first, then writes after another has committed.
                try await connection.query("SELECT pg_current_xact_id()")
                let late = try await members.create(Fixture.member("late"))
                let committedMeanwhile = try await store.entries(after: .start)
                #expect(committedMeanwhile == [])
                let early = try await members.create(Fixture.member("early"), on: connection)
                return (early, late)
            }
            let entries = try await readableEntries(store, count: 2)
            #expect(entries.map(\.entityID) == [early.id, late.id])
            #expect(entries[0].id > entries[1].id)
        }
    }

    @Test("A transaction left open in another database of the cluster holds nothing back")
    func otherDatabasesDoNotHoldBack() async throws {
        try await TestPostgres.withDatabase { other, _ in
            try await other.withTransaction { busy in
                // An xid in the other database, older than anything written below.
                try await busy.query("SELECT pg_current_xact_id()")
                try await TestPostgres.withDatabase { client, _ in
                    let member = try await MemberStore(client: client).create(Fixture.member("lea"))
                    // Waits up to 20 s while the other transaction stays open.
                    let entries = try await readableEntries(OutboxStore(client: client), count: 1)
                    #expect(entries.map(\.entityID) == [member.id])
                }
            }
        }
    }

    @Test("Deleting through a position removes exactly the entries up to it")
    func deleteThrough() async throws {
        try await TestPostgres.withDatabase { client, _ in
            for name in ["a", "b", "c"] { _ = try await MemberStore(client: client).create(Fixture.member(name)) }
            let store = OutboxStore(client: client)
            let entries = try await readableEntries(store, count: 3)
            #expect(try await store.deleteEntries(through: entries[1].position) == 2)
            #expect(try await store.entries(after: .start) == [entries[2]])
        }
    }
}
