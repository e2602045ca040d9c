import Foundation
import PasserelleSearch
import PasserelleStore
import Synchronization

/// How long one search took, as its client saw it, and why it failed if it did.
struct SearchOutcome: Sendable {
    let duration: Duration
    let failure: String?
    /// How many postings matched, when the client reads it.
    var matches: Int? = nil
}

/// One client of a measurement: runs the queries it is handed, one at a time.
protocol SearchClient: Sendable {
    /// Runs query `query` of the set and times it; the client times it itself so
    /// that hops between threads stay out of the figure when they are not the transport's.
    func search(_ query: Int) async throws -> SearchOutcome
    func close()
}

/// Searches through ``SearchIndex`` in this process: the index without HTTP.
struct InProcessClient: SearchClient {
    let index: SearchIndex
    /// The requests of the query set, in its order.
    let requests: [JobSearchRequest]

    func search(_ query: Int) async throws -> SearchOutcome {
        let started = ContinuousClock.now
        do {
            let results = try await index.searchJobs(requests[query])
            return SearchOutcome(duration: ContinuousClock.now - started, failure: nil, matches: results.total)
        } catch let error as SearchError {
            return SearchOutcome(duration: ContinuousClock.now - started, failure: "\(error)")
        }
    }

    func close() {}
}

/// Searches over one keep-alive HTTP connection, on a thread of its own (socket
/// calls block); the time is taken on that thread, from the request's first byte
/// sent to the response's last byte read.
final class HTTPSearchClient: SearchClient, @unchecked Sendable {
    private let thread: BlockingThread
    private let targets: [String]
    private let headers: [(String, String)]
    // Touched on `thread` only.
    private var connection: HTTPConnection?

    private init(thread: BlockingThread, targets: [String], headers: [(String, String)]) {
        self.thread = thread
        self.targets = targets
        self.headers = headers
    }

    /// Connects before the clock starts: a measurement times searches, not handshakes.
    /// `headers` go with every request (a signed-in viewer's Authorization).
    static func open(
        _ endpoint: HTTPEndpoint, targets: [String], headers: [(String, String)] = [], name: String
    ) async throws -> HTTPSearchClient {
        let client = HTTPSearchClient(thread: BlockingThread(name: name), targets: targets, headers: headers)
        do {
            try await client.thread.run { client.connection = try HTTPConnection(endpoint) }
        } catch {
            client.close()
            throw error
        }
        return client
    }

    func search(_ query: Int) async throws -> SearchOutcome {
        try await thread.run { [self] in
            let target = targets[query]
            let started = ContinuousClock.now
            let response = try connection!.get(target, headers: headers)
            let duration = ContinuousClock.now - started
            guard response.status == 200 else {
                let body = String(decoding: response.body.prefix(300), as: UTF8.self)
                return SearchOutcome(duration: duration, failure: "HTTP \(response.status) for \(target): \(body)")
            }
            return SearchOutcome(duration: duration, failure: nil)
        }
    }

    func close() {
        thread.execute { [self] in connection = nil }
        thread.stop()
    }
}

/// The figures of one measurement: every query of the set `rounds` times, handed
/// out in order to `clients` concurrent clients, each taking the next as soon as
/// its last one is answered (a closed loop).
struct Measurement: Sendable {
    let transport: String
    let clients: Int
    /// Durations of the searches of each kind, in ``QueryKind/allCases`` order.
    let durations: [[Duration]]
    let failures: [Int]
    let firstFailure: String?
    /// How many postings each search matched, where the client says.
    let matches: [Int]
    /// From the first search sent to the last answered.
    let wall: Duration

