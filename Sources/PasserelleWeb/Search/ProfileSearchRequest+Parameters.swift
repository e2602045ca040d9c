import PasserelleCore
import PasserelleSearch

extension ProfileSearchRequest {
    /// The CV search the query string of `GET /api/v1/profiles/search` asks for
    /// (API.md), made by a recruiter of `viewerCompany`; throws a 400 ``APIError``
    /// naming the first bad parameter.
    init(_ parameters: SearchParameters, viewerCompany: Int64?) throws {
        self.init()
        query = try parameters.searchText()
        language = try parameters.language()
        countries = try parameters.countries()
        cities = try parameters.list("city", commaLists: false)
        // Skill names may hold commas ("C, C++"): repeat the parameter instead.
        skills = try parameters.list("skill", commaLists: false).uniqued()
        openToWork = try parameters.flag("open_to_work") ?? false
        self.viewerCompany = viewerCompany
        sort = try parameters.choice("sort", SearchSort.self) ?? .relevance
        near = try parameters.circle(sort: sort)
        facets = try parameters.facets(allowed: SearchFacet.profiles)
        page = try parameters.page()
    }
}
