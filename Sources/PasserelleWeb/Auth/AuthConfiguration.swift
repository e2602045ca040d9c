/// How accounts sign in: password cost, how long sessions last, how fast
/// sign-ins may come, and whether a proxy in front is trusted.
public struct AuthConfiguration: Sendable {
    /// bcrypt's cost for new password hashes (12 in production; 4, the minimum, in tests).
    public var passwordCost: UInt8
    /// A bearer token lives this long, then its client signs in again.
    public var bearerLifetime: Duration
    /// A cookie session lives this long since it was last used: each use past
    /// half of it extends it (a sliding session), so a page left open a week signs out.
    public var cookieLifetime: Duration
    /// Sign-in attempts per email, whether it has an account or not (guessing one
    /// account's password); a successful sign-in gives the burst back.
    public var loginsPerAccount: RateLimiter.Limit
    /// Sign-in and registration attempts per client address (trying many accounts).
    public var loginsPerAddress: RateLimiter.Limit
    /// True behind a reverse proxy that sets `X-Forwarded-For`: the client's address
    /// is then the last one the proxy appended. Without a proxy that header is the
    /// client's own word, and the connection's address counts. (`X-Forwarded-Proto:
    /// https` is always heeded: it can only make a cookie `Secure`, which harms no one.)
    public var trustsForwardedHeaders: Bool

    public init(
        passwordCost: UInt8 = 12, bearerLifetime: Duration = .seconds(30 * 86_400),
        cookieLifetime: Duration = .seconds(7 * 86_400),
        loginsPerAccount: RateLimiter.Limit = .init(burst: 5, per: .seconds(180)),
        loginsPerAddress: RateLimiter.Limit = .init(burst: 20, per: .seconds(3)),
        trustsForwardedHeaders: Bool = false
    ) {
        self.passwordCost = passwordCost
        self.bearerLifetime = bearerLifetime
        self.cookieLifetime = cookieLifetime
        self.loginsPerAccount = loginsPerAccount
        self.loginsPerAddress = loginsPerAddress
        self.trustsForwardedHeaders = trustsForwardedHeaders
    }
}
