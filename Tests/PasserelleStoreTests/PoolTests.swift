import Foundation
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("200 concurrent queries on a pool of 8 connections are all answered")
    func twoHundredConcurrentQueriesOnEightConnections() async throws {
        try await TestPostgres.withDatabase(maximumConnections: 8) { client, _ in
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 0..<200 {
                    group.addTask {
                        let rows = try await client.query(
                            "SELECT \(number)::bigint AS number, pg_sleep(0.002)::text AS slept")
                        return try rows[0].decode("number", as: Int.self)
                    }
                }
                var answers: [Int] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.sorted() == Array(0..<200))
            let statistics = await client.statistics()
            #expect(statistics.open <= 8)
            #expect(statistics.idle == statistics.open)
        }
    }

    @Test("A transaction that throws leaves nothing behind")
    func throwingTransactionLeavesNothing() async throws {
        struct Refused: Error {}
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("CREATE TABLE notes (id int PRIMARY KEY, text text NOT NULL)")
            await #expect(throws: Refused.self) {
                try await client.withTransaction { connection in
                    try await connection.query("INSERT INTO notes VALUES (1, 'one')")
                    try await connection.query("INSERT INTO notes VALUES (2, 'two')")
                    throw Refused()
                }
            }
            let count = try await client.query("SELECT count(*) AS n FROM notes")[0].decode("n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("A transaction whose failed statement was caught is rolled back, not committed")
    func caughtStatementFailureRollsBack() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("CREATE TABLE notes (id int PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.withTransaction { connection in
                    try await connection.query("INSERT INTO notes VALUES (1)")
                    _ = try? await connection.query("INSERT INTO notes VALUES (1)")
                }
            }
            #expect(error?.message.contains("rolled back") == true)
            let count = try await client.query("SELECT count(*) AS n FROM notes")[0].decode("n", as: Int.self)
            #expect(count == 0)
            // The connection went back to the pool clean.
            #expect(try await client.query("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
        }
    }

    @Test("A committed transaction keeps its rows")
    func committedTransactionKeepsRows() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("CREATE TABLE notes (id int PRIMARY KEY)")
            let inserted = try await client.withTransaction { connection in
                try await connection.query("INSERT INTO notes VALUES (1), (2), (3)").affectedRows
            }
            #expect(inserted == 3)
            let count = try await client.query("SELECT count(*) AS n FROM notes")[0].decode("n", as: Int.self)
            #expect(count == 3)
        }
    }

    @Test("A waiter whose task is cancelled leaves the queue and the pool keeps serving")
    func cancelledWaiterLeavesQueue() async throws {
        try await TestPostgres.withDatabase(maximumConnections: 1) { client, _ in
            let release = Tally()
            let holder = Task {
                try await client.withConnection { connection in
                    try await connection.query("SELECT 1")
                    let released = try await eventually { await release.count > 0 }
                    #expect(released)
                }
            }
            #expect(try await eventually { await client.statistics().open == 1 })
            let waiter = Task { try await client.query("SELECT 1 AS one") }
            #expect(try await eventually { await client.statistics().waiting == 1 })
            waiter.cancel()
            await #expect(throws: CancellationError.self) { _ = try await waiter.value }
            #expect(await client.statistics().waiting == 0)
            await release.add()
            _ = try await holder.value
            #expect(try await client.query("SELECT 2 AS two")[0].decode("two", as: Int.self) == 2)
        }
    }

    @Test("run() closes connections idle past the timeout down to the minimum, and replaces dead ones")
    func upkeepClosesIdleAndDeadConnections() async throws {
        try await TestPostgres.withDatabase { _, database in
            let client = PostgresClient(
                configuration: .init(
                    connectionString: database.connectionString, minimumConnections: 2, maximumConnections: 6,
                    idleTimeout: .milliseconds(200), healthCheckInterval: .milliseconds(100)))
            let upkeep = Task { try await client.run() }
            // Six callers that each keep their connection until all six have one.
            let holding = Tally()
            let checked = Tally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await client.withConnection { _ in
                            await holding.add()
                            let allHolding = try await eventually { await holding.count == 6 }
                            #expect(allHolding)
                            // Leased connections are never closed for idleness.
                            let statistics = await client.statistics()
                            #expect(statistics.open == 6, "\(statistics)")
                            // Nobody gives its connection back before all six have looked:
                            // a returned one may rightly be closed once idle.
                            await checked.add()
                            #expect(try await eventually { await checked.count == 6 })
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Upkeep runs every 100 ms; on a busy machine it may take a few rounds.
            #expect(try await eventually { await client.statistics() == .init(open: 2, idle: 2, waiting: 0) })

            // The server ends both idle sessions; upkeep notices and opens fresh ones.
            let before = try await client.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()")
            #expect(try before[0].decode("n", as: Int.self) >= 2)
            try await client.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """)
            #expect(
                try await eventually {
                    let rows = try await client.query(
                        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()")
                    let open = await client.statistics().open
                    return try rows[0].decode("n", as: Int.self) == 2 && open == 2
                })
            #expect(try await client.query("SELECT 7 AS n")[0].decode("n", as: Int.self) == 7)
            upkeep.cancel()
            try await upkeep.value
            #expect(await client.statistics().open == 0)
        }
    }
}

/// True once `condition` holds, checked every 50 ms for at most 10 s.
func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<200 {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}

/// A count that tasks share, to hold them at a point until the test moves on.
actor Tally {
    private(set) var count = 0
    func add() { count += 1 }
}
