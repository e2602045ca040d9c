import ArgumentParser
import Foundation
import PasserelleNetwork
import PasserelleStore

struct BenchNetwork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Measures the network graph: load time, memory, distances, referral paths, talent reach.",
        discussion: """
            Loads the data directory's graph from PostgreSQL as `serve` does, then times, from random members \
            (with at least one connection): the distances to --batch random members at once; the referral paths \
            to a company where the viewer knows someone, one of the 50 largest, or any with staff (a third \
            each); the talent links of the \
            company whose staff is nearest --staff employees, for --window random candidates (the CVs a talent \
            search keeps). Prints wall-clock and thread CPU times (the latter without the waits of a busy machine). Build with -c release for real figures.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many times each query runs.")
    var rounds = 1_000

    @Option(help: "How many members one distance query asks about.")
    var batch = 1_000

    @Option(help: "The talent company's size to look for (current employees).")
    var staff = 5_000

    @Option(help: "How many candidates one talent query weighs.")
    var window = 500

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard rounds > 0, batch > 0, staff > 0, window > 0 else {
            throw ValidationError("--rounds, --batch, --staff and --window must be at least 1")
        }
    }

    func run() async throws {
        let options = self
        try await database.run(
            "passerelle.bench",
            work: { database, logger in
                let graph = NetworkGraph(client: database.client, logger: logger)
                let residentBefore = residentBytes()
                let started = ContinuousClock.now
                try await graph.load()
                let loadTime = ContinuousClock.now - started
                let statistics = try graph.statistics()
                print(
                    """
                    \(statistics.members) members, \(statistics.connections) connections; \(BenchBuild.description)
                    load: \(String(format: "%.1f", loadTime / .seconds(1))) s; graph arrays \
                    \(statistics.memoryBytes >> 20) MB; process resident +\((residentBytes() - residentBefore) >> 20) MB \
                    (\(residentBytes() >> 20) MB in all)
                    """)
                guard
                    let figures = try await NetworkFigures.measure(
                        graph, client: database.client, rounds: options.rounds, batch: options.batch,
                        staff: options.staff, window: options.window, seed: options.seed)
                else {
                    printError("passerelle bench network: no connections in this data directory")
                    throw ExitCode.failure
                }
                print(figures.lines)
            })
    }

}

/// What `bench network` measures, from random members with at least one connection.
struct NetworkFigures {
    typealias Figures = (wall: LatencyFigures, cpu: LatencyFigures)
    let batch: Int
    let distances: Figures
    /// How the answers fell: "1 0.3%, 2 12.0%, …".
    let reached: String
    let paths: Figures
    let pathsEach: Double
    let talentStaff: Int
    let window: Int
    let talent: Figures
    let linkedEach: Int

    /// Times distances, referral paths and talent links (see ``BenchNetwork``); nil
    /// when the data directory has no connections.
    static func measure(
        _ graph: NetworkGraph, client: PostgresClient, rounds: Int, batch: Int, staff: Int, window: Int,
        seed: UInt64
    ) async throws -> NetworkFigures? {
        var random = BenchRandom(seed: seed)
        let members = try await client.query(
            "SELECT member_a AS id FROM connections TABLESAMPLE SYSTEM (1) LIMIT 50000"
        ).map { try $0.decode("id", as: Int64.self) }
        let population = try await client.query("SELECT id FROM members TABLESAMPLE SYSTEM (10) LIMIT 200000")
            .map { try $0.decode("id", as: Int64.self) }
        let large = try await client.query(
            """
            SELECT company_id, count(*) AS staff FROM employments WHERE end_date IS NULL
            GROUP BY company_id ORDER BY count(*) DESC LIMIT 2000
            """
        ).map { (try $0.decode("company_id", as: Int64.self), try $0.decode("staff", as: Int.self)) }
        guard !members.isEmpty, !population.isEmpty, !large.isEmpty else { return nil }
        let companies = large.prefix(50).map(\.0)
        let talentCompany = large.min { abs($0.1 - staff) < abs($1.1 - staff) }!

        var reached = [Int: Int]()
        let distances = try time(rounds) {
            let viewer = members[random.below(members.count)]
            let targets = (0..<batch).map { _ in population[random.below(population.count)] }
            let answer = try graph.distances(from: viewer, to: targets)
            for distance in answer.values { reached[distance ?? -1, default: 0] += 1 }
        }
        var pathCount = 0
        let paths = try time(rounds) {
            let viewer = members[random.below(members.count)]
            // A third each: a company where the viewer knows someone, one of the largest, any with staff.
            let known = try graph.knownCompanies(of: viewer)
            let company =
                switch random.below(3) {
                case 0 where !known.isEmpty: known[random.below(known.count)]
                case 1: companies[random.below(companies.count)]
                default: large[random.below(large.count)].0
                }
            pathCount += try graph.referralPaths(from: viewer, to: company).count
        }
        var linked = 0
        let talent = try time(max(rounds / 10, 10)) {
            let candidates = (0..<window).map { _ in population[random.below(population.count)] }
            linked += try graph.talentLinks(of: talentCompany.0, candidates: candidates).count
        }
        let total = reached.values.reduce(0, +)
        let shares = reached.sorted { $0.key < $1.key }.map { key, count in
            "\(key < 0 ? "beyond" : String(key)) \(String(format: "%.1f", 100 * Double(count) / Double(total)))%"
        }
        return NetworkFigures(
            batch: batch, distances: distances, reached: shares.joined(separator: ", "), paths: paths,
            pathsEach: Double(pathCount) / Double(rounds), talentStaff: talentCompany.1, window: window,
            talent: talent, linkedEach: linked / max(talent.wall.sorted.count, 1))
    }

    var lines: String {
        func row(_ name: String, _ figures: Figures) -> String {
            func ms(_ duration: Duration) -> String { String(format: "%.3f", duration / .milliseconds(1)) }
            func cells(_ figures: LatencyFigures) -> String {
                "p50 \(ms(figures.percentile(0.5))), p99 \(ms(figures.percentile(0.99))), "
                    + "max \(ms(figures.sorted.last ?? .zero)) ms"
            }
            return "\(name): \(figures.wall.sorted.count) queries; wall \(cells(figures.wall)); "
                + "thread CPU \(cells(figures.cpu))"
        }
        return """
            \(row("distances of \(batch) members", distances)) (answers: \(reached))
            \(row("referral paths", paths)) (\(String(format: "%.1f", pathsEach)) paths each)
            \(row("talent, company of \(talentStaff) employees, \(window) candidates", talent)) \
            (\(linkedEach) within 2 degrees each)
            """
    }

    /// Runs `body` `count` times; the wall-clock time of each run, and the CPU time of
    /// its thread (the same work without the waits of a busy machine).
    private static func time(_ count: Int, _ body: () throws -> Void) throws -> Figures {
        var wall: [Duration] = []
        var cpu: [Duration] = []
        for _ in 0..<count {
            let (started, startedCPU) = (ContinuousClock.now, cpuTime())
            try body()
            wall.append(ContinuousClock.now - started)
            cpu.append(cpuTime() - startedCPU)
        }
        return (LatencyFigures(wall), LatencyFigures(cpu))
    }
}

/// The CPU time used so far by the calling thread (`CLOCK_THREAD_CPUTIME_ID`, the
/// default) or by the whole process, every thread (`CLOCK_PROCESS_CPUTIME_ID`).
func cpuTime(_ clock: clockid_t = CLOCK_THREAD_CPUTIME_ID) -> Duration {
    var time = timespec()
    clock_gettime(clock, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}

/// The process's resident memory (VmRSS), 0 where /proc is not there.
func residentBytes() -> Int {
    processMemory("VmRSS") ?? 0
}

/// A memory figure of /proc/PID/status (VmRSS, VmHWM: the peak), in bytes; nil where it cannot be read.
func processMemory(_ field: String, pid: String = "self") -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
}

/// A small deterministic generator: the same seed picks the same members.
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
