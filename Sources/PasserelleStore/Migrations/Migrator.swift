import Logging

/// One versioned schema change: a SQL script from `Migrations/SQL`, compiled in.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    init(version: Int, name: String, bytes: [UInt8]) {
        self.version = version
        self.name = name
        sql = String(decoding: bytes, as: UTF8.self)
    }

    /// FNV-1a of the script: a migration edited after it was applied is refused.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Every migration, in order. A new file in Migrations/SQL is added here too
    /// (a test checks that the two agree).
    public static let all: [Migration] = [
        Migration(version: 1, name: "0001_schema.sql", bytes: PackageResources._001_schema_sql)
    ]
}

public enum MigrationError: Error, CustomStringConvertible {
    case edited(version: Int, name: String)
    case unknown(version: Int)

    public var description: String {
        switch self {
        case .edited(let version, let name):
            return "migration \(version) (\(name)) was changed after it was applied; add a new migration instead"
        case .unknown(let version):
            return "the database has migration \(version), which this build does not know: it is newer than this build"
        }
    }
}

/// Applies the migrations a database lacks, each in its own transaction, recorded
/// in `schema_migrations`. An advisory lock makes concurrent runs (two processes
/// starting at once) take turns; the second finds nothing left to do.
public struct Migrator: Sendable {
    /// The advisory lock's key: "passerel" in ASCII.
    static let lockKey = 0x7061_7373_6572_656c

    let client: PostgresClient
    let migrations: [Migration]
    let logger: Logger

    public init(
        client: PostgresClient, migrations: [Migration] = Migration.all,
        logger: Logger = Logger(label: "passerelle.migrate")
    ) {
        self.client = client
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies what is missing; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let applied = try await applyMissing(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return applied
            } catch {
                // Closing the session would drop the lock too; the pool may keep it.
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    /// The versions the database has, in order.
    public func appliedVersions() async throws -> [Int] {
        let exists = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try exists[0].decode("present", as: Bool.self) else { return [] }
        return try await client.query("SELECT version FROM schema_migrations ORDER BY version")
            .map { try $0.decode("version", as: Int.self) }
    }

    private func applyMissing(on connection: PostgresConnection) async throws -> [Int] {
        try await connection.execute(
            script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        var done: [Int: String] = [:]
        for row in try await connection.query("SELECT version, checksum FROM schema_migrations") {
            done[try row.decode("version", as: Int.self)] = try row.decode("checksum", as: String.self)
        }
        let known = Set(migrations.map(\.version))
        if let stranger = done.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError.unknown(version: stranger)
        }
        var applied: [Int] = []
        for migration in migrations {
            if let checksum = done[migration.version] {
                guard checksum == migration.checksum else {
                    throw MigrationError.edited(version: migration.version, name: migration.name)
                }
                continue
            }
            logger.info(
                "applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            try await connection.query("BEGIN")
            do {
                try await connection.execute(script: migration.sql)
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
                try await connection.query("COMMIT")
            } catch {
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
            applied.append(migration.version)
        }
        return applied
    }
}
