import Foundation
import Logging
import PasserelleCore
import PasserelleStore
import ServiceLifecycle
import Synchronization

/// The service that keeps the shards in step with PostgreSQL: it reads the outbox
/// in (txid, id) order, in batches, reloads what each entry names from the tables
/// and applies it to the shard of its country and kind, then commits each shard
/// it touched together with the position of the batch's last entry.
///
/// Every entry is applied by reloading the current state (an upsert of a posting
/// closed since then removes it), so applying an entry twice is harmless. That is
/// what makes a crash at any moment safe: each shard records the position its
/// content reflects, the writer resumes from the smallest of them and skips, for
/// each shard, what that shard already has. A rebuild (``Reindexer``) swaps in a
/// shard stamped with an older position; the writer notices before its next
/// batch, reopens it and replays from there.
///
/// It wakes on `NOTIFY passerelle_outbox` and also every ``pollInterval``
/// (notifications sent while the listening connection reconnects are lost).
/// Every Xapian call runs on one ``BlockingThread`` of its own.
public final class IndexWriter: Service, Sendable {
    /// Where the shards are.
    public let layout: IndexLayout
    /// The job spaces whose shards it keeps; entries of other countries are skipped.
    public let countries: [Country]
    /// At most so many outbox entries are applied and committed together.
    public let batchSize: Int
    /// How often the outbox is read when no notification came.
    public let pollInterval: Duration

    private let client: PostgresClient
    private let source: IndexSource
    private let thesaurus: JobTitleThesaurus
    private let logger: Logger
    private let state = Mutex(Progress())

    /// The outbox channel the stores' trigger notifies on every insert.
    public static let channel = "passerelle_outbox"

    /// A shard untouched by the batches still gets the writer's position recorded
    /// this often, so that a restart does not re-read the outbox from far back.
    static let idleShardCommitInterval: Duration = .seconds(10)

    /// A writer of the shards of `countries` (both kinds) under `layout`, fed by
    /// the outbox of `client`'s database. It starts working when run.
    public init(
        client: PostgresClient, layout: IndexLayout, countries: [Country] = Country.jobSpaces,
        thesaurus: JobTitleThesaurus = .bundled, logger: Logger, batchSize: Int = 1000,
        pollInterval: Duration = .milliseconds(250)
    ) {
        precondition(batchSize > 0, "a batch holds at least one entry")
        self.client = client
        self.source = IndexSource(client: client)
        self.layout = layout
        self.countries = countries
        self.thesaurus = thesaurus
        self.logger = logger
        self.batchSize = batchSize
        self.pollInterval = pollInterval
    }

    // MARK: - Watching it

    /// The position up to which every shard reflects the outbox; nil until the
    /// shards are open. It moves back when a rebuilt shard is swapped in, until
    /// the writer has replayed what that shard lacks.
    public var appliedPosition: OutboxPosition? {
        state.withLock { $0.applied }
    }

    /// Returns true once every entry up to `position` is searchable, false if the
    /// writer stopped (or the calling task was cancelled) first.
    @discardableResult
    public func waitUntilApplied(_ position: OutboxPosition) async -> Bool {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { state in
                    if let applied = state.applied, applied >= position { return true }
                    if state.isStopped || Task.isCancelled { return false }
                    state.waiters.append(Waiter(id: id, position: position, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Waits until everything committed to the outbox before this call is searchable.
    @discardableResult
    public func waitUntilCaughtUp() async throws -> Bool {
        guard let latest = try await source.latestPosition() else { return true }
        return await waitUntilApplied(latest)
    }

    // MARK: - Running

    /// Applies the outbox until graceful shutdown or cancellation; then finishes
    /// the batch under way, records every shard's position and returns.
    public func run() async throws {
        let thread = BlockingThread(name: "passerelle-index")
        let shards = OpenShards(layout: layout, countries: countries, thesaurus: thesaurus)
        let doorbell = Doorbell()
        defer {
            thread.stop()
            let waiters = state.withLock { state in
                state.isStopped = true
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.continuation.resume(returning: false) }
        }
        let cursor = await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.ringOnNotifications(doorbell) }
                    group.addTask { await self.ringPeriodically(doorbell) }
                    doorbell.ring()
                    let cursor = await self.applyUntilStopped(doorbell, shards: shards, thread: thread)
                    group.cancelAll()
                    return cursor
                }
            } onGracefulShutdown: {
                doorbell.stop()
            }
        } onCancel: {
            doorbell.stop()
        }
        do {
            try await thread.run { try shards.close(through: cursor) }
        } catch {
            logger.error("could not record the index positions at shutdown", metadata: ["error": "\(error)"])
        }
    }

