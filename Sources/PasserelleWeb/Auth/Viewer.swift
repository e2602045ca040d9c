import PasserelleCore

/// The account a request is made with, from its bearer token.
public struct Viewer: Hashable, Sendable {
    public let accountID: Int64
    public let memberID: Int64
    public let role: Account.Role
    /// The company a recruiter or admin acts for; nil for a member.
    public let companyID: Int64?

    public init(account: Account) {
        accountID = account.id
        memberID = account.memberID
        role = account.role
        companyID = account.companyID
    }
}

extension PasserelleRequestContext {
    /// The viewer when it acts for a company (a recruiter or a company admin),
    /// with that company; 401 without a viewer, 403 for a plain member.
    func requireRecruiter(for purpose: String) throws -> (viewer: Viewer, companyID: Int64) {
        guard let viewer else {
            throw APIError.unauthorized("\(purpose) needs a signed-in recruiter: send Authorization: Bearer <token>")
        }
        guard viewer.role.actsForCompany, let companyID = viewer.companyID else {
            throw APIError.forbidden("\(purpose) is for recruiters and company admins")
        }
        return (viewer, companyID)
    }
}
