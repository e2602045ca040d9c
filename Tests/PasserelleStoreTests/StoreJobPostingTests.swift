import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("JobPostingStore")
struct StoreJobPostingTests {
    struct Abort: Error {}

    /// A database with one company; `body` gets the store and the company's id.
    private func withCompany(_ body: (PostgresClient, JobPostingStore, Int64) async throws -> Void) async throws {
        try await TestPostgres.withDatabase { client, _ in
            let company = try await CompanyStore(client: client).create(Fixture.company("acme"))
            try await body(client, JobPostingStore(client: client), company.id)
        }
    }

    private func partition(of id: Int64, _ client: PostgresClient) async throws -> [String] {
        try await client.query("SELECT tableoid::regclass::text AS partition FROM job_postings WHERE id = \(id)")
            .map { try $0.decode("partition", as: String.self) }
    }

    @Test("Every field of a posting survives a create and a read")
    func createRoundTrip() async throws {
        try await withCompany { client, store, companyID in
            var posting = Fixture.posting(companyID: companyID)
            posting.remote = true
            posting.region = "Occitanie"
            posting.postalCode = "31000"
            posting.occupationalCategory = "2512"
            posting.employmentTypes = [.fullTime, .contractor]
            posting.validThrough = Fixture.time
            let created = try await store.create(posting)
            #expect(created.id > 0)
            var expected = posting
            expected.id = created.id
            expected.createdAt = created.createdAt
            expected.updatedAt = created.updatedAt
            #expect(created == expected)
            #expect(try await store.get(id: created.id) == created)
            #expect(try await store.get(key: posting.key) == created)
            #expect(try await partition(of: created.id, client) == ["job_postings_fr"])
        }
    }

    @Test("Creating a posting writes its outbox entry in the same transaction")
    func createWritesOutbox() async throws {
        try await withCompany { client, store, companyID in
            let created = try await store.create(Fixture.posting(companyID: companyID))
            #expect(try await outboxLines(client) == ["posting upsert FR \(created.id)"])
        }
    }

