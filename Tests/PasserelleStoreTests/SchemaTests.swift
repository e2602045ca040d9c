import Foundation
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("Schema and migrations")
struct SchemaTests {
    @Test("Every SQL file in Migrations/SQL is registered, in order")
    func everyMigrationFileIsRegistered() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PasserelleStore/Migrations/SQL")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(Migration.all.map(\.name) == files)
        #expect(Migration.all.map(\.version) == Array(1...files.count))
    }

    @Test("Migrating a migrated database again applies nothing and changes nothing")
    func migratingTwiceChangesNothing() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let before = try await schemaFingerprint(client)
            let applied = try await Migrator(client: client).migrate()
            #expect(applied == [])
            #expect(try await schemaFingerprint(client) == before)
            #expect(try await Migrator(client: client).appliedVersions() == Migration.all.map(\.version))
        }
    }

    @Test("Two migrators racing on an empty database end with the schema applied once")
    func concurrentMigratorsInOneProcess() async throws {
        let reference = try await TestPostgres.withDatabase { client, _ in try await schemaFingerprint(client) }
        try await withEmptyDatabase { client in
            async let first = Migrator(client: client).migrate()
            async let second = Migrator(client: client).migrate()
            let results = try await [first, second]
            #expect(results.flatMap { $0 }.sorted() == Migration.all.map(\.version))
            #expect(try await schemaFingerprint(client) == reference)
        }
    }

    @Test("A migration edited after it was applied is refused")
    func editedMigrationIsRefused() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query("UPDATE schema_migrations SET checksum = 'other' WHERE version = 1")
            await #expect(throws: MigrationError.self) { try await Migrator(client: client).migrate() }
        }
    }

    @Test("A posting of country DE lands in the DE partition, an unconfigured country in the default one")
    func postingsLandInTheirCountryPartition() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await client.query(
                "INSERT INTO companies (external_id, name, normalized_name) VALUES ('acme', 'Acme', 'acme')")
            for (requisition, country) in [("REQ-1", "DE"), ("REQ-2", "US")] {
                try await client.withTransaction { connection in
                    let id = try await connection.query(
                        """
                        INSERT INTO job_posting_keys (company_id, language, requisition_id, country)
                        SELECT id, 'de', \(requisition), \(country) FROM companies WHERE external_id = 'acme'
                        RETURNING id
                        """)[0].decode("id", as: Int.self)
                    try await connection.query(
                        """
                        INSERT INTO job_postings (id, country, company_id, language, requisition_id, title,
                                                  description, date_posted, valid_through)
                        SELECT \(id), \(country), id, 'de', \(requisition), 'Softwareentwickler', '<p>Swift</p>',
                               '2026-11-01', '2026-12-01T00:00:00Z'
                        FROM companies WHERE external_id = 'acme'
                        """)
                }
            }
            let rows = try await client.query(
                "SELECT requisition_id, tableoid::regclass::text AS partition FROM job_postings ORDER BY requisition_id"
            )
            let placed = try rows.map {
                [try $0.decode("requisition_id", as: String.self), try $0.decode("partition", as: String.self)]
            }
            #expect(placed == [["REQ-1", "job_postings_de"], ["REQ-2", "job_postings_default"]])

            // (company, language, requisition id) is unique across every country.
            let duplicate = await #expect(throws: PostgresError.self) {
                try await client.query(
                    """
                    INSERT INTO job_posting_keys (company_id, language, requisition_id, country)
                    SELECT id, 'de', 'REQ-1', 'FR' FROM companies WHERE external_id = 'acme'
                    """)
            }
            #expect(duplicate?.isUniqueViolation == true)
        }
    }

    @Test("Every configured country has its own partition of postings and CVs")
    func configuredCountriesHavePartitions() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let rows = try await client.query(
                """
                SELECT c.relname AS name FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname IN ('job_postings', 'profiles') ORDER BY c.relname
                """)
            let names = try rows.map { try $0.decode("name", as: String.self) }
            let expected = ["job_postings", "profiles"].flatMap { table in
                ["cn", "de", "default", "es", "fr", "gb", "it", "pt"].map { "\(table)_\($0)" }
            }
            #expect(names == expected.sorted())
        }
    }
}

/// A description of the schema (tables, columns, constraints, indexes) to compare two databases.
func schemaFingerprint(_ client: PostgresClient) async throws -> [String] {
    let rows = try await client.query(
        """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
          FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT 'migration ' || version || ' ' || checksum FROM schema_migrations
        ORDER BY line
        """)
    return try rows.map { try $0.decode("line", as: String.self) }
}

/// Runs `body` with a pool on a new database with no schema at all.
func withEmptyDatabase<T: Sendable>(_ body: (PostgresClient) async throws -> T) async throws -> T {
    let cluster = try await TestPostgres.shared.cluster()
    let name = "empty_\(UUID().uuidString.prefix(8).lowercased())"
    try await cluster.createDatabaseIfMissing(name, template: "template0")
    let client = PostgresClient(configuration: .init(connectionString: cluster.connectionString(database: name)))
    return try await withShutdown(of: client, body)
}
