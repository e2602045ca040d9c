import Foundation
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleStore
import Testing

@Suite("Network graph kept current by the outbox")
struct OutboxTests {
    /// Runs the graph's service while `body` runs.
    private func running(_ graph: NetworkGraph, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await graph.run() }
            defer { group.cancelAll() }
            try await body()
        }
    }

    /// Polls `condition` until it holds; returns how long it took.
    private func eventually(
        within limit: Duration = .seconds(30), _ condition: () throws -> Bool
    ) async throws -> Duration {
        let started = ContinuousClock.now
        while !(try condition()) {
            guard ContinuousClock.now - started < limit else { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        return ContinuousClock.now - started
    }

    @Test("A connection created or removed through the store is seen by distance queries once the outbox is applied")
    func connectionThroughStore() async throws {
        try await GraphFixture.with(members: 4, edges: [(0, 1, nil), (1, 2, nil)]) { fixture, graph in
            let ids = fixture.ids
            try await running(graph) {
                #expect(try graph.distances(from: ids[0], to: [ids[3]]) == [ids[3]: nil])
                _ = try await ConnectionStore(client: fixture.client).create(Connection(ids[2], ids[3]))
                // LISTEN wakes the graph at commit, a 250 ms poll otherwise; how soon is a
                // benchmark's to say (a timed test fails on a loaded machine), this test says that it is.
                _ = try await eventually { try graph.distances(from: ids[0], to: [ids[3]])[ids[3]] == 3 }
                #expect(try graph.distances(from: ids[0], to: [ids[3]]) == [ids[3]: 3])
                // Removed through the store: gone again.
                _ = try await ConnectionStore(client: fixture.client).delete(ids[3], ids[2])
                _ = try await eventually { try graph.distances(from: ids[0], to: [ids[3]])[ids[3]] == .some(nil) }
                #expect(try graph.distances(from: ids[0], to: [ids[3]]) == [ids[3]: nil])
            }
        }
    }

    @Test("An erased member disappears from distances, paths and referrals; a new member joins")
    func erasedMemberDisappears() async throws {
        try await GraphFixture.with(
            members: 4, edges: [(0, 1, nil), (1, 2, nil), (2, 3, nil)], employees: [700: [2]]
        ) { fixture, graph in
            let ids = fixture.ids
            try await running(graph) {
                #expect(try graph.referralPaths(from: ids[0], to: 700).map(\.employee) == [ids[2]])
                _ = try await MemberStore(client: fixture.client).delete(id: ids[1])
                #expect(try await graph.waitUntilCaughtUp())
                #expect(
                    try graph.distances(from: ids[0], to: ids) == [ids[0]: 0, ids[1]: nil, ids[2]: nil, ids[3]: nil])
                #expect(try graph.path(from: ids[0], to: ids[2]) == nil)
                #expect(try graph.referralPaths(from: ids[0], to: 700).isEmpty)
                // Settings too: hiding connections takes effect at once.
                let newcomer = try await GraphFixture.insertMembers(1, client: fixture.client, prefix: "new")
                _ = try await ConnectionStore(client: fixture.client).create(Connection(ids[0], newcomer[0]))
                _ = try await ConnectionStore(client: fixture.client).create(Connection(newcomer[0], ids[2]))
                #expect(try await graph.waitUntilCaughtUp())
                #expect(try graph.distances(from: ids[0], to: [ids[3]]) == [ids[3]: 3])
                var member = try #require(try await MemberStore(client: fixture.client).get(id: newcomer[0]))
                member.hideConnections = true
                _ = try await MemberStore(client: fixture.client).update(member)
                #expect(try await graph.waitUntilCaughtUp())
                #expect(try graph.distances(from: ids[0], to: [ids[3], ids[2]]) == [ids[3]: nil, ids[2]: nil])
            }
        }
    }

    @Test("Compaction folds the delta into the base without changing any answer")
    func compactionKeepsAnswers() async throws {
        try await GraphFixture.with(members: 6, edges: DistanceTests.line) { fixture, graph in
            let ids = fixture.ids
            try await running(graph) {
                _ = try await ConnectionStore(client: fixture.client).create(Connection(ids[0], ids[5]))
                _ = try await ConnectionStore(client: fixture.client).delete(ids[1], ids[2])
                #expect(try await graph.waitUntilCaughtUp())
                let before = try graph.distances(from: ids[0], to: ids)
                #expect(try graph.statistics().pendingChanges > 0)
                await graph.compact()
                #expect(try graph.statistics().pendingChanges == 0)
                #expect(try graph.statistics().connections == 5)
                #expect(try graph.distances(from: ids[0], to: ids) == before)
                // 0 - 5 - 4 - 3 - 2 now: 2 is beyond the 3rd degree.
                #expect(before[ids[4]] == .some(2))
                #expect(before[ids[3]] == .some(3))
                #expect(before[ids[2]] == .some(nil))
            }
        }
    }
}
