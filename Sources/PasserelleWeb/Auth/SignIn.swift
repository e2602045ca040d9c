import Foundation
import PasserelleCore
import PasserelleStore

/// Signing in and out: passwords checked against bcrypt hashes, attempts counted
/// per email and per client address, and sessions whose tokens are kept only as
/// hashes, with an expiry.
struct SignIn: Sendable {
    let accounts: AccountStore
    let sessions: SessionStore
    let hasher: PasswordHasher
    let configuration: AuthConfiguration
    let perAccount: RateLimiter
    let perAddress: RateLimiter

    init(database: PostgresClient, hasher: PasswordHasher, configuration: AuthConfiguration) {
        accounts = AccountStore(client: database)
        sessions = SessionStore(client: database)
        self.hasher = hasher
        self.configuration = configuration
        perAccount = RateLimiter(configuration.loginsPerAccount)
        perAddress = RateLimiter(configuration.loginsPerAddress)
    }

    /// A new session and the token that opens it (returned once, never stored).
    struct Issued: Sendable {
        let token: String
        let session: Session
        let account: Account
    }

    /// The one answer to a wrong password and to an unknown email alike.
    static let wrongCredentials = APIError(
        .unauthorized, code: "invalid_credentials", message: "the email or the password is wrong")

    /// Counts one sign-in or registration attempt from `address`: 429 past the limit.
    func countAttempt(from address: String) throws {
        if case .limited(let seconds) = perAddress.attempt("address:" + address) {
            throw APIError.tooManyRequests(retryAfter: seconds, "too many attempts from this address")
        }
    }

    /// Checks `password` for the account of `email` and opens a session of `kind`.
    /// An unknown email costs the same bcrypt time as a wrong password and gets the
    /// same answer, ``wrongCredentials``; the per-email limit counts emails with
    /// no account too, so a 429 says nothing either.
    func signIn(
        email: String, password: String, address: String, kind: Session.Kind, now: Date = Date()
    ) async throws -> Issued {
        try countAttempt(from: address)
        // The email's digest: a fixed size per key, however long the emails a client makes up.
        let key = "email:" + SHA256.hash(email.lowercased().utf8).base64EncodedString()
        if case .limited(let seconds) = perAccount.attempt(key) {
            throw APIError.tooManyRequests(retryAfter: seconds, "too many sign-in attempts for this email")
        }
        let account = try await accounts.get(email: email)
        let matches =
            if let account {
                try await hasher.verify(password, hash: account.passwordHash)
            } else {
                try await hasher.verifyDecoy(password)
            }
        guard let account, matches else { throw Self.wrongCredentials }
        perAccount.reset(key)
        return try await issue(for: account, kind: kind, now: now, recordingLogin: true)
    }

    /// Opens a session of `kind` for `account`, which lives the configured lifetime of its kind.
    func issue(
        for account: Account, kind: Session.Kind, now: Date = Date(), recordingLogin: Bool = false
    ) async throws -> Issued {
        let token = SessionCredential.newToken()
        let lifetime = kind == .bearer ? configuration.bearerLifetime : configuration.cookieLifetime
        let session = try await accounts.client.withTransaction { connection in
            if recordingLogin { try await accounts.recordLogin(accountID: account.id, at: now, on: connection) }
            return try await sessions.create(
                Session(
                    accountID: account.id, kind: kind, tokenHash: SessionToken.hash(token), createdAt: now,
                    expiresAt: now.addingTimeInterval(lifetime.seconds)), on: connection)
        }
        return Issued(token: token, session: session, account: account)
    }

    /// Ends the session `credential` opens; false when it was already gone.
    @discardableResult
    func signOut(_ credential: SessionCredential) async throws -> Bool {
        try await sessions.delete(tokenHash: SessionToken.hash(credential.token))
    }
}
