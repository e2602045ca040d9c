import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// `/{lang}/jobs/{id}`: a posting, its company, the people the viewer knows
/// there (ask for a referral), applying, and its schema.org JSON-LD. Asking and
/// applying go through the API's controllers with the page's viewer.
enum JobPage {
    /// What `?done=` may say after a form (a fixed set: nothing of the URL is shown).
    static let outcomes: Set<String> = [
        "applied", "alreadyApplied", "applyRefused", "referralAsked", "referralAlready", "referralRefused",
        "messageTooLong",
    ]

    static func show(_ page: PageRequest) async throws -> Response {
        let posting = try await posting(page)
        try Policy.require(.readPosting, for: page.viewer)
        guard let company = try await CompanyStore(client: page.services.database).get(id: posting.companyID) else {
            throw APIError.internalError
        }
        let reference = CompanyReference(externalID: company.externalID, name: company.name, url: company.url)
        var model: [String: Any] = [
            "job": [
                "id": String(posting.id), "title": posting.title, "company": company.name,
                "companyURL": company.url.flatMap(safeURL) ?? "", "city": posting.city ?? "",
                "country": page.format.countryName(posting.country),
                "types": posting.employmentTypes.map { page.t("type." + $0.rawValue) }.joined(separator: ", "),
                "salary": posting.salary.map { page.format.salary($0, messages: page.messages) } ?? "",
                "posted": page.format.date(posting.datePosted), "postedISO": posting.datePosted.description,
                "validThrough": page.format.date(posting.validThrough), "remote": posting.remote,
                "skills": posting.skills, "hasSkills": !posting.skills.isEmpty,
                "paragraphs": paragraphs(posting.description), "isOpen": posting.isOpen(),
                "lang": posting.language.code, "searchCompany": companySearch(company, posting.country, page),
            ],
            "jsonLD": scriptJSON(JobPostingFormat.encode(posting, company: reference)),
            "applyURL": page.path("jobs/\(posting.id)/apply"),
            "referralURL": page.path("jobs/\(posting.id)/referral"),
        ]
        if let done = page.query("done"), outcomes.contains(done) {
            model["outcome"] = ["text": page.t("job.done." + done), "test": "outcome-\(done)"]
        }
        if let viewer = page.viewer {
            model["signedIn"] = true
            model["network"] = try await network(of: viewer, posting: posting, page: page)
            let referrals = try await referralsForJob(viewer, posting: posting, page: page)
            model["referrals"] = referrals
            model["hasReferrals"] = !referrals.isEmpty
        } else {
            let back = PageRequest.queryEscaped(page.path("jobs/\(posting.id)"))
            model["signInURL"] = page.path("login") + "?next=" + back
        }
        return page.render("job", title: posting.title, model)
    }

    static func apply(_ page: PageRequest) async throws -> Response {
        let posting = try await posting(page)
        var body: [String: JSONValue] = [:]
        if let message = page.form?.text("message") { body["message"] = .string(message) }
        if let referral = page.form?.text("referral_id") { body["referral_id"] = .string(referral) }
        let refusal = try await PageRequest.refusal {
            _ = try await ApplicationsController(database: page.services.database).apply(
                try page.apiRequest(.post, json: .object(body)), context: page.context)
        }
        let outcome =
            switch refusal?.status {
            case nil: "applied"
            case .conflict?: "alreadyApplied"
            default: refusal!.message.hasPrefix("message:") ? "messageTooLong" : "applyRefused"
            }
        return page.redirect("jobs/\(posting.id)?done=\(outcome)")
    }

    static func askReferral(_ page: PageRequest) async throws -> Response {
        let posting = try await posting(page)
        var body: [String: JSONValue] = [
            "job_id": .string(String(posting.id)), "referrer_id": .string(page.form?.text("referrer_id") ?? ""),
        ]
        if let message = page.form?.text("message") { body["message"] = .string(message) }
        let refusal = try await PageRequest.refusal {
            _ = try await ReferralsController(database: page.services.database).ask(
                try page.apiRequest(.post, json: .object(body)), context: page.context)
        }
        let outcome =
            switch refusal?.status {
            case nil: "referralAsked"
            case .conflict?: "referralAlready"
            default: refusal!.message.hasPrefix("message:") ? "messageTooLong" : "referralRefused"
            }
        return page.redirect("jobs/\(posting.id)?done=\(outcome)")
    }

