import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Mustache
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

typealias MustacheTemplateAlias = MustacheTemplate

/// The message keys templates use: `{{t.a.b}}` (also in sections).
enum PagesTemplateKeys {
    static func used(in templates: [String: String]) -> [String: Set<String>] {
        let pattern = try! Regex(#"\{\{[#^/]?\s*t\.([A-Za-z0-9_.]+)\s*\}\}"#)
        var used: [String: Set<String>] = [:]
        for (name, text) in templates {
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { used[name, default: []].insert(String(key)) }
            }
        }
        return used
    }
}

/// A page's answer: status, headers, the HTML.
struct PageAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let html: String

    /// The keys the page shows as missing (`⟦key⟧`).
    var missingKeys: [String] {
        html.matches(of: try! Regex(#"⟦([^⟧]*)⟧"#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The cookies set, by name.
    var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers[values: .setCookie] {
            let pair = header.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1)
            if pair.count == 2 {
                cookies[String(pair[0])] = String(pair[1])
            } else if pair.count == 1 {
                cookies[String(pair[0])] = ""
            }
        }
        return cookies
    }

    /// The value of the first `name="_csrf" value="…"` of the page.
    var csrf: String? {
        html.firstMatch(of: try! Regex(#"name="_csrf" value="([^"]*)""#))?.output[1].substring.map(String.init)
    }
}

extension TestClientProtocol {
    /// Requests a page with `cookies`, or posts a form.
    func page(
        _ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]? = nil, cookies: [String: String] = [:],
        headers extra: HTTPFields = [:]
    ) async throws -> PageAnswer {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        var body: ByteBuffer?
        if let form {
            let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "ªº"))
            body = ByteBuffer(
                string: form.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                }.joined(separator: "&"))
            headers[.contentType] = "application/x-www-form-urlencoded"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            PageAnswer(
                status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
    }
}

/// Runs `body` against an application on a fresh database and empty shards.
func withPagesApp(
    _ body: @escaping @Sendable (PostgresClient, any TestClientProtocol) async throws -> Void
) async throws {
    try await withAccountsApp { client, http in try await body(client, http) }
}

/// The world of the pages' tests, in a real database with real shards built
/// from it (``Reindexer``) and the graph loaded from it: Acme (France) with two
/// postings in Toulouse (one titled with a `<script>`) and one in Paris, a
/// German posting; Léa (a member in Toulouse whose CV summary holds HTML),
/// Farid (her connection, working at Acme), Greta (Farid's colleague at Acme,
/// 2nd degree to Léa), Hugo (their colleague, connected to no one). Léa, Farid
/// and Greta have cookie sessions; all have the same password.
struct PagesWorld: Sendable {
    let client: PostgresClient
    let acme: Company
    let swift: JobPosting
    let hostile: JobPosting
    let paris: JobPosting
    let berlin: JobPosting
    let lea: Member
    let farid: Member
    let greta: Member

    static let hostileTitle = "Ingénieure <script>alert(1)</script> Swift"
    static let hostileSummary = "<b>Gras</b> <img src=x onerror=alert(2)> & \"guillemets\""
    static let password = "correct horse battery"
    /// The session cookie tokens of Léa and Farid.
    static let leaToken = "lea-cookie-token-0123456789abcdefghijklmnopqrstuv"
    static let faridToken = "farid-cookie-token-0123456789abcdefghijklmnopqrstu"
    static let gretaToken = "greta-cookie-token-0123456789abcdefghijklmnopqrstu"

