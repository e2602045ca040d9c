import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("POST /api/v1/auth/register, login, logout")
struct AuthTests {
    static let lea: JSONValue = [
        "email": "Lea@Example.org", "password": "correct horse", "name": "Léa Martin", "country": "FR",
        "language": "fr",
    ]
    static let leaLogin: JSONValue = ["email": "lea@example.org", "password": "correct horse"]

    @Test("Register, sign in with a token, use it, sign out: the token is refused afterwards")
    func bearerFlow() async throws {
        try await withAccountsApp { client, http in
            let registered = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            #expect(registered.status == .accepted)
            #expect(registered.body?["status"] == "accepted")

            let login = try await http.send(.post, "/api/v1/auth/login", json: Self.leaLogin)
            #expect(login.status == .ok)
            let token = try #require(login.body?["token"]?.stringValue)
            #expect(token.count == 43)
            let memberID = try #require(login.body?["member_id"]?.stringValue)
            let member = try #require(try await MemberStore(client: client).get(externalID: memberID))
            #expect(member.name == "Léa Martin" && member.country == .france && member.language == .fr)
            #expect(login.sessionCookie == nil)

            // Only the token's hash is stored.
            let account = try #require(try await AccountStore(client: client).get(email: "lea@example.org"))
            #expect(account.role == .member && account.lastLoginAt != nil)
            #expect(account.passwordHash.hasPrefix("$2b$04$"))
            let sessions = try await SessionStore(client: client).list(accountID: account.id).items
            #expect(sessions.map(\.tokenHash) == [SessionToken.hash(token)])

            // Signed in: a member is refused CV search (403), not asked to sign in (401).
            #expect(try await http.send(.get, "/api/v1/profiles/search", token: token).status == .forbidden)
            #expect(try await http.send(.post, "/api/v1/auth/logout", token: token).status == .noContent)
            let after = try await http.send(.get, "/api/v1/profiles/search", token: token)
            #expect(after.status == .unauthorized)
            #expect(try await SessionStore(client: client).list(accountID: account.id).total == 0)
        }
    }

