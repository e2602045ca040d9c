import PasserelleCore

/// Who may do what: every rule of API.md about roles, in one place, asked by
/// every controller. Roles: a member; a recruiter of one company; a company
/// admin, who may do all its company's recruiters may.
public enum Policy {
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

        var description: String {
            switch self {
            case .readPosting: "reading a job posting"
            case .createPosting: "posting a job"
            case .changePosting: "changing or closing a job posting"
            case .searchProfiles: "CV search"
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
            guard let viewer else { return .signInNeeded }
            guard viewer.actingCompanyID != nil else {
                return .forbidden("\(action.description) is for recruiters and company admins")
            }
            return viewer.actingCompanyID == companyID
                ? .allowed : .forbidden("only the recruiters and admins of the posting's company may change it")
        }
    }

    /// Throws the API's error unless `viewer` may do `action`.
    static func require(_ action: Action, for viewer: Viewer?) throws(APIError) {
        switch decide(action, for: viewer) {
        case .allowed: return
        case .signInNeeded:
            throw .unauthorized("\(action.description) needs a signed-in account: send Authorization: Bearer <token>")
        case .forbidden(let reason): throw .forbidden(reason)
        }
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
}
