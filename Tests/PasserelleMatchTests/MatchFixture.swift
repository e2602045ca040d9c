import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleMatch
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb

/// A small world made by hand where the right order is obvious: CVs and offers
/// in PostgreSQL and in real Xapian shards, the graph loaded from PostgreSQL.
///
/// Acme (Toulouse) looks for a Swift developer (Swift, iOS, Kotlin; 3 years).
/// - alice: every skill, 5 years, Toulouse, knows Acme's employee erin: first.
/// - bob: Swift and iOS (no Kotlin), 4 years, Toulouse.
/// - chloe: a Swift developer by title whose CV lists none of the skills, 6 years: last.
/// - fabien: lives in Munich, would move to France, every skill, speaks French.
/// - dan (hidden CV) and gaspard (Munich, would not move) have every skill: never candidates.
/// - erin works at Acme, has every skill: never a candidate of Acme.
/// - hugo: a CV shown to its network only: not a candidate either.
/// - Accounts: `recruiter` (Acme), `other` (Globex), `alice`, `nocv` (a member without a CV).
struct MatchFixture {
    static let acme: Int64 = 501
    static let globex: Int64 = 502
    static let toulouse = GeoPoint(latitude: 43.6047, longitude: 1.4442)
    static let lyon = GeoPoint(latitude: 45.7640, longitude: 4.8357)
    static let munich = GeoPoint(latitude: 48.1351, longitude: 11.5820)

    let client: PostgresClient
    let index: SearchIndex
    let graph: NetworkGraph
    /// By first name.
    let members: [String: Member]
    /// Acme's Swift offer, Globex's harder one in Lyon, and others no match may return.
    let offer: JobPosting
    let harder: JobPosting

    func id(_ name: String) -> Int64 { members[name]!.id }

    static func with(_ body: (MatchFixture) async throws -> Void) async throws {
        try await TestPostgres.withDatabase { client, _ in
            for (id, name) in [(acme, "Acme"), (globex, "Globex")] {
                try await client.query(
                    """
                    INSERT INTO companies (id, external_id, name, normalized_name) OVERRIDING SYSTEM VALUE
                    VALUES (\(id), \(name.lowercased()), \(name), \(name.lowercased()))
                    """)
            }
            let all = ["Swift", "iOS", "Kotlin"]
            let people: [Person] = [
                Person("alice", skills: all, years: (2015, 2020), place: toulouse),
                Person("bob", skills: ["Swift", "iOS"], years: (2016, 2020), place: toulouse),
                Person("chloe", headline: "Développeur Swift", skills: ["Java"], years: (2014, 2020), place: toulouse),
                Person("fabien", skills: all, years: (2015, 2020), place: munich, country: .germany, moves: [.france]),
                Person("dan", skills: all, years: (2015, 2020), place: toulouse, visibility: .hidden),
                Person("gaspard", skills: all, years: (2015, 2020), place: munich, country: .germany),
                Person("erin", skills: all, years: (2015, 2020), place: toulouse, employer: acme),
                Person("hugo", skills: all, years: (2015, 2020), place: toulouse, visibility: .network),
                Person("recruiter", headline: "Recruteuse", skills: [], years: nil, place: toulouse, employer: acme),
                Person("other", headline: "Recruteur", skills: [], years: nil, place: lyon, employer: globex),
            ]
            var members: [String: Member] = [:]
            var documents: [ProfileDocument] = []
            for person in people {
                let (member, profile) = try await person.save(client)
                members[person.name] = member
                documents.append(
                    ProfileDocument(
                        profile: profile, member: member, currentCompanyIDs: person.employer.map { [$0] } ?? []))
                if let employer = person.employer {
                    try await client.query(
                        """
                        INSERT INTO employments (member_id, company_id, start_date)
                        VALUES (\(member.id), \(employer), DATE '2021-01-01')
                        """)
                }
            }
            members["nocv"] = try await MemberStore(client: client).create(
                Member(externalID: "nocv", name: "No CV", country: .france, language: .fr))
            // alice knows erin (Acme), strongly.
            let pair = [members["alice"]!.id, members["erin"]!.id].sorted()
            try await client.query(
                "INSERT INTO connections (member_a, member_b, since, strength) VALUES (\(pair[0]), \(pair[1]), now(), 0.9)"
            )

            let postings = JobPostingStore(client: client)
            let today = CalendarDate(utcDayOf: Date())
            func posting(
                _ company: Int64, _ reference: String, _ title: String, skills: [String], months: Int?,
                country: Country = .france, city: String, at place: GeoPoint, language: Language = .fr,
                status: JobPosting.Status = .open
            ) async throws -> JobPosting {
                try await postings.create(
                    JobPosting(
                        country: country, companyID: company, language: language, requisitionID: reference,
                        title: title, description: "<p>Nous cherchons quelqu'un qui connaît SwiftUI et Combine.</p>",
                        city: city, coordinates: place, skills: skills, experienceMonths: months, datePosted: today,
                        status: status))
            }
            let offer = try await posting(
                acme, "A-1", "Développeur Swift", skills: all, months: 36, city: "Toulouse", at: toulouse)
            let harder = try await posting(
                globex, "G-1", "Développeuse Swift senior", skills: ["Swift", "Rust", "Go"], months: 120, city: "Lyon",
                at: lyon)
            let elsewhere = try await posting(
                globex, "G-2", "Swift-Entwickler", skills: all, months: 12, country: .germany, city: "München",
                at: munich, language: .de)
            let unrelated = try await posting(
                globex, "G-3", "Comptable", skills: ["Swift"], months: 0, city: "Toulouse", at: toulouse)

            let root = try makeTemporaryDataDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let layout = IndexLayout(root: root)
            for country in [Country.france, .germany] {
                let jobs = try layout.openWriter(country, .jobs, thesaurus: .bundled)
                for posting in [offer, harder, elsewhere, unrelated] where posting.country == country {
                    try jobs.add(
                        PostingDocument(posting: posting, companyName: posting.companyID == acme ? "Acme" : "Globex"))
                }
                try jobs.commit(position: .start)
                let cvs = try layout.openWriter(country, .profiles, thesaurus: .bundled)
                for document in documents where document.profile.country == country && document.isSearchable {
                    try cvs.add(document)
                }
                try cvs.commit(position: .start)
            }
            let graph = NetworkGraph(client: client, logger: Logger(label: "test.match"))
            try await graph.load()
            for (token, name, role, company) in [
                ("recruiter", "recruiter", Account.Role.recruiter, Optional(acme)),
                ("other", "other", .recruiter, globex), ("alice", "alice", .member, nil),
                ("nocv", "nocv", .member, nil),
            ] {
                let account = try await AccountStore(client: client).create(
                    Account(
                        memberID: members[name]!.id, email: "\(token)@example.org", passwordHash: "unused", role: role,
                        companyID: company))
                _ = try await SessionStore(client: client).create(
                    Session(
                        accountID: account.id, kind: .bearer, tokenHash: SessionToken.hash(token),
                        expiresAt: Date().addingTimeInterval(3600)))
            }
            try await body(
                MatchFixture(
                    client: client, index: SearchIndex(layout: layout, threads: 1), graph: graph, members: members,
                    offer: offer, harder: harder))
        }
    }

