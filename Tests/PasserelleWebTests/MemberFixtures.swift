import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// The people of the member routes' tests, with bearer tokens saved straight in
/// the stores: Léa (the subject, employed at Acme, open to work, with a CV that
/// has contact details), her connection Farid, Farid's connection Greta (2nd
/// degree to Léa), a stranger, and the recruiters and admins of Acme (Léa's
/// employer) and of Globex.
struct People {
    enum Person: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case subject, friend, friendOfFriend, stranger, acmeRecruiter, acmeAdmin, globexRecruiter, globexAdmin
        case anonymous

        var testDescription: String { rawValue }
        /// The bearer token the fixture gives this person; nil for anonymous.
        var token: String? { self == .anonymous ? nil : "token-of-\(rawValue)" }
        /// The member's external id.
        var id: String { rawValue }
        /// The path of this member's profile.
        var profilePath: String { "/api/v1/members/\(id)/profile" }

        var role: Account.Role {
            switch self {
            case .acmeRecruiter, .globexRecruiter: .recruiter
            case .acmeAdmin, .globexAdmin: .admin
            default: .member
            }
        }
    }

    let acme: Company
    let globex: Company
    let members: [Person: Member]

    init(client: PostgresClient) async throws {
        let companies = CompanyStore(client: client)
        acme = try await companies.create(Company(externalID: "acme", name: "Acme", country: .france))
        globex = try await companies.create(Company(externalID: "globex", name: "Globex", country: .france))
        var members: [Person: Member] = [:]
        for person in Person.allCases where person != .anonymous {
            let member = try await MemberStore(client: client).create(
                Member(
                    externalID: person.id, name: "Name of \(person.rawValue)", email: "\(person.rawValue)@example.org",
                    country: .france, language: .fr, openToWork: person == .subject))
            let company: Int64? =
                switch person {
                case .acmeRecruiter, .acmeAdmin: acme.id
                case .globexRecruiter, .globexAdmin: globex.id
                default: nil
                }
            let account = try await AccountStore(client: client).create(
                Account(
                    memberID: member.id, email: "\(person.rawValue)@example.org", passwordHash: "unused",
                    role: person.role, companyID: company))
            _ = try await SessionStore(client: client).create(
                Session(
                    accountID: account.id, kind: .bearer, tokenHash: SessionToken.hash(person.token!),
                    expiresAt: Date().addingTimeInterval(3600)))
            members[person] = member
        }
        self.members = members
        let subject = members[.subject]!
        _ = try await ProfileStore(client: client).create(
            Profile(
                memberID: subject.id, country: .france, language: .fr, resume: Self.resume, headline: "Développeuse",
                city: "Toulouse", coordinates: GeoPoint(latitude: 43.6, longitude: 1.44), skills: ["Swift"]))
        _ = try await EmploymentStore(client: client).create(
            Employment(memberID: subject.id, companyID: acme.id, title: "Développeuse"))
        let connections = ConnectionStore(client: client)
        _ = try await connections.create(Connection(subject.id, members[.friend]!.id))
        _ = try await connections.create(Connection(members[.friend]!.id, members[.friendOfFriend]!.id))
    }

    subscript(person: Person) -> Member { members[person]! }

    /// Léa's CV, with every kind of contact detail.
    static let resume: JSONValue = [
        "basics": [
            "name": "Name of subject", "label": "Développeuse", "email": "subject@example.org", "phone": "+33 6 00 00",
            "url": "https://lea.example", "profiles": [["network": "Mastodon", "username": "lea"]],
            "location": ["city": "Toulouse", "address": "1 rue de la Paix", "postalCode": "31000"],
        ],
        "work": [["name": "Acme", "url": "https://acme.example", "position": "Développeuse", "startDate": "2021-03"]],
        "skills": [["name": "Swift"]],
        "meta": ["id": "subject", "country": "FR", "location": ["lat": 43.6, "lon": 1.44]],
    ]

    /// An open posting of `company`, saved through the store.
    func posting(
        of company: Company, _ requisitionID: String = "REQ-1", client: PostgresClient
    ) async throws
        -> JobPosting
    {
        try await JobPostingStore(client: client).create(
            JobPosting(
                country: .france, companyID: company.id, language: .fr, requisitionID: requisitionID,
                title: "Développeuse Swift", description: "<p>Swift</p>", city: "Toulouse", datePosted: day(0)))
    }
}

/// Runs `body` with the people saved, against an application on a fresh database.
func withPeople(
    _ body: @escaping @Sendable (PostgresClient, any TestClientProtocol, People) async throws -> Void
) async throws {
    try await withAccountsApp { client, http in
        let people = try await People(client: client)
        try await body(client, http, people)
    }
}

extension TestClientProtocol {
    /// Sends as `person` (anonymous: without a token).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, raw: [UInt8]? = nil,
        as person: People.Person
    ) async throws -> Answer {
        try await send(method, uri, json: json, raw: raw, token: person.token)
    }
}
