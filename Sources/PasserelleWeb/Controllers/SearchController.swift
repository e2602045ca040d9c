import Foundation
import Hummingbird
import PasserelleNetwork
import PasserelleSearch

/// Job search, CV search and title suggestions over the index (API.md):
/// `GET /api/v1/jobs/search`, `GET /api/v1/profiles/search`, `GET /api/v1/jobs/suggest`.
struct SearchController: Sendable {
    let index: SearchIndex
    /// For `in_network` and the results' `network` field; nil where the server runs without the graph.
    var network: NetworkGraph? = nil

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.get("jobs/search") { request, context in try await searchJobs(request, context: context) }
        api.get("jobs/suggest") { request, context in try await suggest(request, context: context) }
        api.get("profiles/search") { request, context in try await searchProfiles(request, context: context) }
    }

    /// Anyone may search jobs; `in_network=true` needs a signed-in member, and a
    /// signed-in viewer gets each result's `network` (left out while the graph loads).
    func searchJobs(
        _ request: Request, context: PasserelleRequestContext
    ) async throws
        -> SearchAnswer<SearchResult<JobRow>>
    {
        let search = try JobSearchRequest(SearchParameters(query: request.uri.query)) {
            guard let network else {
                throw APIError.unsupported(
                    "in_network", "the network filter is not available on this server; search without in_network=true")
            }
            let viewer = try context.requireMember(for: .readNetwork)
            return try NetworkAccess.answer { try network.knownCompanies(of: viewer.memberID) }
        }
        let results = try await index.searchJobs(search)
        var closeness: [Int64: CompanyCloseness] = [:]
        if let network, let viewer = context.viewer {
            let companies = results.hits.compactMap { Int64($0.row.company.id) }
            closeness = (try? network.closeness(of: viewer.memberID, to: companies)) ?? [:]
        }
        return SearchAnswer(results) { (hit: SearchHit<JobRow>) -> SearchResult<JobRow> in
            let network = Int64(hit.row.company.id).flatMap { closeness[$0] }.map {
                NetworkCloseness(peopleYouKnow: $0.peopleYouKnow, bestDegree: $0.bestDegree)
            }
            return SearchResult(hit, row: hit.row, network: network)
        }
    }

    /// Recruiters and company admins only; the CVs of their own company's
    /// employees never show whether they are open to work.
    func searchProfiles(
        _ request: Request, context: PasserelleRequestContext
    ) async throws
        -> SearchAnswer<SearchResult<ShownProfile>>
    {
        let (_, companyID) = try context.requireCompany(for: .searchProfiles)
        let search = try ProfileSearchRequest(SearchParameters(query: request.uri.query), viewerCompany: companyID)
        // The index counts the viewer's own employees as not open to work in the facet.
        let results = try await index.searchProfiles(search)
        return SearchAnswer(results) { SearchResult($0, row: ShownProfile($0.row, viewerCompany: companyID)) }
    }

    /// `q` (a prefix), `lang`, `country`, `limit`: `{"titles": [...], "companies": [...]}`.
    func suggest(_ request: Request, context: PasserelleRequestContext) async throws -> SuggestAnswer {
        let parameters = SearchParameters(query: request.uri.query)
        let prefix = try parameters.searchText().trimmingWhitespace
        let language = try parameters.language()
        let countries = try parameters.countries()
        let limit = try parameters.integer("limit", in: 1...SuggestAnswer.maximumLimit) ?? SuggestAnswer.defaultLimit
        // Nothing typed yet: nothing to complete, and no reason to read every title.
        guard !prefix.isEmpty else { return SuggestAnswer(Suggestions(titles: [], companies: [])) }
        return SuggestAnswer(try await index.suggest(prefix, language: language, countries: countries, limit: limit))
    }
}

/// `GET /api/v1/jobs/suggest`'s answer.
struct SuggestAnswer: ResponseEncodable, Sendable {
    static let defaultLimit = 10
    static let maximumLimit = 50

    let titles: [String]
    let companies: [String]

    init(_ suggestions: Suggestions) {
        titles = suggestions.titles
        companies = suggestions.companies
    }
}
