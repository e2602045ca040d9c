import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("GET /api/v1/members/{id}/profile: the privacy matrix")
struct ProfilePrivacyTests {
    /// The viewers of Léa's profile: herself, a 1st-degree connection, a
    /// 2nd-degree member, a stranger, a recruiter of her employer, another
    /// company's recruiter, and nobody signed in.
    static let viewers: [People.Person] = [
        .subject, .friend, .friendOfFriend, .stranger, .acmeRecruiter, .globexRecruiter, .anonymous,
    ]

    /// What one viewer gets: the status, and whether contact details and "open to work" are in the CV.
    struct Seen: Equatable, CustomStringConvertible {
        let status: HTTPResponse.Status
        let contact: Bool
        let openToWork: Bool

        var description: String { "\(status.code) contact:\(contact) openToWork:\(openToWork)" }

        static func shown(contact: Bool = false, openToWork: Bool = false) -> Seen {
            Seen(status: .ok, contact: contact, openToWork: openToWork)
        }
        static func refused(_ status: HTTPResponse.Status) -> Seen {
            Seen(status: status, contact: false, openToWork: false)
        }
    }

    static let expected: [Member.ProfileVisibility: [People.Person: Seen]] = [
        .public: [
            .subject: .shown(contact: true, openToWork: true), .friend: .shown(contact: true),
            .friendOfFriend: .shown(), .stranger: .shown(), .acmeRecruiter: .shown(),
            .globexRecruiter: .shown(openToWork: true), .anonymous: .shown(),
        ],
        .network: [
            .subject: .shown(contact: true, openToWork: true), .friend: .shown(contact: true),
            .friendOfFriend: .refused(.forbidden), .stranger: .refused(.forbidden),
            .acmeRecruiter: .refused(.forbidden), .globexRecruiter: .refused(.forbidden),
            .anonymous: .refused(.unauthorized),
        ],
        .hidden: [
            .subject: .shown(contact: true, openToWork: true), .friend: .refused(.notFound),
            .friendOfFriend: .refused(.notFound), .stranger: .refused(.notFound), .acmeRecruiter: .refused(.notFound),
            .globexRecruiter: .refused(.notFound), .anonymous: .refused(.notFound),
        ],
    ]

    /// 3 visibilities × 7 viewers = 21 cases, each checking the status, the
    /// contact details and "open to work".
    @Test(
        "Who sees Léa's profile, her contact details and that she is open to work",
        arguments: Member.ProfileVisibility.allCases)
    func matrix(_ visibility: Member.ProfileVisibility) async throws {
        try await withPeople { _, http, _ in
            let set = try await http.send(
                .patch, "/api/v1/members/me/settings", json: ["profile_visibility": .string(visibility.rawValue)],
                as: .subject)
            #expect(set.status == .ok)
            #expect(set.body?["profile_visibility"] == .string(visibility.rawValue))
            for viewer in Self.viewers {
                let answer = try await http.send(.get, People.Person.subject.profilePath, as: viewer)
                let basics = answer.body?["basics"]
                let contact = ["email", "phone", "url", "profiles"].map { basics?[$0] != nil }
                let address = [basics?["location"]?["address"], basics?["location"]?["postalCode"]].map { $0 != nil }
                let exactPlace = answer.body?["meta"]?["location"] != nil
                let seen = Seen(
                    status: answer.status, contact: contact.allSatisfy { $0 },
                    openToWork: answer.body?["meta"]?["openToWork"] == true)
                #expect(seen == Self.expected[visibility]?[viewer], "\(viewer) on a \(visibility) profile")
                // Contact details come and go together.
                #expect(Set(contact + address + [exactPlace]).count == 1, "\(viewer): \(contact) \(address)")
                if answer.status == .ok {
                    #expect(basics?["name"] == "Name of subject")
                    #expect(basics?["location"]?["city"] == "Toulouse")
                    #expect(answer.body?["meta"]?["id"] == "subject")
                    #expect((answer.body?["meta"]?["profileVisibility"] != nil) == (viewer == .subject))
                } else {
                    #expect(answer.body?["basics"] == nil)
                    #expect(answer.errorMessage.contains("Toulouse") == false)
                }
                if answer.status == .notFound {
                    // The same answer as for a member that does not exist.
                    let nobody = try await http.send(.get, "/api/v1/members/nobody/profile", as: viewer)
                    #expect(nobody.status == .notFound && nobody.errorCode == answer.errorCode)
                }
            }
        }
    }

    @Test(
        "A recruiter of another company who is Léa's connection sees her contact details and that she is open to work")
    func connectedRecruiter() async throws {
        try await withPeople { client, http, people in
            _ = try await ConnectionStore(client: client).create(
                Connection(people[.subject].id, people[.globexRecruiter].id))
            let answer = try await http.send(.get, People.Person.subject.profilePath, as: .globexRecruiter)
            #expect(answer.body?["basics"]?["email"] == "subject@example.org")
            #expect(answer.body?["meta"]?["openToWork"] == true)
            // Not open to work any more: the recruiter sees false, not nothing.
            _ = try await http.send(.patch, "/api/v1/members/me/settings", json: ["open_to_work": false], as: .subject)
            let after = try await http.send(.get, People.Person.subject.profilePath, as: .globexRecruiter)
            #expect(after.body?["meta"]?["openToWork"] == false)
        }
    }

    @Test("/members/me/profile is the viewer's own CV, whole; 401 for anonymous; a member without a CV gets its basics")
    func own() async throws {
        try await withPeople { _, http, _ in
            let mine = try await http.send(.get, "/api/v1/members/me/profile", as: .subject)
            #expect(mine.status == .ok)
            #expect(mine.body?["basics"]?["phone"] == "+33 6 00 00")
            #expect(try await http.send(.get, "/api/v1/members/me/profile", as: .anonymous).status == .unauthorized)
            let bare = try await http.send(.get, "/api/v1/members/me/profile", as: .stranger)
            #expect(bare.status == .ok)
            #expect(bare.body?["basics"]?["name"] == "Name of stranger")
            #expect(bare.body?["meta"]?["id"] == "stranger")
        }
    }
}
