import Foundation
import Logging
import ServiceLifecycle

/// Where Passerelle's PostgreSQL is: a server named by `DATABASE_URL`, or the
/// embedded cluster under the data directory.
public enum DatabaseLocation: Sendable, Equatable {
    case external(connectionString: String)
    case embedded(dataDirectory: URL)

    /// `DATABASE_URL` when set and not empty, else the embedded cluster.
    public static func resolve(dataDirectory: URL, environment: [String: String]) -> DatabaseLocation {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return .external(connectionString: url)
        }
        return .embedded(dataDirectory: dataDirectory)
    }
}

/// A started database: the pool, and the embedded cluster when there is one.
/// Its ``services`` go first in a service group, so that on shutdown the pool
/// closes after everything that uses it, and the cluster stops last.
public struct Database: Sendable {
    public let client: PostgresClient
    public let cluster: EmbeddedCluster?

    /// Starts the embedded cluster if that is the location; the pool connects lazily.
    public static func start(
        _ location: DatabaseLocation, maximumConnections: Int = 16, logger: Logger
    ) async throws -> Database {
        switch location {
        case .external(let connectionString):
            let client = PostgresClient(
                configuration: .init(connectionString: connectionString, maximumConnections: maximumConnections),
                logger: logger)
            return Database(client: client, cluster: nil)
        case .embedded(let dataDirectory):
            let cluster = try EmbeddedCluster(options: .init(dataDirectory: dataDirectory), logger: logger)
            try await cluster.start()
            let client = PostgresClient(
                configuration: .init(
                    connectionString: cluster.connectionString(), maximumConnections: maximumConnections),
                logger: logger)
            return Database(client: client, cluster: cluster)
        }
    }

    /// The cluster (if any) then the pool.
    public var services: [any Service] {
        var services: [any Service] = []
        if let cluster { services.append(cluster) }
        services.append(client)
        return services
    }
}
