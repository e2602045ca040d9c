import PasserelleCore

/// Who may do what: every rule of API.md about roles and privacy, in one place,
/// asked by every controller. Roles: a member; a recruiter of one company; a
/// company admin, who may do all its company's recruiters may. Every account is
/// also a member of the network (it has a CV, connections, applications).
///
/// The rules about members' data: a CV's contact details go to the member itself
/// and its 1st-degree connections only; "open to work" to recruiters only, never
/// to those of the member's current employer; a `network` profile to connections
/// only; a `hidden` profile to nobody but its member, and to others it does not
/// exist (404, not 403). An application is known to its candidate and to the
/// posting's company only; to anyone else it does not exist either.
public enum Policy {
    /// What the policy needs to know of a member the viewer looks at or asks something of.
    public struct MemberFacts: Sendable, Hashable {
        public var memberID: Int64
        public var visibility: Member.ProfileVisibility
        /// True when the member and the viewer are 1st-degree connections.
        public var isConnectedToViewer: Bool
        /// The companies the member works for now (employments without an end date).
        public var currentEmployerIDs: Set<Int64>

        public init(
            memberID: Int64, visibility: Member.ProfileVisibility, isConnectedToViewer: Bool,
            currentEmployerIDs: Set<Int64> = []
        ) {
            self.memberID = memberID
            self.visibility = visibility
            self.isConnectedToViewer = isConnectedToViewer
            self.currentEmployerIDs = currentEmployerIDs
        }
    }

    /// What a viewer asks to do.
    public enum Action: Sendable, Hashable {
        /// `GET /api/v1/jobs/{id}`, job search.
        case readPosting
        /// `POST /api/v1/jobs`: for the viewer's own company.
        case createPosting
        /// `PUT` or `DELETE /api/v1/jobs/{id}` of a posting of `companyID`.
        case changePosting(companyID: Int64)
        /// `GET /api/v1/profiles/search`.
        case searchProfiles
        /// `GET /api/v1/members/{id}/profile`.
        case viewProfile(MemberFacts)
        /// The viewer's own CV, settings, connections, applications, referrals,
        /// export and erasure (`/api/v1/members/me/…`).
        case manageOwnData
        /// `POST /api/v1/connections`: invite the member.
        case invite(MemberFacts)
        /// Accept or decline an invitation.
        case answerInvitation(inviterID: Int64, inviteeID: Int64)
        /// `POST /api/v1/jobs/{id}/applications`.
        case apply(postingIsOpen: Bool)
        /// `GET /api/v1/jobs/{id}/applications` of a posting of `companyID`.
        case readApplicants(companyID: Int64)
        /// `GET /api/v1/jobs/{id}/candidates` of a posting of `companyID`.
        case readCandidates(companyID: Int64)
        /// One application: its candidate (nil once erased) and its posting's company.
        case readApplication(companyID: Int64, candidateID: Int64?)
        /// Move an application to `stage`.
        case moveApplication(companyID: Int64, candidateID: Int64?, to: Application.Stage)
        /// `POST /api/v1/referral-requests`: ask `referrer` for a referral for a posting.
        case requestReferral(referrer: MemberFacts, postingIsOpen: Bool)
        /// Accept or decline a referral request.
        case answerReferralRequest(candidateID: Int64, referrerID: Int64)
        /// The viewer's own network: distances, paths, referrers, the `in_network` filter.
        case readNetwork
        /// `GET /api/v1/companies/{id}/talent` of `companyID`.
        case searchTalent(companyID: Int64)

        var description: String {
            switch self {
            case .readPosting: "reading a job posting"
            case .createPosting: "posting a job"
            case .changePosting: "changing or closing a job posting"
            case .searchProfiles: "CV search"
            case .viewProfile: "reading a member's profile"
            case .manageOwnData: "managing your own profile, network, applications and data"
            case .invite: "inviting a member"
            case .answerInvitation: "answering an invitation"
            case .apply: "applying to a job"
            case .readApplicants: "reading a posting's applicants"
            case .readCandidates: "reading a posting's matching candidates"
            case .readApplication: "reading an application"
            case .moveApplication: "moving an application"
            case .requestReferral: "asking for a referral"
            case .answerReferralRequest: "answering a referral request"
            case .readNetwork: "reading your network"
            case .searchTalent: "searching talent through a company's employees"
            }
        }
    }