    @Test("A cookie session: HttpOnly, SameSite=Lax, Path=/, no token in the body; it signs API requests")
    func cookieFlow() async throws {
        try await withAccountsApp { _, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            var login = Self.leaLogin
            login = .object(login.objectValue!.merging(["session": "cookie"]) { $1 })
            let answer = try await http.send(.post, "/api/v1/auth/login", json: login)
            #expect(answer.status == .ok)
            #expect(answer.body?["token"] == nil)
            #expect(answer.body?["member_id"]?.stringValue?.hasPrefix("u-") == true)
            let cookie = try #require(answer.sessionCookie)
            let attributes = Set(
                cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"]))
            #expect(!attributes.contains("Secure"))
            let token = String(cookie.prefix { $0 != ";" }.dropFirst("passerelle_session=".count))

            #expect(try await http.send(.get, "/api/v1/profiles/search", cookie: token).status == .forbidden)
            // The cookie's token is no bearer token.
            #expect(try await http.send(.get, "/api/v1/profiles/search", token: token).status == .unauthorized)
            let logout = try await http.send(.post, "/api/v1/auth/logout", cookie: token)
            #expect(logout.status == .noContent)
            #expect(logout.sessionCookie?.contains("Max-Age=0") == true)
            // A stale cookie: anonymous, and the browser is told to forget it.
            let stale = try await http.send(.get, "/api/v1/profiles/search", cookie: token)
            #expect(stale.status == .unauthorized)
            #expect(stale.sessionCookie?.contains("Max-Age=0") == true)
        }
    }

    @Test("The cookie is Secure when the request came over HTTPS through a proxy")
    func secureCookie() async throws {
        try await withAccountsApp { _, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            let login: JSONValue = ["email": "lea@example.org", "password": "correct horse", "session": "cookie"]
            let answer = try await http.send(
                .post, "/api/v1/auth/login", json: login, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(answer.sessionCookie?.contains("; Secure") == true)
        }
    }

    @Test("A wrong password and an unknown email get the same answer")
    func noEnumerationAtLogin() async throws {
        try await withAccountsApp { _, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            let wrong = try await http.send(
                .post, "/api/v1/auth/login", json: ["email": "lea@example.org", "password": "wrong horse"])
            let unknown = try await http.send(
                .post, "/api/v1/auth/login", json: ["email": "nobody@example.org", "password": "correct horse"])
            #expect(wrong.status == .unauthorized)
            #expect(
                wrong.body == [
                    "error": ["code": "invalid_credentials", "message": "the email or the password is wrong"]
                ])
            #expect(unknown.status == wrong.status)
            #expect(unknown.body == wrong.body)
            #expect(unknown.headers[values: .wwwAuthenticate] == wrong.headers[values: .wwwAuthenticate])
        }
    }

    @Test("Registering a taken email answers as a new one and changes nothing")
    func noEnumerationAtRegister() async throws {
        try await withAccountsApp { client, http in
            let first = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            var again = Self.lea.objectValue!
            again["email"] = "LEA@example.ORG"
            again["password"] = "another password"
            let second = try await http.send(.post, "/api/v1/auth/register", json: .object(again))
            #expect(second.status == first.status)
            #expect(second.body == first.body)
            #expect(try await MemberStore(client: client).list().total == 1)
            #expect(try await http.send(.post, "/api/v1/auth/login", json: Self.leaLogin).status == .ok)
            let intruder = try await http.send(
                .post, "/api/v1/auth/login", json: ["email": "lea@example.org", "password": "another password"])
            #expect(intruder.status == .unauthorized)
        }
    }

    @Test("A bearer token expires after its lifetime")
    func bearerExpiry() async throws {
        try await withAccountsApp(auth: .testing(bearerLifetime: .seconds(3_600))) { client, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.lea)
            let before = Date()
            let login = try await http.send(.post, "/api/v1/auth/login", json: Self.leaLogin)
            let token = try #require(login.body?["token"]?.stringValue)
            let expiresAt = try #require(login.body?["expires_at"]?.stringValue.flatMap(Timestamp.parse))
            #expect(
                expiresAt >= before.addingTimeInterval(3_600 - 1) && expiresAt <= Date().addingTimeInterval(3_600 + 1))
            #expect(try await http.send(.get, "/api/v1/profiles/search", token: token).status == .forbidden)
            // The lifetime over: the session's times moved back an hour and a half rather than waited for.
            _ = try await client.query(
                """
                UPDATE sessions SET created_at = created_at - interval '90 minutes',
                    expires_at = expires_at - interval '90 minutes'
                """)
            let expired = try await http.send(.get, "/api/v1/profiles/search", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.errorMessage == "the token is unknown or expired: sign in again")
        }
    }

    @Test("A cookie session past half its lifetime is extended, and the cookie set again")
    func slidingCookie() async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            _ = staff
            let account = try #require(try await AccountStore(client: client).get(email: "member@example.org"))
            let now = Date()
            let session = try await SessionStore(client: client).create(
                Session(
                    accountID: account.id, kind: .cookie, tokenHash: SessionToken.hash("old-cookie"),
                    createdAt: now.addingTimeInterval(-6 * 86_400), expiresAt: now.addingTimeInterval(86_400)))
            let answer = try await http.send(.get, "/api/v1/jobs/search", cookie: "old-cookie")
            #expect(answer.status == .ok)
            #expect(answer.sessionCookie?.hasPrefix("passerelle_session=old-cookie;") == true)
            let extended = try #require(try await SessionStore(client: client).get(id: session.id))
            #expect(abs(extended.expiresAt.timeIntervalSince(now) - 7 * 86_400) < 60)
            // A fresh session is left alone: no write, no cookie.
            let again = try await http.send(.get, "/api/v1/jobs/search", cookie: "old-cookie")
            #expect(again.sessionCookie == nil)
        }
    }

    @Test("A write signed by the cookie from another site's page is refused")
    func crossSiteWrite() async throws {
        try await withAccountsApp { client, http in
            let staff = try await Staff(client: client)
            let account = try #require(try await AccountStore(client: client).get(email: "acmeRecruiter@example.org"))
            _ = try await SessionStore(client: client).create(
                Session(
                    accountID: account.id, kind: .cookie, tokenHash: SessionToken.hash("rita-cookie"),
                    expiresAt: Date().addingTimeInterval(3600)))
            let foreign = try await http.send(
                .post, "/api/v1/jobs", json: Staff.body(), cookie: "rita-cookie",
                headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            let sameSite = try await http.send(
                .post, "/api/v1/jobs", json: Staff.body(), cookie: "rita-cookie",
                headers: [.origin: "http://localhost"])
            #expect(sameSite.status == .created)
            #expect(sameSite.body?["hiringOrganization"]?["identifier"] == .string(staff.acme.externalID))
        }
    }

    @Test("Logout without a session is 401")
    func logoutAnonymous() async throws {
        try await withAccountsApp { _, http in
            let answer = try await http.send(.post, "/api/v1/auth/logout")
            #expect(answer.status == .unauthorized)
        }
    }

    @Test("Bad register and login bodies are 400 or 422 naming the field", arguments: BadAuthBody.all)
    func badBodies(_ example: BadAuthBody) async throws {
        try await withAccountsApp { _, http in
            let answer = try await http.send(.post, example.path, raw: Array(example.body.utf8))
            #expect(answer.status.code == example.status)
            #expect(answer.errorMessage.hasPrefix(example.message), "\(answer.errorMessage)")
        }
    }

    @Test("A body over 1 MB is 413")
    func tooLarge() async throws {
        try await withAccountsApp { _, http in
            let huge = "{\"email\": \"" + String(repeating: "a", count: 1 << 20) + "\"}"
            let answer = try await http.send(.post, "/api/v1/auth/login", raw: Array(huge.utf8))
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "too_large", "\(answer)")
        }
    }
}

