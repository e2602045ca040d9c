import Foundation
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import ServiceLifecycle
import Testing

/// Companies, postings, members and CVs written to PostgreSQL through the
/// stores, as the API and imports write them (outbox entries included), and
/// what the index should hold according to PostgreSQL.
struct SearchFixtures {
    let client: PostgresClient

    var postings: JobPostingStore { JobPostingStore(client: client) }
    var members: MemberStore { MemberStore(client: client) }
    var profiles: ProfileStore { ProfileStore(client: client) }
    var employments: EmploymentStore { EmploymentStore(client: client) }

    func company(_ name: String) async throws -> Company {
        try await CompanyStore(client: client).create(
            Company(externalID: name.lowercased().replacingOccurrences(of: " ", with: "-"), name: name))
    }

    /// An open posting, valid for a month from today (searches leave out expired ones).
    static func posting(
        _ title: String, company: Company, country: Country = .france, requisition: String? = nil
    ) -> JobPosting {
        JobPosting(
            country: country, companyID: company.id, language: country.defaultLanguage ?? .en,
            requisitionID: requisition ?? "REQ-\(UUID().uuidString.prefix(8))", title: title,
            description: "<p>\(title): une offre.</p>", employmentTypes: [.fullTime], city: "Lyon",
            skills: ["Swift"], datePosted: CalendarDate(utcDayOf: Date()))
    }

    func posting(_ title: String, company: Company, country: Country = .france) async throws -> JobPosting {
        try await postings.create(Self.posting(title, company: company, country: country))
    }

    /// A member with a CV in its country.
    func member(
        _ name: String, country: Country = .france, visibility: Member.ProfileVisibility = .public,
        openToWork: Bool = false, headline: String = "Développeuse"
    ) async throws -> Member {
        let member = try await members.create(
            Member(
                externalID: "m-\(UUID().uuidString.prefix(8))", name: name, country: country,
                language: country.defaultLanguage ?? .en, headline: headline, openToWork: openToWork,
                profileVisibility: visibility))
        _ = try await profiles.create(
            Profile(
                memberID: member.id, country: country, language: member.language,
                resume: .object(["basics": .object(["name": .string(name)])]), headline: headline,
                summary: "\(headline) depuis dix ans", city: "Lyon", skills: ["Swift", "PostgreSQL"]))
        return member
    }

    /// The ids of the open postings of `country`: what its jobs shard must hold.
    func openPostingIDs(_ country: Country) async throws -> Set<Int64> {
        try await ids("SELECT id FROM job_postings WHERE country = \(country) AND status = 'open'")
    }

    /// The members whose CV in `country` may be found: what its profiles shard must hold.
    func searchableProfileIDs(_ country: Country) async throws -> Set<Int64> {
        try await ids(
            """
            SELECT p.member_id AS id FROM profiles p JOIN members m ON m.id = p.member_id
            WHERE p.country = \(country) AND m.profile_visibility <> 'hidden'
            """)
    }

    private func ids(_ query: PostgresQuery) async throws -> Set<Int64> {
        Set(try await client.query(query).map { try $0.decode("id", as: Int64.self) })
    }
}

/// What the shards of a layout hold, read as a server reads them.
struct IndexContents {
    let layout: IndexLayout
    let search: SearchIndex

    init(_ layout: IndexLayout) {
        self.layout = layout
        search = SearchIndex(layout: layout, threads: 1)
    }

    /// The ids every search finds in the shard (an empty query matches everything).
    func ids(_ country: Country, _ kind: IndexKind) async throws -> Set<Int64> {
        switch kind {
        case .jobs:
            var request = JobSearchRequest()
            request.countries = [country]
            request.page = SearchPage(number: 1, size: 100_000)
            return Set(try await search.searchJobs(request).hits.map(\.id))
        case .profiles:
            var request = ProfileSearchRequest()
            request.countries = [country]
            request.includeNetworkVisibility = true
            request.page = SearchPage(number: 1, size: 100_000)
            return Set(try await search.searchProfiles(request).hits.map(\.id))
        }
    }

    /// The row a search shows for the CV of `memberID`.
    func profileRow(_ country: Country, _ memberID: Int64) async throws -> ProfileRow? {
        var request = ProfileSearchRequest()
        request.countries = [country]
        request.includeNetworkVisibility = true
        request.page = SearchPage(number: 1, size: 100_000)
        return try await search.searchProfiles(request).hits.first { $0.id == memberID }?.row
    }

    /// The shard's document count and the outbox position its last commit recorded.
    func shard(_ country: Country, _ kind: IndexKind) async throws -> (documents: Int, position: OutboxPosition?)? {
        guard let directory = layout.currentDirectory(country, kind) else { return nil }
        return try await BlockingThread.run(named: "test-shard-reader") {
            let reader = try ShardReader(directory: directory)
            return (reader.documentCount, try reader.position())
        }
    }
}

/// A temporary place for shards.
func temporaryLayout() throws -> IndexLayout {
    IndexLayout(root: try makeTemporaryDataDirectory().appendingPathComponent("index"))
}

/// A logger that keeps quiet unless something goes wrong.
func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// Runs `writer` in a service group for the length of `body`, then shuts it
/// down gracefully (as a server's Ctrl-C would) and waits for it to end.
func withRunning<T: Sendable>(_ writer: IndexWriter, _ body: () async throws -> T) async throws -> T {
    let group = ServiceGroup(services: [writer], logger: quietLogger("test.services"))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let value = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return value
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes; false on timeout.
func eventually(
    within timeout: Duration = .seconds(10), _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
