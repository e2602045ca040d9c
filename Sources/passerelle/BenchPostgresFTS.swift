import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleStore

/// PostgreSQL's own full-text search over the same postings, for `passerelle bench`:
/// what a user who already runs PostgreSQL would build first. A benchmark-only
/// table (`bench.job_search`, made by the benchmark, not by a migration) holds the
/// open postings of the job spaces with a tsvector each, built with the posting
/// language's text search configuration (Chinese has none built in: `simple`),
/// title weighted A, skills B, company name C, description D, under a GIN index.
/// A search is one statement: the matches (`websearch_to_tsquery` in the query's
/// language, the filters), the page ranked by `ts_rank`, `count(*)` and a
/// `GROUP BY` per facet asked for; the page's rows come with their fields and a
/// `ts_headline` snippet, as Passerelle's do.
struct PostgresFullTextSearch: Sendable {
    static let table = "bench.job_search"

    let client: PostgresClient

    /// How long building the table and its indexes took.
    struct Build: Sendable {
        var rows: Int
        /// Reading the postings and computing their tsvectors into the table.
        var table: Duration
        var gin: Duration
        /// The GiST index on the coordinates and the B-tree on the posting date, and ANALYZE.
        var otherIndexes: Duration
        /// When the figures were taken (an earlier run's, when the table was reused).
        var builtAt: Date
        var reused = false

        var total: Duration { table + gin + otherIndexes }
    }

    /// The text search configuration of each language (PostgreSQL 15 has none for Chinese).
    static func configuration(_ language: Language) -> String {
        switch language {
        case .fr: "french"
        case .en: "english"
        case .de: "german"
        case .es: "spanish"
        case .it: "italian"
        case .pt: "portuguese"
        case .zh: "simple"
        }
    }

    /// The table as it is when it holds as many rows as there are open postings
    /// in the job spaces; nil when it must be (re)built.
    func existing() async throws -> Build? {
        let present = try await client.query("SELECT to_regclass('bench.build') IS NOT NULL AS present")
        guard try present[0].decode("present", as: Bool.self) else { return nil }
        let codes = Country.jobSpaces.map(\.code)
        let rows = try await client.query(
            """
            SELECT b.rows, b.table_seconds, b.gin_seconds, b.other_seconds, b.built_at,
                (SELECT count(*) FROM job_postings WHERE status = 'open' AND country = ANY(\(codes))) AS open
            FROM bench.build b
            """)
        guard let row = rows.first, try row.decode("rows", as: Int.self) == (try row.decode("open", as: Int.self))
        else { return nil }
        func seconds(_ column: String) throws -> Duration { .seconds(try row.decode(column, as: Double.self)) }
        return Build(
            rows: try row.decode("rows"), table: try seconds("table_seconds"), gin: try seconds("gin_seconds"),
            otherIndexes: try seconds("other_seconds"), builtAt: try row.decode("built_at"), reused: true)
    }