struct BadAuthBody: Sendable, CustomTestStringConvertible {
    let path: String
    let body: String
    let status: Int
    let message: String

    var testDescription: String { "\(path) \(body.prefix(60))" }

    static let register = "/api/v1/auth/register"
    static let login = "/api/v1/auth/login"
    static let fields = #""name": "Léa", "country": "FR", "language": "fr""#

    static let all: [BadAuthBody] = [
        .init(path: login, body: "{\"email\": ", status: 400, message: "body: not valid JSON"),
        .init(path: login, body: "[1, 2]", status: 400, message: "body: must be a JSON object"),
        .init(path: login, body: #"{"email": "a@b.c"}"#, status: 400, message: "password: is required"),
        .init(path: login, body: #"{"email": 42, "password": "x"}"#, status: 400, message: "email: must be a string"),
        .init(
            path: login, body: #"{"email": "a@b.c", "password": "correct horse", "session": "forever"}"#,
            status: 400, message: "session: must be bearer or cookie"),
        .init(
            path: register,
            body:
                #"{"email": "a@b.c", "password": "correct horse", "name": "Léa", "country": "France", "language": "fr"}"#,
            status: 400, message: "country: must be an ISO 3166-1 alpha-2 country code"),
        .init(
            path: register,
            body:
                #"{"email": "a@b.c", "password": "correct horse", "name": "Léa", "country": "FR", "language": "klingon"}"#,
            status: 400, message: "language: must be one of the languages"),
        .init(
            path: register, body: #"{"email": "not-an-email", "password": "correct horse", "# + fields + "}",
            status: 422, message: "email: must be an email address"),
        .init(
            path: register, body: #"{"email": "a@b.c", "password": "short", "# + fields + "}", status: 422,
            message: "password: must be 8 to 72 bytes long (got 5)"),
        .init(
            path: register,
            body: #"{"email": "a@b.c", "password": "correct horse", "name": " ", "country": "FR", "language": "fr"}"#,
            status: 422, message: "name: must not be empty"),
        .init(path: register, body: #"{"email": "a@b.c"}"#, status: 400, message: "password: is required"),
    ]
}
