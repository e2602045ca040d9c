import Foundation
import PasserelleCore
import PasserelleStore

/// Creates sign-in accounts: for people who register through the API, and for
/// imported members through the operators' `passerelle accounts create`. Both
/// hash the password the same way and keep the same password rules.
public struct AccountRegistry: Sendable {
    public let client: PostgresClient
    public let hasher: PasswordHasher

    public init(client: PostgresClient, hasher: PasswordHasher) {
        self.client = client
        self.hasher = hasher
    }

    /// What an operator asks for: an account for the member `memberExternalID`,
    /// which is created from `newMember` when there is no such member.
    public struct Request: Sendable {
        public var memberExternalID: String
        public var email: String
        public var password: String
        public var role: Account.Role
        /// The company's external id: required for a recruiter or admin, refused for a member.
        public var companyExternalID: String?
        /// Name, country and language of the member to create when it does not exist.
        public var newMember: NewMember?

        public init(
            memberExternalID: String, email: String, password: String, role: Account.Role = .member,
            companyExternalID: String? = nil, newMember: NewMember? = nil
        ) {
            self.memberExternalID = memberExternalID
            self.email = email
            self.password = password
            self.role = role
            self.companyExternalID = companyExternalID
            self.newMember = newMember
        }
    }

    /// The member to create with an account.
    public struct NewMember: Sendable {
        public var name: String
        public var country: Country
        public var language: Language

        public init(name: String, country: Country, language: Language) {
            self.name = name
            self.country = country
            self.language = language
        }
    }

    /// Why `passerelle accounts create` refuses, in words for the operator.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownMember(String)
        case unknownCompany(String)
        case companyRequired(Account.Role)
        case companyNotAllowed
        case emailTaken(String)
        case memberHasAccount(String)
        case invalid(ValidationError)

        public var description: String {
            switch self {
            case .unknownMember(let id):
                "there is no member \(id): import its CV first, or give --name, --country and --language to create it"
            case .unknownCompany(let id): "there is no company \(id): import its postings first"
            case .companyRequired(let role): "a \(role.rawValue) acts for a company: give --company"
            case .companyNotAllowed: "a member account acts for no company: leave out --company, or give --role"
            case .emailTaken(let email): "there is already an account with the email \(email)"
            case .memberHasAccount(let id): "member \(id) already has an account"
            case .invalid(let error): error.description
            }
        }
    }

    /// Creates the account `request` describes, and its member when needed.
    /// Throws ``Refusal``.
    public func create(_ request: Request) async throws -> Account {
        var validator = Validator()
        validator.email(request.email, field: "email")
        validator.password(request.password, field: "password")
        do { try validator.finish() } catch { throw Refusal.invalid(error) }
        if request.role.actsForCompany && request.companyExternalID == nil {
            throw Refusal.companyRequired(request.role)
        }
        if !request.role.actsForCompany && request.companyExternalID != nil { throw Refusal.companyNotAllowed }
        let passwordHash = try await hasher.hash(request.password)
        return try await client.withTransaction { connection in
            var companyID: Int64?
            if let companyExternalID = request.companyExternalID {
                guard
                    let company = try await CompanyStore(client: client).get(
                        externalID: companyExternalID, on: connection)
                else { throw Refusal.unknownCompany(companyExternalID) }
                companyID = company.id
            }
            let members = MemberStore(client: client)
            var member = try await members.get(externalID: request.memberExternalID, on: connection)
            if member == nil, let details = request.newMember {
                member = try await Self.refusing {
                    try await members.create(
                        Member(
                            externalID: request.memberExternalID, name: details.name, email: request.email,
                            country: details.country, language: details.language), on: connection)
                }
            }
            guard let member else { throw Refusal.unknownMember(request.memberExternalID) }
            do {
                return try await AccountStore(client: client).create(
                    Account(
                        memberID: member.id, email: request.email, passwordHash: passwordHash, role: request.role,
                        companyID: companyID), on: connection)
            } catch let error as StoreError where error.kind == Self.emailTaken {
                throw Refusal.emailTaken(request.email)
            } catch let error as StoreError where error.kind == .duplicate("an account for this member") {
                throw Refusal.memberHasAccount(request.memberExternalID)
            }
        }
    }

    /// Registers a new member with an account (`POST /api/v1/auth/register`): the
    /// member gets an id from the server. Returns nil, having saved nothing, when
    /// the email is taken: the caller answers as for a new account (see
    /// ``AuthController``). The password is hashed either way, so both take as long.
    public func register(
        email: String, password: String, name: String, country: Country, language: Language
    ) async throws -> Account? {
        let passwordHash = try await hasher.hash(password)
        do {
            return try await client.withTransaction { connection in
                let member = try await MemberStore(client: client).create(
                    Member(
                        externalID: Self.newMemberID(), name: name, email: email, country: country,
                        language: language), on: connection)
                return try await AccountStore(client: client).create(
                    Account(memberID: member.id, email: email, passwordHash: passwordHash), on: connection)
            }
        } catch let error as StoreError where error.kind == Self.emailTaken {
            return nil
        }
    }

    /// Every account, in email order, with the ids operators know members and companies by.
    public func list() async throws -> [AccountStore.Listing] {
        let accounts = AccountStore(client: client)
        var listings: [AccountStore.Listing] = []
        var page = try Page(page: 1, perPage: Page.maximumPerPage)
        while true {
            let paged = try await accounts.listings(page: page)
            listings += paged.items
            guard paged.hasNextPage else { return listings }
            page = try Page(page: page.page + 1, perPage: page.perPage)
        }
    }

    /// `listings` as the table `passerelle accounts list` prints: email, member, role, company.
    public static func table(_ listings: [AccountStore.Listing]) -> String {
        let rows =
            [["EMAIL", "MEMBER", "ROLE", "COMPANY"]]
            + listings.map {
                [$0.account.email, $0.memberExternalID, $0.account.role.rawValue, $0.companyExternalID ?? "-"]
            }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The store's word for an email already in use.
    static let emailTaken = StoreError.Kind.duplicate("an account with this email")

    /// A member id for someone who registered: `u-` and 16 random letters and digits.
    static func newMemberID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "u-" + String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Runs `body`, turning the domain's validation errors into a ``Refusal``.
    private static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ValidationError {
            throw Refusal.invalid(error)
        }
    }
}

extension Validator {
    /// A password bcrypt can keep whole: 8 to 72 bytes of UTF-8 (bcrypt ignores
    /// what comes after the 72nd), without NUL (C strings end there).
    mutating func password(_ value: String, field: String) {
        let bytes = PasswordHasher.passwordBytes
        check(
            bytes.contains(value.utf8.count), field,
            "must be \(bytes.lowerBound) to \(bytes.upperBound) bytes long (got \(value.utf8.count))")
        check(!value.utf8.contains(0), field, "must not contain the NUL character")
    }
}
