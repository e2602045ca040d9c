import Foundation
import Hummingbird
import Logging
import Mustache
import PasserelleCore
import PasserelleSearch
import PasserelleStore

/// One request to a page: its language, its viewer, the catalogs, the locale's
/// formats, the CSRF token, and how to answer (render a template, redirect).
struct PageRequest: Sendable {
    let request: Request
    let context: PasserelleRequestContext
    let language: Language
    let site: PageSite
    let services: PageServices
    let csrf: CSRF
    /// The submitted form, for a POST (read and checked before the handler runs).
    var form: PageForm?

    init(
        request: Request, context: PasserelleRequestContext, language: Language, site: PageSite,
        services: PageServices
    ) {
        self.request = request
        self.context = context
        self.language = language
        self.site = site
        self.services = services
        csrf = CSRF.of(request, viewer: context.viewer)
    }

    var viewer: Viewer? { context.viewer }
    var messages: Messages { site.catalogs[language] }
    var format: LocaleFormat { LocaleFormat.shared[language]! }

    /// The text of `key` in the page's language.
    func t(_ key: String) -> String { messages[key] }

    /// The path of a page in this language: `path("jobs")` is `/fr/jobs`.
    func path(_ relative: String) -> String { PageRouter.route(language, relative) }

    /// A query parameter, nil when absent or blank.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// The country job space the viewer looks at: `country` in the query, else the
    /// one chosen before (a cookie), else the language's own (fr: FR, en: GB, zh: CN).
    var country: Country {
        if let code = query("country"), let country = Country(code), country.hasJobSpace { return country }
        if let cookie = request.cookies[Self.countryCookie], let country = Country(cookie.value), country.hasJobSpace {
            return country
        }
        return Self.defaultCountries[language]!
    }

    static let countryCookie = "passerelle_country"
    static let defaultCountries: [Language: Country] = [
        .fr: .france, .en: .unitedKingdom, .de: .germany, .es: .spain, .it: .italy, .pt: .portugal, .zh: .china,
    ]
    /// Each language's name in itself, for the switcher (not translated: a reader finds its own).
    static let nativeNames: [Language: String] = [
        .fr: "Français", .en: "English", .de: "Deutsch", .es: "Español", .it: "Italiano", .pt: "Português",
        .zh: "中文",
    ]

