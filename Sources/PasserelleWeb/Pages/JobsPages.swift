import Foundation
import Hummingbird
import PasserelleCore

extension PageArea {
    /// Home, job search and the job page: for everyone, with more for a signed-in member.
    static let jobs = PageArea(
        name: "jobs",
        templates: ["home": PackageResources.home_mustache],
        catalogs: [
            "jobs.fr.json": PackageResources.jobs_fr_json, "jobs.en.json": PackageResources.jobs_en_json,
            "jobs.de.json": PackageResources.jobs_de_json, "jobs.es.json": PackageResources.jobs_es_json,
            "jobs.it.json": PackageResources.jobs_it_json, "jobs.pt.json": PackageResources.jobs_pt_json,
            "jobs.zh.json": PackageResources.jobs_zh_json,
        ],
        addRoutes: { pages in
            pages.get("") { page in JobsPages.home(page) }
        })
}

enum JobsPages {
    static func home(_ page: PageRequest) -> Response {
        page.render("home", title: page.t("home.title"), ["search": ["country": page.country.code]])
    }
}
