import PasserelleCore
import PasserelleWeb
import Testing

/// The members' rules alone, without HTTP: Léa (member 1, employed by Acme,
/// company 1) and the viewers of the privacy matrix.
@Suite("Policy: profiles, applications and referrals")
struct PolicyMemberTests {
    static func viewer(_ member: Int64, _ role: Account.Role = .member, company: Int64? = nil) -> Viewer {
        Viewer(
            account: Account(
                id: member, memberID: member, email: "v@example.org", passwordHash: "h", role: role, companyID: company)
        )
    }

    static let lea: Int64 = 1
    static let viewers: [(String, Viewer?, connected: Bool)] = [
        ("self", viewer(lea), false), ("1st degree", viewer(2), true), ("2nd degree", viewer(3), false),
        ("stranger", viewer(4), false), ("employer's recruiter", viewer(5, .recruiter, company: 1), false),
        ("other recruiter", viewer(6, .recruiter, company: 2), false), ("anonymous", nil, false),
    ]

    static func facts(_ visibility: Member.ProfileVisibility, connected: Bool) -> Policy.MemberFacts {
        Policy.MemberFacts(
            memberID: lea, visibility: visibility, isConnectedToViewer: connected, currentEmployerIDs: [1])
    }

    @Test("Who sees a public, network or hidden profile, and which of its fields (7 viewers × 3 visibilities)")
    func profiles() {
        let network = Policy.Decision.forbidden("only this member's connections see its profile")
        let decisions: [Member.ProfileVisibility: [Policy.Decision]] = [
            .public: Array(repeating: .allowed, count: 7),
            .network: [.allowed, .allowed, network, network, network, network, .signInNeeded],
            .hidden: [.allowed] + Array(repeating: .concealed, count: 6),
        ]
        for (visibility, expected) in decisions {
            let got = Self.viewers.map {
                Policy.decide(.viewProfile(Self.facts(visibility, connected: $0.connected)), for: $0.1)
            }
            #expect(got == expected, "\(visibility)")
        }
        let shown = Self.viewers.map {
            let fields = Policy.shownFields(of: Self.facts(.public, connected: $0.connected), for: $0.1)
            return [fields.contact, fields.openToWork, fields.settings]
        }
        #expect(
            shown == [
                [true, true, true], [true, false, false], [false, false, false], [false, false, false],
                [false, false, false], [false, true, false], [false, false, false],
            ])
    }

    @Test(
        "Moving an application: the company's staff but for withdrawn; the candidate only withdrawn; others never hear of it"
    )
    func stages() {
        let candidate = Self.viewer(7)
        let staff = Self.viewer(5, .admin, company: 1)
        let other = Self.viewer(6, .recruiter, company: 2)
        for stage in Application.Stage.allCases {
            let action = Policy.Action.moveApplication(companyID: 1, candidateID: 7, to: stage)
            #expect((Policy.decide(action, for: staff) == .allowed) == (stage != .withdrawn), "staff → \(stage)")
            #expect(
                (Policy.decide(action, for: candidate) == .allowed) == (stage == .withdrawn), "candidate → \(stage)")
            #expect(Policy.decide(action, for: other) == .concealed)
            #expect(Policy.decide(action, for: Self.viewer(4)) == .concealed)
            #expect(Policy.decide(action, for: nil) == .signInNeeded)
        }
    }

    @Test("Referral requests go to 1st-degree connections for open postings; hidden strangers do not exist")
    func referralRequests() {
        let asker = Self.viewer(2)
        func ask(_ visibility: Member.ProfileVisibility, connected: Bool, open: Bool = true) -> Policy.Decision {
            Policy.decide(
                .requestReferral(referrer: Self.facts(visibility, connected: connected), postingIsOpen: open),
                for: asker)
        }
        #expect(ask(.public, connected: true) == .allowed)
        #expect(ask(.hidden, connected: true) == .allowed)
        #expect(ask(.public, connected: false) == .refused("referrer_id: must be one of your 1st-degree connections"))
        #expect(ask(.hidden, connected: false) == .concealed)
        #expect(ask(.public, connected: true, open: false) == .refused("job_id: the posting is closed or expired"))
        #expect(
            Policy.decide(.answerReferralRequest(candidateID: 2, referrerID: 1), for: Self.viewer(1)) == .allowed)
        #expect(
            Policy.decide(.answerReferralRequest(candidateID: 2, referrerID: 1), for: asker)
                == .forbidden("only the member asked for the referral may accept or decline"))
        #expect(Policy.decide(.answerReferralRequest(candidateID: 2, referrerID: 1), for: Self.viewer(9)) == .concealed)
    }
}
