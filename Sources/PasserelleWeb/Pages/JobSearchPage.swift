import Foundation
import Hummingbird
import PasserelleCore
import PasserelleSearch

/// `/{lang}/jobs`: job search in the chosen job space, through the API's own
/// search (``SearchController``: the same parameters, checks and network field).
/// The page's query string speaks to people (`where=Toulouse&radius=30`, `posted=7`);
/// it is turned into the API's (`near=43.6,1.44&radius_km=30`, `posted_within_days=7`).
enum JobSearchPage {
    static let perPage = 20
    /// The facets shown, in order, with the page parameter each sets.
    static let facets: [(facet: SearchFacet, parameter: String, single: Bool)] = [
        (.city, "city", false), (.type, "type", false), (.remote, "remote", true), (.company, "company", false),
        (.posted, "posted", true), (.salary, "salary", true),
    ]
    /// The page's own parameters (the rest of a query string is ignored).
    static let parameters: Set<String> = [
        "q", "where", "radius", "city", "type", "remote", "company", "posted", "salary", "sort", "page", "country",
    ]
    /// The page's parameters that are the API's under another name.
    static let apiNames = ["posted": "posted_within_days", "salary": "salary_min", "radius": "radius_km"]

    static func results(
        _ page: PageRequest, apiQuery: [(String, String)]
    ) async throws -> (hits: [[String: Any]], answer: SearchAnswer<SearchResult<JobRow>>) {
        let controller = SearchController(index: page.services.search, network: page.services.network)
        let answer = try await controller.searchJobs(try page.apiRequest(query: apiQuery), context: page.context)
        return (answer.results.map { JobsPages.hit($0, page: page) }, answer)
    }

