import PasserelleCore
import PasserelleWeb
import Testing

/// The rules alone, without HTTP: every role × every action the policy knows,
/// on Acme's resources (company 1) and another company's (2).
@Suite("Policy")
struct PolicyTests {
    static func viewer(_ role: Account.Role, company: Int64?) -> Viewer {
        Viewer(
            account: Account(
                id: 9, memberID: 9, email: "v@example.org", passwordHash: "h", role: role, companyID: company))
    }

    static let viewers: [(String, Viewer?)] = [
        ("anonymous", nil), ("member", viewer(.member, company: nil)),
        ("acme recruiter", viewer(.recruiter, company: 1)),
        ("acme admin", viewer(.admin, company: 1)), ("globex recruiter", viewer(.recruiter, company: 2)),
        ("globex admin", viewer(.admin, company: 2)),
    ]

    @Test("Who may read, post, change postings of Acme and search CVs")
    func matrix() {
        let forRecruiters = Policy.Decision.forbidden("posting a job is for recruiters and company admins")
        let expected: [String: [Policy.Decision]] = [
            // readPosting, createPosting, changePosting(Acme), searchProfiles
            "anonymous": [.allowed, .signInNeeded, .signInNeeded, .signInNeeded],
            "member": [
                .allowed, forRecruiters,
                .forbidden("changing or closing a job posting is for recruiters and company admins"),
                .forbidden("CV search is for recruiters and company admins"),
            ],
            "acme recruiter": [.allowed, .allowed, .allowed, .allowed],
            "acme admin": [.allowed, .allowed, .allowed, .allowed],
            "globex recruiter": [
                .allowed, .allowed, .forbidden("only the recruiters and admins of the posting's company may change it"),
                .allowed,
            ],
            "globex admin": [
                .allowed, .allowed, .forbidden("only the recruiters and admins of the posting's company may change it"),
                .allowed,
            ],
        ]
        let actions: [Policy.Action] = [.readPosting, .createPosting, .changePosting(companyID: 1), .searchProfiles]
        for (name, viewer) in Self.viewers {
            #expect(actions.map { Policy.decide($0, for: viewer) } == expected[name], "\(name)")
        }
    }
}
