import Foundation
import PasserelleCore
import PasserelleSearch
import Testing

@testable import PasserelleWeb

@Suite("Benchmark query set")
struct QuerySetTests {
    /// The repository's seed/, found from this file: tests run from anywhere.
    static let vocabulary: QueryVocabulary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        do {
            return try QueryVocabulary(seedDirectory: root.appendingPathComponent("seed"))
        } catch {
            fatalError("seed/ cannot be read: \(error)")
        }
    }()

    static let standard = QuerySet(vocabulary: vocabulary)

    @Test("The same seed gives the same queries; another seed, other queries")
    func deterministic() {
        let again = QuerySet(vocabulary: Self.vocabulary, seed: 1)
        #expect(again.queries == Self.standard.queries)
        #expect(again.queries.map(\.queryString) == Self.standard.queries.map(\.queryString))
        let other = QuerySet(vocabulary: Self.vocabulary, seed: 2)
        #expect(other.queries != Self.standard.queries)
    }

    @Test("A thousand queries in fixed shares of kinds and languages")
    func mix() {
        let queries = Self.standard.queries
        #expect(queries.count == 1_000)
        let kinds = Dictionary(grouping: queries, by: \.kind).mapValues(\.count)
        #expect(
            kinds == [.oneWord: 200, .twoWords: 200, .phrase: 120, .filters: 200, .facets: 150, .geo: 130])
        let languages = Dictionary(grouping: queries, by: \.language).mapValues(\.count)
        #expect(languages == [.fr: 220, .de: 180, .zh: 180, .en: 160, .es: 110, .it: 110, .pt: 40])
        for query in queries {
            #expect(query.request.language == query.language)
        }
    }

    @Test("Each kind asks for what it is named after")
    func kinds() {
        for query in Self.standard.queries {
            let request = query.request
            let words = request.query.split(separator: " ").count
            switch query.kind {
            case .oneWord:
                #expect(words == 1, "\(query.target)")
            case .twoWords:
                #expect(words >= 2, "\(query.target)")
            case .phrase:
                #expect(request.query.hasPrefix("\"") && request.query.hasSuffix("\""), "\(query.target)")
            case .filters:
                let filters: [Bool] = [
                    !request.countries.isEmpty, !request.cities.isEmpty, !request.types.isEmpty,
                    request.remote != nil, request.salaryMinimum != nil, request.postedWithinDays != nil,
                ]
                #expect((1...3).contains(filters.count { $0 }), "\(query.target)")
            case .facets:
                #expect(request.facets.count >= 2, "\(query.target)")
            case .geo:
                let radius = request.near?.radiusKilometres ?? 0
                #expect((10...100).contains(radius), "\(query.target)")
            }
            #expect(request.query.isEmpty == query.traits.contains(.browse), "\(query.target)")
            #expect((request.sort == .distance) == query.traits.contains(.sortedByDistance))
            #expect((request.diversify != .none) == query.traits.contains(.diversified))
        }
    }

    @Test("Typos, accents left out, diversity, distance order and browsing all occur, none dominates")
    func traits() {
        let queries = Self.standard.queries
        func share(_ trait: QueryTrait, among kind: QueryKind? = nil) -> Double {
            let pool = queries.filter { kind == nil || $0.kind == kind }
            return Double(pool.count { $0.traits.contains(trait) }) / Double(pool.count)
        }
        #expect((0.04...0.15).contains(share(.typo)))
        #expect((0.01...0.10).contains(share(.accentless)))
        #expect((0.05...0.15).contains(share(.diversified)))
        #expect((0.30...0.70).contains(share(.sortedByDistance, among: .geo)))
        #expect((0.10...0.30).contains(share(.browse, among: .facets)))
        #expect(queries.allSatisfy { $0.language != .zh || !$0.traits.contains(.typo) })
        let withAllFacets = queries.filter {
            $0.request.facets == [.country, .city, .type, .remote, .company, .salary, .posted]
        }
        #expect(withAllFacets.count > 50)
    }

    @Test("Every query string asks the API for exactly the in-process request")
    func queryStringsMatchTheAPI() throws {
        for query in Self.standard.queries {
            let parsed = try JobSearchRequest(SearchParameters(query: query.queryString))
            #expect(parsed == query.request, "\(query.target)")
        }
    }

    @Test("Text, places and lists survive the query string")
    func encoding() throws {
        var request = JobSearchRequest()
        request.query = "\"C++ & C#\" développeur 100%+"
        request.language = .fr
        request.countries = [.france, .germany]
        request.cities = ["Saint-Étienne", "Aix, en Provence"]
        request.near = GeoCircle(center: GeoPoint(latitude: 51.50853, longitude: -0.12574), radiusKilometres: 12.5)
        request.sort = .distance
        request.types = [.fullTime, .intern]
        request.remote = false
        request.salaryMinimum = 42_500
        request.postedWithinDays = 7
        request.companies = [12, 34]
        request.diversify = .twoPerCompany
        request.facets = [.city, .salary]
        request.page = SearchPage(number: 3, size: 50)
        #expect(request.queryString.hasPrefix("q=%22C%2B%2B%20%26%20C%23%22%20d%C3%A9veloppeur%20100%25%2B&lang=fr"))
        #expect(try JobSearchRequest(SearchParameters(query: request.queryString)) == request)
        #expect(JobSearchRequest().queryString == "")
    }
}
