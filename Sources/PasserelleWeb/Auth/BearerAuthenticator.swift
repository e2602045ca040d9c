import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Reads `Authorization: Bearer <token>` and puts the token's account in the
/// context as its ``Viewer``. No header: the request goes on anonymous, and each
/// route decides whether that will do. A token that names no live bearer
/// session is refused (401) on every route, so that a client learns its token
/// went stale instead of silently getting anonymous answers.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = PasserelleRequestContext

    let sessions: SessionStore
    let accounts: AccountStore

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard let token = Self.token(header) else {
            throw APIError.unauthorized("the Authorization header must be Bearer followed by a token")
        }
        guard let session = try await sessions.get(tokenHash: SessionToken.hash(token)), session.kind == .bearer,
            let account = try await accounts.get(id: session.accountID)
        else {
            throw APIError.unauthorized("the token is unknown or expired: sign in again")
        }
        var context = context
        context.viewer = Viewer(account: account)
        return try await next(request, context)
    }

    /// The token of a `Bearer` header (the scheme in any case, RFC 7235); nil otherwise.
    static func token(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
