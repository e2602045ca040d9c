import ArgumentParser
import Foundation
import Logging
import PasserelleSearch
import PasserelleStore
import PasserelleWeb
import ServiceLifecycle

/// The options every command that touches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where Passerelle keeps its data (the embedded PostgreSQL cluster, the search index).",
            discussion:
                "Default: $PASSERELLE_DATA_DIR, else ./.passerelle. Ignored for PostgreSQL when DATABASE_URL is set."
        ))
    var dataDir: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    var dataDirectory: URL {
        let path = dataDir ?? ProcessInfo.processInfo.environment["PASSERELLE_DATA_DIR"] ?? ".passerelle"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    var location: DatabaseLocation {
        DatabaseLocation.resolve(dataDirectory: dataDirectory, environment: ProcessInfo.processInfo.environment)
    }

    func logger(_ label: String) -> Logger {
        // What the pool and the stores log while a request is answered names the request.
        var logger = Logger(label: label, metadataProvider: .passerelleRequest)
        logger.logLevel = logLevel
        return logger
    }

    /// Starts the database, then runs `services` after its own in one service
    /// group that Ctrl-C and SIGTERM shut down gracefully, the cluster last.
    /// `work`, if given, runs as a service whose end shuts the group down.
    func run(
        _ label: String,
        services makeServices: (Database, Logger) async throws -> [any Service] = { _, _ in [] },
        work: (@Sendable (Database, Logger) async throws -> Void)? = nil
    ) async throws {
        let logger = logger(label)
        let database = try await Database.start(location, logger: logger)
        var configurations = database.services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        do {
            configurations += try await makeServices(database, logger).map { .init(service: $0) }
        } catch {
            try? await database.cluster?.stop()
            throw error
        }
        if let work {
            configurations.append(
                .init(
                    service: CommandService { try await work(database, logger) },
                    successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: configurations, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// A one-off job (migrate, import) run as a service, so that Ctrl-C reaches it
/// through the same graceful shutdown as the server.
struct CommandService: Service {
    let body: @Sendable () async throws -> Void

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await body() }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension DatabaseOptions {
    /// The shards live beside the embedded cluster, under the data directory.
    var indexLayout: IndexLayout {
        IndexLayout(root: dataDirectory.appendingPathComponent("index"))
    }
}
