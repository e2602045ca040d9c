import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

// Fixtures shared by the store tests, and the tests of what the stores share
// (error mapping, paging, the outbox reader).

/// Values for the store tests: valid by default, changed where a test needs it.
enum Fixture {
    static func member(_ externalID: String, country: Country = .france, name: String? = nil) -> Member {
        Member(
            externalID: externalID, name: name ?? "Member \(externalID)", country: country,
            language: country.defaultLanguage ?? .en)
    }

    static func company(_ externalID: String, name: String? = nil, country: Country? = .france) -> Company {
        Company(externalID: externalID, name: name ?? "Company \(externalID)", country: country)
    }

    static func posting(
        companyID: Int64, requisitionID: String = "REQ-1", country: Country = .france, language: Language = .fr
    ) -> JobPosting {
        JobPosting(
            country: country, companyID: companyID, language: language, requisitionID: requisitionID,
            title: "Développeuse Swift", description: "<p>Swift et PostgreSQL</p>", employmentTypes: [.fullTime],
            city: "Toulouse", coordinates: GeoPoint(latitude: 43.6045, longitude: 1.4440),
            salary: SalaryRange(minimum: 45000, maximum: 55000, currency: "EUR", period: .year),
            skills: ["Swift", "PostgreSQL"], experienceMonths: 36,
            datePosted: CalendarDate(year: 2026, month: 11, day: 1)!)
    }

    static let resume: JSONValue = [
        "basics": ["name": "Léa Martin", "label": "Développeuse backend", "location": ["city": "Toulouse"]],
        "work": [["name": "Acme", "position": "Développeuse", "startDate": "2021-03-01"]],
        "meta": ["id": "m-1", "country": "FR", "openToWork": true, "location": ["lat": 43.6045, "lon": 1.444]],
    ]

    /// A fixed time with whole seconds, which PostgreSQL keeps exactly.
    static let time = Date(timeIntervalSince1970: 1_795_000_000)
}

/// The outbox as `topic operation country entity [other]` lines in id order,
/// read directly (not through OutboxStore's horizon) to see exactly what a write left.
func outboxLines(_ client: PostgresClient) async throws -> [String] {
    try await client.query(
        """
        SELECT concat_ws(' ', topic, operation, coalesce(country, '-'), entity_id, other_id) AS line
        FROM outbox ORDER BY id
        """
    ).map { try $0.decode("line", as: String.self) }
}

/// Runs `body` expecting a StoreError, and returns it.
func expectStoreError(
    _ kind: StoreError.Kind, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> some Any
) async -> StoreError? {
    let error = await #expect(throws: StoreError.self, sourceLocation: sourceLocation) { _ = try await body() }
    #expect(error?.kind == kind, sourceLocation: sourceLocation)
    return error
}

@Suite("Stores: shared behaviour")
struct StoreSupportTests {
    @Test("A page reports the total of the whole list, and a page past the end is empty with the same total")
    func pagingReportsTotals() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            for number in 1...5 { _ = try await members.create(Fixture.member("m-\(number)")) }
            let second = try await members.list(page: Page(page: 2, perPage: 2))
            #expect(second.items.map(\.externalID) == ["m-3", "m-4"])
            #expect(second.total == 5)
            #expect(second.pageCount == 3)
            #expect(second.hasNextPage)
            let third = try await members.list(page: Page(page: 3, perPage: 2))
            #expect(third.items.map(\.externalID) == ["m-5"])
            #expect(!third.hasNextPage)
            let beyond = try await members.list(page: Page(page: 9, perPage: 2))
            #expect(beyond.items.isEmpty)
            #expect(beyond.total == 5)
        }
    }
}