    /// Runs the measurement; the clients are closed afterwards.
    static func run(
        _ transport: String, queries: [BenchmarkQuery], rounds: Int, clients: [any SearchClient]
    ) async throws -> Measurement {
        defer { for client in clients { client.close() } }
        let jobs = JobQueue(count: queries.count * rounds)
        let kinds = queries.map { QueryKind.allCases.firstIndex(of: $0.kind)! }
        let started = ContinuousClock.now
        let outcomes = try await withThrowingTaskGroup(of: [(Int, SearchOutcome)].self) { group in
            for client in clients {
                group.addTask {
                    var outcomes: [(Int, SearchOutcome)] = []
                    while let job = jobs.take() {
                        let query = job % queries.count
                        outcomes.append((kinds[query], try await client.search(query)))
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let wall = ContinuousClock.now - started
        var durations = Array(repeating: [Duration](), count: QueryKind.allCases.count)
        var failures = Array(repeating: 0, count: QueryKind.allCases.count)
        for (kind, outcome) in outcomes {
            durations[kind].append(outcome.duration)
            if outcome.failure != nil { failures[kind] += 1 }
        }
        return Measurement(
            transport: transport, clients: clients.count, durations: durations, failures: failures,
            firstFailure: outcomes.lazy.compactMap(\.1.failure).first, matches: outcomes.compactMap(\.1.matches),
            wall: wall)
    }

    /// One row for every search, then one per kind.
    var rows: [BenchRow] {
        let all = durations.flatMap { $0 }
        var rows = [
            BenchRow(
                transport: transport, clients: clients, kind: "all", durations: all,
                failures: failures.reduce(0, +), perSecond: Double(all.count) / max(wall / .seconds(1), 1e-9))
        ]
        for (index, kind) in QueryKind.allCases.enumerated() where !durations[index].isEmpty {
            // A kind's rate: what this many clients sending only that kind would sustain
            // (Little's law: clients / mean latency); the kinds were interleaved.
            let busy = durations[index].reduce(Duration.zero, +) / .seconds(1)
            rows.append(
                BenchRow(
                    transport: transport, clients: clients, kind: kind.rawValue, durations: durations[index],
                    failures: failures[index],
                    perSecond: Double(clients) * Double(durations[index].count) / max(busy, 1e-9)))
        }
        return rows
    }
}

/// Hands out job numbers 0, 1, 2… up to a count, each once, to concurrent clients.
final class JobQueue: Sendable {
    private let next = Mutex(0)
    let count: Int

    init(count: Int) {
        self.count = count
    }

    /// The next job, or nil when all are taken.
    func take() -> Int? {
        next.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// A line of the benchmark's table.
struct BenchRow: Sendable {
    let transport: String
    let clients: Int
    let kind: String
    let figures: LatencyFigures
    let mean: Duration
    let failures: Int
    let perSecond: Double

    init(transport: String, clients: Int, kind: String, durations: [Duration], failures: Int, perSecond: Double) {
        self.transport = transport
        self.clients = clients
        self.kind = kind
        figures = LatencyFigures(durations)
        mean = durations.isEmpty ? .zero : durations.reduce(Duration.zero, +) / durations.count
        self.failures = failures
        self.perSecond = perSecond
    }

    /// The rows as one table, times in milliseconds.
    static func table(_ rows: [BenchRow]) -> String {
        let header =
            ["transport", "clients", "kind", "searches", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms"]
            + ["mean ms", "req/s"]
        func ms(_ duration: Duration) -> String { String(format: "%.2f", duration / .milliseconds(1)) }
        let lines =
            [header]
            + rows.map { row in
                [
                    row.transport, String(row.clients), row.kind, String(row.figures.sorted.count),
                    String(row.failures), ms(row.figures.percentile(0.5)), ms(row.figures.percentile(0.95)),
                    ms(row.figures.percentile(0.99)), ms(row.figures.sorted.last ?? .zero), ms(row.mean),
                    String(format: "%.0f", row.perSecond),
                ]
            }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        // Names to the left, figures to the right.
        return lines.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// The build the benchmarks run in: a debug build's figures mean little, and they say so.
enum BenchBuild {
    #if DEBUG
    static let isRelease = false
    #else
    static let isRelease = true
    #endif
    static let debugWarning = "figures not representative: build with -c release"
    /// "release build", or "DEBUG build (…)" with the warning.
    static let description = isRelease ? "release build" : "DEBUG build (\(debugWarning))"
}
