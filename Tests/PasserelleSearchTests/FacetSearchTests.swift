import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import Testing

/// A corpus of postings with every facet's variety, stored in PostgreSQL and
/// indexed from what the store gives back, so SQL and the index see the same data.
struct FacetCorpus {
    static let cities: [(String, GeoPoint)] = [
        ("Toulouse", GeoPoint(latitude: 43.6047, longitude: 1.4442)),
        ("Blagnac", GeoPoint(latitude: 43.6371, longitude: 1.3897)),
        ("Montauban", GeoPoint(latitude: 44.0176, longitude: 1.3550)),
        ("Albi", GeoPoint(latitude: 43.9289, longitude: 2.1464)),
        ("Bordeaux", GeoPoint(latitude: 44.8378, longitude: -0.5792)),
    ]

    let postings: [JobPosting]
    let test: TestIndex

    /// `count` postings from a fixed seed: cities, types, remote, salaries in
    /// several periods, posting dates over 60 days, six companies, some expired.
    static func make(count: Int, client: PostgresClient) async throws -> FacetCorpus {
        var companies: [Int64: String] = [:]
        for number in 1...6 {
            let company = try await CompanyStore(client: client).create(
                Company(externalID: "company-\(number)", name: "Entreprise \(number)", country: .france))
            companies[company.id] = company.name
        }
        let companyIDs = companies.keys.sorted()
        var random = UInt64(42)
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        let periods: [SalaryRange.Period?] = [.year, .month, .hour, nil]
        let store = JobPostingStore(client: client)
        var postings: [JobPosting] = []
        for number in 0..<count {
            let (city, point) = cities[next(cities.count)]
            let types = Array(EmploymentType.allCases.prefix(5).filter { _ in next(3) == 0 })
            let salary: SalaryRange? =
                next(5) == 0
                ? nil
                : {
                    let period = periods[next(periods.count)]
                    let base: Double =
                        switch period {
                        case .hour: Double(12 + next(60))
                        case .month: Double(1_500 + next(9_000))
                        default: Double(18_000 + next(150_000))
                        }
                    return SalaryRange(
                        minimum: base, maximum: next(2) == 0 ? nil : base * 1.2, currency: "EUR", period: period)
                }()
            let posted = TestIndex.today.adding(days: -next(60))
            let expired = next(10) == 0
            var posting = samplePosting(
                id: 0, title: number.isMultiple(of: 2) ? "Ingénieur logiciel" : "Comptable",
                description: "Offre numéro \(number).", company: companyIDs[next(companyIDs.count)], city: city,
                coordinates: point, types: types, remote: next(4) == 0, salary: salary, posted: posted,
                validThrough: expired
                    ? TestIndex.now.addingTimeInterval(-3_600) : TestIndex.now.addingTimeInterval(86_400 * 20))
            posting.requisitionID = "REQ-\(number)"
            postings.append(try await store.create(posting))
        }
        return FacetCorpus(postings: postings, test: try TestIndex(postings: postings, companyNames: companies))
    }
}

@Suite("Facets, filters and geo agree with PostgreSQL")
struct FacetSearchTests {
    /// SQL over the same postings: the open, unexpired ones, grouped by `expression`.
    func sqlCounts(
        _ client: PostgresClient, _ expression: String, where condition: String = "true", join: String = ""
    ) async throws -> [String: Int] {
        let sql = """
            SELECT value, count(*)::bigint AS n FROM (
              SELECT \(expression) AS value FROM job_postings p \(join)
              WHERE status = 'open' AND valid_through > to_timestamp(\(Int(TestIndex.now.timeIntervalSince1970)))
                AND \(condition)
            ) v WHERE value IS NOT NULL GROUP BY value
            """
        var counts: [String: Int] = [:]
        for row in try await client.query(PostgresQuery(sql: sql, binds: [])) {
            counts[try row.decode("value", as: String.self)] = try row.decode("n", as: Int.self)
        }
        return counts
    }

    func indexCounts(_ results: JobSearchResults, _ facet: SearchFacet) -> [String: Int] {
        Dictionary(
            uniqueKeysWithValues: (results.facets[facet] ?? []).filter { $0.count > 0 }.map { ($0.value, $0.count) })
    }

    /// The date `days` before the tests' "now", in UTC.
    static func daysAgo(_ days: Int) -> String {
        "(to_timestamp(\(Int(TestIndex.now.timeIntervalSince1970))) AT TIME ZONE 'UTC' - interval '\(days) days')::date"
    }

    static let annualTop = """
        coalesce(salary_max, salary_min) * CASE salary_period WHEN 'HOUR' THEN 1820 WHEN 'DAY' THEN 220
          WHEN 'WEEK' THEN 52 WHEN 'MONTH' THEN 12 ELSE 1 END
        """

    static let salaryBucket = """
        (SELECT max(f)::bigint::text FROM unnest(ARRAY[0,20000,30000,40000,50000,60000,80000,100000,150000]) f
         WHERE f <= \(annualTop))
        """

