import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import Testing

/// The recruiter's page of a posting's candidates: the matching route's own
/// ranking, reasons and referral paths, in the page's language.
@Suite("Pages: a posting's candidates")
struct RecruiterCandidatesPageTests {
    private func page(
        _ http: any TestClientProtocol, _ uri: String, token: String
    ) async throws -> (
        status: HTTPResponse.Status, html: String
    ) {
        try await http.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) {
            ($0.status, String(buffer: $0.body))
        }
    }

    @Test("Candidates in the matching's order with their reasons and referral path, in every language")
    func candidates() async throws {
        try await MatchFixture.with { world in
            try await world.withApp { http in
                let path = "recruiter/postings/\(world.offer.id)/candidates"
                for language in Language.allCases {
                    let answer = try await page(http, "/\(language.code)/\(path)", token: "recruiter")
                    #expect(answer.status == .ok, "\(language)")
                    #expect(!answer.html.contains("⟦"), "\(language)")
                }
                let html = try await page(http, "/fr/\(path)", token: "recruiter").html
                let names = html.matches(of: #/<h2>(?:<a href="[^"]*">)?([^<]+)/#).map { String($0.output.1) }
                // The page shows the route's ranking as it is.
                let api = try await http.get("/api/v1/jobs/\(world.offer.id)/candidates", token: "recruiter")
                let ranked = (0..<4).compactMap { api.json?["results"]?[$0]?["name"]?.stringValue }
                #expect(names == ranked)
                #expect(names.first == "Alice")
                #expect(names.last == "Chloe")
                #expect(html.contains("4 candidats"))
                #expect(html.contains("href=\"/fr/members/alice\""))
                #expect(html.contains("<span>Possède : Swift, iOS, Kotlin</span>"))
                #expect(html.contains("<span>Manque : Kotlin</span>"))
                #expect(html.contains("<span>6 ans d&#39;expérience</span>"))
                #expect(html.contains("<span>3 ans demandés</span>"))
                #expect(html.contains("Erin, de votre entreprise, le ou la connaît."))
                #expect(html.contains("Personne dans votre entreprise ne le ou la connaît encore."))
                #expect(try await page(http, "/fr/\(path)", token: "other").status == .forbidden)
                #expect(try await page(http, "/fr/\(path)", token: "alice").status == .forbidden)
            }
        }
    }
}
