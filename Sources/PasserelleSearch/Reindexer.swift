import Foundation
import Logging
import PasserelleCore
import PasserelleStore
import Synchronization

/// Rebuilds shards from PostgreSQL (`passerelle reindex`) while a server keeps
/// answering from the old ones.
///
/// Each shard is written into a new directory beside the old, from chunked scans
/// of its rows (no long transaction), committed with the outbox horizon taken
/// before the first row was read, then swapped in by rewriting its stub (one
/// `rename`) and the old directory removed. Searches reopen on the stub change;
/// the index writer notices it too and replays the outbox from the horizon, so
/// changes made during the rebuild are not lost.
public struct Reindexer: Sendable {
    /// How far a rebuild has got, over every shard it rebuilds.
    public struct Progress: Sendable {
        /// Rows read and indexed so far.
        public var documents: Int
        /// Rows there are to read (counted at the start; grows if more turn up).
        public var total: Int
        /// Since the rebuild started.
        public var elapsed: Duration
    }

    /// One rebuilt shard.
    public struct Shard: Sendable {
        /// Its job space.
        public var country: Country
        /// What it holds.
        public var kind: IndexKind
        /// Documents in the new shard (hidden CVs are not).
        public var documents: Int
        /// The directory its stub names now.
        public var directory: URL
    }

    /// What a rebuild did.
    public struct Report: Sendable {
        /// The rebuilt shards, by country then kind.
        public var shards: [Shard]
        /// The outbox position the new shards reflect.
        public var position: OutboxPosition
        /// Rows read from PostgreSQL.
        public var rows: Int
        /// From the start to the last swap.
        public var elapsed: Duration

        /// One line per shard, then the totals and the rate.
        public var summary: String {
            let seconds = max(elapsed / .seconds(1), 0.001)
            var lines = shards.map { "\($0.country.code)/\($0.kind.rawValue): \($0.documents) documents" }
            lines.append(
                "reindexed \(rows) rows into \(shards.count) shards in \(String(format: "%.1f", seconds)) s "
                    + "(\(Int(Double(rows) / seconds))/s), as of outbox position \(position)")
            return lines.joined(separator: "\n")
        }
    }

    /// Where the shards are.
    public let layout: IndexLayout
    /// At most so many shards are built at once (each on a thread of its own).
    public let parallelShards: Int
    private let source: IndexSource
    private let thesaurus: JobTitleThesaurus
    private let logger: Logger

    /// A rebuilder of the shards under `layout` from `client`'s database.
    public init(
        client: PostgresClient, layout: IndexLayout, thesaurus: JobTitleThesaurus = .bundled, logger: Logger,
        parallelShards: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.source = IndexSource(client: client)
        self.layout = layout
        self.thesaurus = thesaurus
        self.logger = logger
        self.parallelShards = max(1, parallelShards)
    }

    /// Rebuilds the shards of `kinds` for each of `countries`, the biggest first.
    public func run(
        countries: [Country], kinds: [IndexKind] = IndexKind.allCases,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        let started = ContinuousClock.now
        // Before the first row is read: the new shards reflect at least every entry up to here.
        let horizon = try await source.horizon()
        var work: [(key: ShardKey, rows: Int)] = []
        for kind in Set(kinds).sorted(by: { $0.rawValue < $1.rawValue }) {
            let counts = try await source.counts(kind, countries: countries)
            work += Set(countries).sorted().map { (ShardKey(country: $0, kind: kind), counts[$0] ?? 0) }
        }
        work.sort { $0.rows > $1.rows }
        let total = work.reduce(0) { $0 + $1.rows }
        let done = Atomic<Int>(0)
        let advance: @Sendable (Int) -> Void = { count in
            let documents = done.add(count, ordering: .relaxed).newValue
            progress(Progress(documents: documents, total: max(total, documents), elapsed: .now - started))
        }
        logger.info("reindexing", metadata: ["shards": "\(work.count)", "rows": "\(total)", "horizon": "\(horizon)"])

        var shards: [Shard] = []
        try await withThrowingTaskGroup(of: Shard.self) { group in
            var pending = work.map(\.key)[...]
            func startNext() {
                guard let key = pending.popFirst() else { return }
                group.addTask { try await rebuild(key, position: horizon, advance: advance) }
            }
            for _ in 0..<parallelShards { startNext() }
            while let shard = try await group.next() {
                shards.append(shard)
                startNext()
            }
        }
        shards.sort { ($0.country, $0.kind.rawValue) < ($1.country, $1.kind.rawValue) }
        return Report(
            shards: shards, position: horizon, rows: done.load(ordering: .relaxed), elapsed: .now - started)
    }

