import Foundation

/// Where PostgreSQL's server programs are: Debian keeps them in
/// `/usr/lib/postgresql/VERSION/bin`, off the PATH.
public struct PostgresInstallation: Sendable {
    public let binDirectory: URL

    public func program(_ name: String) -> String {
        binDirectory.appendingPathComponent(name).path
    }

    /// The newest installation that has initdb, pg_ctl and postgres: in
    /// `PASSERELLE_PG_BIN`, then Debian's directories, then the PATH.
    public static func locate() throws -> PostgresInstallation {
        try locate(in: standardDirectories())
    }

    /// The first of `directories` that has initdb, pg_ctl and postgres.
    public static func locate(in directories: [URL]) throws -> PostgresInstallation {
        for directory in directories
        where ["initdb", "pg_ctl", "postgres"].allSatisfy({
            FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0).path)
        }) {
            return PostgresInstallation(binDirectory: directory)
        }
        throw EmbeddedClusterError.postgresNotInstalled
    }

    static func standardDirectories() -> [URL] {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["PASSERELLE_PG_BIN"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let debianRoot = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? fileManager.contentsOfDirectory(atPath: debianRoot.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append(debianRoot.appendingPathComponent(version).appendingPathComponent("bin"))
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        candidates += path.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        return candidates
    }
}
