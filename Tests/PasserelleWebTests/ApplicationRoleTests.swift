import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("Applications: the role matrix")
struct ApplicationRoleTests {
    /// The roles: nobody, the candidate (Sam), another member (Farid), and the
    /// recruiters and admins of Acme and of Globex.
    static let roles: [People.Person] = [
        .anonymous, .stranger, .friend, .acmeRecruiter, .acmeAdmin, .globexRecruiter, .globexAdmin,
    ]

    /// Sam applied to a posting of Acme and one of Globex. For each role × each
    /// of the two applications: apply, list the posting's applicants, read the
    /// application, move it to screening, withdraw it. 7 roles × 2 postings × 5
    /// routes = 70 cases.
    @Test("Who may apply, list applicants, read, move and withdraw which application", arguments: roles)
    func matrix(_ role: People.Person) async throws {
        try await withPeople { client, http, people in
            for (company, staff) in [
                (people.acme, [People.Person.acmeRecruiter, .acmeAdmin]),
                (people.globex, [.globexRecruiter, .globexAdmin]),
            ] {
                let posting = try await people.posting(of: company, client: client)
                let application = try await ApplicationStore(client: client).apply(
                    Application(jobID: posting.id, memberID: people[.stranger].id))
                let isStaff = staff.contains(role)
                let isCandidate = role == .stranger
                let name = "\(role) on \(company.externalID)"

                // Apply: every signed-in account may; the candidate already did.
                let applied = try await http.send(.post, "/api/v1/jobs/\(posting.id)/applications", as: role)
                let applyExpected: HTTPResponse.Status =
                    role == .anonymous ? .unauthorized : isCandidate ? .conflict : .created
                #expect(applied.status == applyExpected, "apply: \(name)")

                // The posting's applicants: its company's staff only.
                let listed = try await http.send(.get, "/api/v1/jobs/\(posting.id)/applications", as: role)
                let listExpected: HTTPResponse.Status =
                    role == .anonymous ? .unauthorized : isStaff ? .ok : .forbidden
                #expect(listed.status == listExpected, "list: \(name)")
                if isStaff { #expect(listed.body?["results"]?[0]?["candidate"]?["id"] == "stranger") }

                // One application: its candidate and the company's staff; nobody else knows it exists.
                let path = "/api/v1/applications/\(application.id)"
                let readExpected: HTTPResponse.Status =
                    role == .anonymous ? .unauthorized : isStaff || isCandidate ? .ok : .notFound
                #expect(try await http.send(.get, path, as: role).status == readExpected, "read: \(name)")

                // Moving: the company's staff; the candidate may only withdraw.
                let moved = try await http.send(.post, path + "/stage", json: ["stage": "screening"], as: role)
                let moveExpected: HTTPResponse.Status =
                    role == .anonymous ? .unauthorized : isStaff ? .ok : isCandidate ? .forbidden : .notFound
                #expect(moved.status == moveExpected, "move: \(name)")
                let withdrawn = try await http.send(.post, path + "/stage", json: ["stage": "withdrawn"], as: role)
                let withdrawExpected: HTTPResponse.Status =
                    role == .anonymous ? .unauthorized : isCandidate ? .ok : isStaff ? .forbidden : .notFound
                #expect(withdrawn.status == withdrawExpected, "withdraw: \(name)")

                let stage = try await ApplicationStore(client: client).get(id: application.id)?.stage
                #expect(stage == (isCandidate ? .withdrawn : isStaff ? .screening : .applied), "stage: \(name)")
            }
        }
    }
}