    /// Builds one shard in a new directory and swaps it in. The next chunk is
    /// read from PostgreSQL while the current one is indexed.
    private func rebuild(
        _ key: ShardKey, position: OutboxPosition, advance: @escaping @Sendable (Int) -> Void
    ) async throws
        -> Shard
    {
        let thread = BlockingThread(name: "passerelle-reindex")
        defer { thread.stop() }
        let directory = try layout.newDirectory(key.country, key.kind)
        let build = ShardBuild()
        do {
            try await thread.run { [thesaurus] in
                build.writer = try ShardWriter(directory: directory, kind: key.kind, thesaurus: thesaurus)
            }
            var next = Task { try await chunk(key, after: 0) }
            while true {
                // Ctrl-C: the new directory is removed and the shard in use stays.
                try Task.checkCancellation()
                let chunk = try await next.value
                guard let last = chunk.last else { break }
                next = Task { try await self.chunk(key, after: last) }
                try await thread.run {
                    try build.add(chunk.documents)
                    // Flushed chunk by chunk rather than at Xapian's default 10,000 documents:
                    // as fast or faster, and a third of the memory. The directory is not live yet.
                    try build.writer?.commit(position: position)
                }
                advance(chunk.documents.count)
            }
            let documents = try await thread.run {
                try build.writer!.commit(position: position)
                defer { build.writer = nil }  // closed before the swap: the index writer may open it at once
                return build.writer!.documentCount
            }
            let previous = try await thread.run { [layout] in
                let previous = try layout.activate(directory, key.country, key.kind)
                if let previous, previous != directory {
                    // Readers that have it open keep their files until they reopen on the new stub.
                    try? FileManager.default.removeItem(at: previous)
                }
                return previous
            }
            logger.info(
                "shard rebuilt",
                metadata: [
                    "shard": "\(key)", "documents": "\(documents)", "directory": "\(directory.lastPathComponent)",
                    "replaced": "\(previous?.lastPathComponent ?? "nothing")",
                ])
            return Shard(country: key.country, kind: key.kind, documents: documents, directory: directory)
        } catch {
            logger.error(
                "rebuilding a shard failed: it is left as it was", metadata: ["shard": "\(key)", "error": "\(error)"])
            _ = try? await thread.run {
                build.writer = nil
                try FileManager.default.removeItem(at: directory)
            }
            throw error
        }
    }

    /// One chunk of a shard's keyset scan: its documents and the last key read.
    private func chunk(_ key: ShardKey, after id: Int64) async throws -> Chunk {
        switch key.kind {
        case .jobs:
            let postings = try await source.postings(country: key.country, after: id)
            return Chunk(documents: postings.map { .posting($0) }, last: postings.last?.posting.id)
        case .profiles:
            let profiles = try await source.profiles(country: key.country, after: id)
            return Chunk(documents: profiles.map { .profile($0) }, last: profiles.last?.profile.memberID)
        }
    }

    private struct Chunk: Sendable {
        var documents: [DocumentChange.Action]
        var last: Int64?
    }
}

/// The writer of a shard being rebuilt, used on the rebuild's thread only.
private final class ShardBuild: @unchecked Sendable {
    var writer: ShardWriter?

    func add(_ documents: [DocumentChange.Action]) throws {
        guard let writer else { return }
        for document in documents {
            switch document {
            case .posting(let posting): try writer.add(posting)
            // A hidden CV has no place in a new shard (add would only delete it).
            case .profile(let profile) where profile.isSearchable: try writer.add(profile)
            case .profile, .delete: break
            }
        }
    }
}
