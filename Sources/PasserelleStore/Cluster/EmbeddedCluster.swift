import Foundation
import Logging
import ServiceLifecycle

/// What can go wrong with the embedded cluster, each with what to do about it.
public enum EmbeddedClusterError: Error, CustomStringConvertible, Sendable {
    case postgresNotInstalled
    case noUnprivilegedUser(String)
    case socketPathTooLong(String)
    case commandFailed(command: String, output: String)

    public var description: String {
        switch self {
        case .postgresNotInstalled:
            return "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found in "
                + "/usr/lib/postgresql/*/bin nor on PATH. Install them with: apt-get install postgresql "
                + "(or set DATABASE_URL to use a server of your own)."
        case .noUnprivilegedUser(let user):
            return "PostgreSQL refuses to run as root, and there is no user '\(user)' to run it as. "
                + "apt-get install postgresql creates it."
        case .socketPathTooLong(let path):
            return "the socket path \(path) is longer than the 107 bytes a Unix socket allows: "
                + "choose a shorter --data-dir."
        case .commandFailed(let command, let output):
            return "\(command) failed:\n\(output)"
        }
    }
}

/// Passerelle's own PostgreSQL cluster, under its data directory:
///
///     <data>/postgres   the cluster (PGDATA)
///     <data>/run        its Unix socket; no TCP port is opened
///     <data>/log        the server's log
///
/// `start()` creates the cluster when it is missing and starts the server; a
/// server left running by a killed run is taken over, and a stale lock file left by
/// a killed server is cleared. Several Passerelle processes may share the cluster:
/// each holds a shared lock while it uses it, and the last to leave stops it.
/// When the process runs as root, the server runs as the unprivileged `postgres`
/// user, which owns the cluster's directories.
public final class EmbeddedCluster: Service, Sendable {
    public struct Options: Sendable {
        public var dataDirectory: URL
        public var databaseName: String
        /// Off for throwaway clusters (tests, benchmarks): no fsync, faster.
        public var durable: Bool

        public init(dataDirectory: URL, databaseName: String = "passerelle", durable: Bool = true) {
            self.dataDirectory = dataDirectory
            self.databaseName = databaseName
            self.durable = durable
        }
    }

    public let options: Options
    private let installation: PostgresInstallation
    private let serverUser: String?
    private let logger: Logger
    private let locks: ClusterLocks

    public init(options: Options, logger: Logger = Logger(label: "passerelle.cluster")) throws {
        self.options = options
        self.logger = logger
        installation = try PostgresInstallation.locate()
        if geteuid() == 0 {
            guard getpwnam("postgres") != nil else { throw EmbeddedClusterError.noUnprivilegedUser("postgres") }
            serverUser = "postgres"
        } else {
            serverUser = nil
        }
        locks = ClusterLocks(directory: options.dataDirectory)
        let socket = socketDirectory.appendingPathComponent(".s.PGSQL.5432").path
        guard socket.utf8.count <= 107 else { throw EmbeddedClusterError.socketPathTooLong(socket) }
    }

    public var clusterDirectory: URL { options.dataDirectory.appendingPathComponent("postgres") }
    public var socketDirectory: URL { options.dataDirectory.appendingPathComponent("run") }
    public var logFile: URL { options.dataDirectory.appendingPathComponent("log/postgres.log") }

    /// A libpq connection string for `database` (default: Passerelle's own).
    public func connectionString(database: String? = nil) -> String {
        "host=\(Self.quote(socketDirectory.path)) port=5432 user=postgres dbname=\(Self.quote(database ?? options.databaseName))"
    }

    /// Creates the cluster if needed, starts the server unless it runs already, and
    /// creates Passerelle's database if it is missing.
    public func start() async throws {
        try FileManager.default.createDirectory(at: options.dataDirectory, withIntermediateDirectories: true)
        // The server's user must be able to reach its directories.
        chmod(options.dataDirectory.path, 0o755)
        try await locks.withStartLock {
            try await locks.holdAsUser()
            try await initializeIfNeeded()
            try writeSettings()
            if try await !isRunning() {
                logger.info("starting PostgreSQL", metadata: ["data": "\(clusterDirectory.path)"])
                let (status, output) = try await pgCtl([
                    "start", "-D", clusterDirectory.path, "-l", logFile.path, "-w", "-t", "120", "-s",
                ]).run()
                guard status == 0 else {
                    throw EmbeddedClusterError.commandFailed(
                        command: "pg_ctl start", output: output + "\n" + tail(of: logFile))
                }
            }
        }
        try await createDatabaseIfMissing(options.databaseName)
    }

    /// Stops the server, unless another Passerelle process still uses it.
    public func stop() async throws {
        try await locks.withStartLock {
            guard locks.releaseAndCheckLastUser() else {
                logger.info("PostgreSQL left running: another Passerelle process uses it")
                return
            }
            guard try await isRunning() else { return }
            logger.info("stopping PostgreSQL")
            try await pgCtl(["stop", "-D", clusterDirectory.path, "-m", "fast", "-w", "-t", "60", "-s"]).check()
        }
    }

