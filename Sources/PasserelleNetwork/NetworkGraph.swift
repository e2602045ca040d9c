import Logging
import PasserelleCore
import PasserelleStore
import ServiceLifecycle
import Synchronization

/// The member graph in memory (DESIGN.md, the network): loaded from PostgreSQL
/// with COPY when the service starts, then kept current from the outbox, read in
/// (txid, id) order on `NOTIFY passerelle_outbox` and every ``pollInterval``.
///
/// Readers take an immutable snapshot (a compressed base and a small delta)
/// and never wait for the writer; each outbox batch publishes a new snapshot.
/// When the delta holds ``compactionThreshold`` edge changes, or has waited
/// ``compactionInterval``, a new base is built on a thread of its own while
/// batches keep coming; they are replayed onto it before it is swapped in.
///
/// Queries are short CPU work over the snapshot (no I/O, no locks held); loading
/// and compaction run on ``BlockingThread``s, never on the cooperative pool.
public final class NetworkGraph: Service, Sendable {
    /// The outbox channel the stores' trigger notifies.
    public static let channel = "passerelle_outbox"
    /// At most so many referral paths are answered.
    public static let maximumReferralPaths = 10

    public let pollInterval: Duration
    public let compactionThreshold: Int
    public let compactionInterval: Duration
    private let client: PostgresClient
    private let logger: Logger
    private let state = Mutex(State())
    private let scratches = ScratchPool()

    private struct State {
        var snapshot: GraphSnapshot?
        /// Changes applied since a compaction started, to replay onto its result.
        var sinceCompaction: [GraphChange]?
        var stopped = false
    }

    public init(
        client: PostgresClient, logger: Logger, pollInterval: Duration = .milliseconds(250),
        compactionThreshold: Int = 100_000, compactionInterval: Duration = .seconds(300)
    ) {
        self.client = client
        self.logger = logger
        self.pollInterval = pollInterval
        self.compactionThreshold = compactionThreshold
        self.compactionInterval = compactionInterval
    }

    // MARK: - Running

