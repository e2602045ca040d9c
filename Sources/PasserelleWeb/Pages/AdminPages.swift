import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

extension PageArea {
    /// The company admin's page: talent reachable through the company's own
    /// employees, found by `GET /api/v1/companies/{id}/talent`'s own controller.
    static let admin = PageArea(
        name: "admin",
        templates: ["AdminTalent": PackageResources.AdminTalent_mustache],
        catalogs: [
            "admin.fr.json": PackageResources.admin_fr_json, "admin.en.json": PackageResources.admin_en_json,
            "admin.de.json": PackageResources.admin_de_json, "admin.es.json": PackageResources.admin_es_json,
            "admin.it.json": PackageResources.admin_it_json, "admin.pt.json": PackageResources.admin_pt_json,
            "admin.zh.json": PackageResources.admin_zh_json,
        ],
        navigation: { page in
            guard let viewer = page.viewer, viewer.role == .admin, let company = viewer.companyID else { return [] }
            return [PageLink(label: "admin.nav.talent", path: AdminPages.talentPath(company), test: "nav-admin-talent")]
        },
        addRoutes: { pages in
            pages.get("admin/companies/{id}/talent") { page in try await AdminPages.talent(page) }
        })
}

enum AdminPages {
    static func talentPath(_ company: Int64) -> String { "admin/companies/\(company)/talent" }

    /// The search form and its answer: the same parameters (`q`, `country`,
    /// `city`, `page`…), rules and ranking as the JSON route, shown in the page's language.
    static func talent(_ page: PageRequest) async throws -> Response {
        let services = page.services
        let controller = TalentController(
            database: services.database, index: services.search, network: services.network)
        let answer = try await controller.talent(page.request, context: page.context)
        let companyID = try page.context.pathID("company")
        let company = try await CompanyStore(client: services.database).get(id: companyID)
        let format = page.format
        // The CV search names members by their number, the profile pages by their external id.
        let members = try await MemberStore(client: services.database).members(
            ids: answer.results.compactMap { Int64($0.profile.id) })
        let results: [[String: Any]] = answer.results.map { candidate in
            let profile = candidate.profile
            var row: [String: Any] = [
                "name": profile.name,
                "profile": Int64(profile.id).flatMap { members[$0] }.map { page.path("members/\($0.externalID)") }
                    ?? false,
                "place": [profile.city, Country(profile.country).map(format.countryName)].compactMap { $0 }
                    .joined(separator: " · "),
                "degree": page.t("admin.degree.\(min(max(candidate.degree, 1), 3))"),
                "bridges": candidate.bridges.map { bridge in
                    bridge.through.map { through in
                        page.messages.format(
                            "admin.bridge.through",
                            ["employee": name(bridge.employee, page), "contact": name(through, page)])
                    } ?? page.messages.format("admin.bridge.direct", ["employee": name(bridge.employee, page)])
                },
            ]
            if let headline = profile.headline { row["headline"] = headline }
            if !profile.skills.isEmpty { row["skills"] = profile.skills.prefix(8).joined(separator: ", ") }
            if profile.openToWork == true { row["openToWork"] = page.t("admin.openToWork") }
            return row
        }
        let number = (try? Page.of(page.request).page) ?? 1
        let perPage = (try? Page.of(page.request).perPage) ?? Page.defaultPerPage
        var model: [String: Any] = [
            "company": company?.name ?? "", "results": results, "empty": results.isEmpty,
            "count": page.messages.format(
                "admin.talent.count", count: answer.total, ["count": format.number(answer.total)]),
            "query": page.query("q") ?? "", "city": page.query("city") ?? "",
            "action": page.path(talentPath(companyID)),
            "countries": [
                ["value": "", "label": page.t("admin.talent.anyCountry"), "selected": page.query("country") == nil]
            ]
                + Country.jobSpaces.map { country in
                    [
                        "value": country.code, "label": format.countryName(country),
                        "selected": page.query("country") == country.code,
                    ]
                },
        ]
        var pager: [String: Any] = [:]
        let base = page.path(talentPath(companyID)) + "?" + keptQuery(page, without: "page")
        if number > 1 { pager["previous"] = base + "page=\(number - 1)" }
        if number * perPage < answer.total { pager["next"] = base + "page=\(number + 1)" }
        if !pager.isEmpty { model["pager"] = pager }
        return page.render("AdminTalent", title: page.t("admin.talent.title"), model)
    }

    /// A member's name, or the catalog's words for one who deleted its account.
    static func name(_ member: MemberReference, _ page: PageRequest) -> String {
        member.id == nil ? page.t("admin.deletedMember") : member.name
    }

    /// The query's parameters but `name`, escaped, each followed by `&`.
    static func keptQuery(_ page: PageRequest, without name: String) -> String {
        page.request.uri.queryParameters.filter { String($0.key) != name }
            .map { PageRequest.queryEscaped(String($0.key)) + "=" + PageRequest.queryEscaped(String($0.value)) + "&" }
            .joined()
    }
}