    /// The main loop: a batch per ring of the doorbell, more while batches come
    /// full. After a failure, everything is reopened and resumed from the shards'
    /// own positions (what a restart would do) after a pause that grows. Returns
    /// the position every shard has applied; nil after a failure.
    private func applyUntilStopped(
        _ doorbell: Doorbell, shards: OpenShards, thread: BlockingThread
    ) async -> OutboxPosition? {
        var cursor: OutboxPosition?
        var pause: Duration = .milliseconds(100)
        for await _ in doorbell.rings {
            do {
                var full = true
                while full && !doorbell.isStopped {
                    // A shard opened now (at start, or swapped by a rebuild) may be behind the others.
                    if let behind = try await thread.run({ try shards.refresh() }), cursor.map({ behind < $0 }) ?? true
                    {
                        if cursor != nil {
                            logger.info("a rebuilt shard was swapped in: replaying", metadata: ["from": "\(behind)"])
                        }
                        cursor = behind
                        publish(behind)
                    }
                    guard let from = cursor else { break }
                    let batch = try await applyBatch(after: from, shards: shards, thread: thread)
                    full = batch.count == batchSize
                    if let last = batch.last {
                        cursor = last
                        publish(last)
                        // After publishing: these commits do not delay the batch's own changes.
                        try await thread.run { try shards.recordIdle(through: last) }
                    }
                }
                pause = .milliseconds(100)
                // Entries held back by an older transaction still running elsewhere get no
                // second notification: look again shortly rather than at the next poll.
                if let from = cursor, !doorbell.isStopped,
                    try await OutboxStore(client: client).hasHeldBackEntries(after: from)
                {
                    Task {
                        try? await Task.sleep(for: .milliseconds(20))
                        doorbell.ring()
                    }
                }
            } catch {
                // A rebuild that swaps a shard and removes its old directory mid-batch fails the commit: expected.
                let swapped = (try? await thread.run { shards.wasSwapped }) ?? false
                logger.log(
                    level: swapped ? .info : .error,
                    swapped
                        ? "a shard was swapped during a batch: reopening and replaying"
                        : "index batch failed: reopening the shards and retrying", metadata: ["error": "\(error)"])
                // Uncommitted changes are dropped; each shard's committed position says where to resume.
                _ = try? await thread.run { shards.discard() }
                cursor = nil
                if !doorbell.isStopped {
                    // The periodic ring retries after the pause.
                    try? await Task.sleep(for: pause)
                    pause = min(pause * 2, .seconds(5))
                }
            }
        }
        return cursor
    }

    /// Reads one batch after `cursor`, reloads what it names, applies and commits
    /// it. Returns how many entries it read (none: caught up) and the last one's position.
    private func applyBatch(
        after cursor: OutboxPosition, shards: OpenShards, thread: BlockingThread
    ) async throws
        -> (count: Int, last: OutboxPosition?)
    {
        let started = ContinuousClock.now
        let entries = try await OutboxStore(client: client).entries(after: cursor, limit: batchSize)
        guard let last = entries.last else { return (0, nil) }
        let positions = try await thread.run { shards.positions() }
        let plan = BatchPlan(entries, managed: Set(countries), positions: positions)
        async let postings = source.postings(ids: plan.postingIDs)
        async let profiles = source.profiles(memberIDs: plan.memberIDs)
        let changes = plan.changes(postings: try await postings, profiles: try await profiles)
        let failures = try await thread.run { try shards.apply(changes, through: last.position) }
        for failure in failures {
            logger.error(
                "Xapian refused a document: left out of the index",
                metadata: ["shard": "\(failure.shard)", "id": "\(failure.id)", "error": "\(failure.error)"])
        }
        logger.debug(
            "index batch applied",
            metadata: [
                "entries": "\(entries.count)", "documents": "\(changes.count)", "through": "\(last.position)",
                "duration": "\(ContinuousClock.now - started)",
            ])
        return (entries.count, last.position)
    }

