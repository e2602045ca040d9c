import ArgumentParser
import Foundation
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore

struct BenchFreshness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freshness",
        abstract: "How long a posting committed to PostgreSQL takes to be found by a search.",
        discussion: """
            Runs an index writer in this process over empty shards of its own under the data directory \
            (stamped with the current outbox position, so nothing older is replayed), creates postings one by \
            one through the store, and times each from its commit until a search finds it. The shards, the \
            postings and their company are removed afterwards.
            """)

    @Option(help: "How many postings to create.")
    var postings = 200

    @Option(help: "Their job space.")
    var country: Country = .france

    @Flag(help: "Write into the data directory's own shards (no server may be running) instead of empty ones.")
    var liveIndex = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (count, country) = (postings, country)
        // Empty shards go beside the real ones, on the same file system (a commit's fsync is part of the figure).
        let shards: FreshnessShards =
            liveIndex
            ? .live(database.indexLayout)
            : .empty(database.dataDirectory.appendingPathComponent("bench-index-\(UUID().uuidString.prefix(8))"))
        try await database.run(
            "passerelle.bench",
            work: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                let latencies = try await measureFreshness(
                    client: database.client, shards: shards, postings: count, country: country, logger: logger)
                print(LatencyFigures(latencies).summary)
            })
    }
}

/// The shards a freshness measurement writes into.
private enum FreshnessShards: Sendable {
    /// Shards built from PostgreSQL, kept up to date by the writer afterwards too.
    case live(IndexLayout)
    /// New shards stamped with the current outbox position, removed afterwards.
    case empty(URL)
}

/// Creates `postings` postings one at a time with an index writer running, and
/// returns for each the time from its commit until a search found it.
private func measureFreshness(
    client: PostgresClient, shards: FreshnessShards, postings: Int, country: Country, logger: Logger
) async throws
    -> [Duration]
{
    let countries = Country.jobSpaces.contains(country) ? Country.jobSpaces : Country.jobSpaces + [country]
    let layout: IndexLayout
    switch shards {
    case .live(let live):
        layout = live
    case .empty(let root):
        layout = IndexLayout(root: root)
        let horizon = try await IndexSource(client: client).horizon()
        try await BlockingThread.run(named: "passerelle-bench") {
            for country in countries {
                for kind in IndexKind.allCases {
                    try layout.openWriter(country, kind, thesaurus: .bundled).commit(position: horizon)
                }
            }
        }
    }
    defer { if case .empty(let root) = shards { try? FileManager.default.removeItem(at: root) } }
    let writer = IndexWriter(client: client, layout: layout, countries: countries, logger: logger)
    let search = SearchIndex(layout: layout, countries: countries)
    let store = JobPostingStore(client: client)
    let suffix = UUID().uuidString.prefix(8).lowercased()
    let company = try await CompanyStore(client: client).create(
        Company(externalID: "bench-freshness-\(suffix)", name: "Bench Freshness"))
    var created: [Int64] = []
    var latencies: [Duration] = []
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await writer.run() }
        defer { group.cancelAll() }
        for index in 0..<postings {
            // A word no other document has: only this posting matches it.
            let word = "zq" + String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
            let posting = try await store.create(
                JobPosting(
                    country: country, companyID: company.id, language: country.defaultLanguage ?? .en,
                    requisitionID: "BENCH-\(suffix)-\(index)", title: "Probe \(word)",
                    description: "A posting made by passerelle bench-freshness.",
                    datePosted: CalendarDate(utcDayOf: Date())))
            let committed = ContinuousClock.now
            created.append(posting.id)
            var request = JobSearchRequest()
            request.query = word
            request.countries = [country]
            try await writer.waitUntilCaughtUp()
            while try await search.searchJobs(request).hits.first?.id != posting.id {
                guard ContinuousClock.now - committed < .seconds(30) else {
                    throw ValidationError("posting \(posting.id) was not found within 30 s")
                }
                try await Task.sleep(for: .milliseconds(1))
            }
            latencies.append(ContinuousClock.now - committed)
        }
    }
    for id in created { try await store.delete(id: id) }
    try await client.query("DELETE FROM companies WHERE id = \(company.id)")
    return latencies
}

/// Percentiles of a list of latencies.
struct LatencyFigures {
    let sorted: [Duration]

    init(_ latencies: [Duration]) {
        sorted = latencies.sorted()
    }

    /// The smallest latency at least `fraction` of them do not exceed.
    func percentile(_ fraction: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var summary: String {
        func ms(_ duration: Duration) -> String { String(format: "%.1f ms", duration / .milliseconds(1)) }
        return "committed → searchable over \(sorted.count) postings: p50 \(ms(percentile(0.5))), "
            + "p90 \(ms(percentile(0.9))), p99 \(ms(percentile(0.99))), max \(ms(sorted.last ?? .zero))"
    }
}
