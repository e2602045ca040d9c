import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// `GET /api/v1/members/me/export`: everything Passerelle keeps about a member,
/// in one JSON document: its account (without the password hash), its member
/// record and settings, its CV as JSON Resume, its employments and schools, its
/// connections and invitations, its applications with their stages, and the
/// referral requests and referrals it made or received.
struct MemberExport: ResponseEncodable, Sendable {
    struct AccountLine: Encodable, Sendable {
        let email: String
        let role: String
        let company: String?
        let createdAt: String
        let lastLoginAt: String?

        enum CodingKeys: String, CodingKey {
            case email, role, company
            case createdAt = "created_at"
            case lastLoginAt = "last_login_at"
        }
    }

    struct MemberLine: Encodable, Sendable {
        let id: String
        let name: String
        let email: String?
        let country: String
        let language: String
        let headline: String?
        let openToWork: Bool
        let profileVisibility: String
        let hideConnections: Bool
        let createdAt: String
        let updatedAt: String

        enum CodingKeys: String, CodingKey {
            case id, name, email, country, language, headline
            case openToWork = "open_to_work"
            case profileVisibility = "profile_visibility"
            case hideConnections = "hide_connections"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    struct CareerLine: Encodable, Sendable {
        let company: String?
        let institution: String?
        let title: String?
        let startDate: String?
        let endDate: String?

        enum CodingKeys: String, CodingKey {
            case company, institution, title
            case startDate = "start_date"
            case endDate = "end_date"
        }
    }

    let exportedAt: String
    let account: AccountLine?
    let member: MemberLine
    let resume: JSONValue
    let employments: [CareerLine]
    let educations: [CareerLine]
    let connections: [ConnectionView]
    let invitations: [InvitationView]
    let applications: [ApplicationView]
    /// `sent` and `received`.
    let referralRequests: [String: [ReferralRequestView]]
    /// `given` and `received`.
    let referrals: [String: [ReferralView]]

    enum CodingKeys: String, CodingKey {
        case account, member, resume, employments, educations, connections, invitations, applications, referrals
        case exportedAt = "exported_at"
        case referralRequests = "referral_requests"
    }

    /// Everything about `member`, read from `database`.
    static func of(_ member: Member, database: PostgresClient) async throws -> MemberExport {
        let id = member.id
        let account = try await AccountStore(client: database).get(memberID: id)
        let companies = CompanyStore(client: database)
        let company: Company? =
            if let companyID = account?.companyID { try await companies.get(id: companyID) } else { nil }
        let profile = try await ProfileStore(client: database).get(memberID: id)
        let career = EmploymentStore(client: database)
        var employments: [CareerLine] = []
        for employment in try await career.employments(ofMember: id) {
            employments.append(
                CareerLine(
                    company: try await companies.get(id: employment.companyID)?.externalID, institution: nil,
                    title: employment.title, startDate: employment.startDate?.description,
                    endDate: employment.endDate?.description))
        }
        let educations = try await career.educations(ofMember: id).map {
            CareerLine(
                company: nil, institution: $0.institution, title: $0.area, startDate: $0.startDate?.description,
                endDate: $0.endDate?.description)
        }
        let network = ConnectionStore(client: database)
        let connections = try await allPages { try await network.connections(ofMember: id, page: $0) }
        let invitations = try await allPages { try await network.invitations(involving: id, page: $0) }
        let applicationStore = ApplicationStore(client: database)
        var applications: [ApplicationView] = []
        for application in try await allPages({ try await applicationStore.list(memberID: id, page: $0) }) {
            let history = try await applicationStore.history(applicationID: application.id)
            applications += try await ApplicationView.views([application], database: database, history: history)
        }
        let referralStore = ReferralStore(client: database)
        let others = connections.map { $0.other(than: id) }
        let references = try await References.load(
            memberIDs: others + invitations.flatMap { [$0.inviterID, $0.inviteeID] }, database: database)
        return MemberExport(
            exportedAt: Timestamp.rfc3339(Date()),
            account: account.map {
                AccountLine(
                    email: $0.email, role: $0.role.rawValue, company: company?.externalID,
                    createdAt: Timestamp.rfc3339($0.createdAt), lastLoginAt: $0.lastLoginAt.map(Timestamp.rfc3339))
            },
            member: MemberLine(
                id: member.externalID, name: member.name, email: member.email, country: member.country.code,
                language: member.language.code, headline: member.headline, openToWork: member.openToWork,
                profileVisibility: member.profileVisibility.rawValue, hideConnections: member.hideConnections,
                createdAt: Timestamp.rfc3339(member.createdAt), updatedAt: Timestamp.rfc3339(member.updatedAt)),
            resume: .object(ShownResume.document(member: member, profile: profile)),
            employments: employments, educations: educations,
            connections: zip(connections, others).map {
                ConnectionView(member: references.member($1), since: Timestamp.rfc3339($0.since))
            },
            invitations: invitations.map { InvitationView($0, references: references) },
            applications: applications,
            referralRequests: [
                "sent": try await ReferralRequestView.views(
                    try await allPages { try await referralStore.requests(fromCandidate: id, page: $0) },
                    database: database),
                "received": try await ReferralRequestView.views(
                    try await allPages { try await referralStore.requests(toReferrer: id, page: $0) },
                    database: database),
            ],
            referrals: [
                "given": try await ReferralView.views(
                    try await allPages { try await referralStore.referrals(givenBy: id, page: $0) }, database: database),
                "received": try await ReferralView.views(
                    try await allPages { try await referralStore.referrals(receivedBy: id, page: $0) },
                    database: database),
            ])
    }

    /// Every item of a paged list, read a page of 100 at a time.
    static func allPages<T: Sendable>(_ fetch: (Page) async throws -> Paged<T>) async throws -> [T] {
        var items: [T] = []
        var page = try Page(page: 1, perPage: Page.maximumPerPage)
        while true {
            let paged = try await fetch(page)
            items += paged.items
            guard paged.hasNextPage else { return items }
            page = try Page(page: page.page + 1, perPage: page.perPage)
        }
    }
}
