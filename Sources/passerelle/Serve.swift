import ArgumentParser
import Foundation
import PasserelleSearch
import PasserelleStore
import PasserelleWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrates the database, then serves the API and the pages until Ctrl-C or SIGTERM.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    func run() async throws {
        let web = WebConfiguration(host: host, port: port)
        let layout = database.indexLayout
        try await database.run(
            "passerelle",
            services: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                logger.info("serving", metadata: ["url": "http://\(web.host):\(web.port)"])
                // The writer before the server: the group shuts services down in reverse, the server first.
                return [
                    IndexWriter(client: database.client, layout: layout, logger: logger),
                    buildApplication(
                        web, database: database.client, search: SearchIndex(layout: layout), logger: logger),
                ]
            })
    }
}
