import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("CompanyStore")
struct StoreCompanyTests {
    @Test("A created company reads back by id and external id, its normalised name stored")
    func createAndGet() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = CompanyStore(client: client)
            let created = try await store.create(
                Company(externalID: "sg", name: "Société Générale S.A.", country: .france, url: "https://sg.example"))
            #expect(created.id > 0)
            #expect(try await store.get(id: created.id) == created)
            #expect(try await store.get(externalID: "sg") == created)
            let stored = try await client.query("SELECT normalized_name FROM companies WHERE id = \(created.id)")
            #expect(try stored[0].decode("normalized_name", as: String.self) == "societe generale")
        }
    }

    @Test("Upserting by external id renames the company and keeps its id")
    func upsertUpdates() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = CompanyStore(client: client)
            let first = try await store.upsert(Fixture.company("acme", name: "Acme"))
            let second = try await store.upsert(Fixture.company("acme", name: "Acme Corp"))
            #expect(first.wasCreated)
            #expect(!second.wasCreated)
            #expect(
                second.value == Company(id: first.value.id, externalID: "acme", name: "Acme Corp", country: .france))
            #expect(try await store.list().total == 1)
        }
    }

    @Test("A CV's work entry finds its company by normalised name in the member's country or in none")
    func matchingByName() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = CompanyStore(client: client)
            let german = try await store.create(Fixture.company("sg-de", name: "Société Générale", country: .germany))
            let french = try await store.create(
                Fixture.company("sg-fr", name: "Société Générale S.A.", country: .france))
            let global = try await store.create(Fixture.company("sg", name: "SOCIETE GENERALE", country: nil))
            #expect(try await store.matching(name: "societe generale", country: .france) == [french, global])
            #expect(try await store.matching(name: "Société-Générale", country: .germany) == [german, global])
            #expect(try await store.matching(name: "Acme", country: .france) == [])
        }
    }

    @Test("Companies list in name order with the total")
    func listsByName() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = CompanyStore(client: client)
            for (id, name) in [("z", "Zeta"), ("a", "Alpha"), ("m", "Mu")] {
                _ = try await store.create(Fixture.company(id, name: name))
            }
            let page = try await store.list(page: Page(page: 1, perPage: 2))
            #expect(page.items.map(\.name) == ["Alpha", "Mu"])
            #expect(page.total == 3)
        }
    }

    @Test("Updating an unknown company is notFound; a taken external id is a duplicate")
    func errors() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let store = CompanyStore(client: client)
            _ = await expectStoreError(.notFound("company 42")) {
                try await store.update(Company(id: 42, externalID: "x", name: "X"))
            }
            _ = try await store.create(Fixture.company("acme"))
            var other = try await store.create(Fixture.company("globex"))
            other.externalID = "acme"
            _ = await expectStoreError(.duplicate("a company with this external id")) { try await store.update(other) }
        }
    }
}
