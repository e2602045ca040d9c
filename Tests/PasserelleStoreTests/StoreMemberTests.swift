import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("MemberStore")
struct StoreMemberTests {
    @Test("A created member reads back by id and by external id with the store's id and times")
    func createAndGet() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            var member = Fixture.member("m-1042", name: "Léa Martin")
            member.email = "lea@example.org"
            member.headline = "Développeuse backend"
            member.openToWork = true
            member.profileVisibility = .network
            let created = try await store.create(member)
            #expect(created.id > 0)
            #expect(created.externalID == "m-1042")
            #expect(created.email == "lea@example.org")
            #expect(created.profileVisibility == .network)
            #expect(created.openToWork)
            #expect(try await store.get(id: created.id) == created)
            #expect(try await store.get(externalID: "m-1042") == created)
            #expect(try await store.get(externalID: "m-9") == nil)
            #expect(try await store.ids(externalIDs: ["m-1042", "m-9"]) == ["m-1042": created.id])
        }
    }

    @Test("Creating a second member with the same external id is a duplicate (23505)")
    func duplicateExternalID() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            _ = try await store.create(Fixture.member("m-1"))
            let error = await expectStoreError(.duplicate("a member with this external id")) {
                try await store.create(Fixture.member("m-1"))
            }
            #expect(error?.sqlState == "23505")
        }
    }

    @Test("An invalid member is refused with a ValidationError before any SQL runs")
    func validationBeforeSQL() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let error = await #expect(throws: ValidationError.self) {
                try await MemberStore(client: client).create(Fixture.member("bad id", name: ""))
            }
            #expect(error?.fields == ["externalID", "name"])
            let lines = try await outboxLines(client)
            #expect(lines == [])
        }
    }

    @Test("Upserting by external id updates the member instead of adding one")
    func upsertUpdates() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            let first = try await store.upsert(Fixture.member("m-1", name: "Léa"))
            #expect(first.wasCreated)
            var changed = Fixture.member("m-1", name: "Léa Martin")
            changed.headline = "CTO"
            let second = try await store.upsert(changed)
            #expect(!second.wasCreated)
            #expect(second.value.id == first.value.id)
            #expect(second.value.name == "Léa Martin")
            #expect(second.value.headline == "CTO")
            #expect(second.value.createdAt == first.value.createdAt)
            #expect(try await store.list().total == 1)
        }
    }

    @Test("Updating an unknown member is notFound")
    func updateUnknown() async throws {
        try await TestPostgres.withDatabase { client, _ in
            var ghost = Fixture.member("m-1")
            ghost.id = 999
            _ = await expectStoreError(.notFound("member 999")) { try await MemberStore(client: client).update(ghost) }
        }
    }

    @Test("Creating a member and changing its settings write member outbox entries; other edits do not")
    func settingsChangesWriteOutbox() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            var member = try await store.create(Fixture.member("m-1"))
            member.email = "new@example.org"
            member = try await store.update(member)
            member.profileVisibility = .hidden
            member = try await store.update(member)
            member.hideConnections = true
            _ = try await store.update(member)
            let id = member.id
            #expect(
                try await outboxLines(client) == [
                    "member upsert - \(id)", "member upsert - \(id)", "member upsert - \(id)",
                ])
        }
    }

    @Test("Changing a member's country moves its CV to the new partition, with a delete and an upsert")
    func countryChangeMovesProfile() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            var member = try await members.create(Fixture.member("m-1", country: .france))
            _ = try await ProfileStore(client: client).upsert(
                Profile(memberID: member.id, country: .france, language: .fr, resume: Fixture.resume))
            try await client.query("DELETE FROM outbox")
            member.country = .germany
            _ = try await members.update(member)
            let partition = try await client.query(
                "SELECT tableoid::regclass::text AS partition, country FROM profiles WHERE member_id = \(member.id)")
            #expect(try partition.map { try $0.decode("partition", as: String.self) } == ["profiles_de"])
            #expect(
                try await outboxLines(client) == [
                    "member upsert - \(member.id)", "profile delete FR \(member.id)", "profile upsert DE \(member.id)",
                ])
        }
    }

    @Test("Lists filter by country and page in id order")
    func listByCountry() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            for (id, country) in [("a", Country.france), ("b", .germany), ("c", .france), ("d", .france)] {
                _ = try await store.create(Fixture.member(id, country: country))
            }
            let french = try await store.list(page: Page(page: 1, perPage: 2), country: .france)
            #expect(french.items.map(\.externalID) == ["a", "c"])
            #expect(french.total == 3)
            #expect(try await store.list(country: .germany).items.map(\.externalID) == ["b"])
            #expect(try await store.list().total == 4)
        }
    }

    @Test("Deleting a member removes its CV and connections and tells the outbox about each")
    func deleteErases() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = MemberStore(client: client)
            let lea = try await store.create(Fixture.member("lea"))
            let max = try await store.create(Fixture.member("max"))
            _ = try await ProfileStore(client: client).upsert(
                Profile(memberID: lea.id, country: .france, language: .fr, resume: Fixture.resume))
            _ = try await ConnectionStore(client: client).create(Connection(max.id, lea.id, since: Fixture.time))
            try await client.query("DELETE FROM outbox")
            #expect(try await store.delete(id: lea.id))
            #expect(try await store.delete(id: lea.id) == false)
            #expect(try await store.get(id: lea.id) == nil)
            #expect(try await ProfileStore(client: client).get(memberID: lea.id) == nil)
            #expect(try await ConnectionStore(client: client).get(lea.id, max.id) == nil)
            #expect(
                try await outboxLines(client) == [
                    "profile delete FR \(lea.id)", "connection delete - \(lea.id) \(max.id)",
                    "member delete - \(lea.id)",
                ])
        }
    }
}
