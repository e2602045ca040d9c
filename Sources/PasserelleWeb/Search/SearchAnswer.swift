import Hummingbird
import PasserelleSearch

/// A page of search results as the API answers it (API.md): `total`,
/// `total_is_exact`, `corrected_query`, `results` and the asked-for `facets`.
struct SearchAnswer<Result: Encodable & Sendable>: ResponseEncodable, Sendable {
    let total: Int
    let totalIsExact: Bool
    /// Null when no word was corrected: the key is always there.
    let correctedQuery: String?
    let results: [Result]
    /// By facet name: `{"city": [{"value": "Toulouse", "count": 40}]}`; company values also carry `name`.
    let facets: [String: [FacetCount]]

    enum CodingKeys: String, CodingKey {
        case total, results, facets
        case totalIsExact = "total_is_exact"
        case correctedQuery = "corrected_query"
    }

    /// The answer for `results`, each hit shown as `result` makes it.
    init<Row>(_ results: SearchResults<Row>, result: (SearchHit<Row>) -> Result) {
        total = results.total
        totalIsExact = results.totalIsExact
        correctedQuery = results.correctedQuery
        self.results = results.hits.map(result)
        facets = Dictionary(uniqueKeysWithValues: results.facets.map { ($0.key.rawValue, $0.value) })
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(totalIsExact, forKey: .totalIsExact)
        try container.encode(correctedQuery, forKey: .correctedQuery)
        try container.encode(results, forKey: .results)
        try container.encode(facets, forKey: .facets)
    }
}

/// One result: the row's fields at the top level, then what the search adds.
struct SearchResult<Row: Encodable & Sendable>: Encodable, Sendable {
    let row: Row
    /// HTML: escaped text with the matched words in `<mark>`.
    let snippet: String?
    /// There when the search was given `near`.
    let distanceKilometres: Double?
    /// For a signed-in viewer: how close it is to the posting's company.
    let network: NetworkCloseness?

    enum CodingKeys: String, CodingKey {
        case snippet, network
        case distanceKilometres = "distance_km"
    }

    init(_ hit: SearchHit<some Sendable>, row: Row, network: NetworkCloseness? = nil) {
        self.row = row
        snippet = hit.snippet
        // To 100 m: what a person reads, and no more precise than the places indexed.
        distanceKilometres = hit.distanceKilometres.map { ($0 * 10).rounded() / 10 }
        self.network = network
    }

    func encode(to encoder: any Encoder) throws {
        // The row and the search's fields share one JSON object.
        try row.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(snippet, forKey: .snippet)
        try container.encodeIfPresent(distanceKilometres, forKey: .distanceKilometres)
        try container.encodeIfPresent(network, forKey: .network)
    }
}

/// A result's `network` field: `{"people_you_know": 2, "best_degree": 1}` (null: beyond the 3rd degree).
struct NetworkCloseness: Encodable, Sendable, Hashable {
    let peopleYouKnow: Int
    let bestDegree: Int?

    enum CodingKeys: String, CodingKey {
        case peopleYouKnow = "people_you_know"
        case bestDegree = "best_degree"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(peopleYouKnow, forKey: .peopleYouKnow)
        try container.encode(bestDegree, forKey: .bestDegree)
    }
}