    private func publish(_ position: OutboxPosition) {
        let ready = state.withLock { state -> [Waiter] in
            state.applied = position
            let ready = state.waiters.filter { $0.position <= position }
            state.waiters.removeAll { $0.position <= position }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// Rings on every notification; listens again if the listening connection
    /// could not be opened or its stream ended.
    private func ringOnNotifications(_ doorbell: Doorbell) async {
        while !Task.isCancelled {
            do {
                for await _ in try await client.listen(channel: Self.channel) { doorbell.ring() }
            } catch {
                logger.warning("cannot LISTEN for outbox changes; polling only", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func ringPeriodically(_ doorbell: Doorbell) async {
        while (try? await Task.sleep(for: pollInterval)) != nil {
            doorbell.ring()
        }
    }

    private struct Progress {
        var applied: OutboxPosition?
        var waiters: [Waiter] = []
        var isStopped = false
    }

    private struct Waiter {
        let id: UUID
        let position: OutboxPosition
        let continuation: CheckedContinuation<Bool, Never>
    }
}

/// Wakes the index writer's loop. Rings that come while a batch runs make one:
/// the next batch reads everything that arrived meanwhile anyway.
final class Doorbell: Sendable {
    let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let stopped = Atomic<Bool>(false)

    init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func ring() { continuation.yield() }

    /// Ends the loop once the batch under way is done.
    func stop() {
        stopped.store(true, ordering: .releasing)
        continuation.finish()
    }

    var isStopped: Bool { stopped.load(ordering: .acquiring) }
}

/// One shard: a country and a kind.
struct ShardKey: Hashable, Sendable, CustomStringConvertible {
    var country: Country
    var kind: IndexKind
    var description: String { "\(country.code)/\(kind.rawValue)" }
}

/// What a batch does to one document of one shard.
struct DocumentChange: Sendable {
    enum Action: Sendable {
        case posting(PostingDocument)
        case profile(ProfileDocument)
        case delete
    }

    var shard: ShardKey
    var id: Int64
    var action: Action
}

/// Which documents a batch of outbox entries changes, worked out from the
/// entries and the current rows. Each (shard, document) is settled once per
/// batch from the state read after every entry of the batch committed, so the
/// order of the entries within it does not matter.
struct BatchPlan {
    private var postingTargets: Set<ShardTarget> = []
    private var profileTargets: Set<ShardTarget> = []
    /// Members whose CV's shard is known only once the CV is read (a `member` entry).
    private var memberEntries: [Int64: OutboxPosition] = [:]
    private let managed: Set<Country>
    private let positions: [ShardKey: OutboxPosition]

    private struct ShardTarget: Hashable {
        var country: Country
        var id: Int64
    }

    /// `positions`: what each shard already reflects; entries at or before it are skipped for it.
    init(_ entries: [OutboxEntry], managed: Set<Country>, positions: [ShardKey: OutboxPosition]) {
        self.managed = managed
        self.positions = positions
        for entry in entries {
            switch entry.topic {
            case .posting:
                if let country = entry.country, isNew(entry.position, for: ShardKey(country: country, kind: .jobs)) {
                    postingTargets.insert(ShardTarget(country: country, id: entry.entityID))
                }
            case .profile:
                if let country = entry.country, isNew(entry.position, for: ShardKey(country: country, kind: .profiles))
                {
                    profileTargets.insert(ShardTarget(country: country, id: entry.entityID))
                }
            case .member:
                // Its name, headline, settings or employers: part of its CV's document.
                // An erased member's CV goes through the `profile` delete written with it.
                if entry.operation == .upsert {
                    memberEntries[entry.entityID] = max(memberEntries[entry.entityID] ?? .start, entry.position)
                }
            case .connection:
                // The graph's business; no document shows connections.
                break
            }
        }
    }

    var postingIDs: [Int64] { Set(postingTargets.map(\.id)).sorted() }
    var memberIDs: [Int64] { Set(profileTargets.map(\.id)).union(memberEntries.keys).sorted() }

    /// The changes, given the open postings and the CVs read for ``postingIDs`` and ``memberIDs``.
    func changes(postings: [PostingDocument], profiles: [ProfileDocument]) -> [DocumentChange] {
        let postingsByID = Dictionary(postings.map { ($0.posting.id, $0) }, uniquingKeysWith: { first, _ in first })
        let profilesByID = Dictionary(
            profiles.map { ($0.profile.memberID, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [DocumentChange] = []
        for target in postingTargets.sorted(by: { ($0.country, $0.id) < ($1.country, $1.id) }) {
            let shard = ShardKey(country: target.country, kind: .jobs)
            // In this shard exactly when it is open and of this country now.
            if let document = postingsByID[target.id], document.posting.country == target.country {
                changes.append(DocumentChange(shard: shard, id: target.id, action: .posting(document)))
            } else {
                changes.append(DocumentChange(shard: shard, id: target.id, action: .delete))
            }
        }
        var targets = profileTargets
        for (memberID, position) in memberEntries {
            guard let country = profilesByID[memberID]?.profile.country,
                isNew(position, for: ShardKey(country: country, kind: .profiles))
            else { continue }
            targets.insert(ShardTarget(country: country, id: memberID))
        }
        for target in targets.sorted(by: { ($0.country, $0.id) < ($1.country, $1.id) }) {
            let shard = ShardKey(country: target.country, kind: .profiles)
            if let document = profilesByID[target.id], document.profile.country == target.country {
                // A hidden CV is removed by the shard writer.
                changes.append(DocumentChange(shard: shard, id: target.id, action: .profile(document)))
            } else {
                changes.append(DocumentChange(shard: shard, id: target.id, action: .delete))
            }
        }
        return changes
    }

    private func isNew(_ position: OutboxPosition, for shard: ShardKey) -> Bool {
        guard managed.contains(shard.country) else { return false }
        return position > (positions[shard] ?? .start)
    }
}

/// The writers of every shard the index writer keeps, with the position each
/// one's last commit recorded. Used on the index writer's thread only.
final class OpenShards: @unchecked Sendable {
    private struct Shard {
        var writer: ShardWriter
        var position: OutboxPosition
        var committedAt: ContinuousClock.Instant
    }

    struct Failure: Sendable {
        var shard: ShardKey
        var id: Int64
        var error: any Error
    }

    private let layout: IndexLayout
    private let keys: [ShardKey]
    private let thesaurus: JobTitleThesaurus
    private var open: [ShardKey: Shard] = [:]

    init(layout: IndexLayout, countries: [Country], thesaurus: JobTitleThesaurus) {
        self.layout = layout
        self.thesaurus = thesaurus
        keys = Set(countries).sorted().flatMap { country in
            IndexKind.allCases.map { ShardKey(country: country, kind: $0) }
        }
    }

    /// Opens the shards not open yet (creating those never built) and reopens
    /// those whose stub now names another directory (a rebuild was swapped in).
    /// Returns the smallest position of the shards it opened (nil: none), from
    /// which reading the outbox must resume if it is behind the writer.
    func refresh() throws -> OutboxPosition? {
        var behind: OutboxPosition?
        for key in keys {
            if let shard = open[key], isCurrent(key, shard) { continue }
            // The old writer goes first: nothing is uncommitted between batches.
            open[key] = nil
            let writer = try layout.openWriter(key.country, key.kind, thesaurus: thesaurus)
            let position = try writer.position() ?? .start
            open[key] = Shard(writer: writer, position: position, committedAt: .now)
            behind = min(behind ?? position, position)
        }
        return behind
    }

    /// True when the stub of an open shard names another directory than the one open.
    var wasSwapped: Bool {
        open.contains { !isCurrent($0.key, $0.value) }
    }

    /// Whether the stub still names the directory open for `key` (directories of
    /// a shard sit beside its stub: they differ by name only).
    private func isCurrent(_ key: ShardKey, _ shard: Shard) -> Bool {
        layout.currentDirectory(key.country, key.kind)?.lastPathComponent == shard.writer.directory.lastPathComponent
    }

    func positions() -> [ShardKey: OutboxPosition] {
        open.mapValues(\.position)
    }

    /// Applies `changes`, then commits every shard they touched with `position`.
    /// Returns the documents Xapian refused (logged and left out rather than
    /// stopping the index for everyone); a failed commit throws.
    func apply(_ changes: [DocumentChange], through position: OutboxPosition) throws -> [Failure] {
        var touched: Set<ShardKey> = []
        var failures: [Failure] = []
        for change in changes {
            guard let writer = open[change.shard]?.writer else { continue }
            touched.insert(change.shard)
            do {
                switch change.action {
                case .posting(let document): try writer.add(document)
                case .profile(let document): try writer.add(document)
                case .delete: try writer.delete(id: change.id)
                }
            } catch {
                failures.append(Failure(shard: change.shard, id: change.id, error: error))
            }
        }
        for key in touched { try commit(key, through: position) }
        return failures
    }

    /// Commits `position` to the shards the batches have left alone for a while:
    /// they have applied everything up to it too (nothing in between concerned
    /// them), and a restart then need not read the outbox from far back.
    func recordIdle(through position: OutboxPosition) throws {
        let now = ContinuousClock.now
        for (key, shard) in open
        where shard.position < position && now - shard.committedAt >= IndexWriter.idleShardCommitInterval {
            try commit(key, through: position)
        }
    }

    private func commit(_ key: ShardKey, through position: OutboxPosition) throws {
        guard var shard = open[key], shard.position < position else { return }
        try shard.writer.commit(position: position)
        shard.position = position
        shard.committedAt = .now
        open[key] = shard
    }

    /// Records `position` (what every shard has applied) in the shards whose
    /// last commit is older, and closes them all.
    func close(through position: OutboxPosition?) throws {
        defer { open.removeAll() }
        guard let position else { return }
        for key in open.keys { try commit(key, through: position) }
    }

    /// Closes every writer without committing.
    func discard() {
        open.removeAll()
    }
}