    /// The policy's answer.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// Nobody is signed in, and the action needs someone (401).
        case signInNeeded
        /// The viewer is signed in but lacks the right (403), and why.
        case forbidden(String)
        /// The viewer may not even know the resource exists: answered as an unknown id (404).
        case concealed
        /// A well-formed request that breaks a rule (422), and which field and why.
        case refused(String)
    }

    /// The parts of a CV a viewer may see, once it may see the CV at all.
    public struct ShownFields: Sendable, Hashable {
        /// Email, phone, url, social profiles, postal address, exact coordinates.
        public var contact: Bool
        /// `meta.openToWork`.
        public var openToWork: Bool
        /// The member's own settings (`profileVisibility`, `hideConnections`).
        public var settings: Bool

        public init(contact: Bool, openToWork: Bool, settings: Bool) {
            self.contact = contact
            self.openToWork = openToWork
            self.settings = settings
        }
    }

    /// Whether `viewer` (nil: anonymous) may do `action`.
    public static func decide(_ action: Action, for viewer: Viewer?) -> Decision {
        switch action {
        case .readPosting:
            return .allowed
        case .createPosting, .searchProfiles:
            guard let viewer else { return .signInNeeded }
            return viewer.actingCompanyID != nil
                ? .allowed : .forbidden("\(action.description) is for recruiters and company admins")
        case .changePosting(let companyID):
            return staffOnly(
                of: companyID, for: viewer, action,
                "only the recruiters and admins of the posting's company may change it")
        case .viewProfile(let member):
            if viewer?.memberID == member.memberID { return .allowed }
            switch member.visibility {
            case .public: return .allowed
            case .hidden: return .concealed
            case .network:
                guard viewer != nil else { return .signInNeeded }
                return member.isConnectedToViewer
                    ? .allowed : .forbidden("only this member's connections see its profile")
            }
        case .manageOwnData, .apply(postingIsOpen: true), .readNetwork:
            return viewer == nil ? .signInNeeded : .allowed
        case .apply(postingIsOpen: false):
            guard viewer != nil else { return .signInNeeded }
            return .refused("job: the posting is closed or expired and takes no applications")
        case .invite(let member):
            guard let viewer else { return .signInNeeded }
            if member.memberID == viewer.memberID { return .refused("member_id: you cannot invite yourself") }
            return member.visibility == .hidden && !member.isConnectedToViewer ? .concealed : .allowed
        case .answerInvitation(let inviterID, let inviteeID):
            return answer(by: inviteeID, asker: inviterID, for: viewer, "only the invited member may accept or decline")
        case .searchTalent(let companyID):
            return staffOnly(
                of: companyID, for: viewer, action, "only the recruiters and admins of the company search its talent")
        case .readApplicants(let companyID):
            return staffOnly(
                of: companyID, for: viewer, action,
                "only the recruiters and admins of the posting's company see its applicants")
        case .readCandidates(let companyID):
            return staffOnly(
                of: companyID, for: viewer, action,
                "only the recruiters and admins of the posting's company see its candidates")
        case .readApplication(let companyID, let candidateID):
            guard let viewer else { return .signInNeeded }
            return viewer.actingCompanyID == companyID || viewer.memberID == candidateID ? .allowed : .concealed
        case .moveApplication(let companyID, let candidateID, let stage):
            guard let viewer else { return .signInNeeded }
            if viewer.actingCompanyID == companyID {
                return stage == .withdrawn
                    ? .forbidden("stage: only the candidate withdraws an application; the company rejects it")
                    : .allowed
            }
            if viewer.memberID == candidateID {
                return stage == .withdrawn
                    ? .allowed : .forbidden("stage: the company's recruiters move an application; you may withdraw it")
            }
            return .concealed
        case .requestReferral(let referrer, let postingIsOpen):
            guard let viewer else { return .signInNeeded }
            if referrer.memberID == viewer.memberID { return .refused("referrer_id: you cannot refer yourself") }
            if !referrer.isConnectedToViewer {
                return referrer.visibility == .hidden
                    ? .concealed : .refused("referrer_id: must be one of your 1st-degree connections")
            }
            return postingIsOpen ? .allowed : .refused("job_id: the posting is closed or expired")
        case .answerReferralRequest(let candidateID, let referrerID):
            return answer(
                by: referrerID, asker: candidateID, for: viewer,
                "only the member asked for the referral may accept or decline")
        }
    }

    /// The parts of `member`'s CV `viewer` sees, once ``decide(_:for:)`` lets it see the CV.
    public static func shownFields(of member: MemberFacts, for viewer: Viewer?) -> ShownFields {
        let isSelf = viewer?.memberID == member.memberID
        let isRecruiter = viewer?.actingCompanyID != nil
        let isEmployer = viewer?.actingCompanyID.map(member.currentEmployerIDs.contains) ?? false
        return ShownFields(
            contact: isSelf || member.isConnectedToViewer, openToWork: isSelf || (isRecruiter && !isEmployer),
            settings: isSelf)
    }

    /// Throws the API's error unless `viewer` may do `action`; `unknown` names
    /// what a concealed resource is answered as (`member "m-1"`).
    static func require(
        _ action: Action, for viewer: Viewer?, unknown: @autoclosure () -> String = "it"
    ) throws(APIError) {
        switch decide(action, for: viewer) {
        case .allowed: return
        case .signInNeeded:
            throw .unauthorized("\(action.description) needs a signed-in account: send Authorization: Bearer <token>")
        case .forbidden(let reason): throw .forbidden(reason)
        case .concealed: throw .notFound(unknown())
        case .refused(let reason): throw APIError(.unprocessableContent, code: "invalid_field", message: reason)
        }
    }

    /// For the recruiters and admins of `companyID` only.
    private static func staffOnly(
        of companyID: Int64, for viewer: Viewer?, _ action: Action, _ otherCompany: String
    ) -> Decision {
        guard let viewer else { return .signInNeeded }
        guard let acting = viewer.actingCompanyID else {
            return .forbidden("\(action.description) is for recruiters and company admins")
        }
        return acting == companyID ? .allowed : .forbidden(otherCompany)
    }

    /// A pending request `answerer` may accept or decline; `asker` knows of it
    /// but may not answer it; to anyone else it does not exist.
    private static func answer(by answerer: Int64, asker: Int64, for viewer: Viewer?, _ reason: String) -> Decision {
        guard let viewer else { return .signInNeeded }
        if viewer.memberID == answerer { return .allowed }
        return viewer.memberID == asker ? .forbidden(reason) : .concealed
    }
}

extension Viewer {
    /// The company a recruiter or admin acts for; nil for a member.
    var actingCompanyID: Int64? { role.actsForCompany ? companyID : nil }
}

extension PasserelleRequestContext {
    /// The viewer, once ``Policy`` lets it do `action`, with the company it acts for:
    /// for the actions only recruiters and admins may do.
    func requireCompany(for action: Policy.Action) throws(APIError) -> (viewer: Viewer, companyID: Int64) {
        try Policy.require(action, for: viewer)
        // Asked for an action anyone may do: a fault of the caller's code, not of the request.
        guard let viewer, let companyID = viewer.actingCompanyID else { throw .internalError }
        return (viewer, companyID)
    }

    /// The signed-in viewer, for the routes where it acts on its own data (401 for anonymous).
    func requireMember(for action: Policy.Action = .manageOwnData) throws(APIError) -> Viewer {
        try Policy.require(action, for: viewer)
        guard let viewer else { throw .internalError }
        return viewer
    }
}
