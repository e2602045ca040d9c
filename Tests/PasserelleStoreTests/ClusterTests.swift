import Foundation
import PasserelleTestSupport
import Testing

@testable import PasserelleStore

@Suite("Embedded cluster and recovery", .serialized)
struct ClusterTests {
    @Test("The server stops and starts while the pool is in use: typed errors while down, then the pool recovers")
    func poolRecoversAfterServerRestart() async throws {
        let cluster = try EmbeddedCluster(
            options: .init(dataDirectory: try makeTemporaryDataDirectory(), durable: false))
        registerForExit(cluster)
        try await cluster.start()
        let client = PostgresClient(
            configuration: .init(
                connectionString: cluster.connectionString(), minimumConnections: 0, maximumConnections: 4))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await client.query("SELECT pg_sleep(0.05)") } }
            try await group.waitForAll()
        }
        #expect(await client.statistics().open == 4)

        // Load that keeps running through the restart.
        let load = Task {
            var answered = 0
            var failures: [PostgresError.Kind] = []
            var otherErrors: [String] = []
            while !Task.isCancelled {
                do {
                    try await client.query("SELECT 1")
                    answered += 1
                } catch let error as PostgresError {
                    failures.append(error.kind)
                } catch {
                    otherErrors.append("\(error)")
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return (answered, failures, otherErrors)
        }

        try await Task.sleep(for: .milliseconds(100))
        try await cluster.stop()
        let whileDown = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(whileDown?.isConnectionError == true)

        try await cluster.start()
        // The very first call after the restart is answered: stale connections are
        // noticed and replaced before they are handed out.
        #expect(try await client.query("SELECT 42 AS n")[0].decode("n", as: Int.self) == 42)
        try await Task.sleep(for: .milliseconds(100))
        load.cancel()
        let (answered, failures, otherErrors) = await load.value
        #expect(answered > 0)
        #expect(otherErrors == [])
        #expect(failures.allSatisfy { $0 == .connectionFailed || $0 == .connectionLost })

        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for number in 0..<50 {
                group.addTask { try await client.query("SELECT \(number)::bigint AS n")[0].decode("n", as: Int.self) }
            }
            return try await group.reduce(0, +)
        }
        #expect(answers == (0..<50).reduce(0, +))
        await client.shutdown()
        try await cluster.stop()
    }

    @Test("A server killed with SIGKILL leaves a data directory that the next start recovers")
    func killedServerIsRecovered() async throws {
        let directory = try makeTemporaryDataDirectory()
        let first = try EmbeddedCluster(options: .init(dataDirectory: directory))
        registerForExit(first)
        try await first.start()
        let client = PostgresClient(configuration: .init(connectionString: first.connectionString()))
        try await client.query("CREATE TABLE kept (id int)")
        try await client.query("INSERT INTO kept VALUES (1), (2)")
        await client.shutdown()

        let pid = try postmasterPID(first)
        kill(pid, SIGKILL)
        try await waitUntilGone(pid)
        try await first.stop()  // Gives up this process's use; the server is already gone.

        let second = try EmbeddedCluster(options: .init(dataDirectory: directory))
        try await second.start()
        let again = PostgresClient(configuration: .init(connectionString: second.connectionString()))
        #expect(try await again.query("SELECT count(*) AS n FROM kept")[0].decode("n", as: Int.self) == 2)
        await again.shutdown()
        try await second.stop()
        #expect(
            !FileManager.default.fileExists(
                atPath: second.clusterDirectory.appendingPathComponent("postmaster.pid").path))
    }

    @Test("A server left running by a killed passerelle process is taken over, then stopped by its new owner")
    func orphanServerIsTakenOver() async throws {
        let directory = try makeTemporaryDataDirectory()
        let cluster = try EmbeddedCluster(options: .init(dataDirectory: directory, durable: false))
        registerForExit(cluster)
        // A passerelle that starts the cluster and is killed before it can stop it.
        let serve = Program(
            executable: try passerelleExecutable().path,
            arguments: ["serve", "--port", "0", "--data-dir", directory.path], user: nil,
            workingDirectory: directory, environment: ["DATABASE_URL": ""])
        let serving = Task { try await serve.run() }
        // initdb's own backend writes a postmaster.pid too: wait for the server's socket.
        let socket = cluster.socketDirectory.appendingPathComponent(".s.PGSQL.5432")
        try await waitFor { FileManager.default.fileExists(atPath: socket.path) }
        try await Task.sleep(for: .milliseconds(500))
        let orphan = try postmasterPID(cluster)
        let killed = processes(whoseCommandLineContains: ["serve", directory.path]).map { kill($0, SIGKILL) }
        #expect(killed == [0])
        _ = try await serving.value

        try await cluster.start()
        #expect(try postmasterPID(cluster) == orphan)
        try await cluster.stop()
        try await waitUntilGone(orphan)
    }

    @Test("passerelle serve answers /health, and SIGTERM stops it and its PostgreSQL gracefully")
    func serveStopsGracefullyOnSIGTERM() async throws {
        let directory = try makeTemporaryDataDirectory()
        let cluster = try EmbeddedCluster(options: .init(dataDirectory: directory))
        registerForExit(cluster)
        let port = 20_000 + Int(getpid() % 20_000)
        let serve = Program(
            executable: try passerelleExecutable().path,
            arguments: ["serve", "--port", "\(port)", "--data-dir", directory.path], user: nil,
            workingDirectory: directory, environment: ["DATABASE_URL": ""])
        let serving = Task { try await serve.run() }
        var health: String?
        for _ in 0..<200 where health == nil {
            try await Task.sleep(for: .milliseconds(50))
            health = await httpGet(port: port, path: "/health")
        }
        #expect(health?.hasPrefix("HTTP/1.1 200 OK") == true)
        #expect(health?.contains("\"status\":\"ok\"") == true)
        let server = try postmasterPID(cluster)

        #expect(processes(whoseCommandLineContains: ["serve", directory.path]).map { kill($0, SIGTERM) } == [0])
        let (status, output) = try await serving.value
        #expect(status == 0)
        #expect(output.contains("stopping PostgreSQL"))
        try await waitUntilGone(server)
    }

    @Test("Missing PostgreSQL programs give an error naming the Debian package to install")
    func missingProgramsNameThePackage() throws {
        let empty = try makeTemporaryDataDirectory()
        let error = #expect(throws: EmbeddedClusterError.self) { try PostgresInstallation.locate(in: [empty]) }
        #expect(error?.description.contains("apt-get install postgresql") == true)
    }

    @Test("Two passerelle migrate processes racing on an empty database apply the schema once")
    func twoMigrateProcessesRace() async throws {
        let reference = try await TestPostgres.withDatabase { client, _ in try await schemaFingerprint(client) }
        let cluster = try await TestPostgres.shared.cluster()
        let name = "race_\(UUID().uuidString.prefix(8).lowercased())"
        try await cluster.createDatabaseIfMissing(name, template: "template0")
        let migrate = Program(
            executable: try passerelleExecutable().path, arguments: ["migrate", "--log-level", "error"], user: nil,
            workingDirectory: FileManager.default.temporaryDirectory,
            environment: ["DATABASE_URL": cluster.connectionString(database: name)])
        async let first = migrate.run()
        async let second = migrate.run()
        let results = try await [first, second]
        #expect(results.map(\.status) == [0, 0])
        #expect(results.map(\.output).sorted() == ["Applied migrations: 1.", "The schema is up to date."])
        let client = PostgresClient(configuration: .init(connectionString: cluster.connectionString(database: name)))
        #expect(try await schemaFingerprint(client) == reference)
        await client.shutdown()
    }
}

private func postmasterPID(_ cluster: EmbeddedCluster) throws -> Int32 {
    let text = try String(
        contentsOf: cluster.clusterDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8)
    return Int32(text.split(separator: "\n")[0])!
}

/// The processes whose command line holds every one of `parts`.
private func processes(whoseCommandLineContains parts: [String]) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry),
            let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
        else { return nil }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return parts.allSatisfy(arguments.contains) && arguments.contains(where: { $0.hasSuffix("passerelle") })
            ? pid : nil
    }
}

private func waitUntilGone(_ pid: Int32) async throws {
    // A killed server's children notice and exit within moments.
    try await waitFor { kill(pid, 0) != 0 }
    try await Task.sleep(for: .milliseconds(500))
}

private func waitFor(_ condition: () -> Bool) async throws {
    for _ in 0..<200 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("condition not met within 10 s")
}
