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

/// What the OpenAPI tests send: the people of ``People``, the postings of
/// ``JobCorpus`` in the shards, and the network graph loaded, so that every
/// route can answer as it does in production.
struct OpenAPIWorld: Sendable {
    struct Probe: Sendable {
        let uri: String
        let person: People.Person
    }

    struct Exchange: Sendable {
        let method: HTTPRequest.Method
        let uri: String
        let expected: HTTPResponse.Status
        let answer: Answer
    }

    let client: PostgresClient
    let people: People
    /// A posting of Acme's, in the database.
    let posting: JobPosting

    /// Where each route that reads query parameters is sent them, and as whom.
    var probes: [OpenAPIContract.Operation: Probe] {
        let job = "/api/v1/jobs/\(posting.id)"
        let probes: [(String, String, People.Person)] = [
            ("/api/v1/jobs/search", "/api/v1/jobs/search", .anonymous),
            ("/api/v1/jobs/suggest", "/api/v1/jobs/suggest", .anonymous),
            ("/api/v1/profiles/search", "/api/v1/profiles/search", .acmeRecruiter),
            ("/api/v1/jobs/{id}/applications", "\(job)/applications", .acmeRecruiter),
            ("/api/v1/members/me/applications", "/api/v1/members/me/applications", .subject),
            ("/api/v1/members/me/connections", "/api/v1/members/me/connections", .subject),
            ("/api/v1/members/me/invitations", "/api/v1/members/me/invitations", .subject),
            ("/api/v1/members/me/referral-requests", "/api/v1/members/me/referral-requests", .subject),
            ("/api/v1/members/me/referrals", "/api/v1/members/me/referrals", .subject),
            ("/api/v1/network/distance", "/api/v1/network/distance", .subject),
            ("/api/v1/network/path", "/api/v1/network/path", .subject),
            ("/api/v1/companies/{id}/talent", "/api/v1/companies/\(people.acme.id)/talent", .acmeRecruiter),
            ("/api/v1/jobs/{id}/candidates", "\(job)/candidates", .acmeRecruiter),
            ("/api/v1/members/me/recommended-jobs", "/api/v1/members/me/recommended-jobs", .subject),
        ]
        return Dictionary(
            uniqueKeysWithValues: probes.map {
                (OpenAPIContract.Operation(method: "get", path: $0.0), Probe(uri: $0.1, person: $0.2))
            })
    }

