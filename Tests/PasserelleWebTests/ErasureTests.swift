import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("GET /api/v1/members/me/export and DELETE /api/v1/members/me")
struct ErasureTests {
    /// Léa asks Farid for a referral to Acme's posting and applies with it.
    static func apply(client: PostgresClient, http: any TestClientProtocol, people: People) async throws -> JobPosting {
        let posting = try await people.posting(of: people.acme, client: client)
        let asked = try await http.send(
            .post, "/api/v1/referral-requests",
            json: ["job_id": .string(String(posting.id)), "referrer_id": "friend"], as: .subject)
        let requestID = try #require(asked.body?["id"]?.stringValue)
        let referral = try await http.send(.post, "/api/v1/referral-requests/\(requestID)/accept", as: .friend)
        let applied = try await http.send(
            .post, "/api/v1/jobs/\(posting.id)/applications",
            json: ["referral_id": try #require(referral.body?["id"]), "message": "Bonjour"], as: .subject)
        #expect(applied.status == .created)
        return posting
    }

    @Test("The export holds the account without its password hash, the CV, the network, applications and referrals")
    func export() async throws {
        try await withPeople { client, http, people in
            let posting = try await Self.apply(client: client, http: http, people: people)
            let answer = try await http.send(.get, "/api/v1/members/me/export", as: .subject)
            #expect(answer.status == .ok)
            let body = try #require(answer.body)
            #expect(body["account"]?["email"] == "subject@example.org")
            #expect(body["account"]?["role"] == "member")
            #expect(body["account"]?["password_hash"] == nil)
            #expect(body["account"]?.objectValue?.keys.contains("password_hash") == false)
            #expect(body["member"]?["id"] == "subject")
            #expect(body["member"]?["open_to_work"] == true)
            #expect(body["resume"]?["basics"]?["phone"] == "+33 6 00 00")
            #expect(body["resume"]?["meta"]?["openToWork"] == true)
            #expect(body["employments"]?[0]?["company"] == "acme")
            #expect(body["connections"]?.arrayValue?.compactMap { $0["member"]?["id"]?.stringValue } == ["friend"])
            #expect(body["applications"]?[0]?["job"]?["id"] == .string(String(posting.id)))
            #expect(body["applications"]?[0]?["history"]?[0]?["stage"] == "applied")
            #expect(body["referral_requests"]?["sent"]?[0]?["referrer"]?["id"] == "friend")
            #expect(body["referrals"]?["received"]?[0]?["application"]?["stage"] == "applied")
            #expect(body["referrals"]?["given"] == [])
            #expect(try await http.send(.get, "/api/v1/members/me/export", as: .anonymous).status == .unauthorized)
        }
    }

    @Test(
        "After erasure no search, profile, export, invitation or referral request finds the member; others' records say deleted member"
    )
    func erasure() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let people = try await People(client: client)
            let shards = try TestShards()
            let writer = IndexWriter(
                client: client, layout: shards.layout, countries: [.france], logger: Logger(label: "test.index"),
                pollInterval: .milliseconds(50))
            let running = Task { try await writer.run() }
            try await shards.withApp(database: client, configuration: WebConfiguration(auth: .testing())) { http in
                let posting = try await Self.apply(client: client, http: http, people: people)
                #expect(try await writer.waitUntilCaughtUp())
                let search = "/api/v1/profiles/search?q=swift"
                let found = try await http.get(search, token: People.Person.globexRecruiter.token)
                // CV search rows carry the member's internal id today, not the API's (PasserelleSearch's ProfileRow).
                #expect(found.body.resultIDs == [String(people[.subject].id)], "\(found.body)")

                #expect(try await http.send(.delete, "/api/v1/members/me", as: .subject).status == .noContent)
                #expect(try await writer.waitUntilCaughtUp())

                // Search, profile, export: nothing.
                #expect(try await http.get(search, token: People.Person.globexRecruiter.token).body.resultIDs == [])
                for viewer in [People.Person.friend, .acmeRecruiter, .anonymous] {
                    #expect(
                        try await http.send(.get, People.Person.subject.profilePath, as: viewer).status == .notFound)
                }
                // Its token went with its account.
                #expect(try await http.send(.get, "/api/v1/members/me/export", as: .subject).status == .unauthorized)
                #expect(try await MemberStore(client: client).get(externalID: "subject") == nil)
                #expect(try await ProfileStore(client: client).get(memberID: people[.subject].id) == nil)
                // Nobody can invite it or ask it for a referral.
                #expect(
                    try await http.send(.post, "/api/v1/connections", json: ["member_id": "subject"], as: .friend)
                        .status == .notFound)
                let ask = try await http.send(
                    .post, "/api/v1/referral-requests",
                    json: ["job_id": .string(String(posting.id)), "referrer_id": "subject"], as: .friend)
                #expect(ask.status == .notFound)
                // Its connection lost it; the recruiter's and the referrer's records stay, anonymised.
                let left = try await http.send(.get, "/api/v1/members/me/connections", as: .friend)
                #expect(
                    left.body?["results"]?.arrayValue?.compactMap { $0["member"]?["id"]?.stringValue } == [
                        "friendOfFriend"
                    ])
                let applicants = try await http.send(
                    .get, "/api/v1/jobs/\(posting.id)/applications", as: .acmeRecruiter)
                #expect(applicants.body?["total"] == 1)
                let applicant = applicants.body?["results"]?[0]
                #expect(applicant?["candidate"] == ["id": nil, "name": "deleted member"])
                #expect(applicant?["message"] == .null || applicant?["message"] == nil)
                #expect(applicant?["stage"] == "applied")
                #expect(applicant?["referral"]?["referrer"]?["id"] == "friend")
                let given = try await http.send(.get, "/api/v1/members/me/referrals", as: .friend)
                #expect(given.body?["given"]?["results"]?[0]?["candidate"]?["name"] == "deleted member")
                #expect(given.body?["given"]?["results"]?[0]?["application"]?["stage"] == "applied")
                // The recruiter may still move the anonymised application along.
                let id = try #require(applicant?["id"]?.stringValue)
                let moved = try await http.send(
                    .post, "/api/v1/applications/\(id)/stage", json: ["stage": "rejected"], as: .acmeRecruiter)
                #expect(moved.status == .ok)
            }
            running.cancel()
            _ = await running.result
        }
    }
}
