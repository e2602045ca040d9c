import ArgumentParser
import Foundation
import PasserelleCore
import PasserelleGenerator
import PasserelleMatch
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

struct BenchMatching: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matching",
        abstract: "Measures matching's quality on the generator's fits, and its speed.",
        discussion: """
            The generator writes fits.jsonl: sampled postings and the members it made to fit each one (same \
            occupation, its required skills, same city, enough experience). For --samples of those postings, the \
            candidates are ranked and compared with the fitted members whose CVs a recruiter of the company may \
            see (public, not its employees): precision@10 and recall@50, re-ranked and in plain text-relevance \
            order (the same candidates, as the index ranked them). For one fitted member of as many postings \
            still open, the recommended offers are ranked the same two ways, the fitted posting being the \
            relevant one. Then times both (wall clock, one at a time; the graph loaded as `serve` loads it). \
            The data directory must hold the generator's data imported and indexed. Build with -c release.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The generator's fits.jsonl for this data.")
    var fits: String

    @Option(help: "How many sampled postings (and fitted members) to rank.")
    var samples = 500

    @Flag(help: "Leave the network out (no graph loaded).")
    var noNetwork = false

    func validate() throws {
        guard samples > 0 else { throw ValidationError("--samples must be at least 1") }
    }

    func run() async throws {
        let options = self
        let records = try Self.records(options.fits)
        try await database.run(
            "passerelle.bench",
            work: { database, logger in
                var graph: NetworkGraph?
                if !options.noNetwork {
                    let loading = NetworkGraph(client: database.client, logger: logger)
                    try await loading.load()
                    graph = loading
                }
                let matcher = Matcher(index: SearchIndex(layout: options.database.indexLayout), network: graph)
                let report = try await MatchingQuality.measure(
                    matcher, client: database.client, records: records, samples: options.samples)
                print(report.table)
            })
    }

    /// The records of fits.jsonl, with the file and line of one that cannot be read.
    static func records(_ path: String) throws -> [FitRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot be read")
        }
        let decoder = JSONDecoder()
        var records: [FitRecord] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                records.append(try decoder.decode(FitRecord.self, from: Data(line)))
            } catch {
                throw ValidationError("\(path) line \(number + 1): not a fits record (\(error))")
            }
        }
        guard !records.isEmpty else { throw ValidationError("\(path): no records") }
        return records
    }
}

/// Precision@10 and recall@50 of matching against the generator's fits, re-ranked
/// and in text-relevance order, and how long each answer takes.
struct MatchingQuality {
    struct Quality {
        var precision = 0.0
        var recall = 0.0
        var count = 0

        mutating func add(ranked: [String], relevant: Set<String>) {
            guard !relevant.isEmpty else { return }
            precision += Double(ranked.prefix(10).filter(relevant.contains).count) / 10
            recall += Double(ranked.prefix(50).filter(relevant.contains).count) / Double(relevant.count)
            count += 1
        }

        var cells: String {
            String(format: "%.3f | %.3f", precision / Double(max(count, 1)), recall / Double(max(count, 1)))
        }
    }

    var candidates = Quality()
    var candidatesByText = Quality()
    var offers = Quality()
    var offersByText = Quality()
    var candidateTimes: [Duration] = []
    var offerTimes: [Duration] = []
    /// The process's CPU time for each answer (all its threads): what a busy machine does not inflate.
    var candidateCPU: [Duration] = []
    var offerCPU: [Duration] = []
    /// The fitted members a recruiter may see, on average.
    var relevantEach = 0.0

    /// Postings matched before the timed runs.
    static let warmUp = 20

    static func measure(
        _ matcher: Matcher, client: PostgresClient, records: [FitRecord], samples: Int
    ) async throws -> MatchingQuality {
        let step = max(1, records.count / samples)
        let chosen = stride(from: 0, to: records.count, by: step).prefix(samples).map { records[$0] }
        let postingIDs = try await client.query(
            """
            SELECT p.id, p.requisition_id, c.external_id
            FROM job_postings p JOIN companies c ON c.id = p.company_id
            WHERE (c.external_id, p.requisition_id, p.language::text) IN (
                SELECT * FROM unnest(\(chosen.map(\.company))::text[], \(chosen.map(\.requisitionID))::text[],
                                     \(chosen.map(\.language))::text[]))
            """
        ).reduce(into: [String: Int64]()) { ids, row in
            ids[try row.decode("external_id", as: String.self) + "/" + row.decode("requisition_id", as: String.self)] =
                try row.decode("id", as: Int64.self)
        }
        let memberIDs = try await MemberStore(client: client).ids(externalIDs: chosen.flatMap(\.members))
        // Whom a recruiter of the posting's company may see: public CVs, not its own employees.
        let visible = Set(
            try await client.query(
                """
                SELECT member_id FROM profiles p JOIN members m ON m.id = p.member_id
                WHERE m.profile_visibility = 'public' AND m.id = ANY(\(Array(memberIDs.values)))
                """
            ).map { try $0.decode("member_id", as: Int64.self) })
        let postings = JobPostingStore(client: client)
        let profiles = ProfileStore(client: client)
        let members = MemberStore(client: client)
        var sampled: [(FitRecord, JobPosting)] = []
        for record in chosen {
            guard let id = postingIDs[record.company + "/" + record.requisitionID],
                let posting = try await postings.get(id: id)
            else { continue }
            sampled.append((record, posting))
        }
        // Shards opened and caches warm before anything is timed.
        for (_, posting) in sampled.prefix(warmUp) { _ = try await matcher.candidates(for: posting) }
        var quality = MatchingQuality()
        var relevantTotal = 0
        let now = Date()
        for (record, posting) in sampled {
            let employed = Set(
                try await client.query(
                    """
                    SELECT member_id FROM employments WHERE company_id = \(posting.companyID) AND end_date IS NULL
                    AND member_id = ANY(\(record.members.compactMap { memberIDs[$0] }))
                    """
                ).map { try $0.decode("member_id", as: Int64.self) })
            let relevant = Set(
                record.members.compactMap { memberIDs[$0] }.filter { visible.contains($0) && !employed.contains($0) }
                    .map { String($0) })
            relevantTotal += relevant.count
            let (started, startedCPU) = (ContinuousClock.now, cpuTime(CLOCK_PROCESS_CPUTIME_ID))
            let ranked = try await matcher.candidates(for: posting)
            quality.candidateTimes.append(ContinuousClock.now - started)
            quality.candidateCPU.append(cpuTime(CLOCK_PROCESS_CPUTIME_ID) - startedCPU)
            quality.candidates.add(ranked: ranked.map(\.row.id), relevant: relevant)
            quality.candidatesByText.add(ranked: ranked.byText.map(\.row.id), relevant: relevant)

            // The offers of one fitted member, when the posting it was fitted to is still open.
            guard posting.status == .open, posting.validThrough > now, let first = record.members.first,
                let memberID = memberIDs[first],
                let member = try await members.get(id: memberID),
                let profile = try await profiles.get(memberID: memberID)
            else { continue }
            let (offerStarted, offerStartedCPU) = (ContinuousClock.now, cpuTime(CLOCK_PROCESS_CPUTIME_ID))
            let offers = try await matcher.offers(for: profile, member: member, now: now)
            quality.offerTimes.append(ContinuousClock.now - offerStarted)
            quality.offerCPU.append(cpuTime(CLOCK_PROCESS_CPUTIME_ID) - offerStartedCPU)
            quality.offers.add(ranked: offers.map(\.row.id), relevant: [String(posting.id)])
            quality.offersByText.add(ranked: offers.byText.map(\.row.id), relevant: [String(posting.id)])
        }
        quality.relevantEach = Double(relevantTotal) / Double(max(quality.candidates.count, 1))
        return quality
    }

    var table: String {
        func times(_ durations: [Duration]) -> String {
            let figures = LatencyFigures(durations)
            func ms(_ fraction: Double) -> String {
                String(format: "%.1f", figures.percentile(fraction) / .milliseconds(1))
            }
            return "\(ms(0.5)) | \(ms(0.95)) | \(ms(0.99))"
        }
        func cpu(_ durations: [Duration]) -> String {
            let figures = LatencyFigures(durations)
            return String(
                format: "%.1f | %.1f", figures.percentile(0.5) / .milliseconds(1),
                figures.percentile(0.99) / .milliseconds(1))
        }
        return """
            | matching | precision@10 | recall@50 | queries | p50 ms | p95 ms | p99 ms | CPU p50 ms | CPU p99 ms |
            |---|---|---|---|---|---|---|---|---|
            | candidates, re-ranked | \(candidates.cells) | \(candidates.count) | \(times(candidateTimes)) | \(cpu(candidateCPU)) |
            | candidates, text relevance only | \(candidatesByText.cells) | \(candidatesByText.count) | | | | | |
            | recommended offers, re-ranked | \(offers.cells) | \(offers.count) | \(times(offerTimes)) | \(cpu(offerCPU)) |
            | recommended offers, text relevance only | \(offersByText.cells) | \(offersByText.count) | | | | | |

            Candidates: \(String(format: "%.2f", relevantEach)) fitted members a recruiter may see per posting \
            (precision@10 is at most a tenth of that); offers: one fitted posting per member (precision@10 is at \
            most 0.1). Times: the whole answer in-process (index, re-ranking, graph), \(Matcher.pool) weighed each; \
            CPU: the process's, all threads, over the same span.
            """
    }
}
