import Hummingbird
import Logging
import PasserelleStore

/// Where the server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The router with every route of the service.
public func buildRouter(database: PostgresClient) -> Router<BasicRequestContext> {
    let router = Router()
    router.middlewares.add(LogRequestsMiddleware(.debug))
    HealthController(database: database).addRoutes(to: router)
    return router
}

/// The HTTP application. The database pool and the embedded cluster are services
/// of the caller's group, so that they outlive the server on shutdown.
public func buildApplication(
    _ configuration: WebConfiguration, database: PostgresClient, logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(database: database),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "passerelle"),
        logger: logger)
}
