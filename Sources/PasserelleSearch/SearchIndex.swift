import Foundation
import PasserelleCore
import PasserelleIndexing
import PasserelleStore
import Synchronization

/// The searching side of the index: job and CV searches and suggestions over the
/// per-country shards of an ``IndexLayout``. Xapian calls run on threads of their
/// own (one per core by default), each with its own open shards, which it brings
/// to the latest commit (or to a swapped-in rebuild) before every search.
public final class SearchIndex: Sendable {
    public let layout: IndexLayout
    /// The job spaces searched when a request names none.
    public let countries: [Country]
    private let workers: [SearchWorker]
    private let nextWorker = Mutex(0)

    /// Counts are exact whenever the total is under this (100,000 by default).
    public let exactCountLimit: Int
    /// Totals and facet counts far over `exactCountLimit` are estimated from a
    /// sample of about so many documents of the shards searched (16,384 by default).
    public let sampleSize: Int
    /// Snippets hold about so many words.
    public static let snippetWords = 30

    /// Matching finds the occupations of titles with it (the writers' thesaurus).
    public let thesaurus: JobTitleThesaurus

    public init(
        layout: IndexLayout, countries: [Country] = Country.jobSpaces, threads: Int? = nil,
        exactCountLimit: Int = 100_000, sampleSize: Int = 16_384, thesaurus: JobTitleThesaurus = .bundled
    ) {
        self.layout = layout
        self.thesaurus = thesaurus
        self.exactCountLimit = exactCountLimit
        self.sampleSize = sampleSize
        self.countries = countries
        let count = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        workers = (0..<count).map { SearchWorker(layout: layout, name: "passerelle-search-\($0)") }
    }

    deinit {
        for worker in workers { worker.thread.stop() }
    }

    public func searchJobs(_ request: JobSearchRequest, now: Date = Date()) async throws -> JobSearchResults {
        try await search(
            .jobs, countries: request.countries, query: request.query, language: request.language,
            cities: request.cities, near: request.near, sort: request.sort, facets: request.facets,
            facetLimit: request.facetLimit, page: request.page, now: now
        ) { readers, search, arena in
            search.types = arena.list(request.types.map(\.rawValue))
            search.remote = request.remote.map { $0 ? 1 : 0 } ?? -1
            if let minimum = request.salaryMinimum {
                search.has_salary_min = 1
                search.salary_min = minimum
            }
            if let days = request.postedWithinDays {
                search.posted_since = Int64(now.timeIntervalSince1970) - Int64(days) * 86_400
            }
            let companies = companyFilter(request.companies, request.networkCompanies)
            if let companies, companies.isEmpty {
                return SearchResults(total: 0, totalIsExact: true, correctedQuery: nil, hits: [], facets: [:])
            }
            search.companies = arena.int64s(companies ?? [])
            search.company_count = companies?.count ?? 0
            search.languages = arena.list(request.languages.map(\.code))
            search.per_company = request.diversify.perCompany
            return try execute(readers, &search, request.facets, JobRow.self)
        }
    }

    public func searchProfiles(
        _ request: ProfileSearchRequest, now: Date = Date()
    ) async throws
        -> ProfileSearchResults
    {
        try await search(
            .profiles, countries: request.countries, query: request.query, language: request.language,
            cities: request.cities, near: request.near, sort: request.sort, facets: request.facets,
            facetLimit: request.facetLimit, page: request.page, now: now
        ) { readers, search, arena in
            search.remote = -1
            search.skills = arena.list(request.skills)
            search.open_to_work = request.openToWork ? 1 : -1
            search.not_employed_by = request.openToWork ? (request.viewerCompany ?? 0) : 0
            search.viewer_company = request.viewerCompany ?? 0
            search.include_network_visibility = request.includeNetworkVisibility ? 1 : 0
            if !request.snippets { search.snippet_words = 0 }
            return try execute(readers, &search, request.facets, ProfileRow.self)
        }
    }

