import ArgumentParser
import Foundation
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore

struct IndexWriterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index-writer",
        abstract: "For operators and tests: runs only the index writer (outbox to search shards) until Ctrl-C.",
        discussion: """
            `serve` runs the same writer; run this one only where no server writes the same shards (Xapian lets \
            one writer at a time open a shard).
            """)

    @Option(name: .customLong("country"), help: "A job space whose shards to keep (repeat; default: all).")
    var countries: [Country] = []

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (layout, countries) = (database.indexLayout, countries.isEmpty ? Country.jobSpaces : countries)
        try await database.run(
            "passerelle.index",
            services: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                return [IndexWriter(client: database.client, layout: layout, countries: countries, logger: logger)]
            })
    }
}
