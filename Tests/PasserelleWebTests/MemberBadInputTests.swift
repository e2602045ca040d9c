import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// One bad request to a member route and the answer it must get.
struct BadMemberRequest: Sendable, CustomStringConvertible {
    let method: HTTPRequest.Method
    /// With `{job}`, `{application}`, `{invitation}` and `{request}` for the fixture's ids.
    let path: String
    let body: [UInt8]?
    let status: HTTPResponse.Status
    /// The start of the error message: the field and why.
    let message: String

    var description: String { "\(method) \(path) \(body.map { String(decoding: $0.prefix(60), as: UTF8.self) } ?? "")" }

    init(
        _ method: HTTPRequest.Method, _ path: String, _ body: String?, _ status: HTTPResponse.Status, _ message: String
    ) {
        self.method = method
        self.path = path
        self.body = body.map { Array($0.utf8) }
        self.status = status
        self.message = message
    }

    init(_ method: HTTPRequest.Method, _ path: String, bytes: [UInt8], _ message: String) {
        self.method = method
        self.path = path
        body = bytes
        status = .badRequest
        self.message = message
    }

    static let notUTF8: [UInt8] = Array("{\"message\": \"caf".utf8) + [0xC3] + Array("\"}".utf8)

    /// Every route that takes a body or parameters, with each kind of bad input.
    static let all: [BadMemberRequest] = {
        var cases: [BadMemberRequest] = []
        // Bodies that are no JSON object, on every route that reads one.
        for (method, path) in [
            (HTTPRequest.Method.put, "/api/v1/members/me/profile"), (.patch, "/api/v1/members/me/settings"),
            (.post, "/api/v1/connections"), (.post, "/api/v1/jobs/{job}/applications"),
            (.post, "/api/v1/applications/{application}/stage"), (.post, "/api/v1/referral-requests"),
            (.post, "/api/v1/referral-requests/{request}/accept"),
        ] {
            cases.append(.init(method, path, "{\"a\": ", .badRequest, "body: not valid JSON"))
            cases.append(.init(method, path, bytes: notUTF8, "body: not valid UTF-8"))
            cases.append(.init(method, path, "[1]", .badRequest, "body: must be a JSON object"))
        }
        let profile = "/api/v1/members/me/profile"
        let settings = "/api/v1/members/me/settings"
        cases += [
            .init(.put, profile, #"{"basics": {}}"#, .badRequest, "basics.name: is required"),
            .init(.put, profile, #"{"basics": 7}"#, .badRequest, "basics"),
            .init(
                .put, profile, #"{"basics": {"name": "Léa"}, "meta": {"country": "France"}}"#, .badRequest,
                "meta.country"),
            .init(
                .put, profile, #"{"basics": {"name": "Léa"}, "meta": {"profileVisibility": "secret"}}"#, .badRequest,
                "meta.profileVisibility: must be one of"),
            .init(.put, profile, #"{"basics": {"name": "Léa", "email": "nope"}}"#, .badRequest, "basics.email"),
            .init(.put, profile, #"{"basics": {"name": "Léa"}, "skills": "Swift"}"#, .badRequest, "skills: must be"),
            .init(
                .put, profile, #"{"basics": {"name": "Léa"}, "meta": {"id": "subject"}}"#, .forbidden,
                "meta.id: you may replace your own CV only"),
            .init(.patch, settings, "{}", .badRequest, "body: give one or more of"),
            .init(.patch, settings, #"{"visibility": "public"}"#, .badRequest, "visibility: is not a setting"),
            .init(.patch, settings, #"{"open_to_work": "yes"}"#, .badRequest, "open_to_work: must be true or false"),
            .init(
                .patch, settings, #"{"hide_connections": 1}"#, .badRequest, "hide_connections: must be true or false"),
            .init(
                .patch, settings, #"{"profile_visibility": "secret"}"#, .badRequest,
                "profile_visibility: must be one of public, network, hidden"),
            .init(.post, "/api/v1/connections", "{}", .badRequest, "member_id: is required"),
            .init(.post, "/api/v1/connections", #"{"member_id": 7}"#, .badRequest, "member_id: must be a string"),
            .init(
                .post, "/api/v1/connections", #"{"member_id": "friend", "message": 7}"#, .badRequest,
                "message: must be a string"),
            .init(
                .post, "/api/v1/connections", #"{"member_id": "nobody"}"#, .notFound, "member \"nobody\" does not exist"
            ),
            .init(
                .post, "/api/v1/connections",
                "{\"member_id\": \"stranger\", \"message\": \"\(String(repeating: "a", count: 5_001))\"}",
                .unprocessableContent, "message: at most 5000 characters"),
            .init(
                .post, "/api/v1/jobs/{job}/applications", #"{"referral_id": 7}"#, .badRequest,
                "referral_id: must be a string"),
            .init(
                .post, "/api/v1/jobs/{job}/applications", #"{"referral_id": "seven"}"#, .badRequest,
                "referral_id: must be an id"),
            .init(
                .post, "/api/v1/jobs/{job}/applications", #"{"referral_id": "999"}"#, .unprocessableContent,
                "referral_id: names no referral"),
            .init(
                .post, "/api/v1/jobs/{job}/applications", #"{"message": false}"#, .badRequest,
                "message: must be a string"),
            .init(.post, "/api/v1/applications/{application}/stage", "{}", .badRequest, "stage: is required"),
            .init(
                .post, "/api/v1/applications/{application}/stage", #"{"stage": 2}"#, .badRequest,
                "stage: must be a string"),
            .init(
                .post, "/api/v1/applications/{application}/stage", #"{"stage": "done"}"#, .badRequest,
                "stage: must be one of applied"),
            .init(
                .post, "/api/v1/referral-requests", #"{"referrer_id": "subject"}"#, .badRequest, "job_id: is required"),
            .init(.post, "/api/v1/referral-requests", #"{"job_id": "{job}"}"#, .badRequest, "referrer_id: is required"),
            .init(
                .post, "/api/v1/referral-requests", #"{"job_id": 1, "referrer_id": "subject"}"#, .badRequest,
                "job_id: must be a string"),
            .init(
                .post, "/api/v1/referral-requests", #"{"job_id": "-1", "referrer_id": "subject"}"#, .badRequest,
                "job_id: must be an id"),
            .init(
                .post, "/api/v1/referral-requests", #"{"job_id": "999", "referrer_id": "subject"}"#, .notFound,
                "job posting 999 does not exist"),
            .init(
                .post, "/api/v1/referral-requests", #"{"job_id": "{job}", "referrer_id": "nobody"}"#, .notFound,
                "member \"nobody\" does not exist"),
            .init(
                .post, "/api/v1/referral-requests/{request}/accept", #"{"note": 5}"#, .badRequest,
                "note: must be a string"),
            .init(.get, "/api/v1/jobs/{job}/applications?stage=done", nil, .badRequest, "stage: unknown value"),
            .init(.get, "/api/v1/members/me/referral-requests?box=inbox", nil, .badRequest, "box: unknown value"),
        ]
        // Pages on every list.
        for path in [
            "/api/v1/members/me/connections", "/api/v1/members/me/invitations", "/api/v1/members/me/applications",
            "/api/v1/members/me/referrals", "/api/v1/members/me/referral-requests", "/api/v1/jobs/{job}/applications",
        ] {
            for (query, message) in [
                ("page=0", "page: must be a whole number"), ("page=-1", "page: must be a whole number"),
                ("page=99999999999999999999", "page: must be a whole number"), ("per_page=101", "per_page: must be"),
                ("per_page=0", "per_page: must be"), ("per_page=ten", "per_page: must be"),
                ("page=1&page=2", "page: given more than once"),
            ] {
                cases.append(.init(.get, path + "?" + query, nil, .badRequest, message))
            }
        }
        // Unknown ids, and ids that are no number.
        for id in ["a%00b", "%C3%A9t%C3%A9", String(repeating: "x", count: 2_000)] {
            cases.append(.init(.get, "/api/v1/members/\(id)/profile", nil, .notFound, "member"))
            cases.append(.init(.post, "/api/v1/connections", "{\"member_id\": \"\(id)\"}", .notFound, "member"))
        }
        cases.append(.init(.post, "/api/v1/connections", #"{"member_id": "a\u0000b"}"#, .notFound, "member"))
        for id in ["999999", "abc", "-1", "99999999999999999999"] {
            cases += [
                .init(.post, "/api/v1/connections/\(id)/accept", nil, .notFound, "invitation"),
                .init(.post, "/api/v1/connections/\(id)/decline", nil, .notFound, "invitation"),
                .init(.post, "/api/v1/jobs/\(id)/applications", nil, .notFound, "job posting"),
                .init(.get, "/api/v1/jobs/\(id)/applications", nil, .notFound, "job posting"),
                .init(.get, "/api/v1/applications/\(id)", nil, .notFound, "application"),
                .init(.post, "/api/v1/applications/\(id)/stage", #"{"stage": "screening"}"#, .notFound, "application"),
                .init(.post, "/api/v1/referral-requests/\(id)/accept", nil, .notFound, "referral request"),
                .init(.post, "/api/v1/referral-requests/\(id)/decline", nil, .notFound, "referral request"),
                .init(.get, "/api/v1/members/\(id)/profile", nil, .notFound, "member"),
            ]
        }
        return cases
    }()
}

@Suite("Member routes: bad input")
struct MemberBadInputTests {
    /// Sent as the one who may use each route (Acme's recruiter for the stage and
    /// the applicants, Léa for a request Farid made her, Farid for the rest), so
    /// that only the input is wrong.
    static func sender(_ request: BadMemberRequest) -> People.Person {
        if request.path.contains("stage") || (request.method == .get && request.path.hasPrefix("/api/v1/jobs/")) {
            return .acmeRecruiter
        }
        return request.path.hasPrefix("/api/v1/referral-requests/") ? .subject : .friend
    }

    @Test("Every bad body, parameter and id on the member routes: 400 naming the field, 404, 422; never 500")
    func all() async throws {
        try await withPeople { client, http, people in
            let posting = try await people.posting(of: people.acme, client: client)
            let application = try await ApplicationStore(client: client).apply(
                Application(jobID: posting.id, memberID: people[.stranger].id))
            let invitation = try await ConnectionStore(client: client).invite(
                ConnectionInvitation(inviterID: people[.stranger].id, inviteeID: people[.friend].id))
            let request = try await ReferralStore(client: client).request(
                ReferralRequest(jobID: posting.id, candidateID: people[.friend].id, referrerID: people[.subject].id))
            let ids = [
                "{job}": String(posting.id), "{application}": String(application.id),
                "{invitation}": String(invitation.id), "{request}": String(request.id),
            ]
            func filled(_ text: String) -> String {
                ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            }
            for example in BadMemberRequest.all {
                let body = example.body.map { Array(filled(String(decoding: $0, as: UTF8.self)).utf8) }
                let raw = example.body == BadMemberRequest.notUTF8 ? example.body : body
                let answer = try await http.send(
                    example.method, filled(example.path), raw: raw, as: Self.sender(example))
                #expect(answer.status == example.status, "\(example): \(answer.errorMessage)")
                #expect(answer.errorMessage.hasPrefix(example.message), "\(example): \(answer.errorMessage)")
            }
            // Nothing bad got in.
            #expect(try await ApplicationStore(client: client).get(id: application.id)?.stage == .applied)
            #expect(try await ProfileStore(client: client).get(memberID: people[.friend].id) == nil)
            #expect(try await MemberStore(client: client).get(id: people[.friend].id)?.profileVisibility == .public)
            #expect(BadMemberRequest.all.count > 100)
        }
    }

    @Test("A CV over 1 MB is 413")
    func tooLarge() async throws {
        try await withPeople { _, http, _ in
            let summary = JSONValue.string(String(repeating: "Swift ", count: 200_000))
            let answer = try await http.send(
                .put, "/api/v1/members/me/profile", json: ["basics": ["name": "Léa", "summary": summary]], as: .friend)
            #expect(answer.status == .contentTooLarge)
        }
    }
}
