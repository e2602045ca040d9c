import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport

/// A posting for index tests: only what a test names differs from a plain French one.
func samplePosting(
    id: Int64, title: String, description: String = "Une offre.", language: Language = .fr, country: Country = .france,
    company: Int64 = 1, city: String? = nil, coordinates: GeoPoint? = nil, types: [EmploymentType] = [.fullTime],
    remote: Bool = false, salary: SalaryRange? = nil, skills: [String] = [],
    posted: CalendarDate = CalendarDate(year: 2026, month: 11, day: 1)!,
    validThrough: Date? = nil
) -> JobPosting {
    JobPosting(
        id: id, country: country, companyID: company, language: language, requisitionID: "REQ-\(id)", title: title,
        description: description, employmentTypes: types, remote: remote, city: city, coordinates: coordinates,
        salary: salary, skills: skills, datePosted: posted, validThrough: validThrough)
}

/// Real shards in a temporary directory, written through ShardWriter like the
/// index writer does, and a SearchIndex over them.
struct TestIndex {
    let layout: IndexLayout
    let index: SearchIndex

    init(
        postings: [JobPosting], companyNames: [Int64: String] = [:], profiles: [ProfileDocument] = [],
        exactCountLimit: Int = 100_000, sampleSize: Int = 16_384, threads: Int = 1
    ) throws {
        layout = IndexLayout(root: try makeTemporaryDataDirectory().appendingPathComponent("index"))
        let byCountry = Dictionary(grouping: postings, by: \.country)
        for (country, postings) in byCountry {
            let writer = try layout.openWriter(country, .jobs, thesaurus: .bundled)
            for posting in postings {
                try writer.add(
                    PostingDocument(
                        posting: posting, companyName: companyNames[posting.companyID] ?? "Company \(posting.companyID)"
                    ))
            }
            try writer.commit(position: OutboxPosition(transactionID: 1, id: 1))
        }
        for (country, documents) in Dictionary(grouping: profiles, by: \.profile.country) {
            let writer = try layout.openWriter(country, .profiles, thesaurus: .bundled)
            for document in documents { try writer.add(document) }
            try writer.commit(position: OutboxPosition(transactionID: 1, id: 1))
        }
        index = SearchIndex(
            layout: layout, threads: threads, exactCountLimit: exactCountLimit, sampleSize: sampleSize)
    }

    /// The ids found by a job search for `query` (every page).
    func ids(
        _ query: String, language: Language? = nil, configure: (inout JobSearchRequest) -> Void = { _ in }
    )
        async throws -> [Int64]
    {
        var request = JobSearchRequest()
        request.query = query
        request.language = language
        request.page = SearchPage(number: 1, size: 100)
        configure(&request)
        return try await index.searchJobs(request, now: TestIndex.now).hits.map(\.id)
    }

    static let today = CalendarDate(year: 2026, month: 11, day: 10)!

    /// "Now" for searches: after the samples' posting date, before their expiry.
    static let now = CalendarDate(year: 2026, month: 11, day: 10)!.startOfDayUTC
}

/// A CV for index tests, with its member.
func sampleProfile(
    id: Int64, headline: String, skills: [String] = [], country: Country = .france, language: Language = .fr,
    city: String? = nil, openToWork: Bool = false, visibility: Member.ProfileVisibility = .public,
    employers: [Int64] = []
) -> ProfileDocument {
    let member = Member(
        id: id, externalID: "m\(id)", name: "Member \(id)", country: country, language: language, headline: headline,
        openToWork: openToWork, profileVisibility: visibility)
    let profile = Profile(
        memberID: id, country: country, language: language, resume: ["basics": ["label": .string(headline)]],
        headline: headline, city: city, skills: skills)
    return ProfileDocument(profile: profile, member: member, currentCompanyIDs: employers)
}
