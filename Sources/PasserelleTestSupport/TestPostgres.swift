import Foundation
import Logging
import PasserelleStore

/// The PostgreSQL the tests run against: one throwaway embedded cluster per test
/// process, started on first use in a temporary directory and stopped at exit,
/// and a fresh database for each test, copied from a migrated template (fast).
public actor TestPostgres {
    public static let shared = TestPostgres()

    private var cluster: EmbeddedCluster?
    private var starting: Task<EmbeddedCluster, any Error>?
    private var databaseCounter = 0
    static let templateName = "passerelle_template"

    /// The running test cluster, started (and its template migrated) on first use.
    public func cluster() async throws -> EmbeddedCluster {
        if let cluster { return cluster }
        if let starting { return try await starting.value }
        let task = Task { try await TestPostgres.startCluster() }
        starting = task
        do {
            let started = try await task.value
            cluster = started
            return started
        } catch {
            starting = nil
            throw error
        }
    }

    /// Runs `body` with a pool on a new database that has the whole schema, then
    /// drops the database. Pools are small: the suites run at once on one cluster,
    /// whose connections are counted (`max_connections`).
    public static func withDatabase<T: Sendable>(
        maximumConnections: Int = 4,
        _ body: (PostgresClient, TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await shared.createDatabase()
        let client = PostgresClient(
            configuration: .init(
                connectionString: database.connectionString, minimumConnections: 0,
                maximumConnections: maximumConnections))
        do {
            let value = try await withShutdown(of: client) { try await body($0, database) }
            try await shared.drop(database)
            return value
        } catch {
            try? await shared.drop(database)
            throw error
        }
    }

    /// A new, migrated database on the test cluster.
    public func createDatabase() async throws -> TestDatabase {
        let cluster = try await cluster()
        databaseCounter += 1
        let name = "test_\(databaseCounter)"
        try await cluster.createDatabaseIfMissing(name, template: Self.templateName)
        return TestDatabase(name: name, connectionString: cluster.connectionString(database: name))
    }

    func drop(_ database: TestDatabase) async throws {
        let cluster = try await cluster()
        let admin = try await PostgresConnection.connect(cluster.connectionString(database: "postgres"))
        try await admin.query(
            PostgresQuery(sql: "DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(database.name)) WITH (FORCE)"))
        await admin.close()
    }

    private static func startCluster() async throws -> EmbeddedCluster {
        // pg_ctl is waited for: not on the cooperative pool.
        try await BlockingThread.run(named: "passerelle-reaper") { reapAbandonedClusters() }
        let directory = try makeTemporaryDataDirectory()
        var logger = Logger(label: "passerelle.test.cluster")
        logger.logLevel = .warning
        let cluster = try EmbeddedCluster(
            options: .init(dataDirectory: directory, databaseName: templateName, durable: false), logger: logger)
        registerForExit(cluster)
        try await cluster.start()
        let client = PostgresClient(
            configuration: .init(connectionString: cluster.connectionString(), minimumConnections: 0))
        try await Migrator(client: client, logger: logger).migrate()
        await client.shutdown()
        return cluster
    }
}

/// Stops and removes the clusters of test processes that died without their
/// `atexit` (killed by a timeout, say), found by the process id in their name.
func reapAbandonedClusters() {
    let temporary = FileManager.default.temporaryDirectory
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    for entry in entries where entry.hasPrefix(testDirectoryPrefix) {
        guard let pid = Int32(entry.dropFirst(testDirectoryPrefix.count).prefix { $0 != "-" }),
            pid != getpid(), kill(pid, 0) != 0
        else { continue }
        let directory = temporary.appendingPathComponent(entry)
        if let cluster = try? EmbeddedCluster(options: .init(dataDirectory: directory, durable: false)) {
            cluster.stopImmediatelyBlocking()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

private let testDirectoryPrefix = "passerelle-test-"

/// A database made for one test.
public struct TestDatabase: Sendable {
    public let name: String
    public let connectionString: String
}

/// Clusters to stop when the test process exits: Swift Testing has no global
/// teardown, so `atexit` does it.
nonisolated(unsafe) private var clustersToStop: [EmbeddedCluster] = []
private let exitLock = NSLock()

/// Stops `cluster` and removes its directory when the process exits.
public func registerForExit(_ cluster: EmbeddedCluster) {
    exitLock.lock()
    defer { exitLock.unlock() }
    if clustersToStop.isEmpty {
        atexit {
            exitLock.lock()
            let clusters = clustersToStop
            exitLock.unlock()
            for cluster in clusters {
                cluster.stopImmediatelyBlocking()
                try? FileManager.default.removeItem(at: cluster.options.dataDirectory)
            }
        }
    }
    clustersToStop.append(cluster)
}

/// The `passerelle` executable built beside the test bundle, for tests that run
/// the command line as a user would.
public func passerelleExecutable() throws -> URL {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("passerelle")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: executable.path])
    }
    return executable
}

/// A new temporary directory for a cluster of a test's own, that the server's
/// user can reach.
public func makeTemporaryDataDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(testDirectoryPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Runs `body` with `client`, then shuts the pool down, whether `body` returned or threw.
public func withShutdown<T: Sendable>(
    of client: PostgresClient, _ body: (PostgresClient) async throws -> T
) async throws -> T {
    do {
        let value = try await body(client)
        await client.shutdown()
        return value
    } catch {
        await client.shutdown()
        throw error
    }
}
