import Foundation
import Hummingbird
import Logging
import PasserelleCore

/// Registers an area's pages under every language's prefix: `get("jobs/{id}")`
/// answers `/fr/jobs/{id}`, `/de/jobs/{id}`… The handler gets a ``PageRequest``
/// that knows the language, the viewer, the catalogs and how to render. A POST
/// is refused (403) unless its form carries the page's CSRF token.
struct PageRouter {
    let router: Router<PasserelleRequestContext>
    let services: PageServices
    let site: PageSite

    typealias Handler = @Sendable (PageRequest) async throws -> Response

    /// A page read with GET (HEAD too).
    func get(_ path: String, _ handler: @escaping Handler) {
        for language in Language.allCases {
            let (site, services) = (site, services)
            router.get(RouterPath(Self.route(language, path))) { request, context in
                try await Self.answer(request, context, language, site, services, checkingForm: false, handler)
            }
        }
    }

    /// A form's target: the body is read as `application/x-www-form-urlencoded`
    /// (``PageRequest/form``) and must carry the CSRF token.
    func post(_ path: String, _ handler: @escaping Handler) {
        for language in Language.allCases {
            let (site, services) = (site, services)
            router.post(RouterPath(Self.route(language, path))) { request, context in
                try await Self.answer(request, context, language, site, services, checkingForm: true, handler)
            }
        }
    }

    static func route(_ language: Language, _ path: String) -> String {
        path.isEmpty ? "/\(language.code)" : "/\(language.code)/\(path)"
    }

    private static func answer(
        _ request: Request, _ context: PasserelleRequestContext, _ language: Language, _ site: PageSite,
        _ services: PageServices, checkingForm: Bool, _ handler: Handler
    ) async throws -> Response {
        var page = PageRequest(
            request: request, context: context, language: language, site: site, services: services)
        do {
            if checkingForm {
                page.form = try await PageForm.read(request, context: context)
                guard let sent = page.form?["_csrf"], CSRF.matches(sent, page.csrf.token) else {
                    throw APIError.forbidden("the form is stale or came from another site: reload the page")
                }
            }
            return try await page.finish(handler(page))
        } catch {
            return try page.finish(page.errorPage(error))
        }
    }
}
