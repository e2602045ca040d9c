import Foundation
import Logging
import PasserelleCore

/// The three things `passerelle import` takes.
public enum ImportKind: String, Sendable, CaseIterable {
    case jobs, profiles, connections

    /// Lines per batch unless told otherwise: a connection line is some 40 bytes, a
    /// posting or a CV a few kilobytes, and each batch costs a few statements.
    public var defaultBatchSize: Int { self == .connections ? 50_000 : 5000 }
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
    /// Lines per batch; nil: the kind's ``ImportKind/defaultBatchSize``.
    public var batchSize: Int?
    let logger: Logger

    public init(client: PostgresClient, batchSize: Int? = nil, logger: Logger = Logger(label: "passerelle.import")) {
        self.client = client
        self.batchSize = batchSize.map { max(1, $0) }
        self.logger = logger
    }

    public func run(
        _ kind: ImportKind, file path: String, strict: Bool = false,
        progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }
    ) async throws -> ImportReport {
        let file = try LineFile(path: path)
        let size = batchSize ?? kind.defaultBatchSize
        switch kind {
        case .connections:
            let loader = try await ConnectionsLoader.forMembers(of: client)
            return try await run(loader, file: file, batchSize: size, strict: strict, progress: progress)
        case .jobs:
            return try await run(JobsLoader(), file: file, batchSize: size, strict: strict, progress: progress)
        case .profiles:
            return try await run(ProfilesLoader(), file: file, batchSize: size, strict: strict, progress: progress)
        }
    }

    func run<Loader: ImportLoader>(
        _ loader: Loader, file: LineFile, batchSize: Int, strict: Bool,
        progress: @escaping @Sendable (ImportProgress) -> Void
    ) async throws -> ImportReport {
        let run = ImportRun(file: file, loader: loader, batchSize: batchSize, progress: progress)
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

extension PostgresConnection {
    /// ANALYZE of an import's staging tables the first time this session fills
    /// them: temporary tables get no statistics otherwise, and the planner picks
    /// nested loops over thousands of rows. Later batches look like the first (the
    /// planner scales the row counts to each batch's size), and analysing each of
    /// them cost a tenth of the server's time.
    func analyzeOnce(_ tables: [String]) async throws {
        let analyzed = try await query(
            """
            SELECT EXISTS (SELECT 1 FROM pg_stats
                           WHERE schemaname = pg_my_temp_schema()::regnamespace::text AND tablename = \(tables[0]))
                   AS analyzed
            """)
        if try analyzed[0].decode("analyzed", as: Bool.self) { return }
        try await execute(script: "ANALYZE " + tables.joined(separator: ", "))
    }
}

/// A batch of lines read and decoded, before it is merged.
private struct DecodedBatch<Record: Sendable>: Sendable {
    var lines: [FileLine]
    var records: [(line: Int, record: Record)] = []
    /// The lines refused by their own content.
    var refused: [(line: Int, problem: LineProblem)] = []
    /// The lines counted as read (a CSV header is not).
    var read = 0
}

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
        var batch = try await Self.decodeBatch(of: file, with: loader, size: batchSize)
        while !batch.lines.isEmpty {
            try Task.checkCancellation()
            // Decoding is Swift's work and merging PostgreSQL's: the next batch is read
            // and decoded on one core while the server merges this one on the other.
            async let following = Self.decodeBatch(of: file, with: loader, size: batchSize)
            try await load(batch, on: connection, commitEachBatch: commitEachBatch)
            batch = try await following
        }
    }

    /// The next `size` lines of `file`, decoded on the file's thread; no lines at
    /// the end of the file.
    @concurrent
    private static func decodeBatch(
        of file: LineFile, with loader: Loader, size: Int
    ) async throws -> DecodedBatch<Loader.Record> {
        let lines = try await file.next(size)
        return try await file.onThread {
            var batch = DecodedBatch<Loader.Record>(lines: lines)
            for line in lines {
                do throws(LineError) {
                    // A skipped line (a CSV header) is not counted as read.
                    guard let record = try loader.decode(line) else { continue }
                    batch.records.append((line.number, record))
                } catch {
                    batch.refused += error.problems.map { (line.number, $0) }
                }
                batch.read += 1
            }
            return batch
        }
    }

    private func load(
        _ batch: DecodedBatch<Loader.Record>, on connection: PostgresConnection, commitEachBatch: Bool
    ) async throws {
        report.read += batch.read
        var refused = batch.refused
        if !batch.records.isEmpty {
            let outcome: BatchOutcome
            if commitEachBatch {
                outcome = try await connection.withTransaction { try await loader.load(batch.records, on: $0) }
            } else {
                outcome = try await loader.load(batch.records, on: connection)
            }
            report.inserted += outcome.inserted
            report.updated += outcome.updated
            report.unchanged += outcome.unchanged
            refused += outcome.refused
        }
        try await setAside(refused, of: batch.lines)
        progress(
            ImportProgress(
                linesRead: report.read, bytesRead: file.bytesRead, totalBytes: file.totalBytes,
                elapsed: ContinuousClock.now - started))
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
