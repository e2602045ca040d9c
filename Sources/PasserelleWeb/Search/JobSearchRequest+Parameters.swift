import PasserelleCore
import PasserelleSearch

extension JobSearchRequest {
    /// The job search the query string of `GET /api/v1/jobs/search` asks for
    /// (API.md); throws a 400 ``APIError`` naming the first bad parameter.
    /// `knownCompanies` gives the companies where the viewer knows someone, for
    /// `in_network=true` (it throws when that cannot be answered).
    init(
        _ parameters: SearchParameters,
        knownCompanies: () throws -> [Int64] = {
            throw APIError.unsupported(
                "in_network", "the network filter is not available on this server; search without in_network=true")
        }
    ) throws {
        self.init()
        query = try parameters.searchText()
        language = try parameters.language()
        countries = try parameters.countries()
        cities = try parameters.list("city", commaLists: false)
        sort = try parameters.choice("sort", SearchSort.self) ?? .relevance
        near = try parameters.circle(sort: sort)
        types = try parameters.choices("type", EmploymentType.self) { $0.uppercased() }
        remote = try parameters.flag("remote")
        salaryMinimum = try parameters.number("salary_min", "an annual amount of 0 or more") { $0 >= 0 }
        postedWithinDays = try parameters.integer(
            "posted_within_days", in: 1...SearchParameters.maximumPostedWithinDays)
        companies = try parameters.list("company", commaLists: true).map { id in
            guard let value = Int64(id), value > 0 else {
                throw APIError.invalidParameter("company", "\(quoted(id)) is not a company id (a positive integer)")
            }
            return value
        }.uniqued()
        if try parameters.flag("in_network") == true {
            networkCompanies = try knownCompanies()
        }
        diversify = try parameters.choice("diversify", Diversify.self) ?? .none
        facets = try parameters.facets(allowed: SearchFacet.jobs)
        page = try parameters.page()
    }
}
