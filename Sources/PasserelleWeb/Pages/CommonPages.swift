import Foundation
import HTTPTypes
import Hummingbird
import PasserelleCore

extension PageArea {
    /// The layout, the error page, the static files and `/`, which sends a
    /// browser to the language it prefers.
    static let common = PageArea(
        name: "common",
        templates: ["layout": PackageResources.layout_mustache, "error": PackageResources.error_mustache],
        catalogs: [
            "common.fr.json": PackageResources.common_fr_json, "common.en.json": PackageResources.common_en_json,
            "common.de.json": PackageResources.common_de_json, "common.es.json": PackageResources.common_es_json,
            "common.it.json": PackageResources.common_it_json, "common.pt.json": PackageResources.common_pt_json,
            "common.zh.json": PackageResources.common_zh_json,
        ],
        addRoutes: { pages in
            pages.router.get("/") { request, _ in
                PageRequest.seeOther(
                    PageRouter.route(CommonPages.preferredLanguage(request.headers[.acceptLanguage]), ""))
            }
            // Any other path under a language: the error page in that language, not the API's JSON.
            pages.get("**") { _ in throw APIError.notFound("page") }
            pages.router.get("/static/site.css") { _, _ in
                CommonPages.staticFile(PackageResources.site_css, type: "text/css; charset=utf-8")
            }
            pages.router.get("/static/site.js") { _, _ in
                CommonPages.staticFile(PackageResources.site_js, type: "text/javascript; charset=utf-8")
            }
        })
}

enum CommonPages {
    /// The first language of `Accept-Language` the pages speak, by weight
    /// (`de-CH;q=0.9, en;q=0.8` → de); English when none.
    static func preferredLanguage(_ header: String?) -> Language {
        guard let header else { return .en }
        var choices: [(language: Language, weight: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            guard let language = Language(rawValue: primary) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0 { choices.append((language, weight, order)) }
        }
        return choices.min { ($0.weight, -$0.order) > ($1.weight, -$1.order) }?.language ?? .en
    }

    /// A compiled-in file, cached by browsers for an hour.
    static func staticFile(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
