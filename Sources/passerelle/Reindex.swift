import ArgumentParser
import Foundation
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore

extension Country: ExpressibleByArgument {}
extension IndexKind: ExpressibleByArgument {}

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuilds search shards from PostgreSQL and swaps them in while the server keeps answering.",
        discussion: """
            Each shard is written into a new directory beside the old one, then swapped in atomically; searches \
            move to it at their next query and the running index writer replays the changes made meanwhile. \
            Interrupted, it keeps the shards already swapped in and leaves the others as they were.
            """)

    @Option(name: .customLong("country"), help: "A job space to rebuild (repeat for several; default: all).")
    var countries: [Country] = []

    @Option(help: "Only this kind of shard: jobs or profiles (default: both).")
    var kind: IndexKind?

    @Option(help: "Shards built at once (default: one per core).")
    var parallel: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let countries = countries.isEmpty ? Country.jobSpaces : countries
        let kinds = kind.map { [$0] } ?? IndexKind.allCases
        let (layout, parallel) = (database.indexLayout, parallel ?? ProcessInfo.processInfo.activeProcessorCount)
        do {
            try await database.run(
                "passerelle.reindex",
                work: { database, logger in
                    try await Migrator(client: database.client, logger: logger).migrate()
                    let meter = ProgressMeter(label: "reindex")
                    let reindexer = Reindexer(
                        client: database.client, layout: layout, logger: logger, parallelShards: parallel)
                    let report = try await reindexer.run(countries: countries, kinds: kinds) { progress in
                        meter.update(
                            count: progress.documents, unit: "documents",
                            fraction: progress.total > 0 ? Double(progress.documents) / Double(progress.total) : 1,
                            elapsed: progress.elapsed)
                    }
                    meter.finish()
                    print(report.summary)
                })
        } catch is CancellationError {
            printError("interrupted: the shards rebuilt so far are in use, the others are unchanged")
            throw ExitCode(130)
        }
    }
}