    /// Every operation of the document at least once, in an order that makes each possible.
    func exchanges(_ http: any TestClientProtocol) async throws -> [Exchange] {
        var exchanges: [Exchange] = []
        @discardableResult
        func send(
            _ method: HTTPRequest.Method, _ uri: String, _ expected: HTTPResponse.Status, json: JSONValue? = nil,
            as person: People.Person = .anonymous, token: String? = nil
        ) async throws -> JSONValue {
            let answer =
                uri == "/metrics"
                ? try await http.execute(uri: uri, method: method) {
                    Answer(status: $0.status, headers: $0.headers, body: nil)
                } : try await http.send(method, uri, json: json, token: token ?? person.token)
            exchanges.append(Exchange(method: method, uri: uri, expected: expected, answer: answer))
            return answer.body ?? .null
        }
        try await send(.get, "/health", .ok)
        try await send(.get, "/openapi.json", .ok)
        try await send(.get, "/metrics", .ok)
        let account: JSONValue = [
            "email": "new@example.org", "password": "a long enough password", "name": "New", "country": "FR",
            "language": "fr",
        ]
        try await send(.post, "/api/v1/auth/register", .accepted, json: account)
        let signedIn = try await send(
            .post, "/api/v1/auth/login", .ok, json: ["email": "new@example.org", "password": "a long enough password"])
        try await send(.post, "/api/v1/auth/logout", .noContent, token: signedIn["token"]?.stringValue)

        let created = try await send(.post, "/api/v1/jobs", .created, json: Staff.body("REQ-9"), as: .acmeRecruiter)
        let job = "/api/v1/jobs/\(created["id"]?.stringValue ?? "")"
        try await send(.get, job, .ok)
        try await send(
            .put, job, .ok, json: Staff.body("REQ-9", title: "Développeuse Swift senior"), as: .acmeRecruiter)
        try await send(.get, "/api/v1/jobs/search?q=swift&near=43.6,1.44&facets=city,type,company", .ok, as: .subject)
        try await send(.get, "/api/v1/jobs/suggest?q=dév", .ok)
        try await send(.get, "/api/v1/profiles/search?q=swift&facets=skill", .ok, as: .acmeRecruiter)
        try await send(.get, "/api/v1/companies/\(people.acme.id)/talent", .ok, as: .acmeRecruiter)

        try await send(.get, "/api/v1/members/subject/profile", .ok, as: .friend)
        try await send(.get, "/api/v1/members/me/profile", .ok, as: .subject)
        try await send(.put, "/api/v1/members/me/profile", .ok, json: People.resume, as: .subject)
        try await send(.patch, "/api/v1/members/me/settings", .ok, json: ["open_to_work": true], as: .subject)
        try await send(.get, "/api/v1/jobs/\(posting.id)/candidates", .ok, as: .acmeRecruiter)
        try await send(.get, "/api/v1/members/me/recommended-jobs", .ok, as: .subject)
        try await send(.get, "/api/v1/network/distance?ids=friend,friendOfFriend,stranger,nobody", .ok, as: .subject)
        try await send(.get, "/api/v1/network/path?to=friendOfFriend", .ok, as: .subject)
        try await send(.get, "\(job)/referrers", .ok, as: .subject)

        let invitation = try await send(
            .post, "/api/v1/connections", .created, json: ["member_id": "subject"], as: .stranger)
        try await send(.get, "/api/v1/members/me/invitations", .ok, as: .subject)
        try await send(.post, "/api/v1/connections/\(invitation["id"]?.stringValue ?? "")/accept", .ok, as: .subject)
        let other = try await send(
            .post, "/api/v1/connections", .created, json: ["member_id": "subject"], as: .globexRecruiter)
        try await send(.post, "/api/v1/connections/\(other["id"]?.stringValue ?? "")/decline", .ok, as: .subject)
        try await send(.get, "/api/v1/members/me/connections", .ok, as: .subject)

        let jobID = JSONValue.string(String(posting.id))
        let asked = try await send(
            .post, "/api/v1/referral-requests", .created, json: ["job_id": jobID, "referrer_id": "friend"], as: .subject
        )
        try await send(.get, "/api/v1/members/me/referral-requests", .ok, as: .friend)
        let referral = try await send(
            .post, "/api/v1/referral-requests/\(asked["id"]?.stringValue ?? "")/accept", .created,
            json: ["note": "a fine colleague"], as: .friend)
        let declined = try await send(
            .post, "/api/v1/referral-requests", .created, json: ["job_id": jobID, "referrer_id": "stranger"],
            as: .subject)
        try await send(
            .post, "/api/v1/referral-requests/\(declined["id"]?.stringValue ?? "")/decline", .ok, as: .stranger)

        let applied = try await send(
            .post, "/api/v1/jobs/\(posting.id)/applications", .created,
            json: ["referral_id": referral["id"] ?? .null, "message": "Bonjour"], as: .subject)
        let application = "/api/v1/applications/\(applied["id"]?.stringValue ?? "")"
        try await send(.get, "/api/v1/jobs/\(posting.id)/applications", .ok, as: .acmeRecruiter)
        try await send(.get, application, .ok, as: .acmeRecruiter)
        try await send(.post, "\(application)/stage", .ok, json: ["stage": "screening"], as: .acmeRecruiter)
        try await send(.get, "/api/v1/members/me/applications", .ok, as: .subject)
        try await send(.get, "/api/v1/members/me/referrals", .ok, as: .friend)
        try await send(.get, "/api/v1/members/me/export", .ok, as: .subject)

        // Errors, in the API's one shape.
        try await send(.get, "/api/v1/jobs/999999", .notFound)
        try await send(.get, "/api/v1/jobs/search?page=0", .badRequest)
        try await send(.get, "/api/v1/members/me/export", .unauthorized)
        try await send(.post, "/api/v1/jobs", .forbidden, json: Staff.body("REQ-10"), as: .friend)
        try await send(.post, "/api/v1/connections", .conflict, json: ["member_id": "friend"], as: .subject)

        try await send(.delete, job, .noContent, as: .acmeRecruiter)
        try await send(.delete, "/api/v1/members/me", .noContent, as: .stranger)
        return exchanges
    }
}

/// Runs `body` against an application over a fresh database with ``People``,
/// ``JobCorpus``'s shards and the network graph loaded.
func withContractApp(
    _ body: @escaping @Sendable (any TestClientProtocol, OpenAPIWorld) async throws -> Void
) async throws {
    try await TestPostgres.withDatabase { client, _ in
        let people = try await People(client: client)
        let posting = try await people.posting(of: people.acme, client: client)
        let graph = NetworkGraph(client: client, logger: Logger(label: "test"))
        try await graph.load()
        let shards = try JobCorpus.shards()
        let app = buildApplication(
            WebConfiguration(auth: .testing()), database: client,
            search: SearchIndex(layout: shards.layout, threads: 1),
            network: graph, logger: Logger(label: "test"))
        let world = OpenAPIWorld(client: client, people: people, posting: posting)
        try await app.test(.router) { http in try await body(http, world) }
    }
}