    // MARK: - Parts

    static func posting(_ page: PageRequest) async throws -> JobPosting {
        let id = try page.context.pathID("job posting")
        guard let posting = try await JobPostingStore(client: page.services.database).get(id: id) else {
            throw APIError.notFound("job posting \(id)")
        }
        return posting
    }

    /// The people the viewer knows at the company (``NetworkController``'s
    /// referrers): ask a 1st-degree one for a referral; a 2nd-degree one through
    /// the contact named. Nil while the graph loads or where it does not run.
    static func network(of viewer: Viewer, posting: JobPosting, page: PageRequest) async throws -> [String: Any]? {
        let answer: ReferrersAnswer
        do {
            answer = try await NetworkController(database: page.services.database, network: page.services.network)
                .referrers(context: page.context)
        } catch let error as APIError where error.status == .serviceUnavailable {
            return nil
        }
        let direct = answer.referrers.filter { $0.intermediary == nil }
        let people: [[String: Any]] = answer.referrers.prefix(12).map { referrer in
            [
                "name": referrer.employee.name, "id": referrer.employee.id ?? "",
                "profileURL": referrer.employee.id.map { page.path("members/\($0)") } ?? "",
                "direct": referrer.intermediary == nil,
                "via": referrer.intermediary.map {
                    page.messages.format("job.network.via", ["name": $0.name])
                } ?? "",
            ]
        }
        return [
            "badge": answer.referrers.isEmpty
                ? page.t("job.network.nobody")
                : page.messages.format(
                    "search.badge", count: direct.count, ["count": page.format.number(direct.count)]),
            "people": people, "hasPeople": !people.isEmpty, "canAsk": !direct.isEmpty && posting.isOpen(),
            "direct": direct.map { ["id": $0.employee.id ?? "", "name": $0.employee.name] },
        ]
    }

    /// The referrals the viewer received for this job, to attach to an application.
    static func referralsForJob(
        _ viewer: Viewer, posting: JobPosting, page: PageRequest
    ) async throws -> [[String: Any]] {
        let received = try await ReferralStore(client: page.services.database).referrals(
            receivedBy: viewer.memberID, page: try Page(page: 1, perPage: Page.maximumPerPage))
        let mine = received.items.filter { $0.jobID == posting.id }
        let views = try await ReferralView.views(mine, database: page.services.database)
        return views.map {
            ["id": $0.id, "label": page.messages.format("job.apply.referredBy", ["name": $0.referrer.name])]
        }
    }

    /// A description (sanitised HTML) as paragraphs of plain text, for `{{…}}`:
    /// its blocks (`p`, `li`, `br`, headings) start new paragraphs.
    static func paragraphs(_ html: String) -> [String] {
        let blocks = html.replacing(
            try! Regex(#"<\s*/?\s*(p|li|br|ul|ol|h[1-6]|div|tr|blockquote)\b[^>]*>"#).ignoresCase(), with: "\u{1E}")
        return blocks.split(separator: "\u{1E}").map { HTMLSanitizer.plainText(String($0)) }.filter { !$0.isEmpty }
    }

    /// JSON for a `<script>` element: `<`, `>` and `&` as `\u003c`… so that no
    /// text in it can close the element (the one place a page writes `{{{…}}}`).
    static func scriptJSON(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }

    /// A company's site, when it is http(s) (never `javascript:`).
    static func safeURL(_ text: String) -> String? {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? text : nil
    }

    /// The search for the company's other postings.
    static func companySearch(_ company: Company, _ country: Country, _ page: PageRequest) -> String {
        page.path("jobs") + "?"
            + PageRequest.queryString([("country", country.code), ("company", String(company.id))])
    }
}
