import Foundation
import Hummingbird

/// The token every page form carries (`_csrf`), which another site cannot read.
/// Signed in, it is derived from the session's token (HttpOnly, never shown):
/// the session's own, changing with each session. Signed out (sign in, sign up),
/// it is a random value in a cookie of its own that the form repeats (a
/// double-submit cookie), so that another site cannot sign a browser in to its
/// own account either.
struct CSRF: Sendable {
    /// The token forms carry.
    let token: String
    /// A cookie to set with the answer when the token is new.
    let newCookie: Cookie?

    static let cookieName = "passerelle_csrf"

    static func of(_ request: Request, viewer: Viewer?) -> CSRF {
        if viewer != nil, let credential = try? SessionCredential.of(request) {
            return CSRF(token: derived(from: credential.token), newCookie: nil)
        }
        if let cookie = request.cookies[cookieName], cookie.value.count >= 32 {
            return CSRF(token: cookie.value, newCookie: nil)
        }
        let token = SessionCredential.newToken()
        let cookie = Cookie(
            name: cookieName, value: token, path: "/", secure: SessionCredential.cameOverTLS(request),
            httpOnly: true, sameSite: .lax)
        return CSRF(token: token, newCookie: cookie)
    }

    static func derived(from sessionToken: String) -> String {
        SHA256.hash(Array(("passerelle-csrf:" + sessionToken).utf8)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares in time independent of where they differ.
    static func matches(_ sent: String, _ expected: String) -> Bool {
        let a = Array(sent.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