    /// Stops the server at once, blocking: for `atexit` in tests, where no task runs.
    public func stopImmediatelyBlocking() {
        _ = try? pgCtl(["stop", "-D", clusterDirectory.path, "-m", "immediate", "-w", "-s"]).runBlocking()
    }

    /// Stops the server on graceful shutdown (Ctrl-C, SIGTERM). Start it before
    /// running the service group, so that the services after it find it up.
    public func run() async throws {
        try? await gracefulShutdown()
        try await stop()
    }

    /// Creates `name` (optionally as a copy of `template`) unless it exists.
    public func createDatabaseIfMissing(_ name: String, template: String? = nil) async throws {
        let admin = try await PostgresConnection.connect(connectionString(database: "postgres"))
        defer { Task { await admin.close() } }
        let existing = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)")
        guard existing.isEmpty else { return }
        var statement = "CREATE DATABASE \(PostgresQuery.quoteIdentifier(name))"
        if let template { statement += " TEMPLATE \(PostgresQuery.quoteIdentifier(template))" }
        do {
            try await admin.query(PostgresQuery(sql: statement))
        } catch let error as PostgresError where error.sqlState == "42P04" {
            // Another process created it in the meantime.
        }
    }

    // MARK: - Steps

    private func initializeIfNeeded() async throws {
        let fileManager = FileManager.default
        let versionFile = clusterDirectory.appendingPathComponent("PG_VERSION")
        for directory in [socketDirectory, logFile.deletingLastPathComponent()] {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            try giveToServerUser(directory)
        }
        guard !fileManager.fileExists(atPath: versionFile.path) else { return }
        // A directory without PG_VERSION is an initdb that was interrupted: start over.
        if fileManager.fileExists(atPath: clusterDirectory.path) {
            try fileManager.removeItem(at: clusterDirectory)
        }
        try fileManager.createDirectory(at: clusterDirectory, withIntermediateDirectories: true)
        try giveToServerUser(clusterDirectory)
        logger.info("creating the PostgreSQL cluster", metadata: ["data": "\(clusterDirectory.path)"])
        let initdb = Program(
            executable: installation.program("initdb"),
            arguments: [
                "-D", clusterDirectory.path, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C",
                "--no-instructions",
            ],
            user: serverUser, workingDirectory: options.dataDirectory)
        do {
            try await initdb.check()
        } catch let failure as Program.Failure {
            throw EmbeddedClusterError.commandFailed(command: "initdb", output: failure.output)
        }
    }

    /// Passerelle's settings, in a file of their own included from postgresql.conf,
    /// rewritten at each start (the data directory may have moved).
    private func writeSettings() throws {
        var settings = """
            # Written by Passerelle at each start; edit postgresql.conf for your own settings.
            listen_addresses = ''
            port = 5432
            unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700
            max_connections = 400
            shared_buffers = 256MB
            log_min_messages = warning

            """
        if !options.durable {
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        }
        let settingsFile = clusterDirectory.appendingPathComponent("passerelle.conf")
        try settings.write(to: settingsFile, atomically: true, encoding: .utf8)
        try giveToServerUser(settingsFile)
        let mainFile = clusterDirectory.appendingPathComponent("postgresql.conf")
        let main = try String(contentsOf: mainFile, encoding: .utf8)
        let include = "include_if_exists = 'passerelle.conf'"
        if !main.contains(include) {
            try (main + "\n" + include + "\n").write(to: mainFile, atomically: true, encoding: .utf8)
            try giveToServerUser(mainFile)
        }
    }

    /// Whether a server runs on the cluster. A `postmaster.pid` naming a process that
    /// is not a PostgreSQL server (its number reused after a crash) is removed.
    private func isRunning() async throws -> Bool {
        let pidFile = clusterDirectory.appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8),
            let firstLine = contents.split(separator: "\n").first, let pid = Int32(firstLine)
        else { return false }
        let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
        if kill(pid, 0) != 0 || !command.hasPrefix("postgres") {
            logger.info("removing a stale postmaster.pid", metadata: ["pid": "\(pid)"])
            try? FileManager.default.removeItem(at: pidFile)
            return false
        }
        return try await pgCtl(["status", "-D", clusterDirectory.path]).run().status == 0
    }

    private func pgCtl(_ arguments: [String]) -> Program {
        Program(
            executable: installation.program("pg_ctl"), arguments: arguments, user: serverUser,
            workingDirectory: options.dataDirectory)
    }

    private func giveToServerUser(_ url: URL) throws {
        guard let serverUser, let account = getpwnam(serverUser) else { return }
        guard chown(url.path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw EmbeddedClusterError.commandFailed(
                command: "chown \(serverUser) \(url.path)", output: String(cString: strerror(errno)))
        }
    }

    private func tail(of file: URL) -> String {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// A libpq connection string value, quoted.
    static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
