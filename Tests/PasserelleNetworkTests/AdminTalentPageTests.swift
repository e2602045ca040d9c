import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

/// The company admin's talent page: the talent route's own answer (CVs within
/// two degrees of the company's employees, the bridges to each) in the page's
/// language, against PostgreSQL, the graph and a real CV shard.
@Suite("Pages: the company admin's talent")
struct AdminTalentPageTests {
    static let acme: Int64 = 601
    static let globex: Int64 = 602

    /// m-0 - m-1 - m-2 - m-3 - m-4 - m-5 on a line, m-2 and m-3 at Acme; every CV in
    /// the French shard. `admin` runs Acme (m-5's account), `other` runs Globex, `member` is m-0.
    private func withApp(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await GraphFixture.with(members: 6, edges: DistanceTests.line, employees: [Self.acme: [2, 3]]) {
            fixture, graph in
            try await fixture.employ([], at: Self.globex)
            for (token, member, role, company) in [
                ("admin", 5, Account.Role.admin, Int64?.some(Self.acme)), ("other", 4, .admin, Self.globex),
                ("member", 0, .member, nil),
            ] {
                try await fixture.signIn(token, member: member, role: role, company: company)
            }
            let root = try makeTemporaryDataDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let layout = IndexLayout(root: root)
            let profiles = try layout.openWriter(.france, .profiles, thesaurus: .bundled)
            for (number, id) in fixture.ids.enumerated() {
                let name = "Member \(number)"
                let employer = [2, 3].contains(number) ? [Self.acme] : []
                try profiles.add(
                    ProfileDocument(
                        profile: Profile(
                            memberID: id, country: .france, language: .fr, resume: ["basics": ["name": .string(name)]],
                            headline: "Développeuse Swift <b>\(number)</b>", summary: "Swift", city: "Toulouse",
                            skills: ["Swift"]),
                        member: Member(
                            id: id, externalID: "m-\(number)", name: name, country: .france, language: .fr,
                            headline: "Développeuse Swift <b>\(number)</b>", openToWork: true),
                        currentCompanyIDs: employer))
            }
            try profiles.commit(position: .start)
            try layout.openWriter(.france, .jobs, thesaurus: .bundled).commit(position: .start)
            let app = buildApplication(
                WebConfiguration(), database: fixture.client, search: SearchIndex(layout: layout, threads: 1),
                network: graph, logger: Logger(label: "test"))
            try await app.test(.router, body)
        }
    }

    private func page(
        _ http: any TestClientProtocol, _ uri: String, token: String
    ) async throws -> (
        HTTPResponse.Status, String
    ) {
        try await http.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) {
            ($0.status, String(buffer: $0.body))
        }
    }

    @Test("The talent page lists the CVs within reach with their degree and bridges, in every language")
    func talentInEveryLanguage() async throws {
        try await withApp { http in
            let path = "admin/companies/\(Self.acme)/talent?q=swift"
            for language in Language.allCases {
                let (status, html) = try await page(http, "/\(language.code)/\(path)", token: "admin")
                #expect(status == .ok, "\(language)")
                #expect(!html.contains("⟦"), "\(language)")
                #expect(html.contains("data-test=\"nav-admin-talent\""), "\(language)")
            }
            let (_, html) = try await page(http, "/fr/\(path)", token: "admin")
            let shown = html.matches(of: #/<h2><a href="/fr/members/(m-\d)">/#).map { String($0.output.1) }
            // The employees m-2 and m-3 are left out; m-1 and m-4 know one, m-0 and m-5 through a contact.
            #expect(Set(shown) == ["m-0", "m-1", "m-4", "m-5"])
            #expect(html.contains("4 personnes à portée"))
            #expect(html.contains("<li>Connaît Member 2</li>"))
            #expect(html.contains("<li>Member 2 le ou la connaît via Member 1</li>"))
            #expect(html.contains("1er degré"))
            #expect(html.contains("2e degré"))
            #expect(html.contains("Développeuse Swift &lt;b&gt;1&lt;/b&gt;"))
            #expect(!html.contains("<b>1</b>"))
        }
    }

    @Test("Only the company's own admins and recruiters see its talent (403); bad input is the API's 400")
    func rules() async throws {
        try await withApp { http in
            let path = "/de/admin/companies/\(Self.acme)/talent"
            #expect(try await page(http, path, token: "member").0 == .forbidden)
            #expect(try await page(http, path, token: "other").0 == .forbidden)
            let (status, html) = try await page(http, path + "?per_page=0", token: "admin")
            #expect(status == .badRequest)
            #expect(html.contains("data-status=\"400\""))
            #expect(try await page(http, "/de/admin/companies/x/talent", token: "admin").0 == .notFound)
        }
    }
}
