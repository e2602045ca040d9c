import Logging
import ServiceLifecycle

/// A pool of PostgreSQL connections, shaped like postgres-nio's `PostgresClient`:
/// `withConnection`, `withTransaction`, `query`, and `run()` as a Service that keeps
/// the pool healthy (idle connections closed after ``Configuration/idleTimeout``,
/// dead ones replaced, at least ``Configuration/minimumConnections`` kept open).
///
/// The pool works without `run()`; `run()` adds the upkeep and closes every
/// connection on graceful shutdown. After a server restart, connections the
/// server closed are noticed when they are handed out and replaced, so the process
/// recovers without restarting; while the server is down, calls fail with
/// ``PostgresError/Kind/connectionFailed``.
public final class PostgresClient: Service, Sendable {
    public struct PoolStatistics: Sendable, Equatable {
        public var open: Int
        public var idle: Int
        public var waiting: Int

        public init(open: Int, idle: Int, waiting: Int) {
            self.open = open
            self.idle = idle
            self.waiting = waiting
        }
    }

    public struct Configuration: Sendable {
        /// A libpq key=value string or a `postgresql://` URI.
        public var connectionString: String
        public var minimumConnections: Int
        public var maximumConnections: Int
        /// An idle connection above the minimum is closed after this long.
        public var idleTimeout: Duration
        /// How often `run()` checks the idle connections.
        public var healthCheckInterval: Duration

        public init(
            connectionString: String, minimumConnections: Int = 1, maximumConnections: Int = 8,
            idleTimeout: Duration = .seconds(60), healthCheckInterval: Duration = .seconds(10)
        ) {
            precondition(maximumConnections >= 1 && minimumConnections <= maximumConnections)
            self.connectionString = connectionString
            self.minimumConnections = minimumConnections
            self.maximumConnections = maximumConnections
            self.idleTimeout = idleTimeout
            self.healthCheckInterval = healthCheckInterval
        }
    }

    public let configuration: Configuration
    let logger: Logger
    private let pool: ConnectionPool

    public init(configuration: Configuration, logger: Logger = Logger(label: "passerelle.postgres")) {
        self.configuration = configuration
        self.logger = logger
        pool = ConnectionPool(configuration: configuration, logger: logger)
    }

    /// Keeps the pool healthy until graceful shutdown or cancellation, then closes it.
    public func run() async throws {
        await pool.fill()
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: self.configuration.healthCheckInterval)
                await self.pool.upkeep()
            }
        }
        await shutdown()
    }

    /// Closes every connection; calls made afterwards fail with ``PostgresError/Kind/shutDown``.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Lends a connection to `body`, waiting for one when all are in use.
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> sending T {
        let connection = try await lease()
        do {
            let value = try await body(connection)
            await pool.release(connection)
            return value
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it
    /// throws (or when a statement in it failed and the error was caught).
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> sending T {
        try await withConnection { try await $0.withTransaction(body) }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Sends a notification on `channel` (`pg_notify`).
    public func notify(channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    /// How many connections are open or opening, how many of them are idle, and
    /// how many callers wait for one.
    public func statistics() async -> PoolStatistics {
        await pool.statistics()
    }

    private func lease() async throws -> PostgresConnection {
        // Each stale connection found is closed; with at most `maximumConnections`
        // of them, a fresh one (or a connection error) comes after that many tries.
        for _ in 0...configuration.maximumConnections {
            let (connection, isNew) = try await pool.acquire()
            if isNew {
                return connection
            }
            if await connection.isReusable() {
                return connection
            }
            logger.debug("closing a stale PostgreSQL connection", metadata: ["connection": "\(connection.number)"])
            await pool.discard(connection)
        }
        throw PostgresError(.connectionLost, message: "no usable connection after closing every stale one")
    }
}
