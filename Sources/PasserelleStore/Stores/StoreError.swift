import PasserelleCore

/// A write or read the caller can act on: something missing, already there, or
/// not allowed in the current state. Constraint violations PostgreSQL reports are
/// mapped to these; the server's error stays in ``underlying`` (with its SQLSTATE).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Nothing has this id: "member 42".
        case notFound(String)
        /// A unique rule refuses it: "a member with this external id".
        case duplicate(String)
        /// A field names something that does not exist: "companyID".
        case invalidReference(String)
        /// An application cannot move between these stages.
        case invalidTransition(from: Application.Stage, to: Application.Stage)
        /// The current state forbids it: an invitation no longer pending.
        case conflict(String)
        /// Another rule of the schema refuses the data (a CHECK that validation
        /// should have caught first): the constraint's name.
        case rejected(String)
    }

    public var kind: Kind
    /// The PostgreSQL error this was mapped from, if any.
    public var underlying: PostgresError?

    public init(_ kind: Kind, underlying: PostgresError? = nil) {
        self.kind = kind
        self.underlying = underlying
    }

    /// The SQLSTATE of the PostgreSQL error behind it (`23505` for a duplicate).
    public var sqlState: String? { underlying?.sqlState }

    public static func notFound(_ what: String) -> StoreError { StoreError(.notFound(what)) }
    public static func duplicate(_ what: String, underlying: PostgresError? = nil) -> StoreError {
        StoreError(.duplicate(what), underlying: underlying)
    }
    public static func invalidReference(_ field: String, underlying: PostgresError? = nil) -> StoreError {
        StoreError(.invalidReference(field), underlying: underlying)
    }
    public static func invalidTransition(from: Application.Stage, to: Application.Stage) -> StoreError {
        StoreError(.invalidTransition(from: from, to: to))
    }
    public static func conflict(_ why: String) -> StoreError { StoreError(.conflict(why)) }

    public var description: String {
        switch kind {
        case .notFound(let what): "\(what) does not exist"
        case .duplicate(let what): "there is already \(what)"
        case .invalidReference(let field): "\(field) names something that does not exist"
        case .invalidTransition(let from, let to):
            "an application cannot move from \(from.rawValue) to \(to.rawValue)"
        case .conflict(let why): why
        case .rejected(let constraint): "the data breaks the rule \(constraint)"
        }
    }
}

extension StoreError {
    /// The store's words for `error` when it is a constraint violation the caller
    /// can act on; nil for anything else (a lost connection stays a PostgresError).
    init?(mapping error: PostgresError) {
        guard error.kind == .server, let sqlState = error.sqlState else { return nil }
        let constraint = error.constraint ?? "unknown"
        switch sqlState {
        case SQLState.uniqueViolation:
            self.init(.duplicate(StoreError.duplicates[constraint] ?? constraint), underlying: error)
        case SQLState.foreignKeyViolation:
            self.init(.invalidReference(StoreError.referenceField(error)), underlying: error)
        case SQLState.checkViolation, SQLState.notNullViolation, SQLState.exclusionViolation:
            self.init(.rejected(error.constraint ?? error.column ?? "unknown"), underlying: error)
        default:
            return nil
        }
    }

    /// What each unique constraint keeps from existing twice.
    private static let duplicates: [String: String] = [
        "members_external_id_key": "a member with this external id",
        "companies_external_id_key": "a company with this external id",
        "job_posting_keys_company_id_language_requisition_id_key":
            "a job posting with this company, language and requisition id",
        "connections_pkey": "a connection between these members",
        "connection_invitations_pending": "a pending invitation between these members",
        "profiles_pkey": "a profile for this member",
        "accounts_member_id_key": "an account for this member",
        "accounts_email": "an account with this email",
        "sessions_token_hash_key": "a session with this token",
        "referral_requests_once": "a referral request for this job from this candidate to this referrer",
        "referrals_request_id_key": "a referral for this request",
        "applications_once": "an application by this member to this job",
    ]

    /// The Swift field a foreign key's column stands for: PostgreSQL names it
    /// `<table>_<columns>_fkey` (`employments_company_id_fkey` → `companyID`).
    private static func referenceField(_ error: PostgresError) -> String {
        guard var name = error.constraint else { return "unknown" }
        if name == "profiles_member_id_country_fkey" { return "memberID" }
        if let table = error.table, name.hasPrefix(table + "_") { name.removeFirst(table.count + 1) }
        if name.hasSuffix("_fkey") { name.removeLast("_fkey".count) }
        let words = name.split(separator: "_")
        guard let first = words.first else { return name }
        return words.dropFirst().reduce(String(first)) { field, word in
            field + (word == "id" ? "ID" : word.prefix(1).uppercased() + word.dropFirst())
        }
    }
}
