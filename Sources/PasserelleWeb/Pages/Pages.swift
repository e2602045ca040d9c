import Hummingbird

/// The pages for people (HTML, in seven languages) beside the JSON API.
enum Pages {
    /// Adds every area's routes, under `/{lang}/` for each language, and `/`.
    static func addRoutes(to router: Router<PasserelleRequestContext>, services: PageServices) {
        let pages = PageRouter(router: router, services: services, site: .compiled)
        for area in pages.site.areas { area.addRoutes(pages) }
    }
}