    /// Loads the graph, if ``load()`` was not called, then applies the outbox until
    /// graceful shutdown or cancellation. A failed load is retried (the server
    /// answers the network's routes with 503 meanwhile) rather than stopping the server.
    public func run() async throws {
        while snapshot == nil && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await self.load() }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                logger.error("network graph: load failed, retrying in 5 s", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(5))
            }
        }
        let (rings, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.ringOnNotifications(doorbell) }
                group.addTask {
                    while (try? await Task.sleep(for: self.pollInterval)) != nil { doorbell.yield() }
                    doorbell.finish()
                }
                await self.follow(rings)
                group.cancelAll()
            }
        } onGracefulShutdown: {
            doorbell.finish()
        }
        state.withLock { $0.stopped = true }
    }

    /// Loads the graph from PostgreSQL now (what `run()` does first).
    public func load() async throws {
        let started = ContinuousClock.now
        let snapshot = try await GraphLoader.load(client: client)
        state.withLock { $0.snapshot = snapshot }
        let statistics = Self.statistics(of: snapshot)
        logger.info(
            "network graph loaded",
            metadata: [
                "members": "\(statistics.members)", "connections": "\(statistics.connections)",
                "megabytes": "\(statistics.memoryBytes >> 20)", "duration": "\(ContinuousClock.now - started)",
            ])
    }

    /// The outbox position the graph reflects; nil until it is loaded.
    public var appliedPosition: OutboxPosition? { snapshot?.position }

    /// Returns once everything committed to the outbox before this call is in the
    /// graph (false if the graph stopped first).
    @discardableResult
    public func waitUntilCaughtUp() async throws -> Bool {
        let rows = try await client.query(
            "SELECT txid::text AS transaction_id, id FROM outbox ORDER BY txid DESC, id DESC LIMIT 1")
        guard let row = rows.first else { return true }
        let latest = OutboxPosition(
            transactionID: UInt64(try row.decode("transaction_id", as: String.self)) ?? 0, id: try row.decode("id"))
        while true {
            if let applied = appliedPosition, applied >= latest { return true }
            if state.withLock({ $0.stopped }) { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func follow(_ rings: AsyncStream<Void>) async {
        var lastCompaction = ContinuousClock.now
        var pause: Duration = .milliseconds(100)
        for await _ in rings {
            do {
                while try await applyBatch() {}
                pause = .milliseconds(100)
                if let pending = snapshot?.delta.changes, pending > 0,
                    pending >= compactionThreshold || ContinuousClock.now - lastCompaction >= compactionInterval
                {
                    lastCompaction = .now
                    Task { await self.compact() }
                }
            } catch {
                logger.error("network graph: outbox batch failed, retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }

    /// Applies one batch of the outbox; true when the batch was full (more may wait).
    private func applyBatch() async throws -> Bool {
        guard let position = snapshot?.position else { return false }
        let batchSize = 1000
        let entries = try await OutboxStore(client: client).entries(after: position, limit: batchSize)
        guard let last = entries.last?.position else { return false }
        let changes = try await GraphChangeReader.changes(for: entries, client: client)
        state.withLock { state in
            guard var snapshot = state.snapshot else { return }
            for change in changes { snapshot.apply(change) }
            snapshot.position = last
            state.snapshot = snapshot
            state.sinceCompaction?.append(contentsOf: changes)
        }
        return entries.count == batchSize
    }

    /// Folds the delta into a new base off the cooperative pool, then replays what
    /// came meanwhile onto it and swaps it in.
    public func compact() async {
        let started: GraphSnapshot? = state.withLock { state in
            guard state.sinceCompaction == nil, let snapshot = state.snapshot else { return nil }
            state.sinceCompaction = []
            return snapshot
        }
        guard let started else { return }
        let compacted = try? await BlockingThread.run(named: "passerelle-graph") { started.compacted() }
        state.withLock { state in
            defer { state.sinceCompaction = nil }
            guard var compacted, let current = state.snapshot else { return }
            for change in state.sinceCompaction ?? [] { compacted.apply(change) }
            compacted.position = current.position
            state.snapshot = compacted
        }
        logger.debug("network graph compacted")
    }

    private func ringOnNotifications(_ doorbell: AsyncStream<Void>.Continuation) async {
        while !Task.isCancelled {
            do {
                for await _ in try await client.listen(channel: Self.channel) { doorbell.yield() }
            } catch {
                logger.warning("cannot LISTEN for outbox changes; polling only", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    // MARK: - Reading

    var snapshot: GraphSnapshot? { state.withLock { $0.snapshot } }

    private func loaded() throws(NetworkUnavailable) -> GraphSnapshot {
        guard let snapshot else { throw NetworkUnavailable() }
        return snapshot
    }

    /// The graph's size now.
    public func statistics() throws(NetworkUnavailable) -> NetworkStatistics {
        Self.statistics(of: try loaded())
    }

    private static func statistics(of snapshot: GraphSnapshot) -> NetworkStatistics {
        var directions = snapshot.adjacency.edgeDirections
        for (_, gone) in snapshot.delta.removed { directions -= gone.count }
        for (_, added) in snapshot.delta.added { directions += added.count }
        return NetworkStatistics(
            members: snapshot.memberCount, connections: directions / 2, memoryBytes: snapshot.memoryFootprint,
            pendingChanges: snapshot.delta.changes)
    }

    /// The distance from `viewer` to each of `members`: 1, 2 or 3 (0 for the viewer
    /// itself); nil beyond the 3rd degree, and for members erased or hidden.
    /// Only members who show their connections are ways through.
    public func distances(from viewer: Int64, to members: [Int64]) throws(NetworkUnavailable) -> [Int64: Int?] {
        let snapshot = try loaded()
        guard let source = snapshot.index(of: viewer) else {
            return Dictionary(members.map { ($0, $0 == viewer ? 0 : nil) }, uniquingKeysWith: { first, _ in first })
        }
        let distances = scratches.with(count: snapshot.memberCount) { scratch in
            snapshot.distances(from: source, to: members.map(snapshot.index(of:)), in: scratch)
        }
        return Dictionary(zip(members, distances).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }

    /// The strongest shortest path from `viewer` to `member` within 3 steps,
    /// through members who show their connections; nil when there is none.
    public func path(from viewer: Int64, to member: Int64) throws(NetworkUnavailable) -> NetworkPath? {
        let snapshot = try loaded()
        guard let source = snapshot.index(of: viewer), let target = snapshot.index(of: member) else { return nil }
        return scratches.with(count: snapshot.memberCount) { snapshot.path(from: source, to: target, in: $0) }
    }

    /// Up to ``maximumReferralPaths`` ways from `member` to the current employees of
    /// `company`: those it knows (ask for a referral) by tie strength, then those its
    /// contacts know (ask for an introduction) by the product of the two ties.
    public func referralPaths(
        from member: Int64, to company: Int64, limit: Int = maximumReferralPaths
    ) throws(NetworkUnavailable) -> [ReferralPath] {
        let snapshot = try loaded()
        guard let source = snapshot.index(of: member) else { return [] }
        return scratches.with(count: snapshot.memberCount) {
            snapshot.referralPaths(from: source, to: company, limit: limit, in: $0)
        }
    }

    /// How each of `candidates` is reached from the current employees of `company`
    /// (within 2 degrees); candidates out of reach, erased or hidden, and the
    /// company's own employees, are not in the answer.
    public func talentLinks(of company: Int64, candidates: [Int64]) throws(NetworkUnavailable) -> [Int64: TalentLink] {
        let snapshot = try loaded()
        let nodes = candidates.compactMap(snapshot.index(of:))
        let links = scratches.with(count: snapshot.memberCount) {
            snapshot.talentLinks(of: company, candidates: nodes, in: $0)
        }
        return Dictionary(links.values.map { ($0.candidate, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// How close `viewer` is to the current employees of each of `companies`.
    public func closeness(
        of viewer: Int64, to companies: [Int64]
    ) throws(NetworkUnavailable) -> [Int64: CompanyCloseness] {
        let snapshot = try loaded()
        guard let source = snapshot.index(of: viewer) else {
            return Dictionary(companies.map { ($0, CompanyCloseness(peopleYouKnow: 0, bestDegree: nil)) }) { a, _ in a }
        }
        return scratches.with(count: snapshot.memberCount) { snapshot.closeness(of: source, to: companies, in: $0) }
    }

    /// The companies where `viewer` knows someone now (its connections' current employers).
    public func knownCompanies(of viewer: Int64) throws(NetworkUnavailable) -> [Int64] {
        let snapshot = try loaded()
        guard let source = snapshot.index(of: viewer) else { return [] }
        return snapshot.knownCompanies(of: source)
    }

    /// The current employees of `company`, as the graph knows them.
    public func employees(of company: Int64) throws(NetworkUnavailable) -> [Int64] {
        let snapshot = try loaded()
        return snapshot.employees(of: company).map(snapshot.id(of:)).sorted()
    }
}

/// The graph is still loading.
public struct NetworkUnavailable: Error, CustomStringConvertible {
    public var description: String { "the network graph is still loading" }
}
