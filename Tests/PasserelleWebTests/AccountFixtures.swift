import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

extension AuthConfiguration {
    /// bcrypt at its minimum cost, so that a test signs in in milliseconds.
    static func testing(
        loginsPerAccount: RateLimiter.Limit = .init(burst: 100, per: .seconds(1)),
        loginsPerAddress: RateLimiter.Limit = .init(burst: 100, per: .seconds(1)),
        bearerLifetime: Duration = .seconds(3600), trustsForwardedHeaders: Bool = false
    ) -> AuthConfiguration {
        AuthConfiguration(
            passwordCost: 4, bearerLifetime: bearerLifetime, loginsPerAccount: loginsPerAccount,
            loginsPerAddress: loginsPerAddress, trustsForwardedHeaders: trustsForwardedHeaders)
    }
}

/// Runs `body` against the router of an application on a fresh database and
/// empty shards, with `auth`.
func withAccountsApp(
    auth: AuthConfiguration = .testing(),
    _ body: @escaping @Sendable (PostgresClient, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestPostgres.withDatabase { client, _ in
        let shards = try TestShards()
        try await shards.withApp(database: client, configuration: WebConfiguration(auth: auth)) { http in
            try await body(client, http)
        }
    }
}

/// An answer read as JSON (nil for an empty body), with its headers.
struct Answer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: JSONValue?

    var errorCode: String? { body?.errorCode }
    var errorMessage: String { body?.errorMessage ?? "" }
    /// The `Set-Cookie` header of the session cookie.
    var sessionCookie: String? {
        headers[values: .setCookie].first { $0.hasPrefix("passerelle_session=") }
    }
}

extension TestClientProtocol {
    /// Sends `json` (or `raw` bytes) with a bearer token or a session cookie.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, raw: [UInt8]? = nil,
        token: String? = nil, cookie: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = "passerelle_session=\(cookie)" }
        var body: ByteBuffer?
        if let json { body = ByteBuffer(data: try JSONEncoder().encode(json)) }
        if let raw { body = ByteBuffer(bytes: raw) }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            let data = Data(buffer: response.body)
            return Answer(
                status: response.status, headers: response.headers,
                body: data.isEmpty ? nil : try JSONDecoder().decode(JSONValue.self, from: data))
        }
    }
}

/// Two companies, Acme and Globex, each with a recruiter and an admin, and a
/// plain member: accounts with bearer tokens saved straight in the stores.
struct Staff {
    enum Role: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case anonymous, member, acmeRecruiter, globexRecruiter, acmeAdmin, globexAdmin

        var testDescription: String { rawValue }
        /// The bearer token the fixture gives this role; nil for anonymous.
        var token: String? { self == .anonymous ? nil : "token-of-\(rawValue)" }
        /// True for the recruiters and admins of Acme, whose postings the matrix changes.
        var actsForAcme: Bool { self == .acmeRecruiter || self == .acmeAdmin }
    }

    let acme: Company
    let globex: Company

    init(client: PostgresClient) async throws {
        let companies = CompanyStore(client: client)
        acme = try await companies.create(Company(externalID: "acme", name: "Acme", country: .france))
        globex = try await companies.create(Company(externalID: "globex", name: "Globex", country: .germany))
        let roles: [(Role, Account.Role, Int64?)] = [
            (.member, .member, nil), (.acmeRecruiter, .recruiter, acme.id), (.globexRecruiter, .recruiter, globex.id),
            (.acmeAdmin, .admin, acme.id), (.globexAdmin, .admin, globex.id),
        ]
        for (role, accountRole, company) in roles {
            let member = try await MemberStore(client: client).create(
                Member(externalID: role.rawValue, name: role.rawValue, country: .france, language: .fr))
            let account = try await AccountStore(client: client).create(
                Account(
                    memberID: member.id, email: "\(role.rawValue)@example.org", passwordHash: "unused",
                    role: accountRole, companyID: company))
            _ = try await SessionStore(client: client).create(
                Session(
                    accountID: account.id, kind: .bearer, tokenHash: SessionToken.hash(role.token!),
                    expiresAt: Date().addingTimeInterval(3600)))
        }
    }

    /// A posting of `company`, saved through the store.
    func posting(of company: Company, _ requisitionID: String, client: PostgresClient) async throws -> JobPosting {
        try await JobPostingStore(client: client).create(
            JobPosting(
                country: .france, companyID: company.id, language: .fr, requisitionID: requisitionID,
                title: "Développeuse Swift", description: "<p>Swift</p>", city: "Toulouse", datePosted: day(0)))
    }

    /// A JobPosting body as FORMATS.md has it, without `hiringOrganization`.
    static func body(_ requisitionID: String = "REQ-1", title: String = "Développeuse Swift") -> JSONValue {
        [
            "@context": "https://schema.org", "@type": "JobPosting", "identifier": .string(requisitionID),
            "title": .string(title), "description": "<p>Swift et PostgreSQL</p>", "inLanguage": "fr",
            "datePosted": .string(day(0).description), "employmentType": ["FULL_TIME"],
            "jobLocation": ["@type": "Place", "address": ["addressLocality": "Toulouse", "addressCountry": "FR"]],
        ]
    }
}
