import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("GET /api/v1/profiles/search")
struct ProfileSearchTests {
    /// Runs `body` with the accounts saved and the CVs of Alice, Bob, Carol, Dan (hidden) and Eve indexed.
    func withCorpus(
        _ body: @escaping @Sendable (any TestClientProtocol, ProfileCorpus, TestShards) async throws -> Void
    ) async throws {
        try await TestPostgres.withDatabase { client, _ in
            let corpus = try await ProfileCorpus(client: client)
            let shards = try TestShards(
                profiles: [corpus.alice, corpus.bob, corpus.carol, corpus.dan, corpus.eve(.public)])
            try await shards.withApp(database: client) { http in try await body(http, corpus, shards) }
        }
    }

    @Test("401 without a token, with another scheme, an unknown, an expired or a cookie session's token")
    func unauthorized() async throws {
        try await withCorpus { http, _, _ in
            let path = "/api/v1/profiles/search?q=swift"
            for header: String? in [
                nil, "Basic cml0YTpzZWNyZXQ=", "Bearer", "Bearer not-a-token", "Bearer \(ProfileCorpus.expiredToken)",
                "Bearer \(ProfileCorpus.cookieToken)",
            ] {
                var headers: HTTPFields = [:]
                if let header { headers[.authorization] = header }
                try await http.execute(uri: path, method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized, "\(header ?? "no header")")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    let body = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
                    #expect(body.errorCode == "unauthorized")
                }
            }
            // A stale token is refused on public routes too: the client learns it must sign in again.
            let (status, _) = try await http.get("/api/v1/jobs/search", token: "not-a-token")
            #expect(status == .unauthorized)
        }
    }

    @Test("403 for a plain member; recruiters and company admins may search")
    func forbiddenToMembers() async throws {
        try await withCorpus { http, _, _ in
            let (status, body) = try await http.get("/api/v1/profiles/search", token: ProfileCorpus.memberToken)
            #expect(status == .forbidden)
            #expect(body.errorCode == "forbidden")
            #expect(try await http.get("/api/v1/profiles/search", token: ProfileCorpus.recruiterToken).status == .ok)
            #expect(try await http.get("/api/v1/profiles/search", token: ProfileCorpus.adminToken).status == .ok)
        }
    }

    @Test("A recruiter never sees whether its own company's employees are open to work")
    func openToWorkHiddenFromEmployer() async throws {
        try await withCorpus { http, corpus, _ in
            let (status, body) = try await http.get(
                "/api/v1/profiles/search?q=swift&per_page=100", token: ProfileCorpus.recruiterToken)
            #expect(status == .ok)
            #expect(Set(body.resultIDs) == ["2001", "2002", "2003", "2005"])
            let rows = Dictionary(
                uniqueKeysWithValues: (body["results"]?.arrayValue ?? []).map { ($0["id"]?.stringValue ?? "", $0) })
            // Alice and Carol work at Acme: the key is gone whatever its value.
            #expect(rows["2001"]?.objectValue?.keys.contains("open_to_work") == false)
            #expect(rows["2003"]?.objectValue?.keys.contains("open_to_work") == false)
            #expect(rows["2002"]?["open_to_work"] == true)
            let bob = rows["2002"]?.objectValue?.filter { $0.key != "snippet" }
            #expect(
                bob == [
                    "id": "2002", "name": "Bob Durand", "headline": "Développeur Swift mobile", "country": "FR",
                    "city": "Toulouse", "language": "fr", "skills": ["Swift"], "open_to_work": true,
                    "current_company_ids": .array([.string(String(corpus.globex.id))]), "visibility": "public",
                ])

            let (_, open) = try await http.get(
                "/api/v1/profiles/search?open_to_work=true&per_page=100", token: ProfileCorpus.recruiterToken)
            #expect(Set(open.resultIDs) == ["2002", "2005"])
            #expect(open["total"] == 2)
            let (_, openToGlobex) = try await http.get(
                "/api/v1/profiles/search?open_to_work=true&per_page=100", token: ProfileCorpus.adminToken)
            #expect(Set(openToGlobex.resultIDs) == ["2001", "2005"])
        }
    }

    @Test("The open_to_work facet counts the recruiter's own employees as not open, however narrow the query")
    func openToWorkFacet() async throws {
        try await withCorpus { http, _, _ in
            let token = ProfileCorpus.recruiterToken
            let (_, everyone) = try await http.get("/api/v1/profiles/search?facets=open_to_work", token: token)
            // Bob and Eve; Alice is open to work but works at Acme, like Carol, who is not.
            // Equal counts come in the order of their values.
            #expect(
                everyone["facets"] == [
                    "open_to_work": [["value": "false", "count": 2], ["value": "true", "count": 2]]
                ])
            // Alice alone: nothing tells Acme that she is looking.
            let (_, alice) = try await http.get(
                "/api/v1/profiles/search?skill=Kotlin&facets=open_to_work", token: token)
            #expect(alice.resultIDs == ["2001"])
            #expect(alice["facets"] == ["open_to_work": [["value": "false", "count": 1]]])
            // Globex's admin sees her as open.
            let (_, globex) = try await http.get(
                "/api/v1/profiles/search?skill=Kotlin&facets=open_to_work", token: ProfileCorpus.adminToken)
            #expect(globex["facets"] == ["open_to_work": [["value": "true", "count": 1]]])
        }
    }

    @Test("A hidden CV is never found, nor one hidden after it was indexed")
    func hiddenNeverFound() async throws {
        try await withCorpus { http, corpus, shards in
            let token = ProfileCorpus.recruiterToken
            #expect(try await http.get("/api/v1/profiles/search?q=zorglub", token: token).body["total"] == 0)
            #expect(try await http.get("/api/v1/profiles/search?q=quetzal", token: token).body.resultIDs == ["2005"])
            try shards.write(profiles: [corpus.eve(.hidden)])
            let (status, body) = try await http.get("/api/v1/profiles/search?q=quetzal", token: token)
            #expect(status == .ok)
            #expect(body["total"] == 0)
            #expect(body.resultIDs == [])
            let (_, everyone) = try await http.get("/api/v1/profiles/search?per_page=100", token: token)
            #expect(Set(everyone.resultIDs) == ["2001", "2002", "2003"])
        }
    }

    @Test("skill, city and facets narrow and count CV search")
    func filtersAndFacets() async throws {
        try await withCorpus { http, _, _ in
            let token = ProfileCorpus.recruiterToken
            #expect(try await http.get("/api/v1/profiles/search?skill=Kotlin", token: token).body.resultIDs == ["2001"])
            let (_, body) = try await http.get(
                "/api/v1/profiles/search?city=Toulouse&facets=skill,city", token: token)
            #expect(body["total"] == 4)
            #expect(
                body["facets"] == [
                    "skill": [["value": "Swift", "count": 4], ["value": "Kotlin", "count": 1]],
                    "city": [["value": "Toulouse", "count": 4]],
                ])
        }
    }

    @Test(
        "Bad CV search input is 400 naming the parameter",
        arguments: [
            ("open_to_work=maybe", "open_to_work: must be true or false"),
            ("facets=salary", "facets: unknown value \"salary\""),
            ("skill=%FF", "skill: not valid UTF-8"),
            ("per_page=500", "per_page: must be a whole number from 1 to 100"),
            ("near=43.6,1.44&radius_km=-1", "radius_km: must be"),
            ("country=france", "country: \"france\""),
        ])
    func badInput(query: String, message: String) async throws {
        try await withCorpus { http, _, _ in
            let (status, body) = try await http.get(
                "/api/v1/profiles/search?\(query)", token: ProfileCorpus.recruiterToken)
            #expect(status == .badRequest)
            #expect(body.errorCode == "invalid_parameter")
            #expect(body.errorMessage.hasPrefix(message), "\(body.errorMessage)")
        }
    }

    @Test("A query Xapian cannot parse is 400 invalid_query on CV search too")
    func invalidQuery() async throws {
        try await withCorpus { http, _, _ in
            let (status, body) = try await http.get(
                "/api/v1/profiles/search?q=swift+AND", token: ProfileCorpus.recruiterToken)
            #expect(status == .badRequest)
            #expect(body.errorCode == "invalid_query")
        }
    }
}
