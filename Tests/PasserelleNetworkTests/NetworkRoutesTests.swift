import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("Network routes over HTTP")
struct NetworkRoutesTests {
    static let acme: Int64 = 501
    static let globex: Int64 = 502

    /// Members m-0 … m-5 on a line (m-0 - m-1 - … - m-5), m-2 and m-3 working at Acme; accounts:
    /// `member` is m-0, `recruiter` recruits for Acme (m-4), `other` recruits for Globex (m-5).
    private func withApp(
        _ body: @escaping @Sendable (GraphFixture, any TestClientProtocol) async throws -> Void
    )
        async throws
    {
        try await GraphFixture.with(members: 6, edges: DistanceTests.line, employees: [Self.acme: [2, 3]]) {
            fixture, graph in
            try await fixture.employ([], at: Self.globex)
            for (token, member, role, company) in [
                ("member", 0, Account.Role.member, Int64?.none), ("recruiter", 4, .recruiter, Self.acme),
                ("other", 5, .recruiter, Self.globex),
            ] {
                try await fixture.signIn(token, member: member, role: role, company: company)
            }
            let root = try makeTemporaryDataDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let layout = IndexLayout(root: root)
            // One open posting of Acme in the index, for the search's network field and filter.
            let posting = try await JobPostingStore(client: fixture.client).create(
                JobPosting(
                    country: .france, companyID: Self.acme, language: .fr, requisitionID: "REQ-1",
                    title: "Développeuse Swift", description: "<p>Swift</p>", city: "Toulouse",
                    datePosted: CalendarDate(utcDayOf: Date())))
            let jobs = try layout.openWriter(.france, .jobs, thesaurus: .bundled)
            try jobs.add(PostingDocument(posting: posting, companyName: "Acme"))
            try jobs.commit(position: .start)
            try layout.openWriter(.france, .profiles, thesaurus: .bundled).commit(position: .start)
            let app = buildApplication(
                WebConfiguration(), database: fixture.client, search: SearchIndex(layout: layout, threads: 1),
                network: graph, logger: Logger(label: "test"))
            try await app.test(.router) { try await body(fixture, $0) }
        }
    }

    @Test("Every network route needs a signed-in account (401), and talent a recruiter of the company (403)")
    func rules() async throws {
        try await withApp { fixture, http in
            for uri in [
                "/api/v1/network/distance?ids=m-1", "/api/v1/network/path?to=m-1", "/api/v1/jobs/1/referrers",
                "/api/v1/companies/\(Self.acme)/talent", "/api/v1/jobs/search?in_network=true",
            ] {
                let anonymous = try await http.get(uri, token: nil)
                #expect(anonymous.status == .unauthorized, "\(uri)")
            }
            let talent = "/api/v1/companies/\(Self.acme)/talent"
            let (member, other, recruiter) = (
                try await http.get(talent, token: "member"), try await http.get(talent, token: "other"),
                try await http.get(talent, token: "recruiter")
            )
            #expect(member.status == .forbidden)
            #expect(other.status == .forbidden)
            #expect(recruiter.status == .ok)
            #expect(recruiter.json == ["total": 0, "results": []])
            let inNetwork = try await http.get("/api/v1/jobs/search?in_network=true", token: "member")
            #expect(inNetwork.status == .ok)
        }
    }

    @Test("Bad input is 400 naming the parameter; unknown ids are 404")
    func badInput() async throws {
        try await withApp { fixture, http in
            let many = (0...1_000).map { "m-\($0)" }.joined(separator: ",")
            for (uri, parameter) in [
                ("/api/v1/network/distance", "ids"), ("/api/v1/network/distance?ids=", "ids"),
                ("/api/v1/network/distance?ids=\(many)", "ids"), ("/api/v1/network/path", "to"),
                ("/api/v1/companies/\(Self.acme)/talent?per_page=0", "per_page"),
                ("/api/v1/jobs/search?in_network=maybe", "in_network"),
            ] {
                let answer = try await http.get(uri, token: uri.contains("talent") ? "recruiter" : "member")
                #expect(answer.status == .badRequest, "\(uri)")
                #expect(answer.message.hasPrefix("\(parameter):"), "\(uri): \(answer.message)")
            }
            for (uri, token) in [
                ("/api/v1/network/path?to=nobody", "member"), ("/api/v1/jobs/999/referrers", "member"),
                ("/api/v1/companies/x/talent", "recruiter"),
            ] {
                let answer = try await http.get(uri, token: token)
                #expect(answer.status == .notFound, "\(uri)")
            }
        }
    }

