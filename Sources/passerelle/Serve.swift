import ArgumentParser
import Foundation
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrates the database, then serves the API and the pages until Ctrl-C or SIGTERM.")

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var listen: ListenOptions

    func run() async throws {
        try await Self.serve(database: database, listen: listen)
    }

    /// Migrates, runs `prepare`, then serves until Ctrl-C or SIGTERM: `serve`, and `demo` after its data.
    static func serve(
        database options: DatabaseOptions, listen: ListenOptions,
        prepare: (Database, Logger) async throws -> Void = { _, _ in }
    ) async throws {
        let web = WebConfiguration(host: listen.host, port: listen.port)
        let layout = options.indexLayout
        try await options.run(
            "passerelle",
            services: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                try await prepare(database, logger)
                let outdated = layout.outdatedShards(Country.jobSpaces)
                if !outdated.isEmpty {
                    logger.warning(
                        "shards written by an older build: they answer, but matching weighs less until `passerelle reindex`",
                        metadata: ["shards": "\(outdated.joined(separator: ", "))"])
                }
                logger.info("serving", metadata: ["url": "http://\(web.host):\(web.port)"])
                // The writer and the graph before the server: the group shuts services down in
                // reverse, the server first. The graph loads in the background; its routes answer 503 until then.
                let network = NetworkGraph(client: database.client, logger: logger)
                let writer = IndexWriter(client: database.client, layout: layout, logger: logger)
                return [
                    writer,
                    network,
                    buildApplication(
                        web, database: database.client, search: SearchIndex(layout: layout), network: network,
                        indexWriter: writer, logger: logger),
                ]
            })
    }
}

/// Where `serve` and `demo` listen.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080
}
