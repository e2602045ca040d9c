import Foundation
import PasserelleCore
import PasserelleNetwork
import PasserelleStore
import Testing

@Suite("Referral paths and talent")
struct ReferralTests {
    static let acme: Int64 = 501

    @Test("Employees the member knows come first by strength, then introductions by the product of strengths")
    func referralOrder() async throws {
        // Member 0 knows 1 (0.3, employee) and 2 (0.9, employee); 0 knows 3 (0.8) who knows 4 (0.9, employee)
        // and 5 (0.5, employee); 0 knows 6 (1.0, hides its connections) who knows 7 (employee).
        let edges: [(Int, Int, Double?)] = [
            (0, 1, 0.3), (0, 2, 0.9), (0, 3, 0.8), (3, 4, 0.9), (3, 5, 0.5), (0, 6, 1.0), (6, 7, 1.0), (3, 2, 1.0),
        ]
        try await GraphFixture.with(
            members: 8, hiding: [6], edges: edges, employees: [Self.acme: [1, 2, 4, 5, 7]]
        ) { fixture, graph in
            let ids = fixture.ids
            let paths = try graph.referralPaths(from: ids[0], to: Self.acme)
            #expect(paths.map(\.employee) == [ids[2], ids[1], ids[4], ids[5]])
            #expect(paths.map(\.intermediary) == [nil, nil, ids[3], ids[3]])
            #expect(abs(paths[2].strength - 0.72) < 0.01)
            #expect(try graph.referralPaths(from: ids[0], to: Self.acme, limit: 3).count == 3)
            #expect(try graph.referralPaths(from: ids[0], to: 999).isEmpty)
        }
    }

    @Test("Talent: candidates within 2 degrees of the employees, with their bridges; the employees left out")
    func talentReach() async throws {
        // Employees 0 and 1. 2 knows 0 (0.9); 3 knows 2 (0.5); 4 knows 3 only (3rd degree);
        // 5 knows 6 who hides its connections and knows 1.
        let edges: [(Int, Int, Double?)] = [(0, 2, 0.9), (2, 3, 0.5), (3, 4, 1), (1, 6, 1), (6, 5, 1), (0, 1, 1)]
        try await GraphFixture.with(members: 7, hiding: [6], edges: edges, employees: [Self.acme: [0, 1]]) {
            fixture, graph in
            let ids = fixture.ids
            let links = try graph.talentLinks(of: Self.acme, candidates: ids)
            #expect(Set(links.keys) == [ids[2], ids[3], ids[6]])
            #expect(links[ids[2]]?.degree == 1)
            #expect(links[ids[2]]?.bridges.map(\.employee) == [ids[0]])
            #expect(links[ids[3]]?.degree == 2)
            #expect(links[ids[3]]?.bridges.first?.through == ids[2])
            #expect(links[ids[3]]?.bridges.first?.employee == ids[0])
            // 6 is reached by 1 directly (it is the candidate, its own flag does not matter); 5 only through 6.
            #expect(links[ids[6]]?.degree == 1)
        }
    }

    @Test("Closeness to companies and the companies a viewer knows someone at")
    func closenessAndKnownCompanies() async throws {
        let edges: [(Int, Int, Double?)] = [(0, 1, nil), (1, 2, nil), (2, 3, nil), (0, 4, nil)]
        try await GraphFixture.with(members: 5, edges: edges, employees: [601: [1, 4], 602: [2], 603: [3]]) {
            fixture, graph in
            let ids = fixture.ids
            let closeness = try graph.closeness(of: ids[0], to: [601, 602, 603, 604])
            #expect(closeness[601] == CompanyCloseness(peopleYouKnow: 2, bestDegree: 1))
            #expect(closeness[602] == CompanyCloseness(peopleYouKnow: 0, bestDegree: 2))
            #expect(closeness[603] == CompanyCloseness(peopleYouKnow: 0, bestDegree: 3))
            #expect(closeness[604] == CompanyCloseness(peopleYouKnow: 0, bestDegree: nil))
            #expect(try graph.knownCompanies(of: ids[0]) == [601])
        }
    }

    @Test("Tie strength: colleagues at once beat classmates, who beat a tie with nothing shared")
    func tieStrengthFormula() {
        let job = TieStrength.Stint(place: 1, start: 100, end: nil)
        let otherJob = TieStrength.Stint(place: 1, start: 0, end: 50)
        let school = TieStrength.Stint(place: 9, start: 0, end: 1000)
        let nothing: [TieStrength.Stint] = []
        let colleagues = TieStrength.strength(days: 0, jobs: [job], [job], schools: nothing, nothing)
        let apart = TieStrength.strength(days: 0, jobs: [job], [otherJob], schools: nothing, nothing)
        let classmates = TieStrength.strength(days: 0, jobs: nothing, nothing, schools: [school], [school])
        let bare = TieStrength.strength(days: 0, jobs: nothing, nothing, schools: nothing, nothing)
        let old = TieStrength.strength(days: 3653, jobs: nothing, nothing, schools: nothing, nothing)
        #expect(abs(colleagues - 0.55) < 0.001)
        #expect(abs(apart - 0.25) < 0.001)
        #expect(abs(classmates - 0.35) < 0.001)
        #expect(abs(bare - 0.10) < 0.001)
        #expect(abs(old - 0.30) < 0.001)
    }
}
