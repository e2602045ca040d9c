import Foundation
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("Network distances and paths")
struct DistanceTests {
    /// 0 - 1 - 2 - 3 - 4 - 5, and 6 alone.
    static let line: [(Int, Int, Double?)] = [(0, 1, nil), (1, 2, nil), (2, 3, nil), (3, 4, nil), (4, 5, nil)]

    @Test("Distances along a line: 1, 2, 3, then nil beyond and for members alone or unknown")
    func lineDistances() async throws {
        try await GraphFixture.with(members: 7, edges: Self.line) { fixture, graph in
            let ids = fixture.ids
            let answer = try graph.distances(from: ids[0], to: ids + [999_999])
            #expect(answer[ids[0]] == .some(0))
            #expect(answer[ids[1]] == .some(1))
            #expect(answer[ids[2]] == .some(2))
            #expect(answer[ids[3]] == .some(3))
            #expect(answer[ids[4]] == .some(nil))
            #expect(answer[ids[6]] == .some(nil))
            #expect(answer[999_999] == .some(nil))
        }
    }

    @Test("A member who hides its connections is never a way through, but is still reached itself")
    func hiddenConnectionsAreNoWayThrough() async throws {
        // 0 - 1 - 2, and 0 - 3 - 4 - 2 (3 hides its connections).
        let edges: [(Int, Int, Double?)] = [(0, 1, nil), (1, 2, nil), (0, 3, nil), (3, 4, nil)]
        try await GraphFixture.with(members: 5, hiding: [1, 3], edges: edges) { fixture, graph in
            let ids = fixture.ids
            let answer = try graph.distances(from: ids[0], to: Array(ids))
            #expect(answer[ids[1]] == .some(1))
            #expect(answer[ids[3]] == .some(1))
            #expect(answer[ids[2]] == .some(nil))
            #expect(answer[ids[4]] == .some(nil))
            #expect(try graph.path(from: ids[0], to: ids[2]) == nil)
            // Seen from 2: 1 is its own connection; 0 lies behind 1, who hides.
            #expect(try graph.distances(from: ids[2], to: [ids[1], ids[0]]) == [ids[1]: 1, ids[0]: nil])
        }
    }

    @Test("A hidden profile is in no answer: not a target, not a way through")
    func hiddenProfileIsNowhere() async throws {
        try await GraphFixture.with(members: 7, hiddenProfiles: [2], edges: Self.line) { fixture, graph in
            let ids = fixture.ids
            let answer = try graph.distances(from: ids[0], to: [ids[2], ids[3]])
            #expect(answer == [ids[2]: nil, ids[3]: nil])
            #expect(try graph.path(from: ids[0], to: ids[2]) == nil)
        }
    }

    @Test("The path is the strongest of the shortest ones")
    func strongestShortestPath() async throws {
        // 0 - 1 - 3 (0.9, 0.9) and 0 - 2 - 3 (0.5, 0.5); 0 - 4 - 5 - 3 is longer.
        let edges: [(Int, Int, Double?)] = [
            (0, 1, 0.9), (1, 3, 0.9), (0, 2, 0.5), (2, 3, 0.5), (0, 4, 1), (4, 5, 1), (5, 3, 1),
        ]
        try await GraphFixture.with(members: 6, edges: edges) { fixture, graph in
            let ids = fixture.ids
            let path = try #require(try graph.path(from: ids[0], to: ids[3]))
            #expect(path.members == [ids[0], ids[1], ids[3]])
            #expect(abs(path.strength - 0.81) < 0.01)
            let three = try #require(try graph.path(from: ids[1], to: ids[5]))
            #expect(three.members.count == 3)
        }
    }

    @Test("A random graph with a hub of 2,000 connections: every distance and path as a plain breadth-first search")
    func randomGraphMatchesPlainSearch() async throws {
        var random = SplitMix(seed: 7)
        let count = 3_000
        var edges: Set<[Int]> = []
        // A hub with about 2,000 connections, and sparse links elsewhere.
        for other in 1..<count where random.next() % 3 != 0 { edges.insert([0, other]) }
        #expect(edges.count > 1_900)
        while edges.count < 9_000 {
            let a = Int(random.next() % UInt64(count - 1)) + 1
            let b = Int(random.next() % UInt64(count - 1)) + 1
            if a != b { edges.insert([min(a, b), max(a, b)]) }
        }
        let hiding = Set((0..<count).filter { $0 != 0 && random.next() % 10 == 0 })
        let hidden = Set((0..<count).filter { _ in random.next() % 30 == 0 })
        let list = edges.map { ($0[0], $0[1], Double?.none) }
        try await GraphFixture.with(members: count, hiding: hiding, hiddenProfiles: hidden, edges: list) {
            fixture, graph in
            let number = Dictionary(uniqueKeysWithValues: fixture.ids.enumerated().map { ($1, $0) })
            var neighbours = [[Int]](repeating: [], count: count)
            for edge in edges {
                neighbours[edge[0]].append(edge[1])
                neighbours[edge[1]].append(edge[0])
            }
            for viewer in [0, 1, 2, 17, 250, 2_999] {
                let expected = plainDistances(
                    from: viewer, neighbours: neighbours, wayThrough: { !hiding.contains($0) && !hidden.contains($0) })
                let answer = try graph.distances(from: fixture.ids[viewer], to: fixture.ids)
                for member in 0..<count {
                    let want = hidden.contains(member) && member != viewer ? nil : expected[member]
                    #expect(answer[fixture.ids[member]] == .some(want), "from \(viewer) to \(member)")
                    let path = try graph.path(from: fixture.ids[viewer], to: fixture.ids[member])
                    #expect(path?.degree == want, "path from \(viewer) to \(member)")
                    if let path {
                        // Every inner member shows its connections, and consecutive members are connected.
                        for inner in path.members.dropFirst().dropLast() {
                            let inner = number[inner]!
                            #expect(!hiding.contains(inner) && !hidden.contains(inner))
                        }
                        for (a, b) in zip(path.members, path.members.dropFirst()) {
                            #expect(neighbours[number[a]!].contains(number[b]!))
                        }
                    }
                }
            }
        }
    }

    /// Breadth-first search to depth 3 where only `wayThrough` members (and the start) lead further.
    private func plainDistances(from start: Int, neighbours: [[Int]], wayThrough: (Int) -> Bool) -> [Int?] {
        var distance = [Int?](repeating: nil, count: neighbours.count)
        distance[start] = 0
        var frontier = [start]
        for depth in 1...3 {
            var next: [Int] = []
            for member in frontier where member == start || wayThrough(member) {
                for neighbour in neighbours[member] where distance[neighbour] == nil {
                    distance[neighbour] = depth
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return distance
    }
}

/// A small deterministic random generator for test graphs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
