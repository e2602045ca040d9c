import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("ProfileStore")
struct StoreProfileTests {
    private func profile(_ memberID: Int64, country: Country = .france) -> Profile {
        Profile(
            memberID: memberID, country: country, language: .fr, resume: Fixture.resume,
            headline: "Développeuse backend", city: "Toulouse",
            coordinates: GeoPoint(latitude: 43.6045, longitude: 1.444),
            skills: ["Swift", "SwiftNIO"], relocateTo: [.germany, .spain])
    }

    @Test("A CV is kept exactly as given and read back with its fields")
    func roundTrip() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("m-1"))
            let store = ProfileStore(client: client)
            let saved = try await store.upsert(profile(member.id))
            #expect(saved.wasCreated)
            #expect(saved.value.resume == Fixture.resume)
            #expect(saved.value.relocateTo == [.germany, .spain])
            #expect(saved.value.coordinates == GeoPoint(latitude: 43.6045, longitude: 1.444))
            #expect(try await store.get(memberID: member.id) == saved.value)
        }
    }

    @Test("Saving a CV again replaces it, one row, with an outbox upsert each time")
    func upsertReplaces() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("m-1"))
            try await client.query("DELETE FROM outbox")
            let store = ProfileStore(client: client)
            _ = try await store.upsert(profile(member.id))
            var changed = profile(member.id)
            changed.skills = ["Rust"]
            changed.coordinates = nil
            let second = try await store.upsert(changed)
            #expect(!second.wasCreated)
            #expect(second.value.skills == ["Rust"])
            #expect(second.value.coordinates == nil)
            #expect(try await store.list().total == 1)
            #expect(
                try await outboxLines(client) == ["profile upsert FR \(member.id)", "profile upsert FR \(member.id)"])
        }
    }

    @Test("create refuses a second CV, update refuses a missing one")
    func createAndUpdateModes() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("m-1"))
            let store = ProfileStore(client: client)
            _ = await expectStoreError(.notFound("profile of member \(member.id)")) {
                try await store.update(profile(member.id))
            }
            _ = try await store.create(profile(member.id))
            _ = await expectStoreError(.duplicate("a profile for this member")) {
                try await store.create(profile(member.id))
            }
        }
    }

    @Test("A CV for another country than its member's, or for no member, is refused in words")
    func countryMustBeTheMembers() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("m-1", country: .france))
            let store = ProfileStore(client: client)
            _ = await expectStoreError(
                .conflict(
                    "a CV lives in its member's country, FR, not DE: change the member's country first")
            ) { try await store.upsert(profile(member.id, country: .germany)) }
            _ = await expectStoreError(.invalidReference("memberID")) { try await store.upsert(profile(12345)) }
            let lines = try await outboxLines(client)
            #expect(lines == ["member upsert - \(member.id)"])
        }
    }

    @Test("Deleting a CV writes a delete for its country; lists page by country")
    func deleteAndList() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            let store = ProfileStore(client: client)
            let lea = try await members.create(Fixture.member("lea", country: .france))
            let ana = try await members.create(Fixture.member("ana", country: .portugal))
            _ = try await store.upsert(profile(lea.id))
            _ = try await store.upsert(profile(ana.id, country: .portugal))
            #expect(try await store.list(country: .portugal).items.map(\.memberID) == [ana.id])
            #expect(try await store.list().total == 2)
            try await client.query("DELETE FROM outbox")
            #expect(try await store.delete(memberID: ana.id))
            #expect(try await store.delete(memberID: ana.id) == false)
            #expect(try await outboxLines(client) == ["profile delete PT \(ana.id)"])
        }
    }
}
