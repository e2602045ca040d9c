import Foundation

/// How a member signs in, and what it may do.
public struct Account: Identifiable, Hashable, Sendable, Codable, Validatable {
    public enum Role: String, CaseIterable, Hashable, Sendable, Codable {
        case member
        /// Posts jobs and moves applicants, for one company.
        case recruiter
        /// Manages one company's recruiters and searches its talent.
        case admin

        /// Recruiters and admins act for a company; members do not.
        public var actsForCompany: Bool { self != .member }
    }

    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var memberID: Int64
    /// Unique without regard to case.
    public var email: String
    /// The password hash in its own self-describing format; never the password.
    public var passwordHash: String
    public var role: Role
    /// The company a recruiter or admin acts for; nil exactly for members.
    public var companyID: Int64?
    public var createdAt: Date
    public var lastLoginAt: Date?

    public init(
        id: Int64 = 0, memberID: Int64, email: String, passwordHash: String, role: Role = .member,
        companyID: Int64? = nil, createdAt: Date = Date(), lastLoginAt: Date? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.companyID = companyID
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.email(email, field: "email")
        validator.nonBlank(passwordHash, field: "passwordHash")
        if role.actsForCompany {
            validator.check(companyID != nil, "companyID", "a \(role.rawValue) acts for a company: give its id")
        } else {
            validator.check(companyID == nil, "companyID", "a member account acts for no company")
        }
        try validator.finish()
    }
}
