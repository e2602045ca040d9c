import PasserelleCore
import PasserelleSearch
import Testing

@Suite("Counting and pages over several shards: exact under the limit, sampled far over it")
struct CountingTests {
    static let countries: [Country] = [.france, .germany, .unitedKingdom]

    /// `count` postings over three shards; in the order they are indexed, the first
    /// half is full-time and the second half part-time.
    static func postings(_ count: Int) -> [JobPosting] {
        (1...count).map { id in
            samplePosting(
                id: Int64(id), title: "Magasinier", country: countries[id % 3], company: Int64(id % 50),
                types: [id <= count / 2 ? .fullTime : .partTime])
        }
    }

    static func search(
        _ index: TestIndex, facets: [SearchFacet] = [.type, .company],
        configure: (inout JobSearchRequest) -> Void = { _ in }
    ) async throws -> JobSearchResults {
        var request = JobSearchRequest()
        request.facets = facets
        request.facetLimit = 100
        configure(&request)
        return try await index.index.searchJobs(request, now: TestIndex.now)
    }

    static func counts(_ results: JobSearchResults, _ facet: SearchFacet) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (results.facets[facet] ?? []).map { ($0.value, $0.count) })
    }

    @Test("A total far over the limit is estimated from a sample spread over the whole index, not its first documents")
    func sampledEstimate() async throws {
        // 3,000 documents, a sample of about 300: one in ten.
        let index = try TestIndex(postings: Self.postings(3_000), exactCountLimit: 500, sampleSize: 300)
        let results = try await Self.search(index)
        #expect(!results.totalIsExact)
        #expect(abs(results.total - 3_000) <= 450, "estimate \(results.total)")
        let types = Self.counts(results, .type)
        // Half and half, although all full-time postings come first in index order.
        for type in ["FULL_TIME", "PART_TIME"] {
            let count = types[type] ?? 0
            #expect(abs(count - 1_500) <= 300, "\(type): \(count)")
            #expect(count % 10 == 0, "sampled counts are scaled by the sampling rate")
        }
        #expect(results.hits.count == 20)
    }

    @Test("Under the limit, total and facets are counted one by one even when a sample was taken first")
    func exactUnderTheLimit() async throws {
        let postings = Self.postings(3_000)
        let index = try TestIndex(postings: postings, exactCountLimit: 600, sampleSize: 300)
        let results = try await Self.search(index) {
            $0.query = "magasinier"
            $0.countries = [.france]
            $0.types = [.partTime]
        }
        let expected = postings.filter { $0.country == .france && $0.employmentTypes == [.partTime] }
        #expect(expected.count == 500)
        #expect(results.total == 500 && results.totalIsExact)
        let companies = Dictionary(grouping: expected, by: { String($0.companyID) }).mapValues(\.count)
        #expect(Self.counts(results, .company) == companies)
        #expect(Self.counts(results, .type) == ["PART_TIME": 500])
    }

    @Test("Between the limit and twice it, the total is an estimate and never under the limit")
    func justOverTheLimit() async throws {
        let index = try TestIndex(postings: Self.postings(3_000), exactCountLimit: 400, sampleSize: 300)
        // Without words and with them (then the page's bounds say no sample is needed, until the count overflows).
        for query in ["", "magasinier"] {
            let results = try await Self.search(index) {
                $0.query = query
                $0.countries = [.france]
                $0.types = [.partTime]
            }
            #expect(!results.totalIsExact, "\(query)")
            #expect(results.total >= 400, "\(query)")
            let partTime = Self.counts(results, .type)["PART_TIME"] ?? 0
            #expect(abs(partTime - 500) <= 150, "sampled facets, \(query): \(partTime)")
        }
    }

    /// Twelve postings of four companies, each company in several job spaces,
    /// posted on days 1 to 12.
    static let spread: [JobPosting] = (1...12).map { id in
        samplePosting(
            id: Int64(id), title: "Comptable", country: countries[id % 3], company: Int64(id % 4),
            posted: CalendarDate(year: 2026, month: 10, day: id)!,
            validThrough: TestIndex.now.addingTimeInterval(86_400))
    }

    func pages(_ index: TestIndex, size: Int, configure: (inout JobSearchRequest) -> Void) async throws -> [Int64] {
        var ids: [Int64] = []
        for number in 1... {
            let results = try await Self.search(index, facets: []) {
                configure(&$0)
                $0.page = SearchPage(number: number, size: size)
            }
            ids += results.hits.map(\.id)
            if results.hits.count < size { return ids }
        }
        return ids
    }

    @Test("Without words, pages merge the shards: newest first, at most one or two per company over all shards")
    func mergedPages() async throws {
        let index = try TestIndex(postings: Self.spread)
        let byDate = Self.spread.sorted { $0.datePosted > $1.datePosted }.map(\.id)
        #expect(try await index.ids("") { $0.sort = .date } == byDate)
        // The newest posting of each company, wherever it was posted.
        for (diversify, perCompany) in [(Diversify.onePerCompany, 1), (.twoPerCompany, 2)] {
            var seen: [Int64: Int] = [:]
            let expected = byDate.filter { id in
                let company = Self.spread.first { $0.id == id }!.companyID
                seen[company, default: 0] += 1
                return seen[company]! <= perCompany
            }
            #expect(expected.count == 4 * perCompany)
            for size in [1, 3, 100] {
                let found = try await pages(index, size: size) {
                    $0.sort = .date
                    $0.diversify = diversify
                }
                #expect(found == expected, "\(diversify), pages of \(size)")
            }
        }
        // In index order, pages of any size give every posting once, in one order.
        let all = try await index.ids("")
        #expect(Set(all) == Set(Self.spread.map(\.id)) && all.count == 12)
        for size in [1, 5] { #expect(try await pages(index, size: size) { _ in } == all) }

        // The last days are looked at first: a page they fill, and a posting dated after today, come first.
        let recent = [(99, 12), (98, 10), (97, 9)].map { id, day in
            samplePosting(
                id: Int64(id), title: "Comptable", country: .germany, company: 9,
                posted: CalendarDate(year: 2026, month: 11, day: day)!,
                validThrough: TestIndex.now.addingTimeInterval(86_400))
        }
        let withRecent = try TestIndex(postings: Self.spread + recent)
        #expect(try await pages(withRecent, size: 2) { $0.sort = .date } == [99, 98, 97] + byDate)
    }

    @Test("Newest first looks at the last days first, and further back when filters leave too few")
    func newestFirstByWindows() async throws {
        // Sixty postings on sixty days; one in five part-time.
        let start = CalendarDate(year: 2026, month: 9, day: 12)!
        let postings = (0..<60).map { day in
            samplePosting(
                id: Int64(day + 1), title: "Caissier", country: Self.countries[day % 3], company: Int64(day % 7),
                types: [day % 5 == 0 ? .partTime : .fullTime], posted: start.adding(days: day),
                validThrough: TestIndex.now.addingTimeInterval(86_400))
        }
        let index = try TestIndex(postings: postings)
        let newest = postings.sorted { $0.datePosted > $1.datePosted }
        for size in [1, 3, 20] {
            #expect(try await pages(index, size: size) { $0.sort = .date } == newest.map(\.id))
            let partTime = newest.filter { $0.employmentTypes == [.partTime] }.map(\.id)
            #expect(
                try await pages(index, size: size) {
                    $0.sort = .date
                    $0.types = [.partTime]
                } == partTime)
        }
    }
}
