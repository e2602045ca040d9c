import ArgumentParser
import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleWeb

/// `passerelle bench …`: measurements for operators, run by hand, never by the tests.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks: the job-search query set, search latency and throughput, the network graph.",
        subcommands: [
            BenchAll.self, BenchQueries.self, BenchSearch.self, BenchFreshness.self, BenchNetwork.self,
            BenchMatching.self,
        ])
}

/// How the query set is made: the same options give the same queries.
struct QuerySetOptions: ParsableArguments {
    @Option(help: "How many queries the set holds.")
    var queries = QuerySet.standardSize

    @Option(help: "The random seed of the query set.")
    var seed: UInt64 = 1

    @Option(help: "Where the reference lists are.")
    var seedDir = "seed"

    func load() throws -> QuerySet {
        guard queries > 0 else { throw ValidationError("--queries must be at least 1") }
        do {
            let vocabulary = try QueryVocabulary(seedDirectory: URL(fileURLWithPath: seedDir))
            return QuerySet(vocabulary: vocabulary, count: queries, seed: seed)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension QuerySet {
    /// "one_word 200, two_words 200, …": how many queries of each kind.
    var kindSummary: String {
        QueryKind.allCases.map { kind in "\(kind.rawValue) \(queries.count { $0.kind == kind })" }
            .joined(separator: ", ")
    }
}

struct BenchQueries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "Writes the benchmark's job-search queries, one per line, for inspection.",
        discussion: """
            Each line holds, separated by tabs: the kind (one_word, two_words, phrase, filters, facets, geo), the \
            language, the traits (typo, accentless, browse, diversified, by_date, by_distance, later_page; - for \
            none) and the request target of GET /api/v1/jobs/search (path and query string, ready for curl).
            """)

    @Option(help: "The file to write (replaced); - for standard output.")
    var out: String

    @OptionGroup var querySet: QuerySetOptions

    func run() throws {
        let set = try querySet.load()
        let text = set.queries.map { query in
            let traits = query.traits.sorted().map(\.rawValue).joined(separator: ",")
            return [query.kind.rawValue, query.language.code, traits.isEmpty ? "-" : traits, query.target]
                .joined(separator: "\t") + "\n"
        }.joined()
        if out == "-" {
            print(text, terminator: "")
        } else {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            printError("wrote \(set.queries.count) queries to \(out): \(set.kindSummary)")
        }
    }
}

struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Measures job-search latency and throughput over a data directory's shards, in-process and over HTTP.",
        discussion: """
            Runs the query set (see `bench queries`) through SearchIndex in this process, then over HTTP on \
            loopback: against --url, or against a server this command starts in-process on the same shards \
            (it starts the data directory's PostgreSQL for it). Each measurement runs every query once to warm \
            up, then every query --rounds times, handed out in order to --clients concurrent clients that each \
            send the next search as soon as the last one is answered. Prints one table: percentiles, mean and \
            requests per second, for all searches and per kind of query. Build with -c release for real figures.
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var querySet: QuerySetOptions

    @Option(help: "How many times every query runs in each measurement, after the warm-up round.")
    var rounds = 3

    @Option(help: "Concurrent clients of a measurement; repeat for several measurements.")
    var clients: [Int] = [1, 16]

    @Option(help: "Measure HTTP against this running server (http://host:port) instead of starting one.")
    var url: String?

    @Flag(name: .customLong("skip-http"), help: "Measure in-process only.")
    var skipHTTP = false

    @Option(
        help: "Threads that run Xapian searches, in-process and in the server started here (default: one per core).")
    var searchThreads: Int?

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be at least 1") }
        guard !clients.isEmpty, clients.allSatisfy({ (1...1_000).contains($0) }) else {
            throw ValidationError("--clients must be from 1 to 1000")
        }
        if let searchThreads, searchThreads < 1 { throw ValidationError("--search-threads must be at least 1") }
    }

    func run() async throws {
        let layout = database.indexLayout
        let (shards, postings) = try await census(layout)
        let set = try querySet.load()
        let endpoint = try url.map { try HTTPEndpoint(url: $0) }
        let plan = BenchPlan(queries: set.queries, rounds: rounds, clients: clients)
        let threads = searchThreads ?? ProcessInfo.processInfo.activeProcessorCount
        let index = SearchIndex(layout: layout, threads: threads)
        print(
            """
            \(postings) postings in \(shards.count) job shards (\(shards.map(\.code).joined(separator: " "))) \
            under \(layout.root.path)
            \(set.queries.count) queries (seed \(querySet.seed)): \(set.kindSummary)
            every measurement: a warm-up round, then \(rounds) round(s); \(BenchBuild.description), \
            \(ProcessInfo.processInfo.activeProcessorCount) cores, \(threads) search thread(s)
            """)
        let inProcess = try await plan.measureInProcess(index)
        if skipHTTP {
            try plan.report(inProcess)
        } else if let endpoint {
            try await plan.report(inProcess) { try await plan.measureHTTP(endpoint, server: "server at \(endpoint)") }
        } else {
            let server = HTTPEndpoint(host: "127.0.0.1", port: try freeLoopbackPort())
            try await database.run(
                "passerelle.bench",
                services: { database, logger in
                    [
                        buildApplication(
                            WebConfiguration(host: server.host, port: server.port), database: database.client,
                            search: index, logger: logger)
                    ]
                },
                work: { _, _ in
                    try await server.waitUntilListening(timeout: .seconds(30))
                    try await plan.report(inProcess) { try await plan.measureHTTP(server, server: "in-process server") }
                })
        }
    }

    /// The job shards there are and how many postings they hold; a clear failure
    /// when there are none, since every figure would be that of an empty index.
    private func census(_ layout: IndexLayout) async throws -> (shards: [Country], postings: Int) {
        let shards = Country.jobSpaces.compactMap { country in
            layout.currentDirectory(country, .jobs).map { (country, $0) }
        }
        let postings = try await BlockingThread.run(named: "passerelle-bench-census") {
            try shards.reduce(0) { $0 + (try ShardReader(directory: $1.1).documentCount) }
        }
        guard postings > 0 else {
            let dataDir = database.dataDirectory.path
            printError(
                """
                passerelle bench search: no postings in any job shard under \(layout.root.path).
                Load and index some first, for example:
                  passerelle generate --members 2000 --postings 20000 --out /tmp/bench-data
                  passerelle import jobs /tmp/bench-data/jobs.jsonl --data-dir \(dataDir)
                  passerelle reindex --kind jobs --data-dir \(dataDir)
                """)
            throw ExitCode.failure
        }
        return (shards.map(\.0), postings)
    }
}

/// What every measurement of a `bench search` run shares.
struct BenchPlan: Sendable {
    let queries: [BenchmarkQuery]
    let rounds: Int
    let clients: [Int]

    /// The query set through ``SearchIndex``; `requests` replaces the set's own
    /// requests (the same searches with `in_network`, say), in the same order.
    func measureInProcess(
        _ index: SearchIndex, transport: String = "in-process", requests: [JobSearchRequest]? = nil
    ) async throws -> [Measurement] {
        let requests = requests ?? queries.map(\.request)
        return try await measure(transport) { _ in InProcessClient(index: index, requests: requests) }
    }

    /// The query set over HTTP; `targets` replaces the set's own request targets,
    /// `headers` go with every request.
    func measureHTTP(
        _ endpoint: HTTPEndpoint, server: String, transport: String = "http", targets: [String]? = nil,
        headers: [(String, String)] = []
    ) async throws -> [Measurement] {
        printError("HTTP: \(server), \(endpoint)")
        let targets = targets ?? queries.map(\.target)
        return try await measure(transport) { client in
            try await HTTPSearchClient.open(
                endpoint, targets: targets, headers: headers, name: "passerelle-bench-\(client)")
        }
    }

    /// A warm-up round with one client, then one measurement per client count.
    func measure(
        _ transport: String, client makeClient: (Int) async throws -> any SearchClient
    ) async throws -> [Measurement] {
        printError("\(transport): warm-up, \(queries.count) searches")
        _ = try await Measurement.run(transport, queries: queries, rounds: 1, clients: [try await makeClient(0)])
        var measurements: [Measurement] = []
        for count in clients {
            printError("\(transport): \(count) client(s), \(queries.count * rounds) searches")
            var connected: [any SearchClient] = []
            do {
                for client in 0..<count { connected.append(try await makeClient(client)) }
            } catch {
                for client in connected { client.close() }
                throw error
            }
            measurements.append(
                try await Measurement.run(transport, queries: queries, rounds: rounds, clients: connected))
        }
        return measurements
    }

    /// Prints the table of `inProcess` and of what `http` measures; when `http`
    /// fails, the in-process figures are printed before the error.
    func report(_ inProcess: [Measurement], http: () async throws -> [Measurement]) async throws {
        let measurements: [Measurement]
        do {
            measurements = try await http()
        } catch {
            try? report(inProcess)
            throw error
        }
        try report(inProcess + measurements)
    }

    /// Prints the table; a search that failed makes the command fail after it.
    func report(_ measurements: [Measurement]) throws {
        print(BenchRow.table(measurements.flatMap(\.rows)))
        print(
            "req/s: measured for all; for one kind, clients / mean latency (what that kind alone would sustain).")
        // Latencies of searches that find nothing say little: the share of them tells how far to trust the rest.
        if let matches = measurements.first(where: { !$0.matches.isEmpty })?.matches.sorted() {
            let none = matches.count { $0 == 0 }
            print(
                "matches per search: median \(matches[matches.count / 2]), max \(matches.last!); "
                    + String(format: "%.1f%% of searches match nothing", 100 * Double(none) / Double(matches.count)))
        }
        let failed = measurements.filter { $0.firstFailure != nil }
        for measurement in failed {
            printError("\(measurement.transport) x\(measurement.clients): first error: \(measurement.firstFailure!)")
        }
        if !failed.isEmpty { throw ExitCode.failure }
    }
}
