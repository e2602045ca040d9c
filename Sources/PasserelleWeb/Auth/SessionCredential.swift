import Foundation
import HTTPTypes
import Hummingbird
import PasserelleCore

/// The session token a request presents: `Authorization: Bearer …` (programs) or
/// the session cookie (pages). The header wins when both come.
struct SessionCredential: Sendable, Equatable {
    let kind: Session.Kind
    let token: String

    /// The cookie that carries a page session's token.
    static let cookieName = "passerelle_session"

    /// What `request` presents; nil when nothing. Throws 401 for an
    /// `Authorization` header that is not a bearer token.
    static func of(_ request: Request) throws -> SessionCredential? {
        if let header = request.headers[.authorization] {
            guard let token = BearerAuthenticator.token(header) else {
                throw APIError.unauthorized("the Authorization header must be Bearer followed by a token")
            }
            return SessionCredential(kind: .bearer, token: token)
        }
        if let cookie = request.cookies[cookieName], !cookie.value.isEmpty {
            return SessionCredential(kind: .cookie, token: cookie.value)
        }
        return nil
    }

    /// A new token: 32 random bytes from the system's secure generator, in
    /// base64url (43 characters, valid in a header and in a cookie as they are).
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The `Set-Cookie` of a page session until `expiresAt`: HttpOnly (no script
    /// reads it), SameSite=Lax (other sites' forms and requests do not carry it),
    /// Secure when the request came over HTTPS, for the whole site.
    static func cookie(token: String, expiresAt: Date, now: Date, secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: token, maxAge: max(0, Int(expiresAt.timeIntervalSince(now).rounded(.down))),
            path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The `Set-Cookie` that makes a browser forget the session cookie.
    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// True when the request came over HTTPS: its own scheme, or a proxy's
    /// `X-Forwarded-Proto: https` (heeded from anyone: it only makes a cookie Secure).
    static func cameOverTLS(_ request: Request) -> Bool {
        if request.head.scheme?.lowercased() == "https" { return true }
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]
        let first = forwarded?.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        return first?.lowercased() == "https"
    }
}