    /// The application over the fixture, for HTTP tests.
    func withApp(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(
            WebConfiguration(), database: client, search: index, network: graph, logger: Logger(label: "test"))
        try await app.test(.router) { try await body($0) }
    }

    /// One member with a CV: French, worked from January of the first year to the
    /// end of the second (closed jobs: the experience does not grow with the clock).
    struct Person {
        let name: String
        let headline: String
        let skills: [String]
        let years: (Int, Int)?
        let place: GeoPoint
        let country: Country
        let moves: [Country]
        let visibility: Member.ProfileVisibility
        let employer: Int64?

        init(
            _ name: String, headline: String = "Développeuse Swift", skills: [String], years: (Int, Int)?,
            place: GeoPoint, country: Country = .france, moves: [Country] = [],
            visibility: Member.ProfileVisibility = .public, employer: Int64? = nil
        ) {
            self.name = name
            self.headline = headline
            self.skills = skills
            self.years = years
            self.place = place
            self.country = country
            self.moves = moves
            self.visibility = visibility
            self.employer = employer
        }

        func save(_ client: PostgresClient) async throws -> (Member, Profile) {
            let language: Language = country == .france ? .fr : .de
            let member = try await MemberStore(client: client).create(
                Member(
                    externalID: name, name: name.capitalized, country: country, language: language, headline: headline,
                    openToWork: true, profileVisibility: visibility))
            var work: [JSONValue] = []
            if let (first, last) = years {
                work.append([
                    "name": "Earlier Ltd", "position": .string(headline), "startDate": .string("\(first)-01"),
                    "endDate": .string("\(last)-12"),
                ])
            }
            let resume: JSONValue = [
                "basics": ["name": .string(name.capitalized), "label": .string(headline)], "work": .array(work),
                // Everyone speaks French: natives, and fabien and gaspard as a second language.
                "languages": [["language": "French"]],
            ]
            let profile = try await ProfileStore(client: client).create(
                Profile(
                    memberID: member.id, country: country, language: language, resume: resume, headline: headline,
                    summary: "Applications mobiles.", city: country == .france ? "Toulouse" : "München",
                    coordinates: place, skills: skills, relocateTo: moves))
            return (member, profile)
        }
    }
}

struct HTTPAnswer: Sendable {
    let status: HTTPResponse.Status
    let json: JSONValue?

    var message: String { json?["error"]?["message"]?.stringValue ?? "" }
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