    /// Titles (in `language`, when given) and company names that have a word
    /// starting with `prefix`, most frequent first.
    public func suggest(
        _ prefix: String, language: Language?, countries: [Country] = [], limit: Int = 10
    )
        async throws -> Suggestions
    {
        try await run { worker in
            let readers = try worker.readers(countries.isEmpty ? self.countries : countries, .jobs)
            guard !readers.isEmpty else { return Suggestions(titles: [], companies: []) }
            func complete(_ what: Int32, _ language: String) throws -> [String] {
                try ByteArena.with { arena in
                    let result = try readers.withUnsafeBufferPointer { pointers in
                        try checked {
                            pi_suggest(
                                pointers.baseAddress, pointers.count, what, arena.bytes(prefix),
                                arena.bytes(language), UInt32(limit), $0)
                        }
                    }
                    defer { pi_result_free(result) }
                    var count = 0
                    let values = pi_result_suggestions(result, &count)
                    return (0..<count).map { values![$0].value.string }
                }
            }
            return Suggestions(
                titles: try complete(Int32(PI_SUGGEST_TITLES), language?.code ?? ""),
                companies: try complete(Int32(PI_SUGGEST_COMPANIES), ""))
        }
    }

    /// What both searches share: a worker, its readers at their latest commit,
    /// the request's common fields; `fill` adds the kind's own and runs it.
    private func search<Row: Sendable>(
        _ kind: IndexKind, countries requested: [Country], query: String, language: Language?,
        cities: [String], near: GeoCircle?, sort: SearchSort, facets: [SearchFacet], facetLimit: Int,
        page: SearchPage, now: Date,
        _ fill: @escaping @Sendable ([OpaquePointer?], inout pi_search_request, ByteArena) throws -> SearchResults<Row>
    ) async throws -> SearchResults<Row> {
        try await run { worker in
            let countries = requested.isEmpty ? self.countries : requested
            let readers = try worker.readers(countries, kind)
            return try ByteArena.with { arena in
                var search = pi_search_request()
                search.kind = kind.code
                common(
                    &search, query: query, language: language, countries: countries, cities: cities, near: near,
                    sort: sort, facets: facets, facetLimit: facetLimit, page: page, now: now, arena: arena)
                search.exact_up_to = UInt32(clamping: self.exactCountLimit)
                search.sample_size = UInt32(clamping: self.sampleSize)
                return try fill(readers, &search, arena)
            }
        }
    }

    /// Runs `body` on the next search thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (SearchWorker) throws -> T) async throws -> T {
        let worker = nextWorker.withLock { next in
            defer { next = (next + 1) % workers.count }
            return workers[next]
        }
        return try await worker.thread.run { try body(worker) }
    }
}

/// The company filter: `company` and `in_network` together keep the companies in both.
private func companyFilter(_ companies: [Int64], _ network: [Int64]?) -> [Int64]? {
    switch (companies.isEmpty, network) {
    case (true, nil): nil
    case (false, nil): companies
    case (true, let network?): network
    case (false, let network?): companies.filter(Set(network).contains)
    }
}

private func common(
    _ search: inout pi_search_request, query: String, language: Language?, countries: [Country],
    cities: [String], near: GeoCircle?, sort: SearchSort, facets: [SearchFacet], facetLimit: Int,
    page: SearchPage, now: Date, arena: ByteArena
) {
    search.query = arena.bytes(query)
    let language = language ?? countries.first?.defaultLanguage ?? .en
    search.language = arena.bytes(language.code)
    search.cities = arena.list(cities)
    search.open_to_work = -1
    if let near {
        search.has_near = 1
        search.latitude = near.center.latitude
        search.longitude = near.center.longitude
        search.radius_km = near.radiusKilometres ?? 0
    }
    search.now = Int64(now.timeIntervalSince1970)
    let order: Int32 =
        switch sort {
        case .relevance: Int32(PI_SORT_RELEVANCE)
        case .date: Int32(PI_SORT_DATE)
        case .distance: Int32(PI_SORT_DISTANCE)
        }
    search.sort = order
    search.offset = UInt32(clamping: max(0, page.offset))
    search.limit = UInt32(clamping: max(0, page.size))
    search.facets = facets.reduce(0) { $0 | $1.bit }
    search.facet_limit = UInt32(clamping: max(0, facetLimit))
    search.snippet_words = UInt32(SearchIndex.snippetWords)
}

