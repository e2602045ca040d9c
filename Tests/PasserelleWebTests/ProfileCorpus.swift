import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleWeb

/// Two companies and three accounts in PostgreSQL (a recruiter of Acme, an admin
/// of Globex, a plain member), each with a bearer token, and CVs in the index
/// of people who work at those companies.
struct ProfileCorpus {
    let acme: Company
    let globex: Company
    static let recruiterToken = "recruiter-of-acme"
    static let adminToken = "admin-of-globex"
    static let memberToken = "plain-member"
    static let expiredToken = "expired-recruiter"
    static let cookieToken = "cookie-of-the-recruiter"

    /// Saves the companies, members, accounts and sessions.
    init(client: PostgresClient) async throws {
        let companies = CompanyStore(client: client)
        acme = try await companies.create(Company(externalID: "acme", name: "Acme", country: .france))
        globex = try await companies.create(Company(externalID: "globex", name: "Globex", country: .france))
        let recruiter = try await Self.account("rita", role: .recruiter, company: acme.id, client: client)
        let admin = try await Self.account("gus", role: .admin, company: globex.id, client: client)
        let member = try await Self.account("mo", role: .member, company: nil, client: client)
        let sessions = SessionStore(client: client)
        let now = Date()
        for (account, token, kind) in [
            (recruiter, Self.recruiterToken, Session.Kind.bearer), (admin, Self.adminToken, .bearer),
            (member, Self.memberToken, .bearer), (recruiter, Self.cookieToken, .cookie),
        ] {
            _ = try await sessions.create(
                Session(
                    accountID: account.id, kind: kind, tokenHash: SessionToken.hash(token),
                    expiresAt: now.addingTimeInterval(3600)))
        }
        _ = try await sessions.create(
            Session(
                accountID: recruiter.id, kind: .bearer, tokenHash: SessionToken.hash(Self.expiredToken),
                createdAt: now.addingTimeInterval(-7200), expiresAt: now.addingTimeInterval(-3600)))
    }

    private static func account(
        _ name: String, role: Account.Role, company: Int64?, client: PostgresClient
    ) async throws -> Account {
        let member = try await MemberStore(client: client).create(
            Member(externalID: name, name: name.capitalized, country: .france, language: .fr))
        return try await AccountStore(client: client).create(
            Account(
                memberID: member.id, email: "\(name)@example.org", passwordHash: "h", role: role, companyID: company))
    }

    // MARK: - CVs

    /// Open to work, employed by Acme.
    var alice: ProfileDocument { cv(2001, "Alice Martin", open: true, at: [acme.id], skills: ["Swift", "Kotlin"]) }
    /// Open to work, employed by Globex.
    var bob: ProfileDocument { cv(2002, "Bob Durand", open: true, at: [globex.id], skills: ["Swift"]) }
    /// Not open to work, employed by Acme.
    var carol: ProfileDocument { cv(2003, "Carol Petit", open: false, at: [acme.id], skills: ["Swift"]) }
    /// Hidden, open to work: never found.
    var dan: ProfileDocument {
        cv(2004, "Dan Zorglub", open: true, at: [], skills: ["Swift"], visibility: .hidden, word: "zorglub")
    }
    /// Public at first, hidden later.
    func eve(_ visibility: Member.ProfileVisibility) -> ProfileDocument {
        cv(2005, "Eve Quetzal", open: true, at: [], skills: ["Swift"], visibility: visibility, word: "quetzal")
    }

    private func cv(
        _ id: Int64, _ name: String, open: Bool, at companies: [Int64], skills: [String],
        visibility: Member.ProfileVisibility = .public, word: String = "mobile"
    ) -> ProfileDocument {
        let headline = "Développeur Swift \(word)"
        return ProfileDocument(
            profile: Profile(
                memberID: id, country: .france, language: .fr, resume: ["basics": ["name": .string(name)]],
                headline: headline, summary: "Applications \(word) en Swift.", city: "Toulouse", skills: skills),
            member: Member(
                id: id, externalID: "m\(id)", name: name, country: .france, language: .fr, headline: headline,
                openToWork: open, profileVisibility: visibility),
            currentCompanyIDs: companies)
    }
}
