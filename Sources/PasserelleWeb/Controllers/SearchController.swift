import Foundation
import Hummingbird
import PasserelleSearch

/// Job search, CV search and title suggestions over the index (API.md):
/// `GET /api/v1/jobs/search`, `GET /api/v1/profiles/search`, `GET /api/v1/jobs/suggest`.
struct SearchController: Sendable {
    let index: SearchIndex

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.get("jobs/search") { request, context in try await searchJobs(request, context: context) }
        api.get("jobs/suggest") { request, context in try await suggest(request, context: context) }
        api.get("profiles/search") { request, context in try await searchProfiles(request, context: context) }
    }

    /// Anyone may search jobs.
    func searchJobs(
        _ request: Request, context: PasserelleRequestContext
    ) async throws
        -> SearchAnswer<SearchResult<JobRow>>
    {
        let search = try JobSearchRequest(SearchParameters(query: request.uri.query))
        let results = try await index.searchJobs(search)
        return SearchAnswer(results) { SearchResult($0, row: $0.row) }
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
