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

@Suite("POST, GET, PUT, DELETE /api/v1/jobs")
struct JobsTests {
    /// Each role × create, and × read, update and close of Acme's posting (its
    /// own for Acme's recruiter and admin) and of Globex's (another company's
    /// for everyone): 7 cases a role, 42 in all.
    @Test("The role matrix: who may create, read, update and close which posting", arguments: Staff.Role.allCases)
    func roleMatrix(_ role: Staff.Role) async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let token = role.token
            let mayPost = ![.anonymous, .member].contains(role)
            let refused: HTTPResponse.Status = role == .anonymous ? .unauthorized : .forbidden

            let created = try await http.send(.post, "/api/v1/jobs", json: Staff.body(), token: token)
            #expect(created.status == (mayPost ? .created : refused), "create")

            for company in [staff.acme, staff.globex] {
                let mayChange =
                    company.id == staff.acme.id ? role.actsForAcme : [.globexRecruiter, .globexAdmin].contains(role)
                let refusedChange: HTTPResponse.Status = role == .anonymous ? .unauthorized : .forbidden
                let posting = try await staff.posting(of: company, "REQ-\(company.externalID)", client: client)
                let path = "/api/v1/jobs/\(posting.id)"

                let read = try await http.send(.get, path, token: token)
                #expect(read.status == .ok, "read \(company.externalID)")
                #expect(read.body?["hiringOrganization"]?["identifier"] == .string(company.externalID))

                let body = Staff.body("REQ-\(company.externalID)", title: "Développeuse Swift senior")
                let update = try await http.send(.put, path, json: Self.naming(company, in: body), token: token)
                #expect(update.status == (mayChange ? .ok : refusedChange), "update \(company.externalID)")
                let title = try await JobPostingStore(client: client).get(id: posting.id)?.title
                #expect(title == (mayChange ? "Développeuse Swift senior" : "Développeuse Swift"))

                let close = try await http.send(.delete, path, token: token)
                #expect(close.status == (mayChange ? .noContent : refusedChange), "close \(company.externalID)")
                let status = try await JobPostingStore(client: client).get(id: posting.id)?.status
                #expect(status == (mayChange ? .closed : .open))
            }
        }
    }

    /// `body` with the company's `hiringOrganization`, as a client that read the posting sends it back.
    static func naming(_ company: Company, in body: JSONValue) -> JSONValue {
        var object = body.objectValue!
        object["hiringOrganization"] = [
            "@type": "Organization", "identifier": .string(company.externalID), "name": "X",
        ]
        return .object(object)
    }

    @Test("A created posting reads back as JSON-LD with its id and status; its company is the recruiter's")
    func createAndRead() async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let created = try await http.send(
                .post, "/api/v1/jobs", json: Staff.body(), token: Staff.Role.acmeRecruiter.token)
            #expect(created.status == .created)
            let id = try #require(created.body?["id"]?.stringValue)
            #expect(created.headers[.location] == "/api/v1/jobs/\(id)")
            let read = try await http.send(.get, "/api/v1/jobs/\(id)")
            #expect(read.body == created.body)
            let body = try #require(read.body)
            #expect(body["@type"] == "JobPosting")
            #expect(body["status"] == "open")
            #expect(body["title"] == "Développeuse Swift")
            #expect(body["identifier"]?["value"] == "REQ-1")
            #expect(body["hiringOrganization"]?["name"] == .string(staff.acme.name))
            #expect(body["jobLocation"]?["address"]?["addressCountry"] == "FR")
            #expect(body["employmentType"] == ["FULL_TIME"])
            let stored = try #require(try await JobPostingStore(client: client).get(id: Int64(id)!))
            #expect(stored.companyID == staff.acme.id && stored.city == "Toulouse" && stored.language == .fr)
        }
    }

    @Test("Posting for another company is 403; the same requisition id twice is 409")
    func companyAndDuplicates() async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let token = Staff.Role.acmeAdmin.token
            let foreign = try await http.send(
                .post, "/api/v1/jobs", json: Self.naming(staff.globex, in: Staff.body()), token: token)
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorMessage.hasPrefix("hiringOrganization.identifier: you post for acme only"))
            #expect(try await http.send(.post, "/api/v1/jobs", json: Staff.body(), token: token).status == .created)
            let twice = try await http.send(.post, "/api/v1/jobs", json: Staff.body(), token: token)
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "conflict")
        }
    }

    @Test("A closed posting still reads, as closed; closing again is 204; updating keeps it closed")
    func closeSemantics() async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let token = Staff.Role.acmeRecruiter.token
            let posting = try await staff.posting(of: staff.acme, "REQ-1", client: client)
            let path = "/api/v1/jobs/\(posting.id)"
            #expect(try await http.send(.delete, path, token: token).status == .noContent)
            #expect(try await http.send(.delete, path, token: token).status == .noContent)
            #expect(try await http.send(.get, path).body?["status"] == "closed")
            let update = try await http.send(.put, path, json: Staff.body("REQ-1", title: "Autre titre"), token: token)
            #expect(update.status == .ok)
            #expect(update.body?["status"] == "closed")
            #expect(update.body?["title"] == "Autre titre")
        }
    }

    @Test("Unknown ids are 404 on every route, also for ids that are no number")
    func unknownIDs() async throws {
        try await withAccountsApp { client, http in
            _ = try await Staff(client: client)
            let token = Staff.Role.acmeRecruiter.token
            for path in [
                "/api/v1/jobs/999", "/api/v1/jobs/abc", "/api/v1/jobs/-1", "/api/v1/jobs/99999999999999999999",
            ] {
                #expect(try await http.send(.get, path).status == .notFound, "GET \(path)")
                #expect(try await http.send(.put, path, json: Staff.body(), token: token).status == .notFound)
                let close = try await http.send(.delete, path, token: token)
                #expect(close.status == .notFound)
                #expect(close.errorCode == "not_found")
            }
        }
    }

    @Test("Bad posting bodies are 400 naming the field, on create and on update", arguments: BadPostingBody.all)
    func badBodies(_ example: BadPostingBody) async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let token = Staff.Role.acmeRecruiter.token
            let posting = try await staff.posting(of: staff.acme, "REQ-1", client: client)
            for (method, path) in [(HTTPRequest.Method.post, "/api/v1/jobs"), (.put, "/api/v1/jobs/\(posting.id)")] {
                let answer = try await http.send(method, path, raw: example.bytes, token: token)
                #expect(answer.status == .badRequest, "\(method)")
                #expect(answer.errorCode == "invalid_body")
                #expect(answer.errorMessage.hasPrefix(example.message), "\(method): \(answer.errorMessage)")
            }
            #expect(try await JobPostingStore(client: client).list().total == 1)
        }
    }

    @Test("A posting body over 1 MB is 413")
    func tooLarge() async throws {
        try await withAccountsApp { client, http in
            _ = try await Staff(client: client)
            var body = Staff.body().objectValue!
            body["description"] = .string(String(repeating: "<p>Swift</p>", count: 100_000))
            let answer = try await http.send(
                .post, "/api/v1/jobs", json: .object(body), token: Staff.Role.acmeAdmin.token)
            #expect(answer.status == .contentTooLarge)
        }
    }

    @Test("A posting created through the API is found by search, and no longer once closed")
    func closedLeavesSearch() async throws {
        try await TestPostgres.withDatabase { client, _ in
            _ = try await Staff(client: client)
            let shards = try TestShards()
            let writer = IndexWriter(
                client: client, layout: shards.layout, countries: [.france], logger: Logger(label: "test.index"),
                pollInterval: .milliseconds(50))
            let running = Task { try await writer.run() }
            try await shards.withApp(database: client, configuration: WebConfiguration(auth: .testing())) { http in
                let token = Staff.Role.acmeRecruiter.token
                let created = try await http.send(
                    .post, "/api/v1/jobs", json: Staff.body(title: "Chaudronnière quetzal"), token: token)
                let id = try #require(created.body?["id"]?.stringValue)
                #expect(try await writer.waitUntilCaughtUp())
                #expect(try await http.get("/api/v1/jobs/search?q=quetzal").body.resultIDs == [id])
                #expect(try await http.send(.delete, "/api/v1/jobs/\(id)", token: token).status == .noContent)
                #expect(try await writer.waitUntilCaughtUp())
                #expect(try await http.get("/api/v1/jobs/search?q=quetzal").body.resultIDs == [])
            }
            running.cancel()
            _ = await running.result
        }
    }
}