    @Test("Distances, a path and referrers as JSON")
    func answers() async throws {
        try await withApp { fixture, http in
            let distances = try await http.get("/api/v1/network/distance?ids=m-1,m-2,m-3,m-4,nobody", token: "member")
            #expect(distances.status == .ok)
            #expect(distances.json == ["m-1": 1, "m-2": 2, "m-3": 3, "m-4": nil, "nobody": nil])
            let path = try await http.get("/api/v1/network/path?to=m-2", token: "member")
            #expect(path.json?["degree"] == 2)
            #expect(
                path.json?["path"] == [
                    ["id": "m-0", "name": "Member 0"], ["id": "m-1", "name": "Member 1"],
                    ["id": "m-2", "name": "Member 2"],
                ])
            let none = try await http.get("/api/v1/network/path?to=m-5", token: "member")
            #expect(none.json == ["degree": nil, "path": []])
            let search = try await http.get("/api/v1/jobs/search", token: "member")
            let posting = try #require(search.json?["results"]?[0]?["id"]?.stringValue)
            let referrers = try await http.get("/api/v1/jobs/\(posting)/referrers", token: "member")
            #expect(referrers.status == .ok)
            let list = referrers.json?["referrers"]
            #expect(list?[0]?["employee"]?["id"] == "m-2")
            #expect(list?[0]?["intermediary"]?["id"] == "m-1")
            #expect(list?[0]?["ask"] == "introduction")
            #expect(list?[0]?["degree"] == 2)
        }
    }
}

extension NetworkRoutesTests {
    @Test("Job results carry the viewer's closeness to the company; in_network keeps the companies it knows")
    func searchNetwork() async throws {
        try await withApp { fixture, http in
            let anonymous = try await http.get("/api/v1/jobs/search", token: nil)
            #expect(anonymous.json?["results"]?[0]?["network"] == nil)
            // m-0 - m-1 - m-2 (Acme): the 2nd degree, nobody known there.
            let member = try await http.get("/api/v1/jobs/search", token: "member")
            #expect(member.json?["results"]?[0]?["network"] == ["people_you_know": 0, "best_degree": 2])
            let filtered = try await http.get("/api/v1/jobs/search?in_network=true", token: "member")
            #expect(filtered.json?["total"] == 0)
            // m-4 knows m-3, who works at Acme.
            let recruiter = try await http.get("/api/v1/jobs/search?in_network=true", token: "recruiter")
            #expect(recruiter.json?["total"] == 1)
            #expect(recruiter.json?["results"]?[0]?["network"] == ["people_you_know": 1, "best_degree": 1])
            // The job page says the same, to a signed-in viewer only.
            let posting = try #require(member.json?["results"]?[0]?["id"]?.stringValue)
            #expect(try await http.get("/api/v1/jobs/\(posting)", token: nil).json?["network"] == nil)
            let page = try await http.get("/api/v1/jobs/\(posting)", token: "member")
            #expect(page.json?["network"] == ["people_you_know": 0, "best_degree": 2])
            let known = try await http.get("/api/v1/jobs/\(posting)", token: "recruiter")
            #expect(known.json?["network"] == ["people_you_know": 1, "best_degree": 1])
        }
    }
}

/// An answer read as JSON.
struct HTTPAnswer: Sendable {
    let status: HTTPResponse.Status
    let json: JSONValue?

    var message: String {
        guard case .object(let body)? = json, case .object(let error)? = body["error"],
            case .string(let message)? = error["message"]
        else { return "" }
        return message
    }
}

extension TestClientProtocol {
    func get(_ uri: String, token: String?) async throws -> HTTPAnswer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers) { response in
            let data = Data(buffer: response.body)
            return HTTPAnswer(
                status: response.status,
                json: data.isEmpty ? nil : try JSONDecoder().decode(JSONValue.self, from: data))
        }
    }

}
