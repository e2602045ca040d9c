import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Accounts over HTTP (API.md): `POST /api/v1/auth/register`, `POST /api/v1/auth/login`,
/// `POST /api/v1/auth/logout`.
///
/// Nothing here tells whether an email has an account. Login answers a wrong
/// password and an unknown email with the same 401 after the same bcrypt work.
/// Register answers 202 Accepted with the same body whether it created the
/// account or the email was already taken (and then saves nothing): a 409 would
/// let anyone test addresses one by one, at the rate limit. The cost falls on
/// someone who registers twice: the second answer does not say that the first
/// worked, and signing in tells. (With a mailer, the owner of the address would
/// get a note either way.)
struct AuthController: Sendable {
    let signIn: SignIn
    let registry: AccountRegistry

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let auth = router.group("api/v1/auth")
        auth.post("register") { request, context in try await register(request, context: context) }
        auth.post("login") { request, context in try await login(request, context: context) }
        auth.post("logout") { request, context in try await logout(request, context: context) }
    }

    struct RegisterBody: Decodable {
        let email: String
        let password: String
        let name: String
        let country: String
        let language: String
    }

    /// The same for a new account and for an email already taken.
    struct Registered: ResponseEncodable {
        var status = "accepted"
        var message = "sign in with this email and password to use the account"
    }

    func register(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<Registered> {
        try signIn.countAttempt(from: address(of: request, context: context))
        let body = try await JSONBody.decode(RegisterBody.self, from: request, context: context)
        var codes = Validator()
        let country = codes.country(body.country, field: "country")
        let language = codes.language(body.language, field: "language")
        do { try codes.finish() } catch { throw APIError.invalidBody(error) }
        var rules = Validator()
        rules.email(body.email, field: "email")
        rules.password(body.password, field: "password")
        rules.nonBlank(body.name, field: "name")
        do { try rules.finish() } catch { throw APIError.unprocessable(error) }
        guard let country, let language else { throw APIError.internalError }
        _ = try await registry.register(
            email: body.email, password: body.password, name: body.name, country: country, language: language)
        return EditedResponse(status: .accepted, response: Registered())
    }

    struct LoginBody: Decodable {
        let email: String
        let password: String
        /// `bearer` (the default): the token comes in the answer. `cookie`: it comes
        /// as an HttpOnly cookie only, out of reach of the page's scripts.
        let session: String?
    }

    struct SignedIn: ResponseEncodable {
        /// Absent for a cookie session.
        let token: String?
        let memberID: String
        let expiresAt: String

        enum CodingKeys: String, CodingKey {
            case token
            case memberID = "member_id"
            case expiresAt = "expires_at"
        }
    }

    func login(_ request: Request, context: PasserelleRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(LoginBody.self, from: request, context: context)
        let kind = try body.session.map { text in
            guard let kind = Session.Kind(rawValue: text) else {
                throw APIError.invalidBody(
                    "session", "must be bearer or cookie (got \(String(text.prefix(40)).debugDescription))")
            }
            return kind
        }
        let issued = try await signIn.signIn(
            email: body.email, password: body.password, address: address(of: request, context: context),
            kind: kind ?? .bearer)
        guard let member = try await MemberStore(client: registry.client).get(id: issued.account.memberID) else {
            throw APIError.internalError
        }
        let answer = SignedIn(
            token: issued.session.kind == .bearer ? issued.token : nil, memberID: member.externalID,
            expiresAt: Timestamp.rfc3339(issued.session.expiresAt))
        var response = try answer.response(from: request, context: context)
        if issued.session.kind == .cookie {
            response.setCookie(
                SessionCredential.cookie(
                    token: issued.token, expiresAt: issued.session.expiresAt, now: issued.session.createdAt,
                    secure: SessionCredential.cameOverTLS(request)))
        }
        return response
    }

    /// Ends the session the request is signed with: 204, and a cookie session's
    /// cookie is cleared. 401 when it is signed with none.
    func logout(_ request: Request, context: PasserelleRequestContext) async throws -> Response {
        guard context.viewer != nil, let credential = try SessionCredential.of(request) else {
            throw APIError.unauthorized("nobody is signed in on this request")
        }
        try await signIn.signOut(credential)
        var response = Response(status: .noContent)
        if credential.kind == .cookie {
            response.setCookie(SessionCredential.expiredCookie(secure: SessionCredential.cameOverTLS(request)))
        }
        return response
    }

    private func address(of request: Request, context: PasserelleRequestContext) -> String {
        ClientAddress.of(request, context: context, trustsForwardedHeaders: signIn.configuration.trustsForwardedHeaders)
    }
}
