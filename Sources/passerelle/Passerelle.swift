import ArgumentParser

@main
struct Passerelle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passerelle",
        abstract: "A job board and recruiting service built on a professional network.",
        subcommands: [
            Serve.self, Migrate.self, Import.self, Export.self, Generate.self, Reindex.self, IndexWriterCommand.self,
            Bench.self, Accounts.self, Demo.self,
        ])
}
