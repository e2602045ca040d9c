import ArgumentParser
import Foundation
import PasserelleStore

extension ImportKind: ExpressibleByArgument {}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Loads postings (JobPosting lines), CVs (JSON Resume lines) or connections (CSV).",
        discussion: """
            Lines already loaded are updated, not duplicated; running the same import again after a crash or \
            Ctrl-C finishes the job. Bad lines are reported as FILE:LINE: field: reason, copied to FILE.rejected \
            and FILE.problems, and the good lines load; with --strict nothing loads if any line is bad.
            """)

    @Argument(help: "What the file holds: jobs, profiles or connections.")
    var kind: ImportKind

    @Argument(help: "The file to load.")
    var file: String

    @Flag(help: "Load nothing if any line is bad.")
    var strict = false

    @Option(
        help: """
            Lines per batch (each batch commits on its own unless --strict); \
            default \(ImportKind.jobs.defaultBatchSize) for jobs and profiles, \
            \(ImportKind.connections.defaultBatchSize) for connections.
            """)
    var batchSize: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (kind, file, strict, batchSize) = (kind, file, strict, batchSize)
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        do {
            try await importFile(kind: kind, file: file, strict: strict, batchSize: batchSize)
        } catch is CancellationError {
            printError(
                strict
                    ? "interrupted: nothing was loaded (--strict)"
                    : "interrupted: every batch committed so far is kept; run the same command again to finish")
            throw ExitCode(130)
        }
    }

    private func importFile(kind: ImportKind, file: String, strict: Bool, batchSize: Int?) async throws {
        try await database.run(
            "passerelle.import",
            work: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                let meter = ProgressMeter(label: "\(kind.rawValue) \(URL(fileURLWithPath: file).lastPathComponent)")
                let report = try await Importer(client: database.client, batchSize: batchSize, logger: logger)
                    .run(kind, file: file, strict: strict, progress: meter.update)
                meter.finish()
                for problem in report.problems { printError(problem.description) }
                if report.rejected > report.problems.count, let all = report.problemsFile {
                    printError("… \(report.rejected - report.problems.count) more in \(all)")
                }
                if let rejects = report.rejectsFile { printError("rejected lines: \(rejects)") }
                print(report.summary)
                if !report.loaded { throw ExitCode(2) }
            })
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes postings, CVs or connections in the formats import reads.")

    @Argument(help: "What to write: jobs, profiles or connections.")
    var kind: ImportKind

    @Argument(help: "The file to write (replaced).")
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (kind, file) = (kind, file)
        try await database.run(
            "passerelle.export",
            work: { database, logger in
                try await Migrator(client: database.client, logger: logger).migrate()
                let count = try await Exporter(client: database.client).run(kind, to: file)
                print("wrote \(count) \(kind.rawValue) to \(file)")
            })
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
