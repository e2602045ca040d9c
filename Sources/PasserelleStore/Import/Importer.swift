import Foundation
import Logging
import PasserelleCore

/// The three things `passerelle import` takes.
public enum ImportKind: String, Sendable, CaseIterable {
    case jobs, profiles, connections
}

/// One kind of import file: how a line is read, and how a batch of good lines is
/// merged into the tables (through COPY into a staging table, then set-based
/// SQL that inserts what is new, updates what changed and writes the outbox).
protocol ImportLoader: Sendable {
    associatedtype Record: Sendable
    /// The record of `line`; nil for a line to skip (a CSV header).
    func decode(_ line: FileLine) throws(LineError) -> Record?
    /// Merges a batch on `connection`, inside the caller's transaction; returns
    /// the counts, and the lines refused by what only the database knows (an
    /// unknown member).
    func load(
        _ records: [(line: Int, record: Record)], on connection: PostgresConnection
    ) async throws
        -> BatchOutcome
}

struct BatchOutcome: Sendable {
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var refused: [(line: Int, problem: LineProblem)] = []
}

/// Imports a file in the formats of FORMATS.md, streaming it in batches.
///
/// By default each batch commits on its own: a crash or Ctrl-C leaves every
/// committed batch whole, and running the same import again finishes the job
/// (lines already loaded come out unchanged). Bad lines are reported with their
/// line number, field and reason, copied to `FILE.rejected`, and their problems
/// to `FILE.problems`. With `strict`, the whole file is one transaction, rolled
/// back if any line is bad: nothing is loaded.
public struct Importer: Sendable {
    public let client: PostgresClient
    public var batchSize: Int
    let logger: Logger

    public init(client: PostgresClient, batchSize: Int = 5000, logger: Logger = Logger(label: "passerelle.import")) {
        self.client = client
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    public func run(
        _ kind: ImportKind, file path: String, strict: Bool = false,
        progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }
    ) async throws -> ImportReport {
        switch kind {
        case .connections: return try await run(ConnectionsLoader(), file: path, strict: strict, progress: progress)
        case .jobs: return try await run(JobsLoader(), file: path, strict: strict, progress: progress)
        case .profiles: return try await run(ProfilesLoader(), file: path, strict: strict, progress: progress)
        }
    }

    func run<Loader: ImportLoader>(
        _ loader: Loader, file path: String, strict: Bool, progress: @escaping @Sendable (ImportProgress) -> Void
    ) async throws -> ImportReport {
        let run = ImportRun(file: try LineFile(path: path), loader: loader, batchSize: batchSize, progress: progress)
        if strict {
            do {
                try await client.withTransaction { connection in
                    try await run.loadAll(on: connection, commitEachBatch: false)
                    if await run.report.rejected > 0 { throw StrictImportRefused() }
                }
            } catch is StrictImportRefused {
                await run.refuseAll()
            }
        } else {
            try await client.withConnection { try await run.loadAll(on: $0, commitEachBatch: true) }
        }
        return await run.finish()
    }
}

private struct StrictImportRefused: Error {}

/// The state of one import: the file, the counts, the side files.
private actor ImportRun<Loader: ImportLoader> {
    let file: LineFile
    let loader: Loader
    let batchSize: Int
    let progress: @Sendable (ImportProgress) -> Void
    let started = ContinuousClock.now
    var report = ImportReport()
    private var rejects: FileWriter?
    private var problems: FileWriter?

    init(file: LineFile, loader: Loader, batchSize: Int, progress: @escaping @Sendable (ImportProgress) -> Void) {
        self.file = file
        self.loader = loader
        self.batchSize = batchSize
        self.progress = progress
        // Side files of an earlier run of the same import would mislead.
        for suffix in [".rejected", ".problems"] { unlink(file.path + suffix) }
    }

    func loadAll(on connection: PostgresConnection, commitEachBatch: Bool) async throws {
        while true {
            try Task.checkCancellation()
            let lines = try await file.next(batchSize)
            if lines.isEmpty { break }
            var records: [(line: Int, record: Loader.Record)] = []
            var refused: [(line: Int, problem: LineProblem)] = []
            for line in lines {
                do {
                    // A skipped line (a CSV header) is not counted as read.
                    guard let record = try loader.decode(line) else { continue }
                    records.append((line.number, record))
                } catch {
                    refused += error.problems.map { (line.number, $0) }
                }
                report.read += 1
            }
            if !records.isEmpty {
                let outcome: BatchOutcome
                if commitEachBatch {
                    outcome = try await connection.withTransaction { try await loader.load(records, on: $0) }
                } else {
                    outcome = try await loader.load(records, on: connection)
                }
                report.inserted += outcome.inserted
                report.updated += outcome.updated
                report.unchanged += outcome.unchanged
                refused += outcome.refused
            }
            try await setAside(refused, of: lines)
            progress(
                ImportProgress(
                    linesRead: report.read, bytesRead: file.bytesRead, totalBytes: file.totalBytes,
                    elapsed: ContinuousClock.now - started))
        }
    }

    /// Strict mode refused the file: the counts of what would have loaded are void.
    func refuseAll() {
        report.loaded = false
        report.inserted = 0
        report.updated = 0
        report.unchanged = 0
    }

    func finish() -> ImportReport {
        report.rejectsFile = rejects?.path
        report.problemsFile = problems?.path
        return report
    }

    private func setAside(_ refused: [(line: Int, problem: LineProblem)], of lines: [FileLine]) async throws {
        guard !refused.isEmpty else { return }
        let name = URL(fileURLWithPath: file.path).lastPathComponent
        let numbers = Set(refused.map(\.line))
        report.rejected += numbers.count
        var rejectedBytes: [UInt8] = []
        for line in lines where numbers.contains(line.number) {
            rejectedBytes += line.bytes + [UInt8(ascii: "\n")]
        }
        var problemText = ""
        for (line, problem) in refused.sorted(by: { $0.line < $1.line }) {
            let item = ImportProblem(file: name, line: line, field: problem.field, reason: problem.reason)
            if report.problems.count < ImportReport.problemsKept { report.problems.append(item) }
            problemText += item.description + "\n"
        }
        if rejects == nil {
            rejects = try FileWriter(path: file.path + ".rejected")
            problems = try FileWriter(path: file.path + ".problems")
        }
        try await rejects?.write(rejectedBytes)
        try await problems?.write(Array(problemText.utf8))
    }
}
