import PasserelleCore

/// The account a request is made with, from its bearer token or session cookie.
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
