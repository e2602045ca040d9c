import Foundation
import PasserelleCore

/// How a result list is ordered.
public enum SearchSort: String, CaseIterable, Hashable, Sendable, Codable {
    case relevance, date, distance
}

/// How many results one company may have in a list (`diversify`).
public enum Diversify: String, CaseIterable, Hashable, Sendable, Codable {
    case none
    case onePerCompany = "one_per_company"
    case twoPerCompany = "two_per_company"

    var perCompany: UInt32 {
        switch self {
        case .none: 0
        case .onePerCompany: 1
        case .twoPerCompany: 2
        }
    }
}

/// The facets a search can count, named as in the API's `facets` parameter.
public enum SearchFacet: String, CaseIterable, Hashable, Sendable, Codable {
    case country, city, type, remote, company, salary, posted, skill, language
    case openToWork = "open_to_work"

    /// The facets of job search (API.md).
    public static let jobs: [SearchFacet] = [.country, .city, .type, .remote, .company, .salary, .posted, .language]
    /// The facets of CV search.
    public static let profiles: [SearchFacet] = [.country, .city, .skill, .openToWork, .language]
}

/// A circle on the map: `near` with `radius_km`. Without a radius, results are
/// not limited but still get their distance (for sorting by distance).
public struct GeoCircle: Hashable, Sendable {
    public var center: GeoPoint
    public var radiusKilometres: Double?

    public init(center: GeoPoint, radiusKilometres: Double?) {
        self.center = center
        self.radiusKilometres = radiusKilometres
    }
}

/// One page of a list: `page` from 1, `perPage` at most 100.
public struct SearchPage: Hashable, Sendable {
    public var number: Int
    public var size: Int

    public init(number: Int = 1, size: Int = 20) {
        self.number = number
        self.size = size
    }

    var offset: Int { (number - 1) * size }
}

/// A job search (`GET /api/v1/jobs/search`), already checked by the caller.
public struct JobSearchRequest: Hashable, Sendable {
    /// Xapian query syntax: words, "phrases", AND/OR/NOT, `title:`, `skill:`, `company:`.
    public var query: String = ""
    /// The query's language: its stemmer. Nil: the first country's language, else English.
    public var language: Language?
    /// Empty: every job space.
    public var countries: [Country] = []
    public var cities: [String] = []
    public var near: GeoCircle?
    public var types: [EmploymentType] = []
    public var remote: Bool?
    /// Annual, in the posting's currency: the top of the posting's range reaches it.
    public var salaryMinimum: Double?
    public var postedWithinDays: Int?
    /// Any of these companies (the `company` filter).
    public var companies: [Int64] = []
    /// For `in_network`: only these companies (where the viewer knows someone). Nil: no such filter.
    public var networkCompanies: [Int64]?
    /// The postings' languages.
    public var languages: [Language] = []
    public var sort: SearchSort = .relevance
    public var diversify: Diversify = .none
    public var facets: [SearchFacet] = []
    /// At most so many values per facet.
    public var facetLimit: Int = 20
    public var page = SearchPage()

    public init() {}
}

/// A CV search (`GET /api/v1/profiles/search`), for recruiters.
public struct ProfileSearchRequest: Hashable, Sendable {
    public var query: String = ""
    public var language: Language?
    public var countries: [Country] = []
    public var cities: [String] = []
    public var near: GeoCircle?
    /// All of these skills.
    public var skills: [String] = []
    /// Only members open to work. Never shows current employees of `viewerCompany`.
    public var openToWork = false
    /// The searching recruiter's company: its current employees are never found
    /// through `openToWork`, and never shown as open to work.
    public var viewerCompany: Int64?
    /// Also CVs whose members show them to their network only (the caller decides who may).
    public var includeNetworkVisibility = false
    public var sort: SearchSort = .relevance
    public var facets: [SearchFacet] = []
    public var facetLimit: Int = 20
    public var page = SearchPage()
    /// False: hits come without snippets (callers that show none, such as talent,
    /// which weighs 500 CVs to show twenty).
    public var snippets = true

    public init() {}
}

/// How many results share one value of a facet.
public struct FacetCount: Hashable, Sendable, Codable {
    public var value: String
    public var count: Int
    /// For the company facet: the company's name (the value is its id).
    public var name: String?

    public init(value: String, count: Int, name: String? = nil) {
        self.value = value
        self.count = count
        self.name = name
    }
}

/// One result of a search: the row the index keeps for it, and what the search adds.
public struct SearchHit<Row: Sendable>: Sendable {
    public var id: Int64
    public var weight: Double
    public var row: Row
    /// HTML: escaped text with the matched words in `<mark>`.
    public var snippet: String?
    public var distanceKilometres: Double?
}

extension SearchHit: Equatable where Row: Equatable {}

/// A page of results with its counts and facets.
public struct SearchResults<Row: Sendable>: Sendable {
    /// How many documents match (`diversify` changes which are shown, not this).
    /// Counted under the exact-count limit; above it, estimated from an even
    /// sample of the shards, and so are the facet counts.
    public var total: Int
    /// False when `total` is an estimate (at or above the exact-count limit: 100,000).
    public var totalIsExact: Bool
    /// The query with misspelt words corrected, when any was.
    public var correctedQuery: String?
    public var hits: [SearchHit<Row>]
    public var facets: [SearchFacet: [FacetCount]]
}

public typealias JobSearchResults = SearchResults<JobRow>
public typealias ProfileSearchResults = SearchResults<ProfileRow>

/// Autocomplete (`GET /api/v1/jobs/suggest`).
public struct Suggestions: Hashable, Sendable, Codable {
    public var titles: [String]
    public var companies: [String]

    public init(titles: [String], companies: [String]) {
        self.titles = titles
        self.companies = companies
    }
}
