import Foundation

/// A signed-in session: a bearer token for the API or a cookie for the pages.
/// Only the token's SHA-256 hash is kept, so a database leak gives no tokens.
public struct Session: Identifiable, Hashable, Sendable, Codable, Validatable {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        case bearer, cookie
    }

    /// The size of a SHA-256 hash.
    public static let tokenHashLength = 32

    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var accountID: Int64
    public var kind: Kind
    /// SHA-256 of the token, 32 bytes.
    public var tokenHash: Data
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        id: Int64 = 0, accountID: Int64, kind: Kind, tokenHash: Data, createdAt: Date = Date(), expiresAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public func isExpired(at date: Date) -> Bool { expiresAt <= date }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.check(
            tokenHash.count == Session.tokenHashLength, "tokenHash",
            "must be a SHA-256 hash of \(Session.tokenHashLength) bytes (got \(tokenHash.count))")
        validator.check(expiresAt > createdAt, "expiresAt", "must be after the session's creation")
        try validator.finish()
    }
}
