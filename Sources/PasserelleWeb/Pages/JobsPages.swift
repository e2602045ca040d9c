import Foundation
import Hummingbird
import PasserelleCore
import PasserelleSearch
import PasserelleStore

extension PageArea {
    /// Home, job search and the job page: for everyone, with more for a signed-in member.
    static let jobs = PageArea(
        name: "jobs",
        templates: [
            "home": PackageResources.home_mustache, "search": PackageResources.search_mustache,
            "job": PackageResources.job_mustache, "job-results": PackageResources.job_results_mustache,
        ],
        catalogs: [
            "jobs.fr.json": PackageResources.jobs_fr_json, "jobs.en.json": PackageResources.jobs_en_json,
            "jobs.de.json": PackageResources.jobs_de_json, "jobs.es.json": PackageResources.jobs_es_json,
            "jobs.it.json": PackageResources.jobs_it_json, "jobs.pt.json": PackageResources.jobs_pt_json,
            "jobs.zh.json": PackageResources.jobs_zh_json,
        ],
        addRoutes: { pages in
            pages.get("") { page in try await JobsPages.home(page) }
            pages.get("jobs") { page in try await JobSearchPage.search(page) }
            pages.get("jobs/{id}") { page in try await JobPage.show(page) }
            pages.post("jobs/{id}/apply") { page in try await JobPage.apply(page) }
            pages.post("jobs/{id}/referral") { page in try await JobPage.askReferral(page) }
        })
}

enum JobsPages {
    static func home(_ page: PageRequest) async throws -> Response {
        var model: [String: Any] = ["search": ["country": page.country.code]]
        // The newest postings of the viewer's job space, as search shows them.
        let newest = try await JobSearchPage.results(
            page, apiQuery: [("country", page.country.code), ("sort", "date"), ("per_page", "5")])
        model["newest"] = ["hits": newest.hits]
        model["hasNewest"] = !newest.hits.isEmpty
        if page.viewer != nil, let recommended = try await recommended(page) {
            model["recommended"] = ["items": recommended, "hasRecommended": !recommended.isEmpty]
        }
        return page.render("home", title: page.t("home.title"), model)
    }

    /// "Jobs you may be interested in": ``MatchingController``'s recommended
    /// offers for the signed-in member, with why. Empty without a CV; nil (the
    /// block left out) while the graph loads.
    static func recommended(_ page: PageRequest) async throws -> [[String: Any]]? {
        var answer: ListAnswer<OfferView>?
        let refusal = try await PageRequest.refusal {
            answer = try await MatchingController(
                database: page.services.database, index: page.services.search, network: page.services.network
            ).recommended(try page.apiRequest(query: [("per_page", "6")]), context: page.context)
        }
        if let refusal { return refusal.status == .unprocessableContent ? [] : nil }
        return (answer?.results ?? []).map { offer in
            var reasons: [String] = []
            if !offer.reasons.matchedSkills.isEmpty {
                reasons.append(
                    page.messages.format(
                        "home.reasons.skills", ["skills": offer.reasons.matchedSkills.prefix(4).joined(separator: ", ")]
                    ))
            }
            if let km = offer.reasons.distanceKilometres {
                reasons.append(
                    page.messages.format("search.distance", ["km": page.format.number(km, fractionDigits: 0)]))
            }
            let known = offer.network?.peopleYouKnow ?? 0
            return [
                "title": offer.row.title, "company": offer.row.company.name, "city": offer.row.city ?? "",
                "url": page.path("jobs/\(offer.row.id)"), "reasons": reasons.joined(separator: " · "),
                "badge": known > 0
                    ? page.messages.format("search.badge", count: known, ["count": page.format.number(known)]) : "",
            ]
        }
    }

    /// A search hit as the result lists show it.
    static func hit(_ result: SearchResult<JobRow>, page: PageRequest) -> [String: Any] {
        let row = result.row
        var item: [String: Any] = [
            "id": row.id, "title": row.title, "lang": row.language, "url": page.path("jobs/\(row.id)"),
            "company": row.company.name,
            "city": row.city ?? "", "posted": page.format.date(row.postedAt),
            "postedISO": Timestamp.rfc3339(row.postedAt), "remote": row.remote,
            "snippet": snippetParts(result.snippet), "hasSnippet": result.snippet != nil,
        ]
        item["types"] = row.types.compactMap { EmploymentType(rawValue: $0) }.map { page.t("type." + $0.rawValue) }
            .joined(separator: ", ")
        item["salary"] =
            row.salary.map { salary in
                page.format.salary(
                    SalaryRange(
                        minimum: salary.min, maximum: salary.max, currency: salary.currency,
                        period: salary.period.flatMap(SalaryRange.Period.init(rawValue:))), messages: page.messages)
            } ?? ""
        item["distance"] =
            result.distanceKilometres.map {
                page.messages.format("search.distance", ["km": page.format.number($0, fractionDigits: 1)])
            } ?? ""
        let known = result.network?.peopleYouKnow ?? 0
        item["badge"] =
            known > 0
            ? page.messages.format("search.badge", count: known, ["count": page.format.number(known)]) : ""
        return item
    }

    /// A snippet (text the index escaped, with the matched words in `<mark>`) as
    /// parts the template escapes again, `[{text, mark}]`: no text reaches the
    /// page unescaped, whatever the snippet holds.
    static func snippetParts(_ snippet: String?) -> [[String: Any]] {
        guard let snippet else { return [] }
        var parts: [[String: Any]] = []
        var marked = false
        var rest = Substring(snippet)
        while !rest.isEmpty {
            let tag = marked ? "</mark>" : "<mark>"
            let found = rest.firstRange(of: tag)
            let chunk = unescaped(rest[..<(found?.lowerBound ?? rest.endIndex)])
            if !chunk.isEmpty { parts.append(["text": chunk, "mark": marked]) }
            rest = found.map { rest[$0.upperBound...] } ?? ""
            marked.toggle()
        }
        return parts
    }

    /// The five references the index's snippets escape with (`&amp;`, `&lt;`,
    /// `&gt;`, `&quot;`, `&#39;`) read back; any other `&` is kept as it is.
    static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        let references: [(String, Character)] = [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
        ]
        var result = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (reference, character) = references.first(where: { rest.hasPrefix($0.0) }) {
                result.append(character)
                rest = rest.dropFirst(reference.count)
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
