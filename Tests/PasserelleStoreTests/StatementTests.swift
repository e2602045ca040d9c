import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("Statements, errors, COPY, LISTEN/NOTIFY")
struct StatementTests {
    @Test("Bad SQL is a server error with SQLSTATE 42601")
    func badSQLHasSyntaxErrorState() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let error = await #expect(throws: PostgresError.self) { try await client.query("SELEC 1") }
            #expect(error?.kind == .server)
            #expect(error?.sqlState == SQLState.syntaxError)
            #expect(error?.message.contains("syntax error") == true)
        }
    }

    @Test("Constraint violations carry their SQLSTATE and constraint name")
    func constraintViolationsAreTyped() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query(
                "INSERT INTO members (external_id, name, country, language) VALUES ('m-1', 'Léa', 'FR', 'fr')")
            let duplicate = await #expect(throws: PostgresError.self) {
                try await client.query(
                    "INSERT INTO members (external_id, name, country, language) VALUES ('m-1', 'Léo', 'FR', 'fr')")
            }
            #expect(duplicate?.sqlState == SQLState.uniqueViolation)
            #expect(duplicate?.isUniqueViolation == true)
            #expect(duplicate?.constraint == "members_external_id_key")

            let badCountry = await #expect(throws: PostgresError.self) {
                try await client.query(
                    "INSERT INTO members (external_id, name, country, language) VALUES ('m-2', 'Ana', 'France', 'fr')")
            }
            #expect(badCountry?.sqlState == SQLState.checkViolation)

            let badLanguage = await #expect(throws: PostgresError.self) {
                try await client.query(
                    "INSERT INTO members (external_id, name, country, language) VALUES ('m-3', 'Ana', 'FR', 'xx')")
            }
            #expect(badLanguage?.sqlState == SQLState.checkViolation)

            let orphan = await #expect(throws: PostgresError.self) {
                try await client.query("INSERT INTO employments (member_id, company_id) VALUES (999, 999)")
            }
            #expect(orphan?.sqlState == SQLState.foreignKeyViolation)
            #expect(orphan?.isConstraintViolation == true)

            let missing = await #expect(throws: PostgresError.self) {
                try await client.query(
                    "INSERT INTO members (external_id, country, language) VALUES ('m-4', 'FR', 'fr')")
            }
            #expect(missing?.sqlState == SQLState.notNullViolation)
            #expect(missing?.column == "name")
        }
    }

    @Test("Values round-trip through parameters and rows with their types")
    func valuesRoundTrip() async throws {
        struct Meta: Codable, Equatable { var tags: [String]; var score: Double }
        try await TestPostgres.withDatabase { client, _ in
            let at = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let day = CalendarDate(year: 2026, month: 2, day: 28)!
            let meta = Meta(tags: ["swift", "postgres"], score: 0.5)
            let text = "Ünïcode, \"quotes\", back\\slash, {braces}, comma"
            let bytes = Data([0, 1, 254, 255])
            let noNumber: Int? = nil
            let rows = try await client.query(
                """
                SELECT \(text)::text AS text, \(42)::bigint AS number, \(2.5)::float8 AS real,
                       \(true)::bool AS yes, \(at)::timestamptz AS at, \(day)::date AS day,
                       \(["a", "b c", "NULL", ""])::text[] AS words, \([1, 2, 3])::bigint[] AS numbers,
                       \(PostgresJSON(meta))::jsonb AS meta, \(bytes)::bytea AS bytes,
                       \(noNumber)::bigint AS nothing, 7::int4 AS small
                """)
            let row = rows[0]
            #expect(try row.decode("text", as: String.self) == text)
            #expect(try row.decode("number", as: Int.self) == 42)
            #expect(try row.decode("real", as: Double.self) == 2.5)
            #expect(try row.decode("yes", as: Bool.self) == true)
            let readAt = try row.decode("at", as: Date.self)
            #expect(abs(readAt.timeIntervalSince1970 - at.timeIntervalSince1970) < 0.000_001)
            #expect(try row.decode("day", as: CalendarDate.self) == day)
            #expect(try row.decode("words", as: [String].self) == ["a", "b c", "NULL", ""])
            #expect(try row.decode("numbers", as: [Int].self) == [1, 2, 3])
            #expect(try row.decode("meta", as: PostgresJSON<Meta>.self).value == meta)
            #expect(try row.decode("bytes", as: Data.self) == bytes)
            #expect(try row.decode("nothing", as: Int?.self) == nil)
            #expect(try row.decode("small", as: Int32.self) == 7)
            let nullError = #expect(throws: PostgresError.self) { try row.decode("nothing", as: Int.self) }
            #expect(nullError?.kind == .decoding)
            let typeError = #expect(throws: PostgresError.self) { try row.decode("text", as: Int.self) }
            #expect(typeError?.kind == .decoding)
        }
    }

    @Test("COPY FROM STDIN loads 100,000 rows, escaping what COPY's text format needs")
    func copyHundredThousandRows() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("CREATE TABLE items (id bigint PRIMARY KEY, name text, tags text[], at date)")
            let tricky = "tab\there, newline\nthere, back\\slash, \\N not null"
            let copied = try await client.withConnection { connection in
                try await connection.copyIn(table: "items", columns: ["id", "name", "tags", "at"]) { writer in
                    for id in 0..<100_000 {
                        let name: String? = id == 7 ? tricky : (id % 10 == 3 ? nil : "item \(id)")
                        try await writer.append([
                            id, name, ["t\(id % 5)", "x,y"], CalendarDate(daysSinceEpoch: id % 3000),
                        ])
                    }
                }
            }
            #expect(copied == 100_000)
            let summary = try await client.query(
                "SELECT count(*) AS n, count(name) AS named, sum(id) AS total FROM items")[0]
            #expect(try summary.decode("n", as: Int.self) == 100_000)
            #expect(try summary.decode("named", as: Int.self) == 90_000)
            #expect(try summary.decode("total", as: Int.self) == 4_999_950_000)
            let seven = try await client.query("SELECT name, tags FROM items WHERE id = 7")[0]
            #expect(try seven.decode("name", as: String.self) == tricky)
            #expect(try seven.decode("tags", as: [String].self) == ["t2", "x,y"])
        }
    }

    @Test("A COPY whose producer throws keeps nothing")
    func abortedCopyKeepsNothing() async throws {
        struct Interrupted: Error {}
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("CREATE TABLE items (id bigint PRIMARY KEY)")
            await #expect(throws: Interrupted.self) {
                try await client.withConnection { connection in
                    try await connection.copyIn(table: "items", columns: ["id"]) { writer in
                        for id in 0..<50_000 { try await writer.append([id]) }
                        throw Interrupted()
                    }
                }
            }
            #expect(try await client.query("SELECT count(*) AS n FROM items")[0].decode("n", as: Int.self) == 0)
        }
    }

    @Test("LISTEN/NOTIFY: a notification sent after listen() returns is received")
    func listenNotifyRoundTrip() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let notifications = try await client.listen(channel: "passerelle_test")
            try await client.notify(channel: "passerelle_test", payload: "hello")
            try await client.notify(channel: "passerelle_test", payload: "again")
            let received = try await firstNotifications(2, of: notifications, within: .seconds(10))
            #expect(
                received == [
                    PostgresNotification(channel: "passerelle_test", payload: "hello"),
                    PostgresNotification(channel: "passerelle_test", payload: "again"),
                ])
        }
    }

    @Test("An insert into the outbox notifies the passerelle_outbox channel at commit")
    func outboxInsertNotifies() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let notifications = try await client.listen(channel: "passerelle_outbox")
            try await client.query(
                "INSERT INTO outbox (topic, operation, country, entity_id) VALUES ('posting', 'upsert', 'FR', 1)")
            let received = try await firstNotifications(1, of: notifications, within: .seconds(10))
            #expect(received.map(\.channel) == ["passerelle_outbox"])
        }
    }
}

struct TimedOut: Error {}

/// The first `count` notifications, or `TimedOut`.
func firstNotifications(
    _ count: Int, of stream: AsyncStream<PostgresNotification>, within limit: Duration
) async throws -> [PostgresNotification] {
    try await withThrowingTaskGroup(of: [PostgresNotification].self) { group in
        group.addTask {
            var received: [PostgresNotification] = []
            for await notification in stream {
                received.append(notification)
                if received.count == count { break }
            }
            return received
        }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut()
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}
