import ArgumentParser
import PasserelleStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Applies the database migrations that are missing (safe to run twice, or from two processes at once)."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.run(
            "passerelle.migrate",
            work: { database, logger in
                let applied = try await Migrator(client: database.client, logger: logger).migrate()
                print(
                    applied.isEmpty
                        ? "The schema is up to date."
                        : "Applied migrations: \(applied.map(String.init).joined(separator: ", ")).")
            })
    }
}