    /// `template` inside the layout, with `title` (already in the page's language:
    /// pass `t("…")` or what the member wrote) and `model` for the template.
    /// Everything in it is escaped by `{{…}}`: never pass user text to `{{{…}}}`.
    func render(
        _ template: String, title: String, _ model: [String: Any] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        var object = Self.blanked(model) as? [String: Any] ?? [:]
        object["t"] = messages.lookup
        object["page"] = layout(title: title)
        guard let html = site.library.render(object, withTemplate: template) else {
            context.logger.error("no page template", metadata: ["template": "\(template)"])
            return Response(status: .internalServerError)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.code
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `value` with every empty string made ``Blank``: mustache takes "" for true
    /// in a section, and a template wants `{{#city}}…{{/city}}` to leave out an empty city.
    static func blanked(_ value: Any) -> Any {
        switch value {
        case let text as String: return text.isEmpty ? Blank() : text
        case let object as [String: Any]: return object.mapValues(blanked)
        case let list as [[String: Any]]: return list.map { blanked($0) }
        case let list as [String]: return list.map { blanked($0) }
        case let list as [Any]: return list.map(blanked)
        default: return value
        }
    }

    /// An empty value: false in a section, nothing when shown, and found where it
    /// is (not looked for in the enclosing objects, as a missing key would be).
    struct Blank: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    /// 303 See Other to a page of this language (`redirect("network")`), after a form.
    func redirect(_ relative: String) -> Response { Self.seeOther(path(relative)) }

    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The layout's `page`: title, language, switcher, countries, navigation, token.
    func layout(title: String) -> [String: Any] {
        let rest = Self.pathAfterLanguage(request.uri.path)
        let queryString = request.uri.query.map { "?" + $0 } ?? ""
        let languages: [[String: Any]] = Language.allCases.map { other in
            [
                "code": other.code, "name": Self.nativeNames[other]!,
                "url": PageRouter.route(other, rest) + (request.method == .get ? queryString : ""),
                "current": other == language,
            ]
        }
        let chosen = country
        let countries: [[String: Any]] = Country.jobSpaces.map {
            ["code": $0.code, "name": format.countryName($0), "selected": $0 == chosen]
        }
        var navigation: [[String: Any]] = []
        for area in site.areas {
            for link in area.navigation(self) {
                navigation.append([
                    "label": messages[link.label], "url": path(link.path), "test": link.test,
                    "current": rest == link.path,
                ])
            }
        }
        var page: [String: Any] = [
            "title": title, "lang": language.code, "languages": languages, "countries": countries,
            "country": chosen.code, "nav": navigation, "csrf": csrf.token, "home": path(""), "jobs": path("jobs"),
            "login": path("login"), "signup": path("signup"), "logout": path("logout"),
            "next": request.uri.path,
        ]
        if let viewer {
            page["viewer"] = [
                "isRecruiter": viewer.role == .recruiter || viewer.role == .admin, "isAdmin": viewer.role == .admin,
            ]
        }
        return page
    }

    /// `/fr/jobs/12` → `jobs/12`.
    static func pathAfterLanguage(_ path: String) -> String {
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        return parts.count > 1 ? String(parts[1]) : ""
    }

    /// Adds what every answer of a page needs: the CSRF cookie when it is new.
    func finish(_ response: Response) -> Response {
        var response = response
        if let cookie = csrf.newCookie { response.setCookie(cookie) }
        return response
    }

    /// The page for `error`: sign-in for a 401 (then back here), otherwise the
    /// error page with the status the API would give, in the page's language.
    func errorPage(_ error: any Error) throws -> Response {
        let answer = Self.answer(for: error)
        if answer.status == .unauthorized {
            let back = request.method == .get ? request.uri.description : path("")
            return Self.seeOther(path("login") + "?next=" + Self.queryEscaped(back))
        }
        if answer.status.code >= 500 {
            context.logger.error(
                "page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
        }
        let code = answer.status.code
        let known = [400, 403, 404, 413, 422, 429, 503]
        let key = known.contains(code) ? "error.\(code)" : "error.500"
        var response = render(
            "error", title: t(key + ".title"),
            ["error": ["heading": t(key + ".title"), "text": t(key + ".text"), "status": code]], status: answer.status)
        if code == 429 || code == 503 { response.headers.append(contentsOf: answer.headers) }
        return response
    }

    /// What the API answers `error` with (``APIErrorMiddleware``'s mapping): the
    /// pages tell a refusal (409, 422) from a fault by its status.
    static func answer(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: error
        case let error as StoreError: APIError(error)
        case let error as ValidationError: .unprocessable(error)
        case let error as SearchError: APIError(error)
        case let error as PostgresError: APIError(error)
        case let error as HTTPError:
            APIError(error.status, code: "http", message: error.body ?? error.status.reasonPhrase)
        default: .internalError
        }
    }

    /// Runs `body`, a call of a controller, and gives the API's refusal back as
    /// its ``APIError`` (a store's refusal too); a fault is thrown on.
    static func refusal(_ body: () async throws -> Void) async throws -> APIError? {
        do {
            try await body()
            return nil
        } catch {
            let answer = answer(for: error)
            guard (400..<500).contains(answer.status.code), answer.status != .unauthorized else { throw error }
            return answer
        }
    }

    /// `value` for a query string: ASCII letters, digits and `-._~/` kept, every
    /// other byte of its UTF-8 percent-escaped.
    static func queryEscaped(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
