import Foundation
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore

/// The demo data set of `seed/demo`: postings, CVs and connections over the seven
/// job spaces, made by `passerelle generate` and kept gzip-compressed, and the
/// accounts the README names. `passerelle demo` loads it once, then builds the index.
public struct DemoData: Sendable {
    /// One of the accounts the README names.
    public struct NamedAccount: Sendable, Equatable {
        public var email: String
        public var password: String
        /// The member it signs in as (its CV's meta.id).
        public var memberExternalID: String
        public var role: Account.Role
        /// The company a recruiter or admin acts for.
        public var companyExternalID: String?
        /// What it shows, in a few words.
        public var about: String
    }

    /// What a load did: each file's import, in load order, and the accounts it created.
    public struct LoadReport: Sendable {
        public var imports: [(kind: ImportKind, report: ImportReport)]
        public var accountsCreated: Int
    }

    /// What ``prepare(client:layout:hasher:workDirectory:logger:)`` did: nil where it had nothing to do.
    public struct Preparation: Sendable {
        public var load: LoadReport?
        public var index: Reindexer.Report?
    }

    public enum Problem: Error, CustomStringConvertible {
        /// No candidate directory holds the data set.
        case notFound(looked: [URL])
        /// The directory lacks some of the data set's files.
        case incomplete(URL, missing: [String])
        /// A line of `accounts.tsv` or `as_of.txt` that cannot be read.
        case malformed(file: URL, line: Int, reason: String)
        /// Lines of the data set the import refused: the data set is out of step with the code.
        case rejected(file: String, problems: [ImportProblem])

        public var description: String {
            switch self {
            case .notFound(let looked):
                "no demo data set (seed/demo/accounts.tsv and the files beside it) in "
                    + looked.map(\.path).joined(separator: ", ")
            case .incomplete(let directory, let missing):
                "the demo data set in \(directory.path) lacks \(missing.joined(separator: ", "))"
            case .malformed(let file, let line, let reason): "\(file.path):\(line): \(reason)"
            case .rejected(let file, let problems):
                "the demo data set's \(file) has lines the import refuses (regenerate it with seed/demo/make.sh):\n"
                    + problems.prefix(5).map(\.description).joined(separator: "\n")
            }
        }
    }

    /// The files loaded, in order: a posting creates its company, a CV's current
    /// job finds it, and connections join members that exist by then.
    static let files: [(kind: ImportKind, name: String)] = [
        (.jobs, "jobs.jsonl"), (.profiles, "profiles.jsonl"), (.connections, "connections.csv"),
    ]
    static let accountsFile = "accounts.tsv"
    static let asOfFile = "as_of.txt"

    /// Where the data set's files are.
    public let directory: URL
    /// The accounts the README names, in the order of `accounts.tsv`.
    public let accounts: [NamedAccount]
    /// The day the data set was generated as of. A load moves the postings' dates by
    /// the days from it to the day of the load: the demo's postings are never stale.
    public let asOf: CalendarDate

    /// The data set in the first of `candidates` that holds one (its `accounts.tsv`).
    public static func open(lookingIn candidates: [URL]) async throws -> DemoData {
        try await BlockingThread.run(named: "passerelle-demo") {
            guard
                let directory = candidates.first(where: {
                    FileManager.default.fileExists(atPath: $0.appendingPathComponent(accountsFile).path)
                })
            else { throw Problem.notFound(looked: candidates) }
            return try DemoData(directory: directory)
        }
    }