    static func search(_ page: PageRequest) async throws -> Response {
        let fields = page.queryFields.filter { parameters.contains($0.name) && !$0.value.isEmpty }
        func value(_ name: String) -> String? { fields.last { $0.name == name }?.value }
        let country = page.country
        var api: [(String, String)] = [
            ("country", country.code), ("lang", page.language.code), ("per_page", String(perPage)),
            ("facets", facets.map(\.facet.rawValue).joined(separator: ",")),
        ]
        for field in fields where !["where", "radius", "country", "sort"].contains(field.name) {
            api.append((apiNames[field.name] ?? field.name, field.value))
        }
        var notice: String?
        var located = false
        let place = value("where")
        if let place {
            if let point = try await locate(place, in: country, page: page) {
                located = true
                api.append(("near", "\(point.lat),\(point.lon)"))
                api.append(("radius_km", value("radius") ?? "30"))
            } else {
                notice = page.messages.format("search.unknownPlace", ["place": place])
            }
        }
        let sort = value("sort").flatMap(SearchSort.init(rawValue:)) ?? .relevance
        if sort != .distance || located { api.append(("sort", sort.rawValue)) }
        let (hits, answer) = try await results(page, apiQuery: api)

        var base = fields.filter { $0.name != "page" && $0.name != "country" }
        base.insert((name: "country", value: country.code), at: 0)
        func link(_ pairs: [(name: String, value: String)]) -> String {
            page.path("jobs") + "?" + PageRequest.queryString(pairs.map { ($0.name, $0.value) })
        }
        var facetModels: [[String: Any]] = []
        for (facet, parameter, single) in facets {
            guard let counts = answer.facets[facet.rawValue], !counts.isEmpty else { continue }
            let values: [[String: Any]] = counts.map { count in
                let selected = base.contains { $0.name == parameter && $0.value == count.value }
                var pairs = base.filter { !($0.name == parameter && (single || $0.value == count.value)) }
                if !selected { pairs.append((name: parameter, value: count.value)) }
                return [
                    "label": facetLabel(facet, count, page: page), "count": page.format.number(count.count),
                    "url": link(pairs), "selected": selected, "test": "facet-\(facet.rawValue)",
                    "value": count.value,
                ]
            }
            facetModels.append([
                "name": facet.rawValue, "heading": page.t("search.facet." + facet.rawValue), "values": values,
            ])
        }
        let pageNumber = Int(value("page") ?? "1") ?? 1
        let pages = min((answer.total + perPage - 1) / perPage, SearchParameters.maximumPage)
        var pagination: [String: Any] = [
            "current": page.messages.format(
                "search.pageOf",
                ["page": page.format.number(pageNumber), "pages": page.format.number(max(pages, pageNumber))]),
            "hasPrevious": pageNumber > 1, "hasNext": pageNumber < pages,
        ]
        pagination["previous"] = link(base + [(name: "page", value: String(pageNumber - 1))])
        pagination["next"] = link(base + [(name: "page", value: String(pageNumber + 1))])
        let totalText = page.messages.format(
            answer.totalIsExact ? "search.total" : "search.totalAbout", count: answer.total,
            ["count": page.format.number(answer.total)])
        var corrected: [String: Any]?
        if let correction = answer.correctedQuery {
            corrected = [
                "text": correction,
                "url": link(base.filter { $0.name != "q" } + [(name: "q", value: correction)]),
            ]
        }
        let sorts: [[String: Any]] = SearchSort.allCases.filter { $0 != .distance || located }.map {
            ["value": $0.rawValue, "label": page.t("search.sort." + $0.rawValue), "selected": $0 == sort]
        }
        let query = value("q") ?? ""
        let heading =
            query.isEmpty
            ? page.messages.format("search.headingIn", ["country": page.format.countryName(country)])
            : page.messages.format(
                "search.headingFor", ["query": query, "country": page.format.countryName(country)])
        let model: [String: Any] = [
            "search": [
                "q": query, "where": place ?? "", "radius": value("radius") ?? "30", "country": country.code,
                "hidden": base.filter { !["q", "where", "radius", "sort", "country"].contains($0.name) }.map {
                    ["name": $0.name, "value": $0.value]
                },
            ],
            "heading": heading, "notice": notice ?? "", "hasNotice": notice != nil, "total": totalText,
            "corrected": corrected.map { $0 as Any } ?? false, "facets": facetModels, "hasFacets": !facetModels.isEmpty,
            "hits": hits, "hasHits": !hits.isEmpty, "pagination": pagination, "sorts": sorts,
            "radii": [10, 30, 50, 100, 250].map { km in
                [
                    "value": String(km), "selected": String(km) == (value("radius") ?? "30"),
                    "label": page.messages.format("search.distance", ["km": page.format.number(km)]),
                ] as [String: Any]
            },
        ]
        var response = page.render("search", title: heading, model)
        if let code = page.query("country"), Country(code) == country {
            response.setCookie(
                Cookie(
                    name: PageRequest.countryCookie, value: country.code, maxAge: 365 * 86_400, path: "/",
                    secure: SessionCredential.cameOverTLS(page.request), httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// A facet value in the page's words.
    static func facetLabel(_ facet: SearchFacet, _ count: FacetCount, page: PageRequest) -> String {
        switch facet {
        case .type: return page.t("type." + count.value)
        case .remote: return page.t(count.value == "true" ? "search.remote.yes" : "search.remote.no")
        case .company: return count.name ?? count.value
        case .posted:
            let days = Int(count.value) ?? 0
            return page.messages.format("search.postedWithin", count: days, ["days": page.format.number(days)])
        case .salary:
            return page.messages.format(
                "search.salaryFrom", ["amount": page.format.number(Double(count.value) ?? 0)])
        default: return count.value
        }
    }

    /// Where `place` is: the location of a posting in that city of `country`
    /// (the index knows every city postings are in); nil when none is.
    static func locate(_ place: String, in country: Country, page: PageRequest) async throws -> JobRow.Location? {
        let trimmed = place.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 200 else { return nil }
        for spelling in Set([trimmed, trimmed.capitalized]) {
            var request = JobSearchRequest()
            request.countries = [country]
            request.cities = [spelling]
            request.page = SearchPage(number: 1, size: 5)
            let found = try await page.services.search.searchJobs(request)
            if let location = found.hits.lazy.compactMap(\.row.location).first { return location }
        }
        return nil
    }
}
