import ArgumentParser
import Foundation
import Logging
import PasserelleCore
import PasserelleGenerator
import PasserelleMatch
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleWeb

/// `passerelle bench all`: every benchmark on one data set, side by side with
/// PostgreSQL's full-text search, in one markdown table.
struct BenchAll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "The benchmark suite: generates, imports, indexes, then measures everything and PostgreSQL FTS.",
        discussion: """
            On the generator's data at --scale (members and postings; about 25 connections each), in a fresh \
            data directory: generation, import into PostgreSQL (rates), a full reindex (index rate); then job \
            search (the query set of `bench queries`) in-process and over HTTP against a `passerelle serve` it \
            starts, at each --clients, with facets, geo and in_network (a signed-in member); the same queries \
            against PostgreSQL's own full-text search on the same postings (a table in schema bench, see \
            BENCHMARKS.md) with the ratios and how far the two agree; CV search; the network's distances, \
            referral paths and talent links; talent over HTTP; matching against the generator's fits; the \
            server's peak memory. Without --data-dir, the data directory is WORK-DIR/data. With --reuse, \
            measures an existing data directory as it is (no generation, import or reindex). Prints one \
            markdown table (--out writes it to a file too). Build with -c release for real figures.
            """)

    @Option(help: "How many members and postings to generate (about 25 connections per member).")
    var scale = 1_000_000

    @Option(
        help:
            "Where generated files and, without --data-dir, the data directory go (default /tmp/passerelle-bench-SCALE)."
    )
    var workDir: String?

    @Option(help: "Import the generator's files in this directory instead of generating them.")
    var generated: String?

    @Flag(help: "Measure --data-dir as it is: no generation, import or reindex.")
    var reuse = false

    @Flag(help: "Rebuild PostgreSQL's full-text table even when one of the same postings is there.")
    var rebuildPostgresTable = false

    @Option(help: "Passerelle's rounds of the query set per measurement (after a warm-up round).")
    var rounds = 3

    @Option(help: "PostgreSQL's rounds of the query set per measurement (after a warm-up round).")
    var postgresRounds = 1

    @Option(help: "Concurrent clients of a measurement; repeat for several.")
    var clients: [Int] = [1, 16]

    @Option(help: "How many queries of the set both sides answer to compare their results.")
    var agreementQueries = 200

    @Option(
        help: "The generator's fits.jsonl of this data, for matching (default: the generated one; none: not measured).")
    var fits: String?

    @Option(help: "How many of the fits' postings (and fitted members) matching ranks.")
    var matchingSamples = 200

    @Option(help: "Also write the markdown report to this file.")
    var out: String?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var querySet: QuerySetOptions

    func validate() throws {
        guard scale >= 100 else { throw ValidationError("--scale must be at least 100") }
        guard rounds > 0, postgresRounds > 0 else {
            throw ValidationError("--rounds and --postgres-rounds must be at least 1")
        }
        guard !clients.isEmpty, clients.allSatisfy({ (1...1_000).contains($0) }) else {
            throw ValidationError("--clients must be from 1 to 1000")
        }
        if reuse && database.dataDir == nil { throw ValidationError("--reuse needs --data-dir") }
        if reuse && generated != nil { throw ValidationError("--reuse and --generated exclude each other") }
    }

    func run() async throws {
        let work = URL(fileURLWithPath: workDir ?? "/tmp/passerelle-bench-\(scale)").standardizedFileURL
        var options = database
        if options.dataDir == nil { options.dataDir = work.appendingPathComponent("data").path }
        let dataDirectory = options.dataDirectory
        if !reuse, let contents = try? FileManager.default.contentsOfDirectory(atPath: dataDirectory.path),
            !contents.isEmpty
        {
            throw ValidationError(
                "\(dataDirectory.path) is not empty: give a new --data-dir (or --work-dir), or --reuse to measure it")
        }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var report = SuiteReport(scale: reuse ? nil : scale, dataDirectory: dataDirectory.path)
        let files = reuse ? nil : try generate(into: work, report: &report)
        let suite = self
        let preparedReport = report
        let dataOptions = options
        try await options.run(
            "passerelle.bench",
            work: { database, logger in
                var report = preparedReport
                try await Migrator(client: database.client, logger: logger).migrate()
                if let files {
                    try await suite.ingest(
                        files, database: database, layout: dataOptions.indexLayout, logger: logger, report: &report)
                }
                let fits = suite.fits ?? files.map { $0.appendingPathComponent("fits.jsonl").path }
                try await suite.measure(
                    database: database, options: dataOptions, work: work, fits: fits, logger: logger,
                    report: &report)
                let markdown = report.markdown()
                print(markdown)
                if let out = suite.out {
                    do {
                        try Data(markdown.utf8).write(to: URL(fileURLWithPath: out))
                    } catch {
                        throw ValidationError("cannot write \(out): \(error.localizedDescription)")
                    }
                    printError("wrote the report to \(out)")
                }
            })
    }

    // MARK: - Ingest

    /// The generator's files: generated into `work`/generated, or those of --generated.
    private func generate(into work: URL, report: inout SuiteReport) throws -> URL {
        if let generated { return URL(fileURLWithPath: generated) }
        let directory = work.appendingPathComponent("generated")
        printError("generating \(scale) members and \(scale) postings into \(directory.path)")
        let configuration = GeneratorConfiguration(
            members: scale, postings: scale, seed: querySet.seed, today: CalendarDate(utcDayOf: Date()))
        let started = ContinuousClock.now
        do {
            try configuration.validate()
            let reference = try ReferenceData(directory: URL(fileURLWithPath: querySet.seedDir))
            _ = try Generator(configuration: configuration, reference: reference).run(into: directory)
        } catch {
            throw ValidationError(error.description)
        }
        report.ingest.append(
            SuiteReport.Row(
                area: "ingest", measurement: "generate \(scale) members, \(scale) postings",
                passerelle: SuiteReport.seconds(ContinuousClock.now - started)))
        return directory
    }

    /// Imports the three files, then rebuilds the job and CV shards, timing each.
    private func ingest(
        _ files: URL, database: Database, layout: IndexLayout, logger: Logger, report: inout SuiteReport
    ) async throws {
        let importer = Importer(client: database.client, batchSize: nil, logger: logger)
        for (kind, name) in [
            (ImportKind.profiles, "profiles.jsonl"), (.jobs, "jobs.jsonl"), (.connections, "connections.csv"),
        ] {
            let file = files.appendingPathComponent(name).path
            guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
            printError("importing \(file)")
            let started = ContinuousClock.now
            let result = try await importer.run(kind, file: file, strict: false, progress: { _ in })
            let elapsed = ContinuousClock.now - started
            report.ingest.append(
                SuiteReport.Row(
                    area: "ingest", measurement: "import \(kind.rawValue) into PostgreSQL (\(result.read) lines)",
                    passerelle: "\(SuiteReport.seconds(elapsed)), \(SuiteReport.rate(result.read, elapsed))"
                        + (result.rejected > 0 ? ", \(result.rejected) rejected" : "")))
        }
        for kind in IndexKind.allCases {
            printError("reindexing \(kind.rawValue)")
            let reindexer = Reindexer(client: database.client, layout: layout, logger: logger)
            let result = try await reindexer.run(countries: Country.jobSpaces, kinds: [kind]) { _ in }
            let documents = result.shards.reduce(0) { $0 + $1.documents }
            report.ingest.append(
                SuiteReport.Row(
                    area: "ingest", measurement: "full reindex of the \(kind.rawValue) shards (\(documents) documents)",
                    passerelle: "\(SuiteReport.seconds(result.elapsed)), \(SuiteReport.rate(documents, result.elapsed))"
                ))
        }
    }

    // MARK: - Measurements

    private func measure(
        database: Database, options: DatabaseOptions, work: URL, fits: String?, logger: Logger,
        report: inout SuiteReport
    ) async throws {
        let client = database.client
        let layout = options.indexLayout
        let set = try querySet.load()
        let postings = try await BlockingThread.run(named: "passerelle-bench-census") {
            try Country.jobSpaces.compactMap { layout.currentDirectory($0, .jobs) }
                .reduce(0) { $0 + (try ShardReader(directory: $1).documentCount) }
        }
        guard postings > 0 else { throw ValidationError("no postings in the job shards under \(layout.root.path)") }
        report.facts.append("query set: \(set.queries.count) queries (seed \(querySet.seed)): \(set.kindSummary)")
        let plan = BenchPlan(queries: set.queries, rounds: rounds, clients: clients)
        let index = SearchIndex(layout: layout)

        // The graph, the network's own figures, and a viewer for in_network.
        let graph = NetworkGraph(client: client, logger: logger)
        let loadStarted = ContinuousClock.now
        try await graph.load()
        let statistics = try graph.statistics()
        report.facts.insert(
            "data: \(postings) postings in the job shards, \(statistics.members) members, "
                + "\(statistics.connections) connections", at: 0)
        var viewer: BenchViewer?
        if statistics.connections > 0 {
            report.network.append(
                SuiteReport.Row(
                    area: "network",
                    measurement: "graph load (\(statistics.members) members, \(statistics.connections) connections)",
                    passerelle:
                        "\(SuiteReport.seconds(ContinuousClock.now - loadStarted)), arrays \(statistics.memoryBytes >> 20) MB"
                ))
            report.load("network")
            if let figures = try await NetworkFigures.measure(
                graph, client: client, rounds: 1_000, batch: 1_000, staff: 5_000, window: 500, seed: querySet.seed)
            {
                report.addNetwork(figures)
            }
            viewer = try await BenchViewer.choose(client: client, graph: graph)
        } else {
            report.notes.append(
                "No connections in this data directory: network, in_network and talent are not measured.")
        }

        // Job search in-process, with in_network for the viewer's companies.
        report.load("in-process search")
        let inProcess = try await plan.measureInProcess(index)
        report.search.append(contentsOf: inProcess)
        var networkRequests: [JobSearchRequest]?
        if let viewer {
            networkRequests = set.queries.map {
                var request = $0.request
                request.networkCompanies = viewer.companies
                return request
            }
            report.search.append(
                contentsOf: try await plan.measureInProcess(
                    index, transport: "in-process in_network", requests: networkRequests))
            report.facts.append(
                "in_network: member \(viewer.externalID), who knows someone at \(viewer.companies.count) companies")
        }
        let cvQueries = set.queries.filter { [.oneWord, .twoWords, .phrase].contains($0.kind) }
        let cvRequests = cvQueries.map { query in
            var request = ProfileSearchRequest()
            request.query = query.request.query
            request.language = query.request.language
            request.countries = query.request.countries
            return request
        }
        report.load("CV search")
        let cvPlan = BenchPlan(queries: cvQueries, rounds: rounds, clients: [1])
        report.other += try await cvPlan.measure("CV search in-process") { _ in
            ProfileSearchClient(index: index, requests: cvRequests)
        }

        if let fits {
            report.load("matching")
            printError("matching: \(matchingSamples) postings of \(fits)")
            let quality = try await MatchingQuality.measure(
                Matcher(index: index, network: statistics.connections > 0 ? graph : nil), client: client,
                records: try BenchMatching.records(fits), samples: matchingSamples)
            report.addMatching(quality)
        } else {
            report.notes.append("Matching: not measured (no fits.jsonl: give --fits with --reuse).")
        }

        // PostgreSQL's full-text search on the same postings.
        try await measurePostgres(
            client: client, index: index, plan: plan, networkRequests: networkRequests, report: &report)

        // Over HTTP, against a server of its own process: its peak memory is the server's.
        try await measureHTTP(
            options: options, work: work, client: client, plan: plan, viewer: viewer, cvQueries: cvQueries,
            report: &report)
    }

    private func measurePostgres(
        client: PostgresClient, index: SearchIndex, plan: BenchPlan, networkRequests: [JobSearchRequest]?,
        report: inout SuiteReport
    ) async throws {
        let fullText = PostgresFullTextSearch(client: client)
        let build: PostgresFullTextSearch.Build
        if !rebuildPostgresTable, let existing = try await fullText.existing() {
            printError("PostgreSQL FTS: reusing \(PostgresFullTextSearch.table) (\(existing.rows) rows)")
            build = existing
        } else {
            printError("PostgreSQL FTS: building \(PostgresFullTextSearch.table) and its indexes")
            build = try await fullText.build()
        }
        report.addPostgresBuild(build)
        let server = try await client.query(
            """
            SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS buffers,
                current_setting('max_parallel_workers_per_gather') AS workers
            """)[0]
        report.facts.append(
            "PostgreSQL \(try server.decode("version", as: String.self)): shared_buffers "
                + "\(try server.decode("buffers", as: String.self)), max_parallel_workers_per_gather "
                + "\(try server.decode("workers", as: String.self)); for the searches: "
                + PostgresFullTextClient.settings.replacingOccurrences(of: "SET ", with: ""))
        let now = Date()
        let statements = plan.queries.map { PostgresFullTextSearch.statement($0.request, now: now) }
        let postgresPlan = BenchPlan(queries: plan.queries, rounds: postgresRounds, clients: plan.clients)
        report.load("PostgreSQL FTS")
        report.postgres += try await postgresPlan.measure("postgres") { _ in
            PostgresFullTextClient(client: client, statements: statements)
        }
        if let networkRequests {
            let statements = networkRequests.map { PostgresFullTextSearch.statement($0, now: now) }
            report.postgres += try await postgresPlan.measure("postgres in_network") { _ in
                PostgresFullTextClient(client: client, statements: statements)
            }
        }
        printError("PostgreSQL FTS: comparing the answers of \(min(agreementQueries, plan.queries.count)) queries")
        var agreement = SearchAgreement()
        for query in plan.queries.prefix(agreementQueries) {
            let ours = try await index.searchJobs(query.request, now: now)
            let theirs = try PostgresFullTextSearch.Answer(
                try await client.query(PostgresFullTextSearch.statement(query.request, now: now)))
            agreement.add(query, ours: ours, theirs: theirs)
        }
        report.agreement = agreement
    }

    private func measureHTTP(
        options: DatabaseOptions, work: URL, client: PostgresClient, plan: BenchPlan, viewer: BenchViewer?,
        cvQueries: [BenchmarkQuery], report: inout SuiteReport
    ) async throws {
        let recruiter = try await BenchRecruiter.choose(client: client)
        let server = try await BenchServer.start(
            dataDirectory: options.dataDirectory, log: work.appendingPathComponent("serve.log"))
        do {
            report.load("HTTP search")
            report.search += try await plan.measureHTTP(server.endpoint, server: "passerelle serve (pid \(server.pid))")
            if let viewer {
                let token = try await server.login(viewer.account)
                try await server.waitForGraph(token: token)
                report.search += try await plan.measureHTTP(
                    server.endpoint, server: "passerelle serve, signed in", transport: "http in_network",
                    targets: plan.queries.map { $0.target + "&in_network=true" },
                    headers: [("Authorization", "Bearer \(token)")])
            }
            if let recruiter {
                let token = try await server.login(recruiter.account)
                let headers = [("Authorization", "Bearer \(token)")]
                let cvPlan = BenchPlan(queries: cvQueries, rounds: rounds, clients: [1])
                let parameters = cvQueries.map { query in
                    var request = JobSearchRequest()
                    request.query = query.request.query
                    request.language = query.request.language
                    request.countries = query.request.countries
                    return request.queryString
                }
                report.other += try await cvPlan.measureHTTP(
                    server.endpoint, server: "passerelle serve, a recruiter", transport: "CV search http",
                    targets: parameters.map { "/api/v1/profiles/search?" + $0 }, headers: headers)
                if viewer != nil {
                    let talentQueries = Array(cvQueries.filter { $0.kind == .oneWord }.prefix(20))
                    let talentPlan = BenchPlan(queries: talentQueries, rounds: 5, clients: [1])
                    report.other += try await talentPlan.measureHTTP(
                        server.endpoint, server: "passerelle serve, a recruiter",
                        transport: "talent http (company of \(recruiter.staff) employees)",
                        targets: talentQueries.map {
                            "/api/v1/companies/\(recruiter.companyID)/talent?q="
                                + ($0.request.query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        }, headers: headers)
                }
            }
            report.serverPeak = server.peakMemory()
            report.serverResident = server.residentMemory()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

/// CV searches through ``SearchIndex`` in this process.
struct ProfileSearchClient: SearchClient {
    let index: SearchIndex
    let requests: [ProfileSearchRequest]

    func search(_ query: Int) async throws -> SearchOutcome {
        let started = ContinuousClock.now
        do {
            let results = try await index.searchProfiles(requests[query])
            return SearchOutcome(duration: ContinuousClock.now - started, failure: nil, matches: results.total)
        } catch let error as SearchError {
            return SearchOutcome(duration: ContinuousClock.now - started, failure: "\(error)")
        }
    }

    func close() {}
}

/// A sign-in account the benchmark made (or made in an earlier run).
struct BenchAccount: Sendable {
    static let password = "passerelle-bench-password"
    let email: String
}

/// The member whose network `in_network` searches: among a fixed sample of
/// connected members, the one at the 90th centile of companies known.
struct BenchViewer: Sendable {
    let externalID: String
    let companies: [Int64]
    let account: BenchAccount

    static func choose(client: PostgresClient, graph: NetworkGraph) async throws -> BenchViewer? {
        let sample = try await client.query(
            """
            SELECT DISTINCT c.member_a AS id, m.external_id FROM connections c TABLESAMPLE SYSTEM (1) REPEATABLE (1)
            JOIN members m ON m.id = c.member_a LIMIT 200
            """
        ).map { (try $0.decode("id", as: Int64.self), try $0.decode("external_id", as: String.self)) }
        let ranked = try sample.map { ($0, try graph.knownCompanies(of: $0.0)) }.sorted {
            ($0.1.count, $0.0.0) < ($1.1.count, $1.0.0)
        }
        guard !ranked.isEmpty else { return nil }
        for ((id, externalID), companies) in ranked[(ranked.count * 9 / 10)...]
            + ranked[..<(ranked.count * 9 / 10)].reversed()
        {
            let email = "bench-viewer-\(id)@example.com"
            if try await BenchAccount.create(
                client: client, email: email,
                request: .init(
                    memberExternalID: externalID, email: email, password: BenchAccount.password, role: .member))
            {
                return BenchViewer(externalID: externalID, companies: companies, account: BenchAccount(email: email))
            }
        }
        return nil
    }
}

/// A recruiter of the company whose current staff is nearest 5,000, for CV search and talent.
struct BenchRecruiter: Sendable {
    let companyID: Int64
    let staff: Int
    let account: BenchAccount

    static func choose(client: PostgresClient) async throws -> BenchRecruiter? {
        let rows = try await client.query(
            """
            SELECT e.company_id, c.external_id, count(*) AS staff FROM employments e
            JOIN companies c ON c.id = e.company_id WHERE e.end_date IS NULL
            GROUP BY e.company_id, c.external_id ORDER BY abs(count(*) - 5000), e.company_id LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        let company = try row.decode("company_id", as: Int64.self)
        let email = "bench-recruiter-\(company)@example.com"
        let request = AccountRegistry.Request(
            memberExternalID: "bench-recruiter-\(company)", email: email, password: BenchAccount.password,
            role: .recruiter, companyExternalID: try row.decode("external_id"),
            newMember: .init(name: "Bench Recruiter", country: .france, language: .fr))
        guard try await BenchAccount.create(client: client, email: email, request: request) else { return nil }
        return BenchRecruiter(companyID: company, staff: try row.decode("staff"), account: BenchAccount(email: email))
    }
}

extension BenchAccount {
    /// Creates the account; true when it exists now (made here or by an earlier
    /// run), false when its member already has another.
    static func create(client: PostgresClient, email: String, request: AccountRegistry.Request) async throws -> Bool {
        // An earlier run's: its member has it too, which create would refuse first.
        let existing = try await client.query("SELECT count(*) AS n FROM accounts WHERE lower(email) = lower(\(email))")
        if try existing[0].decode("n", as: Int.self) > 0 { return true }
        do {
            _ = try await AccountRegistry(client: client, hasher: PasswordHasher(threads: 1)).create(request)
            return true
        } catch AccountRegistry.Refusal.memberHasAccount {
            return false
        }
    }
}

/// A `passerelle serve` started by the benchmark on the same data directory
/// (the embedded cluster is shared), so that its memory is the server's alone.
final class BenchServer: @unchecked Sendable {
    let process: Process
    let endpoint: HTTPEndpoint
    var pid: Int32 { process.processIdentifier }

    private init(process: Process, endpoint: HTTPEndpoint) {
        self.process = process
        self.endpoint = endpoint
    }

    static func start(dataDirectory: URL, log: URL) async throws -> BenchServer {
        let endpoint = HTTPEndpoint(host: "127.0.0.1", port: try freeLoopbackPort())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [
            "serve", "--data-dir", dataDirectory.path, "--host", endpoint.host, "--port", String(endpoint.port),
            "--log-level", "warning",
        ]
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        printError("started passerelle serve (pid \(process.processIdentifier)) at \(endpoint), log \(log.path)")
        let server = BenchServer(process: process, endpoint: endpoint)
        // Starting takes a while at scale (migrations, the index writer); a server that exits says so at once.
        let deadline = ContinuousClock.now + .seconds(600)
        while (try? await endpoint.waitUntilListening(timeout: .seconds(1))) == nil {
            guard process.isRunning else {
                throw ValidationError(
                    "passerelle serve exited with status \(process.terminationStatus) before listening: see \(log.path)"
                )
            }
            guard ContinuousClock.now < deadline else {
                await server.stop()
                throw ValidationError("passerelle serve is not listening after 600 s: see \(log.path)")
            }
        }
        return server
    }

    /// Signs in over HTTP; the bearer token.
    func login(_ account: BenchAccount) async throws -> String {
        let endpoint = endpoint
        return try await BlockingThread.run(named: "passerelle-bench-login") {
            let body = try JSONSerialization.data(withJSONObject: [
                "email": account.email, "password": BenchAccount.password,
            ])
            let response = try HTTPConnection(endpoint).post("/api/v1/auth/login", json: Array(body))
            guard response.status == 200,
                let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let token = answer["token"] as? String
            else {
                throw HTTPClientError(
                    "login of \(account.email): HTTP \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))"
                )
            }
            return token
        }
    }

    /// Waits until the server's graph has loaded (its network routes answer 503 before).
    func waitForGraph(token: String) async throws {
        let endpoint = endpoint
        try await BlockingThread.run(named: "passerelle-bench-wait") {
            let connection = try HTTPConnection(endpoint)
            let deadline = ContinuousClock.now + .seconds(600)
            while true {
                let response = try connection.get(
                    "/api/v1/jobs/search?q=a&in_network=true", headers: [("Authorization", "Bearer \(token)")])
                if response.status != 503 { return }
                guard ContinuousClock.now < deadline else {
                    throw HTTPClientError("the server's graph is still loading")
                }
                usleep(200_000)
            }
        }
    }

    func peakMemory() -> Int? { processMemory("VmHWM", pid: String(pid)) }
    func residentMemory() -> Int? { processMemory("VmRSS", pid: String(pid)) }

    /// SIGTERM, then waits for it to finish its graceful shutdown.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let process = process
        _ = try? await BlockingThread.run(named: "passerelle-bench-stop") { process.waitUntilExit() }
    }
}
