import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Puts the account of the request's session in the context as its ``Viewer``:
/// a bearer token (`Authorization: Bearer …`) or the session cookie of the pages.
/// Nothing sent: the request goes on anonymous, and each route decides whether
/// that will do.
///
/// A bearer token that names no live bearer session is refused (401) on every
/// route, so that a client learns its token went stale instead of silently
/// getting anonymous answers. A stale cookie is the browser's doing, not the
/// user's: the request goes on anonymous and the answer tells the browser to
/// forget it. A cookie session is extended when more than half of its lifetime
/// has passed (a sliding session), and a write request it signs must not come
/// from another site's page (`Origin`, on top of SameSite=Lax).
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = PasserelleRequestContext

    let sessions: SessionStore
    let accounts: AccountStore
    let cookieLifetime: Duration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let credential = try SessionCredential.of(request) else { return try await next(request, context) }
        let now = Date()
        var account: Account?
        var session = try await sessions.get(tokenHash: SessionToken.hash(credential.token), at: now)
        if let found = session, found.kind == credential.kind {
            account = try await accounts.get(id: found.accountID)
        }
        guard let account, let found = session else {
            guard credential.kind == .cookie else {
                throw APIError.unauthorized("the token is unknown or expired: sign in again")
            }
            let forget = SessionCredential.expiredCookie(secure: SessionCredential.cameOverTLS(request))
            do {
                var response = try await next(request, context)
                response.setCookie(forget)
                return response
            } catch var error as APIError {
                error.headers[values: .setCookie].append(forget.description)
                throw error
            }
        }
        var context = context
        context.viewer = Viewer(account: account)
        guard credential.kind == .cookie else { return try await next(request, context) }

        if Self.isCrossSiteWrite(request) {
            throw APIError.forbidden("a request signed by the session cookie must come from this site's pages")
        }
        var extended = false
        if found.expiresAt.timeIntervalSince(now) < cookieLifetime.seconds / 2 {
            session = try await sessions.extend(
                sessionID: found.id, until: now.addingTimeInterval(cookieLifetime.seconds))
            extended = true
        }
        var response = try await next(request, context)
        let setsOwnCookie = response.headers[values: .setCookie].contains {
            $0.hasPrefix(SessionCredential.cookieName + "=")
        }
        if extended, let session, !setsOwnCookie {
            response.setCookie(
                SessionCredential.cookie(
                    token: credential.token, expiresAt: session.expiresAt, now: now,
                    secure: SessionCredential.cameOverTLS(request)))
        }
        return response
    }

    /// A write (not GET, HEAD or OPTIONS) whose `Origin` is not this server: a
    /// page of another site submitting with the user's cookie.
    static func isCrossSiteWrite(_ request: Request) -> Bool {
        guard ![.get, .head, .options].contains(request.method) else { return false }
        guard let origin = request.headers[.origin] else { return false }
        guard let url = URL(string: origin), let host = url.host, let authority = request.head.authority else {
            return true
        }
        let originAuthority = url.port.map { "\(host):\($0)" } ?? host
        return originAuthority.lowercased() != authority.lowercased()
    }

    /// The token of a `Bearer` header (the scheme in any case, RFC 7235); nil otherwise.
    static func token(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