struct BadPostingBody: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let message: String

    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], _ message: String) {
        self.name = name
        self.bytes = bytes
        self.message = message
    }

    init(_ name: String, changing key: String, to value: JSONValue?, _ message: String) {
        var object = Staff.body().objectValue!
        object[key] = value
        self.init(name, Array(try! JSONEncoder().encode(JSONValue.object(object))), message)
    }

    static let all: [BadPostingBody] = [
        .init("not JSON", Array("{\"title\": ".utf8), "body: not valid JSON"),
        .init("not an object", Array("[1]".utf8), "body: must be a JSON object"),
        .init("not UTF-8", Array("{\"title\": \"caf".utf8) + [0xC3] + Array("\"}".utf8), "body: not valid UTF-8"),
        .init("title missing", changing: "title", to: nil, "title: is required"),
        .init("title a number", changing: "title", to: 42, "title: must be a string"),
        .init(
            "unknown employment type", changing: "employmentType", to: ["SOMETIMES"],
            "employmentType[0]: must be one of"),
        .init(
            "unknown country", changing: "jobLocation", to: ["address": ["addressCountry": "France"]],
            "jobLocation.address.addressCountry"),
        .init("bad datePosted", changing: "datePosted", to: "yesterday", "datePosted"),
        .init("company not an object", changing: "hiringOrganization", to: 7, "hiringOrganization"),
    ]
}