    @Test("A rolled-back transaction leaves neither the posting, its key nor its outbox entry")
    func rollbackLeavesNothing() async throws {
        try await withCompany { client, store, companyID in
            await #expect(throws: Abort.self) {
                try await client.withTransaction { connection in
                    _ = try await store.create(Fixture.posting(companyID: companyID), on: connection)
                    throw Abort()
                }
            }
            let counts = try await client.query(
                """
                SELECT (SELECT count(*) FROM job_postings) AS postings, (SELECT count(*) FROM job_posting_keys) AS keys,
                       (SELECT count(*) FROM outbox) AS outbox
                """)[0]
            #expect(try counts.decode("postings", as: Int.self) == 0)
            #expect(try counts.decode("keys", as: Int.self) == 0)
            #expect(try counts.decode("outbox", as: Int.self) == 0)
        }
    }

    @Test("Upserting the same company, language and requisition id updates the posting instead of adding one")
    func upsertByKey() async throws {
        try await withCompany { client, store, companyID in
            let first = try await store.upsert(Fixture.posting(companyID: companyID))
            var again = Fixture.posting(companyID: companyID)
            again.title = "Développeur·se Swift senior"
            let second = try await store.upsert(again)
            #expect(first.wasCreated)
            #expect(!second.wasCreated)
            #expect(second.value.id == first.value.id)
            #expect(second.value.title == "Développeur·se Swift senior")
            #expect(try await store.list().total == 1)
            // The same requisition in another language is another posting.
            let english = try await store.upsert(Fixture.posting(companyID: companyID, language: .en))
            #expect(english.wasCreated)
            #expect(try await store.list().total == 2)
            #expect(
                try await outboxLines(client) == [
                    "posting upsert FR \(first.value.id)", "posting upsert FR \(first.value.id)",
                    "posting upsert FR \(english.value.id)",
                ])
        }
    }

    @Test("Creating a second posting with the same key is a duplicate, whatever its country")
    func duplicateKeyAcrossCountries() async throws {
        try await withCompany { _, store, companyID in
            _ = try await store.create(Fixture.posting(companyID: companyID, country: .france))
            let error = await expectStoreError(
                .duplicate("a job posting with this company, language and requisition id")
            ) {
                try await store.create(Fixture.posting(companyID: companyID, country: .germany))
            }
            #expect(error?.sqlState == "23505")
        }
    }

    @Test("A posting for an unknown company is an invalid companyID reference (23503)")
    func unknownCompany() async throws {
        try await withCompany { _, store, _ in
            let error = await expectStoreError(.invalidReference("companyID")) {
                try await store.create(Fixture.posting(companyID: 9999))
            }
            #expect(error?.sqlState == "23503")
        }
    }

    @Test("Moving a posting to another country moves its row to that partition, with a delete and an upsert")
    func countryMoveBetweenPartitions() async throws {
        try await withCompany { client, store, companyID in
            var posting = try await store.create(Fixture.posting(companyID: companyID, country: .france))
            posting.country = .germany
            posting.city = "Berlin"
            let moved = try await store.update(posting)
            #expect(moved.country == .germany)
            #expect(moved.city == "Berlin")
            #expect(try await partition(of: posting.id, client) == ["job_postings_de"])
            let key = try await client.query("SELECT country FROM job_posting_keys WHERE id = \(posting.id)")
            #expect(try key[0].decode("country", as: String.self) == "DE")
            #expect(
                try await outboxLines(client) == [
                    "posting upsert FR \(posting.id)", "posting delete FR \(posting.id)",
                    "posting upsert DE \(posting.id)",
                ])
            // A country without a job space goes to the default partition.
            posting.country = Country("US")!
            _ = try await store.update(posting)
            #expect(try await partition(of: posting.id, client) == ["job_postings_default"])
        }
    }

    @Test("Closing keeps the posting with status closed and an upsert; deleting removes it with a delete")
    func closeAndDelete() async throws {
        try await withCompany { client, store, companyID in
            let posting = try await store.create(Fixture.posting(companyID: companyID, country: .spain, language: .es))
            #expect(try await store.close(id: posting.id).status == .closed)
            #expect(try await store.delete(id: posting.id))
            #expect(try await store.delete(id: posting.id) == false)
            #expect(try await store.get(id: posting.id) == nil)
            #expect(
                try await outboxLines(client) == [
                    "posting upsert ES \(posting.id)", "posting upsert ES \(posting.id)",
                    "posting delete ES \(posting.id)",
                ])
            _ = await expectStoreError(.notFound("job posting \(posting.id)")) { try await store.close(id: posting.id) }
        }
    }

    @Test("Lists filter by country, company and status, with totals")
    func listFilters() async throws {
        try await withCompany { client, store, companyID in
            let other = try await CompanyStore(client: client).create(Fixture.company("globex"))
            let a = try await store.create(Fixture.posting(companyID: companyID, requisitionID: "A"))
            let b = try await store.create(Fixture.posting(companyID: companyID, requisitionID: "B", country: .italy))
            let c = try await store.create(Fixture.posting(companyID: other.id, requisitionID: "C"))
            _ = try await store.close(id: c.id)
            #expect(try await store.list(country: .france).items.map(\.id) == [a.id, c.id])
            #expect(try await store.list(companyID: companyID).items.map(\.id) == [a.id, b.id])
            #expect(try await store.list(status: .open).items.map(\.id) == [a.id, b.id])
            let page = try await store.list(page: Page(page: 2, perPage: 1), country: .france, status: .closed)
            #expect(page.items == [])
            #expect(page.total == 1)
        }
    }

    @Test("Updating an unknown posting is notFound; an invalid one is refused by validation")
    func updateErrors() async throws {
        try await withCompany { _, store, companyID in
            var ghost = Fixture.posting(companyID: companyID)
            ghost.id = 77
            _ = await expectStoreError(.notFound("job posting 77")) { try await store.update(ghost) }
            ghost.salary = SalaryRange(minimum: 2, maximum: 1, currency: "EUR")
            let error = await #expect(throws: ValidationError.self) { try await store.update(ghost) }
            #expect(error?.fields == ["baseSalary.value.maxValue"])
        }
    }
}