    @Test("Every facet's counts equal SQL's GROUP BY over the same postings, with and without filters")
    func facetsMatchSQL() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let corpus = try await FacetCorpus.make(count: 400, client: client)
            for (filter, condition) in [
                ({ (_: inout JobSearchRequest) in }, "true"),
                (
                    { (request: inout JobSearchRequest) in request.cities = ["Toulouse", "Albi"] },
                    "city IN ('Toulouse', 'Albi')"
                ),
                (
                    { (request: inout JobSearchRequest) in
                        request.remote = true; request.types = [.partTime]
                    },
                    "remote AND 'PART_TIME' = ANY(employment_types)"
                ),
                ({ (request: inout JobSearchRequest) in request.salaryMinimum = 50_000 }, "\(Self.annualTop) >= 50000"),
                (
                    { (request: inout JobSearchRequest) in request.postedWithinDays = 7 },
                    "date_posted >= \(Self.daysAgo(7))"
                ),
            ] {
                var request = JobSearchRequest()
                request.facets = SearchFacet.jobs
                request.facetLimit = 0
                filter(&request)
                let results = try await corpus.test.index.searchJobs(request, now: TestIndex.now)
                let all = try await sqlCounts(client, "'all'", where: condition)
                #expect(results.total == all["all"] ?? 0, "total, where \(condition)")
                #expect(results.totalIsExact)
                #expect(
                    indexCounts(results, .country) == (try await sqlCounts(client, "country::text", where: condition)))
                #expect(indexCounts(results, .city) == (try await sqlCounts(client, "city", where: condition)))
                #expect(
                    indexCounts(results, .company)
                        == (try await sqlCounts(client, "company_id::text", where: condition)))
                #expect(
                    indexCounts(results, .remote) == (try await sqlCounts(client, "remote::text", where: condition)))
                #expect(
                    indexCounts(results, .language) == (try await sqlCounts(client, "language::text", where: condition))
                )
                #expect(
                    indexCounts(results, .type)
                        == (try await sqlCounts(
                            client, "t", where: condition, join: "CROSS JOIN LATERAL unnest(p.employment_types) t")))
                #expect(
                    indexCounts(results, .salary) == (try await sqlCounts(client, Self.salaryBucket, where: condition)))
                for days in [1, 3, 7, 14, 30] {
                    let sql = try await sqlCounts(
                        client, "'n'",
                        where: "\(condition) AND date_posted >= \(Self.daysAgo(days))")
                    #expect(
                        results.facets[.posted]?.first { $0.value == String(days) }?.count == sql["n"] ?? 0,
                        "posted within \(days) days")
                }
                #expect(results.facets[.company]?.allSatisfy { $0.name?.hasPrefix("Entreprise ") == true } == true)
            }
        }
    }

    @Test("A radius keeps exactly the postings a haversine filter keeps, to the metre, with their distances")
    func radiusMatchesHaversine() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let toulouse = FacetCorpus.cities[0].1
            // Postings 1 m inside and 1 m outside 30 km, on four bearings, beside the corpus.
            var edges: [JobPosting] = []
            for (index, bearing) in [0.0, 90, 180, 270].enumerated() {
                for (offset, distance) in [29.999, 30.001].enumerated() {
                    edges.append(
                        samplePosting(
                            id: Int64(10_000 + index * 2 + offset), title: "Bord",
                            coordinates: toulouse.destination(kilometres: distance, bearing: bearing),
                            validThrough: TestIndex.now.addingTimeInterval(86_400)))
                }
            }
            let corpus = try await FacetCorpus.make(count: 200, client: client)
            let all = corpus.postings + edges
            let test = try TestIndex(postings: all)
            var request = JobSearchRequest()
            request.near = GeoCircle(center: toulouse, radiusKilometres: 30)
            request.sort = .distance
            request.page = SearchPage(number: 1, size: 100)
            let results = try await test.index.searchJobs(request, now: TestIndex.now)
            let expected = all.filter { posting in
                guard let point = posting.coordinates, !posting.isExpired(at: TestIndex.now) else { return false }
                return toulouse.distanceInKilometres(to: point) <= 30
            }
            #expect(results.total == expected.count)
            #expect(Set(results.hits.map(\.id)) == Set(expected.map(\.id)))
            #expect(Set(results.hits.map(\.id)).isSuperset(of: [10_000, 10_002, 10_004, 10_006]))
            #expect(Set(results.hits.map(\.id)).isDisjoint(with: [10_001, 10_003, 10_005, 10_007]))
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            for hit in results.hits {
                #expect(hit.distanceKilometres == toulouse.distanceInKilometres(to: byID[hit.id]!.coordinates!))
            }
            let distances = results.hits.compactMap(\.distanceKilometres)
            #expect(distances == distances.sorted())
        }
    }
}

extension GeoPoint {
    /// The point `kilometres` away along `bearing` (degrees from north), on the haversine sphere.
    func destination(kilometres: Double, bearing: Double) -> GeoPoint {
        let radians = Double.pi / 180
        let angular = kilometres / 6371.0088
        let latitude1 = latitude * radians, longitude1 = longitude * radians, theta = bearing * radians
        let latitude2 = asin(sin(latitude1) * cos(angular) + cos(latitude1) * sin(angular) * cos(theta))
        let longitude2 =
            longitude1
            + atan2(sin(theta) * sin(angular) * cos(latitude1), cos(angular) - sin(latitude1) * sin(latitude2))
        return GeoPoint(latitude: latitude2 / radians, longitude: longitude2 / radians)
    }
}