    /// Runs `body` with the world and an application over it.
    static func with(
        _ body: @escaping @Sendable (PagesWorld, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestPostgres.withDatabase { client, _ in
            let world = try await PagesWorld.make(client)
            let layout = IndexLayout(root: try makeTemporaryDataDirectory().appendingPathComponent("index"))
            defer { try? FileManager.default.removeItem(at: layout.root.deletingLastPathComponent()) }
            var logger = Logger(label: "test.pages")
            logger.logLevel = .warning
            _ = try await Reindexer(client: client, layout: layout, logger: logger, parallelShards: 1).run(
                countries: [.france, .germany])
            let graph = NetworkGraph(client: client, logger: logger)
            try await graph.load()
            let app = buildApplication(
                WebConfiguration(auth: .testing()), database: client, search: SearchIndex(layout: layout, threads: 1),
                network: graph, logger: logger)
            try await app.test(.router) { http in try await body(world, http) }
        }
    }

    static func make(_ client: PostgresClient) async throws -> PagesWorld {
        let acme = try await CompanyStore(client: client).create(
            Company(externalID: "acme", name: "Acme", country: .france, url: "https://acme.example"))
        let postings = JobPostingStore(client: client)
        let today = CalendarDate(utcDayOf: Date())
        let toulouse = GeoPoint(latitude: 43.6047, longitude: 1.4442)
        func posting(
            _ title: String, city: String, at point: GeoPoint, country: Country = .france
        ) async throws
            -> JobPosting
        {
            try await postings.create(
                JobPosting(
                    country: country, companyID: acme.id, language: country == .germany ? .de : .fr,
                    requisitionID: "REQ-\(title.hashValue)", title: title,
                    description: "<p>Vous écrirez des applications en Swift.</p><ul><li>PostgreSQL</li></ul>",
                    employmentTypes: [.fullTime], city: city, coordinates: point,
                    salary: SalaryRange(minimum: 45_000, maximum: 55_000, currency: "EUR", period: .year),
                    skills: ["Swift"], datePosted: today.adding(days: -2)))
        }
        let swift = try await posting("Développeuse Swift", city: "Toulouse", at: toulouse)
        let hostile = try await posting(hostileTitle, city: "Toulouse", at: GeoPoint(latitude: 43.62, longitude: 1.45))
        let paris = try await posting(
            "Développeur Swift senior", city: "Paris", at: GeoPoint(latitude: 48.8566, longitude: 2.3522))
        let berlin = try await posting(
            "Softwareentwickler Swift", city: "Berlin", at: GeoPoint(latitude: 52.52, longitude: 13.405),
            country: .germany)
        let members = MemberStore(client: client)
        let hash = try await PasswordHasher(cost: 4, threads: 1).hash(password)
        func person(_ id: String, _ name: String, token: String?) async throws -> Member {
            let member = try await members.create(
                Member(
                    externalID: id, name: name, email: "\(id)@example.org", country: .france, language: .fr,
                    headline: "Développeuse"))
            let account = try await AccountStore(client: client).create(
                Account(memberID: member.id, email: "\(id)@example.org", passwordHash: hash))
            if let token {
                _ = try await SessionStore(client: client).create(
                    Session(
                        accountID: account.id, kind: .cookie, tokenHash: SessionToken.hash(token),
                        expiresAt: Date().addingTimeInterval(3600)))
            }
            return member
        }
        let lea = try await person("lea", "Léa Martin", token: leaToken)
        let farid = try await person("farid", "Farid Benali", token: faridToken)
        let greta = try await person("greta", "Greta Schulz", token: gretaToken)
        let hugo = try await person("hugo", "Hugo Lefèvre", token: nil)
        let resume: JSONValue = [
            "basics": [
                "name": "Léa Martin", "label": "Développeuse", "email": "lea@example.org",
                "summary": .string(hostileSummary), "location": ["city": "Toulouse", "countryCode": "FR"],
            ],
            "work": [["name": "Globex", "position": "Développeuse iOS", "startDate": "2019-09"]],
            "skills": [["name": "Swift"]],
            "meta": ["id": "lea", "country": "FR", "language": "fr"],
        ]
        _ = try await ProfileStore(client: client).create(
            Profile(
                memberID: lea.id, country: .france, language: .fr, resume: resume, headline: "Développeuse",
                summary: hostileSummary, city: "Toulouse", coordinates: toulouse, skills: ["Swift"]))
        let employments = EmploymentStore(client: client)
        _ = try await employments.create(Employment(memberID: farid.id, companyID: acme.id, title: "Manager"))
        _ = try await employments.create(Employment(memberID: greta.id, companyID: acme.id, title: "Testeuse"))
        _ = try await employments.create(Employment(memberID: hugo.id, companyID: acme.id, title: "Comptable"))
        _ = try await ConnectionStore(client: client).create(Connection(lea.id, farid.id))
        _ = try await ConnectionStore(client: client).create(Connection(farid.id, greta.id))
        return PagesWorld(
            client: client, acme: acme, swift: swift, hostile: hostile, paris: paris, berlin: berlin, lea: lea,
            farid: farid, greta: greta)
    }
}

extension TestClientProtocol {
    /// A page as Léa (`.lea`), Farid or nobody sees it.
    func page(_ uri: String, as token: String?) async throws -> PageAnswer {
        try await page(.get, uri, cookies: token.map { ["passerelle_session": $0] } ?? [:])
    }

    /// Posts `form` with the CSRF token of the page at `from`, as the holder of `token`.
    func submit(
        _ uri: String, form: [(String, String)], from: String, as token: String?
    ) async throws -> PageAnswer {
        let before = try await page(from, as: token)
        var cookies = token.map { ["passerelle_session": $0] } ?? [:]
        if let csrf = before.cookies["passerelle_csrf"] { cookies["passerelle_csrf"] = csrf }
        let csrf = try #require(before.csrf, "no form on \(from)")
        return try await page(.post, uri, form: [("_csrf", csrf)] + form, cookies: cookies)
    }
}
