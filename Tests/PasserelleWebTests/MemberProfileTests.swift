import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("PUT /api/v1/members/me/profile and PATCH /api/v1/members/me/settings")
struct MemberProfileTests {
    static let cv: JSONValue = [
        "basics": [
            "name": "Farid Benali", "label": "Ingénieur Swift", "email": "farid@example.org", "phone": "+33 7",
            "location": ["city": "Lyon"],
        ],
        "work": [
            ["name": "Acme", "url": "https://acme.example", "position": "Ingénieur", "startDate": "2022-01"],
            ["name": "Initech", "position": "Stagiaire", "startDate": "2020", "endDate": "2021"],
        ],
        "education": [["institution": "INSA Lyon", "area": "Informatique", "endDate": "2020"]],
        "skills": [["name": "Swift", "keywords": ["Vapor"]]],
    ]

    @Test("A plain JSON Resume replaces the CV, keeps the settings, and makes a known company the current employer")
    func replace() async throws {
        try await withPeople { client, http, people in
            let settings = try await http.send(
                .patch, "/api/v1/members/me/settings", json: ["open_to_work": true, "profile_visibility": "network"],
                as: .friend)
            #expect(
                settings.body == ["open_to_work": true, "profile_visibility": "network", "hide_connections": false])

            let put = try await http.send(.put, "/api/v1/members/me/profile", json: Self.cv, as: .friend)
            #expect(put.status == .ok)
            #expect(put.body?["basics"]?["name"] == "Farid Benali")
            #expect(put.body?["meta"]?["id"] == "friend")
            #expect(put.body?["meta"]?["profileVisibility"] == "network")
            #expect(put.body?["meta"]?["openToWork"] == true)

            let member = try #require(try await MemberStore(client: client).get(id: people[.friend].id))
            #expect(member.name == "Farid Benali" && member.headline == "Ingénieur Swift")
            #expect(member.profileVisibility == .network && member.openToWork && member.country == .france)
            let profile = try #require(try await ProfileStore(client: client).get(memberID: member.id))
            #expect(profile.city == "Lyon" && profile.skills == ["Swift", "Vapor"])
            // Acme is known: a current employment. Initech is not: the API creates no company.
            let jobs = try await EmploymentStore(client: client).employments(ofMember: member.id)
            #expect(jobs.map(\.companyID) == [people.acme.id])
            #expect(
                try await EmploymentStore(client: client).educations(ofMember: member.id).map(\.institution) == [
                    "INSA Lyon"
                ])

            // Léa, a connection, sees the contact details; Acme's recruiter is not a connection (network profile).
            let seen = try await http.send(.get, People.Person.friend.profilePath, as: .subject)
            #expect(seen.body?["basics"]?["phone"] == "+33 7")
            #expect(seen.body?["meta"]?["openToWork"] == nil)
            #expect(
                try await http.send(.get, People.Person.friend.profilePath, as: .acmeRecruiter).status == .forbidden)
            _ = try await http.send(
                .patch, "/api/v1/members/me/settings", json: ["profile_visibility": "public"], as: .friend)
            // Now public: Acme employs Farid, so its recruiter never sees that he is open to work; Globex's does.
            let employer = try await http.send(.get, People.Person.friend.profilePath, as: .acmeRecruiter)
            #expect(employer.status == .ok && employer.body?["meta"]?["openToWork"] == nil)
            let other = try await http.send(.get, People.Person.friend.profilePath, as: .globexRecruiter)
            #expect(other.body?["meta"]?["openToWork"] == true)
        }
    }

    @Test("Settings in meta are applied when given; a CV in another country moves the member there")
    func metaAndCountry() async throws {
        try await withPeople { client, http, people in
            var cv = Self.cv.objectValue!
            cv["meta"] = ["country": "DE", "profileVisibility": "hidden", "hideConnections": true]
            let put = try await http.send(.put, "/api/v1/members/me/profile", json: .object(cv), as: .friend)
            #expect(put.status == .ok)
            let member = try #require(try await MemberStore(client: client).get(id: people[.friend].id))
            #expect(member.country == .germany && member.language == .de)
            #expect(member.profileVisibility == .hidden && member.hideConnections)
            #expect(try await ProfileStore(client: client).get(memberID: member.id)?.country == .germany)
            #expect(try await http.send(.get, People.Person.friend.profilePath, as: .subject).status == .notFound)
        }
    }
}