    init(directory: URL) throws {
        self.directory = directory
        let missing = ([Self.accountsFile, Self.asOfFile] + Self.files.map { $0.name + ".gz" }).filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        guard missing.isEmpty else { throw Problem.incomplete(directory, missing: missing) }

        let asOfURL = directory.appendingPathComponent(Self.asOfFile)
        let day = try String(contentsOf: asOfURL, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let asOf = CalendarDate(day) else {
            throw Problem.malformed(file: asOfURL, line: 1, reason: "not a day YYYY-MM-DD: \(day)")
        }
        self.asOf = asOf

        let accountsURL = directory.appendingPathComponent(Self.accountsFile)
        let lines = try String(contentsOf: accountsURL, encoding: .utf8).split(separator: "\n")
        accounts = try lines.enumerated().dropFirst().map { index, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6, let role = Account.Role(rawValue: fields[3]) else {
                throw Problem.malformed(
                    file: accountsURL, line: index + 1,
                    reason: "expected email, password, member, role (member, recruiter, admin), company, about")
            }
            return NamedAccount(
                email: fields[0], password: fields[1], memberExternalID: fields[2], role: role,
                companyExternalID: fields[4].isEmpty ? nil : fields[4], about: fields[5])
        }
    }

    /// True when every named account exists: they are created last, so the data set is in.
    public func isLoaded(client: PostgresClient) async throws -> Bool {
        let store = AccountStore(client: client)
        for account in accounts {
            if try await store.get(email: account.email) == nil { return false }
        }
        return true
    }

    /// Loads the data set and creates the named accounts, unless they exist
    /// already (then returns nil). Loading is idempotent: a load cut short runs
    /// again at the next start and finishes, the imports updating what they find.
    /// The decompressed files go to `workDirectory`, removed at the end.
    public func load(
        client: PostgresClient, hasher: PasswordHasher, workDirectory: URL,
        today: CalendarDate = CalendarDate(utcDayOf: Date()), logger: Logger
    ) async throws -> LoadReport? {
        if try await isLoaded(client: client) { return nil }
        let started = ContinuousClock.now
        logger.info("loading the demo data set", metadata: ["from": "\(directory.path)"])
        try await BlockingThread.run(named: "passerelle-demo") {
            try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        }
        var imports: [(kind: ImportKind, report: ImportReport)] = []
        for (kind, name) in Self.files {
            let file = workDirectory.appendingPathComponent(name)
            try await GzipFile.decompress(directory.appendingPathComponent(name + ".gz"), to: file)
            if kind == .jobs {
                let (asOf, days) = (asOf, today.daysSinceEpoch - asOf.daysSinceEpoch)
                try await BlockingThread.run(named: "passerelle-demo") {
                    try Self.movePostings(in: file, by: days, generatedAsOf: asOf)
                }
            }
            let report = try await Importer(client: client, logger: logger).run(kind, file: file.path)
            guard report.rejected == 0 else { throw Problem.rejected(file: name, problems: report.problems) }
            logger.info("loaded demo \(kind.rawValue): \(report.summary)")
            imports.append((kind, report))
        }
        let created = try await createAccounts(client: client, hasher: hasher)
        try await BlockingThread.run(named: "passerelle-demo") {
            try FileManager.default.removeItem(at: workDirectory)
        }
        logger.info(
            "demo data set loaded",
            metadata: [
                "accounts": "\(created)",
                "seconds": "\(String(format: "%.1f", (ContinuousClock.now - started) / .seconds(1)))",
            ])
        return LoadReport(imports: imports, accountsCreated: created)
    }

    /// Loads the data set if needed, then builds every shard when it was just
    /// loaded, or when one is missing or of an older format: what `passerelle demo`
    /// does before serving.
    public func prepare(
        client: PostgresClient, layout: IndexLayout, hasher: PasswordHasher, workDirectory: URL, logger: Logger
    ) async throws -> Preparation {
        let load = try await load(client: client, hasher: hasher, workDirectory: workDirectory, logger: logger)
        let shardMissing = try await BlockingThread.run(named: "passerelle-demo") {
            Country.jobSpaces.contains { country in
                IndexKind.allCases.contains { layout.currentDirectory(country, $0) == nil }
            } || !layout.outdatedShards(Country.jobSpaces).isEmpty
        }
        guard load != nil || shardMissing else { return Preparation(load: nil, index: nil) }
        logger.info("building the search index")
        let index = try await Reindexer(client: client, layout: layout, logger: logger)
            .run(countries: Country.jobSpaces)
        logger.info("search index built", metadata: ["documents": "\(index.rows)"])
        return Preparation(load: load, index: index)
    }

    /// Creates the named accounts that do not exist yet; returns how many it created.
    func createAccounts(client: PostgresClient, hasher: PasswordHasher) async throws -> Int {
        let registry = AccountRegistry(client: client, hasher: hasher)
        var created = 0
        for account in accounts {
            if try await AccountStore(client: client).get(email: account.email) != nil { continue }
            _ = try await registry.create(
                AccountRegistry.Request(
                    memberExternalID: account.memberExternalID, email: account.email, password: account.password,
                    role: account.role, companyExternalID: account.companyExternalID))
            created += 1
        }
        return created
    }

    /// Rewrites the postings of `file` with their dates moved by `days`, so that
    /// the data set generated as of `asOf` reads as if generated on the load's day.
    static func movePostings(in file: URL, by days: Int, generatedAsOf asOf: CalendarDate) throws {
        guard days != 0 else { return }
        var moved = ""
        for (index, line) in try Data(contentsOf: file).split(separator: UInt8(ascii: "\n")).enumerated() {
            var record: PostingRecord
            do {
                record = try JobPostingFormat.decode(line, today: asOf)
            } catch {
                throw Problem.malformed(file: file, line: index + 1, reason: error.description)
            }
            record.posting.datePosted = record.posting.datePosted.adding(days: days)
            record.posting.validThrough += Double(days) * 86_400
            moved += JobPostingFormat.encode(record.posting, company: record.company) + "\n"
        }
        try Data(moved.utf8).write(to: file)
    }
}