private func execute<Row: Decodable & Sendable>(
    _ readers: [OpaquePointer?], _ search: inout pi_search_request, _ facets: [SearchFacet], _ row: Row.Type
) throws -> SearchResults<Row> {
    guard !readers.isEmpty else {
        return SearchResults(total: 0, totalIsExact: true, correctedQuery: nil, hits: [], facets: [:])
    }
    let result = try readers.withUnsafeBufferPointer { pointers in
        try checked { pi_search(pointers.baseAddress, pointers.count, &search, $0) }
    }
    defer { pi_result_free(result) }
    return try results(of: result, facets, Row.self)
}

/// The hits, facets and counts of a result of indexing/, the rows decoded.
func results<Row: Decodable & Sendable>(
    of result: OpaquePointer, _ facets: [SearchFacet], _ row: Row.Type
) throws -> SearchResults<Row> {
    var count = 0
    let hits = pi_result_hits(result, &count)
    var rows: [SearchHit<Row>] = []
    rows.reserveCapacity(count)
    for index in 0..<count {
        let hit = hits![index]
        rows.append(
            SearchHit(
                id: hit.id, weight: hit.weight, row: try DocumentData.decode(Row.self, json: hit.data.array),
                snippet: hit.snippet.length > 0 ? hit.snippet.string : nil,
                distanceKilometres: hit.distance_km.isNaN ? nil : hit.distance_km))
    }
    var counts: [SearchFacet: [FacetCount]] = [:]
    for facet in facets {
        var valueCount = 0
        let values = pi_result_facet(result, facet.bit, &valueCount)
        counts[facet] = (0..<valueCount).map { index in
            let value = values![index]
            let text = value.value.string
            if facet == .company, let separator = text.firstIndex(of: "\u{1F}") {
                return FacetCount(
                    value: String(text[..<separator]), count: Int(value.count),
                    name: String(text[text.index(after: separator)...]))
            }
            return FacetCount(value: text, count: Int(value.count))
        }
    }
    let corrected = pi_result_corrected_query(result).string
    return SearchResults(
        total: Int(pi_result_total(result)), totalIsExact: pi_result_total_is_exact(result) != 0,
        correctedQuery: corrected.isEmpty ? nil : corrected, hits: rows, facets: counts)
}

extension SearchFacet {
    var bit: UInt32 {
        let bit =
            switch self {
            case .country: PI_FACET_COUNTRY
            case .city: PI_FACET_CITY
            case .type: PI_FACET_TYPE
            case .remote: PI_FACET_REMOTE
            case .company: PI_FACET_COMPANY
            case .salary: PI_FACET_SALARY
            case .posted: PI_FACET_POSTED
            case .skill: PI_FACET_SKILL
            case .openToWork: PI_FACET_OPEN_TO_WORK
            case .language: PI_FACET_LANGUAGE
            }
        return UInt32(bit)
    }
}

/// One search thread and the shards it has open. Its state is touched only on its thread.
final class SearchWorker: @unchecked Sendable {
    let thread: BlockingThread
    private let layout: IndexLayout
    private var open: [String: (identity: UInt64, reader: ShardReader)] = [:]

    init(layout: IndexLayout, name: String) {
        self.layout = layout
        thread = BlockingThread(name: name)
    }

    /// The readers of these shards at their latest commit; shards never built are left out.
    func readers(_ countries: [Country], _ kind: IndexKind) throws -> [OpaquePointer?] {
        precondition(thread.isCurrent, "shard readers are used on their worker's thread")
        var readers: [OpaquePointer?] = []
        for country in Set(countries).sorted() {
            let key = "\(country.code)/\(kind.rawValue)"
            guard let identity = layout.stubIdentity(country, kind),
                let directory = layout.currentDirectory(country, kind)
            else {
                open[key] = nil
                continue
            }
            if let cached = open[key], cached.identity == identity {
                try cached.reader.reopen()
                readers.append(cached.reader.handle)
            } else {
                let reader = try ShardReader(directory: directory)
                open[key] = (identity, reader)
                readers.append(reader.handle)
            }
        }
        return readers
    }
}
