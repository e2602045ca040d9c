import Hummingbird
import Logging
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

/// Where the server listens, and how accounts sign in.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var auth: AuthConfiguration

    public init(host: String = "127.0.0.1", port: Int = 8080, auth: AuthConfiguration = AuthConfiguration()) {
        self.host = host
        self.port = port
        self.auth = auth
    }
}

/// The router with every route of the service: errors get the API's shape, and
/// a bearer token or session cookie, when one is sent, names the viewer. Without
/// `network`, the network's routes answer 503 and `in_network` 400. `/metrics`
/// reports the lag of `indexWriter` when it runs in this process.
public func buildRouter(
    database: PostgresClient, search: SearchIndex, network: NetworkGraph? = nil, indexWriter: IndexWriter? = nil,
    configuration: WebConfiguration = WebConfiguration()
) -> Router<PasserelleRequestContext> {
    let router = Router(context: PasserelleRequestContext.self)
    // Outermost: the metrics see every answer's final status, and the id is in every log line.
    let requests = RequestMetrics()
    router.middlewares.add(RequestMetricsMiddleware(metrics: requests))
    router.middlewares.add(RequestIDMiddleware())
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(APIErrorMiddleware())
    router.middlewares.add(
        BearerAuthenticator(
            sessions: SessionStore(client: database), accounts: AccountStore(client: database),
            cookieLifetime: configuration.auth.cookieLifetime))
    let hasher = PasswordHasher(cost: configuration.auth.passwordCost)
    HealthController(database: database).addRoutes(to: router)
    MetricsController(requests: requests, database: database, indexWriter: indexWriter, network: network)
        .addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    SearchController(index: search, network: network).addRoutes(to: router)
    NetworkController(database: database, network: network).addRoutes(to: router)
    TalentController(database: database, index: search, network: network).addRoutes(to: router)
    MatchingController(database: database, index: search, network: network).addRoutes(to: router)
    let signIn = SignIn(database: database, hasher: hasher, configuration: configuration.auth)
    let registry = AccountRegistry(client: database, hasher: hasher)
    AuthController(signIn: signIn, registry: registry).addRoutes(to: router)
    JobsController(database: database, network: network).addRoutes(to: router)
    MembersController(database: database).addRoutes(to: router)
    ConnectionsController(database: database).addRoutes(to: router)
    ApplicationsController(database: database).addRoutes(to: router)
    ReferralsController(database: database).addRoutes(to: router)
    PrivacyController(database: database).addRoutes(to: router)
    // The pages for people, in seven languages, over the same stores, index and graph.
    Pages.addRoutes(
        to: router,
        services: PageServices(
            database: database, search: search, network: network, signIn: signIn, registry: registry))
    return router
}

/// The HTTP application. The database pool, the embedded cluster and the index
/// writer are services of the caller's group, so that they outlive the server on
/// shutdown; `search` reads the shards the writer keeps up to date.
public func buildApplication(
    _ configuration: WebConfiguration, database: PostgresClient, search: SearchIndex, network: NetworkGraph? = nil,
    indexWriter: IndexWriter? = nil, logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(
            database: database, search: search, network: network, indexWriter: indexWriter,
            configuration: configuration),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "passerelle"),
        logger: logger)
}