    /// Builds the table and its indexes from `job_postings`, timing each step.
    func build() async throws -> Build {
        let languages = Language.allCases.map { "WHEN '\($0.code)' THEN '\(Self.configuration($0))'" }
            .joined(separator: " ")
        let countries = Country.jobSpaces.map { "'\($0.code)'" }.joined(separator: ", ")
        let perYear = SalaryRange.Period.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.perYear)" }
            .joined(separator: " ")
        return try await client.withConnection { connection in
            // A larger sort memory than the default 64 MB speeds up the GIN build, as anyone would set it.
            try await connection.execute(
                script: """
                    SET maintenance_work_mem = '512MB';
                    CREATE SCHEMA IF NOT EXISTS bench;
                    DROP TABLE IF EXISTS bench.build;
                    DROP TABLE IF EXISTS \(Self.table);
                    """)
            // The columns the search reads, with Xapian's own derivations: the top of
            // the salary range over a year, the posting day and the expiry in Unix seconds.
            var started = ContinuousClock.now
            try await connection.execute(
                script: """
                    CREATE TABLE \(Self.table) AS
                    SELECT p.id, p.country::text AS country, p.language::text AS language, p.company_id,
                        p.city, lower(p.city) AS city_key, p.latitude, p.longitude,
                        p.employment_types AS types, p.remote,
                        coalesce(p.salary_max, p.salary_min)
                            * CASE coalesce(p.salary_period, 'YEAR') \(perYear) END AS salary_top,
                        extract(epoch FROM p.date_posted::timestamp)::bigint AS posted_at,
                        floor(extract(epoch FROM p.valid_through))::bigint AS valid_until,
                        setweight(to_tsvector(t.config, p.title), 'A')
                            || setweight(to_tsvector(t.config, array_to_string(p.skills, ' ')), 'B')
                            || setweight(to_tsvector(t.config, c.name), 'C')
                            || setweight(to_tsvector(t.config, p.description), 'D') AS tsv
                    FROM job_postings p
                    JOIN companies c ON c.id = p.company_id
                    CROSS JOIN LATERAL (
                        SELECT (CASE p.language::text \(languages) ELSE 'simple' END)::regconfig AS config) t
                    WHERE p.status = 'open' AND p.country IN (\(countries))
                    """)
            let table = ContinuousClock.now - started
            started = ContinuousClock.now
            try await connection.execute(script: "CREATE INDEX job_search_tsv ON \(Self.table) USING gin (tsv)")
            let gin = ContinuousClock.now - started
            started = ContinuousClock.now
            try await connection.execute(
                script: """
                    CREATE INDEX job_search_place ON \(Self.table) USING gist (point(longitude, latitude));
                    CREATE INDEX job_search_posted ON \(Self.table) (posted_at);
                    ANALYZE \(Self.table);
                    """)
            let others = ContinuousClock.now - started
            let rows = try await connection.query("SELECT count(*) AS n FROM bench.job_search")[0]
                .decode("n", as: Int.self)
            let seconds = (table / .seconds(1), gin / .seconds(1), others / .seconds(1))
            try await connection.execute(
                script: """
                    CREATE TABLE bench.build AS SELECT \(rows) AS rows, \(seconds.0)::float8 AS table_seconds,
                        \(seconds.1)::float8 AS gin_seconds, \(seconds.2)::float8 AS other_seconds,
                        now() AS built_at;
                    RESET maintenance_work_mem;
                    """)
            return Build(rows: rows, table: table, gin: gin, otherIndexes: others, builtAt: Date())
        }
    }

    /// The statement that answers `request` as ``SearchIndex/searchJobs(_:now:)`` does:
    /// rows of (part, ord, value, name, n): part 0 the page's ids in order (name: the row as JSON), part 1
    /// the total, part 2 + i the counts of facet `SearchFacet.allCases[i]`.
    static func statement(_ request: JobSearchRequest, now: Date) -> PostgresQuery {
        var binds: [PostgresBind] = []
        func bind(_ value: some PostgresEncodable) -> String {
            binds.append(PostgresBind(value))
            return "$\(binds.count)"
        }
        let now = Int64(now.timeIntervalSince1970)
        let words = !request.query.allSatisfy(\.isWhitespace)
        let language = request.language ?? request.countries.first?.defaultLanguage ?? .en
        var from = Self.table
        var conditions = ["valid_until > \(bind(now))"]
        var columns = ["id", "company_id"]
        var tsquery: String?
        if words {
            tsquery = "websearch_to_tsquery(\(bind(configuration(language)))::regconfig, \(bind(request.query)))"
            from += ", \(tsquery!) AS query"
            conditions.append("tsv @@ query")
        }
        if !request.countries.isEmpty, Set(request.countries) != Set(Country.jobSpaces) {
            conditions.append("country = ANY(\(bind(request.countries.map(\.code))))")
        }
        if !request.cities.isEmpty {
            conditions.append("city_key = ANY(\(bind(request.cities.map { $0.lowercased() })))")
        }
        if !request.types.isEmpty { conditions.append("types && \(bind(request.types.map(\.rawValue)))::text[]") }
        if let remote = request.remote { conditions.append("remote = \(bind(remote))") }
        if let minimum = request.salaryMinimum { conditions.append("salary_top >= \(bind(minimum))") }
        if let days = request.postedWithinDays {
            conditions.append("posted_at >= \(bind(now - Int64(days) * 86_400))")
        }
        switch (request.companies.isEmpty, request.networkCompanies) {
        case (true, nil): break
        case (false, nil): conditions.append("company_id = ANY(\(bind(request.companies)))")
        case (true, let network?): conditions.append("company_id = ANY(\(bind(network)))")
        case (false, let network?):
            conditions.append("company_id = ANY(\(bind(request.companies.filter(Set(network).contains))))")
        }
        if !request.languages.isEmpty { conditions.append("language = ANY(\(bind(request.languages.map(\.code))))") }
        var distance: String?
        if let near = request.near {
            let (latitude, longitude) = (bind(near.center.latitude), bind(near.center.longitude))
            // Great-circle distance with Xapian's earth radius (haversine_km in indexing/).
            let kilometres = """
                2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(latitude - \(latitude)) / 2), 2) \
                + cos(radians(\(latitude))) * cos(radians(latitude)) \
                * power(sin(radians(longitude - \(longitude)) / 2), 2))))
                """
            distance = kilometres
            columns.append("\(kilometres) AS distance_km")
            if let radius = near.radiusKilometres, radius > 0 {
                // A box the GiST index can use, a little wider than the circle, then the exact distance.
                let latitudeSpan = radius / 111.0
                let widest = min(
                    89.0, max(abs(near.center.latitude - latitudeSpan), abs(near.center.latitude + latitudeSpan)))
                let longitudeSpan = radius / (111.0 * cos(widest * .pi / 180))
                let box = [
                    near.center.longitude - longitudeSpan, near.center.latitude - latitudeSpan,
                    near.center.longitude + longitudeSpan, near.center.latitude + latitudeSpan,
                ].map { bind($0) }
                conditions.append(
                    "point(longitude, latitude) <@ box(point(\(box[0]), \(box[1])), point(\(box[2]), \(box[3])))")
                conditions.append("\(kilometres) <= \(bind(radius))")
            }
        }
        let order: String
        switch request.sort {
        case .relevance where words:
            columns.append("ts_rank(tsv, query) AS rank")
            order = "rank DESC, id"
        case .date:
            order = "posted_at DESC, id"
        case .distance where distance != nil:
            order = "distance_km NULLS LAST, id"
        default:
            order = "id"
        }
        let facets = request.facets.filter { SearchFacet.jobs.contains($0) }
        let facetColumns: [SearchFacet: String] = [
            .country: "country", .language: "language", .city: "city", .type: "types", .remote: "remote",
            .salary: "salary_top",
        ]
        var needed = Set(facets.compactMap { facetColumns[$0] })
        if request.sort == .date || facets.contains(.posted) { needed.insert("posted_at") }
        columns += needed.sorted()
        lazy var limit = bind(request.facetLimit)
        var page = "SELECT id FROM matches ORDER BY \(order)"
        let perCompany = Int(request.diversify == .none ? 0 : request.diversify == .onePerCompany ? 1 : 2)
        if perCompany > 0 {
            page = """
                SELECT id FROM (SELECT *, row_number() OVER (PARTITION BY company_id ORDER BY \(order)) AS nth \
                FROM matches) m WHERE nth <= \(perCompany) ORDER BY \(order)
                """
        }
        page +=
            " LIMIT \(bind(request.page.size)) OFFSET \(bind(max(0, (request.page.number - 1) * request.page.size)))"
        // The page's rows as the API shows them (what Passerelle reads from its documents'
        // data), with a highlighted snippet of the description's start when there are words.
        let snippet =
            tsquery.map {
                "ts_headline(\(bind(configuration(language)))::regconfig, left(p.description, 2000), \($0), "
                    + "'MaxWords=30, MinWords=15, StartSel=<mark>, StopSel=</mark>')"
            } ?? "NULL"
        var parts = [
            """
            SELECT 0 AS part, page.ord, page.id::text AS value, json_build_object('title', p.title, 'company', c.name, \
            'country', p.country, 'city', p.city, 'latitude', p.latitude, 'longitude', p.longitude, \
            'types', p.employment_types, 'remote', p.remote, 'language', p.language, 'salary_min', p.salary_min, \
            'salary_max', p.salary_max, 'currency', p.salary_currency, 'period', p.salary_period, \
            'posted', p.date_posted, 'valid_through', p.valid_through, 'snippet', \(snippet))::text AS name, \
            NULL::bigint AS n FROM page JOIN job_postings p ON p.id = page.id JOIN companies c ON c.id = p.company_id
            """,
            "SELECT 1, 0, NULL, NULL, count(*) FROM matches",
        ]
        for facet in facets {
            let part = 2 + SearchFacet.allCases.firstIndex(of: facet)!
            func counted(_ value: String, from source: String = "matches", where filter: String = "true") -> String {
                """
                (SELECT \(part), 0, \(value), NULL, count(*) FROM \(source) WHERE \(filter) \
                GROUP BY 3 ORDER BY 5 DESC, 3 LIMIT \(limit))
                """
            }
            switch facet {
            case .country, .language: parts.append(counted(facet.rawValue))
            case .city: parts.append(counted("city", where: "city IS NOT NULL"))
            case .type: parts.append(counted("type", from: "matches, unnest(types) AS type"))
            case .remote: parts.append(counted("remote::text"))
            case .company:
                parts.append(
                    """
                    (SELECT \(part), 0, f.company_id::text, c.name, f.n FROM (SELECT company_id, count(*) AS n \
                    FROM matches GROUP BY company_id ORDER BY n DESC, company_id::text LIMIT \(limit)) f \
                    JOIN companies c ON c.id = f.company_id)
                    """)
            case .salary:
                // The buckets of PostingFacets::SALARY_FLOORS in indexing/.
                let floors = [150_000, 100_000, 80_000, 60_000, 50_000, 40_000, 30_000, 20_000]
                let bucket = floors.map { "WHEN salary_top >= \($0) THEN \($0)" }.joined(separator: " ")
                parts.append(
                    """
                    (SELECT \(part), 0, bucket::text, NULL, count(*) FROM (SELECT CASE \(bucket) ELSE 0 END AS bucket \
                    FROM matches WHERE salary_top IS NOT NULL) s GROUP BY bucket)
                    """)
            case .posted:
                let days = [1, 3, 7, 14, 30]
                let counts = days.map { "count(*) FILTER (WHERE posted_at >= \(bind(now - Int64($0) * 86_400)))" }
                let values = days.enumerated().map { "(\($0.element), c.d\($0.offset))" }.joined(separator: ", ")
                parts.append(
                    """
                    (SELECT \(part), 0, v.days::text, NULL, v.n FROM (SELECT \
                    \(counts.enumerated().map { "\($0.element) AS d\($0.offset)" }.joined(separator: ", ")) \
                    FROM matches) c, LATERAL (VALUES \(values)) AS v(days, n))
                    """)
            case .skill, .openToWork: break
            }
        }
        let sql = """
            WITH matches AS MATERIALIZED (SELECT \(columns.joined(separator: ", ")) FROM \(from) \
            WHERE \(conditions.joined(separator: " AND "))),
            page AS (SELECT id, row_number() OVER () AS ord FROM (\(page)) p)
            \(parts.joined(separator: "\nUNION ALL "))
            """
        return PostgresQuery(sql: sql, binds: binds)
    }

    /// What one statement found.
    struct Answer: Sendable {
        var ids: [Int64] = []
        var total = 0
        var facets: [SearchFacet: [FacetCount]] = [:]

        init(_ rows: PostgresRows) throws {
            var page: [(Int, Int64)] = []
            for row in rows {
                let part = try row.decode("part", as: Int.self)
                switch part {
                case 0: page.append((try row.decode("ord"), Int64(try row.decode("value", as: String.self))!))
                case 1: total = try row.decode("n")
                default:
                    let facet = SearchFacet.allCases[part - 2]
                    facets[facet, default: []].append(
                        FacetCount(
                            value: try row.decode("value"), count: try row.decode("n"),
                            name: try row.decode("name", as: String?.self)))
                }
            }
            ids = page.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

/// A client of a measurement that runs each query's statement through the pool.
struct PostgresFullTextClient: SearchClient {
    /// Set on the connection before each search (outside the time), as a deployment would
    /// configure them once: no JIT compilation of each plan, and room to group a
    /// million matches in memory instead of on disk.
    static let settings = "SET jit = off; SET work_mem = '64MB'"

    let client: PostgresClient
    let statements: [PostgresQuery]

    func search(_ query: Int) async throws -> SearchOutcome {
        let started = ContinuousClock.now
        do {
            let (rows, queried) = try await client.withConnection { connection in
                try await connection.execute(script: Self.settings)
                let queried = ContinuousClock.now
                return (try await connection.query(statements[query]), queried)
            }
            let duration = ContinuousClock.now - queried
            return SearchOutcome(
                duration: duration, failure: nil, matches: try PostgresFullTextSearch.Answer(rows).total)
        } catch let error as PostgresError {
            return SearchOutcome(duration: ContinuousClock.now - started, failure: "\(error)")
        }
    }

    func close() {}
}
