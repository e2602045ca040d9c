import Foundation
import PasserelleCore
import PasserelleSearch
import Testing

@Suite("Search: filters, order, pages, errors, suggestions, CVs")
struct SearchBehaviourTests {
    @Test("An expired posting is never found, even by its exact title")
    func expiredNeverFound() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "Boulanger", validThrough: TestIndex.now.addingTimeInterval(-1)),
            samplePosting(id: 2, title: "Boulanger", validThrough: TestIndex.now.addingTimeInterval(3_600)),
            // Valid through exactly now: expired (validThrough <= now), on the same day as posting 2.
            samplePosting(id: 3, title: "Boulanger", validThrough: TestIndex.now),
            samplePosting(id: 4, title: "Boulanger", validThrough: TestIndex.now.addingTimeInterval(-86_400 * 40)),
        ])
        #expect(try await index.ids("boulanger") == [2])
        #expect(try await index.ids("") == [2])
    }

    @Test("Counts are exact under the limit and flagged as estimates above it")
    func exactCounts() async throws {
        let postings = (1...30).map { samplePosting(id: Int64($0), title: "Serveur") }
        let exact = try TestIndex(postings: postings, exactCountLimit: 100)
        var request = JobSearchRequest()
        request.page = SearchPage(number: 1, size: 5)
        let full = try await exact.index.searchJobs(request, now: TestIndex.now)
        #expect(full.total == 30 && full.totalIsExact && full.hits.count == 5)
        let estimated = try TestIndex(postings: postings, exactCountLimit: 10)
        #expect(try await estimated.index.searchJobs(request, now: TestIndex.now).totalIsExact == false)
    }

    @Test("Pages are stable: page 2 continues page 1 in the same order, query after query")
    func stablePages() async throws {
        let index = try TestIndex(
            postings: (1...25).map { samplePosting(id: Int64($0), title: "Vendeur", company: Int64($0 % 3)) })
        var request = JobSearchRequest()
        request.query = "vendeur"
        request.page = SearchPage(number: 1, size: 25)
        let all = try await index.index.searchJobs(request, now: TestIndex.now).hits.map(\.id)
        #expect(all.count == 25)
        var pages: [Int64] = []
        for number in 1...3 {
            request.page = SearchPage(number: number, size: 10)
            pages += try await index.index.searchJobs(request, now: TestIndex.now).hits.map(\.id)
        }
        #expect(pages == all)
        request.page = SearchPage(number: 1, size: 25)
        #expect(try await index.index.searchJobs(request, now: TestIndex.now).hits.map(\.id) == all)
    }

    @Test("Sort by date puts the newest first; diversify keeps one or two per company")
    func sortAndDiversify() async throws {
        let postings = (1...9).map {
            samplePosting(
                id: Int64($0), title: "Chauffeur", company: Int64($0 % 3),
                posted: CalendarDate(year: 2026, month: 11, day: $0)!)
        }
        let index = try TestIndex(postings: postings)
        #expect(try await index.ids("chauffeur") { $0.sort = .date } == [9, 8, 7, 6, 5, 4, 3, 2, 1])
        #expect(
            try await index.ids("chauffeur") {
                $0.sort = .date; $0.diversify = .onePerCompany
            } == [9, 8, 7])
        #expect(
            try await index.ids("chauffeur") {
                $0.sort = .date; $0.diversify = .twoPerCompany
            } == [9, 8, 7, 6, 5, 4])
    }

    @Test("Filters: language, company, remote, several countries")
    func filters() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "Designer", company: 7, remote: true),
            samplePosting(id: 2, title: "Designer", language: .de, country: .germany, company: 8),
            samplePosting(id: 3, title: "Designer", language: .en, country: .unitedKingdom, company: 7),
        ])
        #expect(Set(try await index.ids("designer") { $0.countries = [.france, .germany] }) == [1, 2])
        #expect(Set(try await index.ids("designer") { $0.companies = [7] }) == [1, 3])
        #expect(try await index.ids("designer") { $0.remote = true } == [1])
        #expect(Set(try await index.ids("designer") { $0.languages = [.de, .en] }) == [2, 3])
        #expect(try await index.ids("designer") { $0.networkCompanies = [] } == [])
    }

    @Test("Searches running at once on several threads give what they give one at a time")
    func concurrentSearches() async throws {
        let titles = ["Développeur Java", "Développeuse web", "Chef de projet", "Comptable", "Infirmière"]
        let postings = (1...200).map {
            samplePosting(id: Int64($0), title: titles[$0 % titles.count], description: "Missions variées à Toulouse.")
        }
        let test = try TestIndex(postings: postings, threads: 4)
        // The empty query (match everything) too: Xapian's shared MatchAll must never be copied across threads.
        let queries = ["développeurs", "projet", "comptables toulouse", "infirmier", "missions variees", ""]
        var alone: [String: [Int64]] = [:]
        for query in queries { alone[query] = try await test.ids(query, language: .fr) }
        try await withThrowingTaskGroup(of: (String, [Int64]).self) { group in
            for round in 0..<600 {
                let query = queries[round % queries.count]
                group.addTask { (query, try await test.ids(query, language: .fr)) }
            }
            for try await (query, ids) in group { #expect(ids == alone[query]) }
        }
    }

    @Test("Queries Xapian cannot parse are the user's error, typed as invalid queries")
    func invalidQueries() async throws {
        let index = try TestIndex(postings: [samplePosting(id: 1, title: "Analyste")])
        for query in ["AND", "foo AND", "title:(a OR", String(repeating: "(", count: 10_000), "a)", "(a) (b"] {
            var request = JobSearchRequest()
            request.query = query
            let error = await #expect(throws: SearchError.self, "\(query.prefix(20))") {
                try await index.index.searchJobs(request, now: TestIndex.now)
            }
            #expect(error?.isInvalidQuery == true, "\(query.prefix(20)): \(String(describing: error))")
        }
    }

    @Test("Suggestions complete any word start of titles in the language, and company names")
    func suggestions() async throws {
        let index = try TestIndex(
            postings: [
                samplePosting(id: 1, title: "Développeur mobile", company: 1),
                samplePosting(id: 2, title: "Développeur mobile", company: 2),
                samplePosting(id: 3, title: "Lead développeur", company: 1),
                samplePosting(id: 4, title: "Developer", language: .en, country: .unitedKingdom, company: 3),
            ],
            companyNames: [1: "Devoteam", 2: "Airbus", 3: "Deliveroo"])
        let french = try await index.index.suggest("dev", language: .fr)
        #expect(french.titles == ["Développeur mobile", "Lead développeur"])
        #expect(french.companies == ["Devoteam"])
        #expect(try await index.index.suggest("DÉV", language: .en).titles == ["Developer"])
        #expect(try await index.index.suggest("", language: .fr) == Suggestions(titles: [], companies: []))
    }

    @Test("CV search: skills, open to work without the viewer's own employees, hidden CVs never found")
    func profiles() async throws {
        let index = try TestIndex(
            postings: [],
            profiles: [
                sampleProfile(
                    id: 1, headline: "Ingénieure données", skills: ["Python", "SQL"], openToWork: true, employers: [50]),
                sampleProfile(
                    id: 2, headline: "Ingénieur données", skills: ["Python"], openToWork: true, employers: [60]),
                sampleProfile(id: 3, headline: "Ingénieur données", skills: ["Python", "SQL"], visibility: .hidden),
                sampleProfile(id: 4, headline: "Ingénieur données", skills: ["SQL"], visibility: .network),
            ])
        func ids(_ configure: (inout ProfileSearchRequest) -> Void) async throws -> [Int64] {
            var request = ProfileSearchRequest()
            request.query = "ingenieur donnees"
            configure(&request)
            return try await index.index.searchProfiles(request, now: TestIndex.now).hits.map(\.id)
        }
        #expect(try await ids { _ in } == [1, 2])
        #expect(try await ids { $0.skills = ["sql"] } == [1])
        #expect(
            try await ids {
                $0.openToWork = true; $0.viewerCompany = 50
            } == [2])
        #expect(try await ids { $0.includeNetworkVisibility = true } == [1, 2, 4])
        var facets = ProfileSearchRequest()
        facets.query = "ingenieur donnees"
        facets.facets = [.openToWork]
        #expect(
            try await index.index.searchProfiles(facets, now: TestIndex.now).facets[.openToWork] == [
                FacetCount(value: "true", count: 2)
            ])
        // The recruiter of company 50 never learns from the counts that member 1 is looking.
        facets.viewerCompany = 50
        #expect(
            try await index.index.searchProfiles(facets, now: TestIndex.now).facets[.openToWork] == [
                FacetCount(value: "false", count: 1), FacetCount(value: "true", count: 1),
            ])
        #expect(
            try await ids {
                $0.query = ""; $0.includeNetworkVisibility = true
            }.contains(3) == false)
        // Snippets when asked for (by default), none otherwise: the same hits either way.
        var plain = ProfileSearchRequest()
        plain.query = "ingenieur donnees"
        let withSnippets = try await index.index.searchProfiles(plain, now: TestIndex.now).hits
        #expect(!withSnippets.isEmpty && withSnippets.allSatisfy { $0.snippet?.isEmpty == false })
        plain.snippets = false
        let without = try await index.index.searchProfiles(plain, now: TestIndex.now).hits
        #expect(without.map(\.id) == withSnippets.map(\.id) && without.allSatisfy { $0.snippet == nil })
    }
}
