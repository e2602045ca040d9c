import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

extension PageArea {
    /// The recruiter's pages: its company's postings, posting and editing one
    /// (the API's validation, its messages next to the fields), closing one, and
    /// a posting's applicants with their stages.
    static let recruiter = PageArea(
        name: "recruiter",
        templates: [
            "RecruiterPostings": PackageResources.RecruiterPostings_mustache,
            "RecruiterPostingForm": PackageResources.RecruiterPostingForm_mustache,
            "RecruiterApplicants": PackageResources.RecruiterApplicants_mustache,
            "RecruiterCandidates": PackageResources.RecruiterCandidates_mustache,
        ],
        catalogs: [
            "recruiter.fr.json": PackageResources.recruiter_fr_json,
            "recruiter.en.json": PackageResources.recruiter_en_json,
            "recruiter.de.json": PackageResources.recruiter_de_json,
            "recruiter.es.json": PackageResources.recruiter_es_json,
            "recruiter.it.json": PackageResources.recruiter_it_json,
            "recruiter.pt.json": PackageResources.recruiter_pt_json,
            "recruiter.zh.json": PackageResources.recruiter_zh_json,
        ],
        navigation: { page in
            guard page.viewer?.companyID != nil, page.viewer?.role != .member else { return [] }
            return [
                PageLink(label: "recruiter.nav.postings", path: "recruiter/postings", test: "nav-recruiter-postings"),
                PageLink(label: "recruiter.nav.new", path: "recruiter/postings/new", test: "nav-recruiter-new"),
            ]
        },
        addRoutes: { pages in
            pages.get("recruiter/postings") { page in try await RecruiterPages.postings(page) }
            pages.get("recruiter/postings/new") { page in try await RecruiterPages.newPosting(page) }
            pages.post("recruiter/postings/new") { page in try await RecruiterPages.create(page) }
            pages.get("recruiter/postings/{id}/edit") { page in try await RecruiterPages.edit(page) }
            pages.post("recruiter/postings/{id}/edit") { page in try await RecruiterPages.update(page) }
            pages.post("recruiter/postings/{id}/close") { page in try await RecruiterPages.close(page) }
            pages.get("recruiter/postings/{id}/applicants") { page in try await RecruiterPages.applicants(page) }
            pages.post("recruiter/applications/{id}/stage") { page in try await RecruiterPages.moveStage(page) }
            pages.get("recruiter/postings/{id}/candidates") { page in try await RecruiterCandidates.show(page) }
        })
}

enum RecruiterPages {
    // MARK: - My postings

    static func postings(_ page: PageRequest) async throws -> Response {
        let (_, companyID) = try page.context.requireCompany(for: .createPosting)
        let company = try await company(companyID, page)
        let paged = try await newestFirst(
            JobPostingStore(client: page.services.database), companyID: companyID, page: try Page.of(page.request))
        let format = page.format
        let rows: [[String: Any]] = paged.items.map { posting in
            [
                "id": String(posting.id), "title": posting.title,
                "place": [posting.city, format.countryName(posting.country)].compactMap { $0 }.joined(separator: " · "),
                "posted": format.date(posting.datePosted),
                "open": posting.status == .open,
                "status": page.t("recruiter.status.\(posting.status.rawValue)"),
                "view": page.path("jobs/\(posting.id)"), "edit": page.path("recruiter/postings/\(posting.id)/edit"),
                "applicants": page.path("recruiter/postings/\(posting.id)/applicants"),
                "candidates": page.path("recruiter/postings/\(posting.id)/candidates"),
                "close": page.path("recruiter/postings/\(posting.id)/close"),
            ]
        }
        var model: [String: Any] = [
            "company": company.name, "postings": rows, "empty": rows.isEmpty,
            "count": page.messages.format(
                "recruiter.postings.count", count: paged.total, ["count": format.number(paged.total)]),
            "new": page.path("recruiter/postings/new"),
        ]
        model["pager"] = pager(page, paged, base: "recruiter/postings")
        if let notice = notice(page) { model["notice"] = notice }
        return page.render("RecruiterPostings", title: page.t("recruiter.postings.title"), model)
    }

    // MARK: - Posting and editing

    static func newPosting(_ page: PageRequest) async throws -> Response {
        let (_, companyID) = try page.context.requireCompany(for: .createPosting)
        let company = try await company(companyID, page)
        var form = RecruiterPostingForm()
        form.values[.language] = page.language.code
        form.values[.country] = (company.country?.hasJobSpace == true ? company.country! : page.country).code
        form.values[.currency] = currency(of: Country(form[.country]) ?? page.country)
        form.values[.period] = SalaryRange.Period.year.rawValue
        form.types = [.fullTime]
        return renderForm(page, form: form, problems: RecruiterFormProblems(), editing: nil)
    }

    static func create(_ page: PageRequest) async throws -> Response {
        let (_, companyID) = try page.context.requireCompany(for: .createPosting)
        let company = try await company(companyID, page)
        let form = RecruiterPostingForm(page.form ?? PageForm(fields: []))
        let today = CalendarDate(utcDayOf: Date())
        switch form.posting(company: company, datePosted: today, today: today) {
        case .failure(let problems):
            return renderForm(page, form: form, problems: problems, editing: nil, status: .unprocessableContent)
        case .success(let posting):
            do {
                let created = try await JobPostingStore(client: page.services.database).create(posting)
                return page.redirect("recruiter/postings?posted=\(created.id)")
            } catch let error as StoreError {
                guard case .duplicate = error.kind else { throw error }
                var problems = RecruiterFormProblems()
                problems.add(.requisition, error.description)
                return renderForm(page, form: form, problems: problems, editing: nil, status: .conflict)
            }
        }
    }

    static func edit(_ page: PageRequest) async throws -> Response {
        let posting = try await ownPosting(page)
        return renderForm(
            page, form: RecruiterPostingForm(posting), problems: RecruiterFormProblems(), editing: posting)
    }

    /// Replaces the posting's fields, keeping its status and its first date (as `PUT /api/v1/jobs/{id}`).
    static func update(_ page: PageRequest) async throws -> Response {
        let existing = try await ownPosting(page)
        let company = try await company(existing.companyID, page)
        let form = RecruiterPostingForm(page.form ?? PageForm(fields: []))
        let today = CalendarDate(utcDayOf: Date())
        switch form.posting(company: company, datePosted: existing.datePosted, today: today) {
        case .failure(let problems):
            return renderForm(page, form: form, problems: problems, editing: existing, status: .unprocessableContent)
        case .success(var posting):
            posting.id = existing.id
            posting.status = existing.status
            do {
                _ = try await JobPostingStore(client: page.services.database).update(posting)
                return page.redirect("recruiter/postings?saved=\(existing.id)")
            } catch let error as StoreError {
                guard case .duplicate = error.kind else { throw error }
                var problems = RecruiterFormProblems()
                problems.add(.requisition, error.description)
                return renderForm(page, form: form, problems: problems, editing: existing, status: .conflict)
            }
        }
    }

    static func close(_ page: PageRequest) async throws -> Response {
        let posting = try await ownPosting(page)
        if posting.status == .open {
            _ = try await JobPostingStore(client: page.services.database).close(id: posting.id)
        }
        return page.redirect("recruiter/postings?closed=\(posting.id)")
    }

    // MARK: - Applicants

    /// The posting's applicants, as `GET /api/v1/jobs/{id}/applications` lists them
    /// (the same controller), each with the stages it may move to.
    static func applicants(_ page: PageRequest) async throws -> Response {
        let posting = try await ownPosting(page)
        let list = try await ApplicationsController(database: page.services.database).applicants(
            page.request, context: page.context)
        let format = page.format
        let rows: [[String: Any]] = list.results.map { application in
            let stage = PasserelleCore.Application.Stage(rawValue: application.stage) ?? .applied
            let moves = stage.allowedMoves.filter { $0 != .withdrawn }
            var row: [String: Any] = [
                "id": application.id,
                "name": application.candidate.id == nil
                    ? page.t("recruiter.deletedMember") : application.candidate.name,
                "stage": page.t("recruiter.stage.\(stage.rawValue)"), "stageCode": stage.rawValue,
                "applied": Timestamp.parse(application.createdAt).map { format.date($0) } ?? "",
                "moves": moves.map { ["value": $0.rawValue, "label": page.t("recruiter.stage.\($0.rawValue)")] },
                "canMove": !moves.isEmpty, "action": page.path("recruiter/applications/\(application.id)/stage"),
            ]
            if let id = application.candidate.id { row["profile"] = page.path("members/\(id)") }
            if let message = application.message { row["message"] = message }
            if let referral = application.referral {
                row["referral"] = page.messages.format(
                    "recruiter.applicants.referredBy", ["name": referral.referrer.name])
            }
            return row
        }
        let model: [String: Any] = [
            "posting": ["title": posting.title, "view": page.path("jobs/\(posting.id)")],
            "applicants": rows, "empty": rows.isEmpty,
            "count": page.messages.format(
                "recruiter.applicants.count", count: list.total, ["count": format.number(list.total)]),
            "back": page.path("recruiter/postings"),
        ]
        return page.render(
            "RecruiterApplicants", title: page.messages.format("recruiter.applicants.title", ["title": posting.title]),
            model)
    }

    /// Moves an application, as `POST /api/v1/applications/{id}/stage` does (the
    /// same policy and store rules); back to the posting's applicants.
    static func moveStage(_ page: PageRequest) async throws -> Response {
        let id = try page.context.pathID("application")
        let database = page.services.database
        guard let application = try await ApplicationStore(client: database).get(id: id),
            let posting = try await JobPostingStore(client: database).get(id: application.jobID)
        else { throw APIError.notFound("application \(id)") }
        try Policy.require(
            .readApplication(companyID: posting.companyID, candidateID: application.memberID), for: page.viewer,
            unknown: "application \(id)")
        guard let text = page.form?["stage"], let stage = PasserelleCore.Application.Stage(rawValue: text) else {
            throw APIError.invalidBody("stage", "must be one of the stages")
        }
        try Policy.require(
            .moveApplication(companyID: posting.companyID, candidateID: application.memberID, to: stage),
            for: page.viewer, unknown: "application \(id)")
        do {
            _ = try await ApplicationStore(client: database).move(
                applicationID: id, to: stage, by: page.viewer?.memberID)
        } catch let error as StoreError {
            throw APIError(error)
        }
        return page.redirect("recruiter/postings/\(posting.id)/applicants")
    }

    // MARK: - Parts

    /// The company's postings, the newest first: the store lists them oldest first,
    /// so this page is read from the one or two of its pages that hold it.
    static func newestFirst(_ store: JobPostingStore, companyID: Int64, page: Page) async throws -> Paged<JobPosting> {
        let total = try await store.list(page: try Page(page: 1, perPage: 1), companyID: companyID).total
        let size = page.perPage
        let end = total - page.offset
        guard end > 0 else { return Paged(items: [], total: total, page: page) }
        let start = max(0, end - size)
        let (first, last) = (start / size + 1, (end - 1) / size + 1)
        var items: [JobPosting] = []
        for number in first...last {
            items += try await store.list(page: try Page(page: number, perPage: size), companyID: companyID).items
        }
        let base = (first - 1) * size
        let slice = items[min(start - base, items.count)..<min(end - base, items.count)]
        return Paged(items: slice.reversed(), total: total, page: page)
    }

    /// The posting `{id}` of the path, when the viewer may change it (404 otherwise, as the API).
    static func ownPosting(_ page: PageRequest) async throws -> JobPosting {
        let id = try page.context.pathID("job posting")
        guard let posting = try await JobPostingStore(client: page.services.database).get(id: id) else {
            throw APIError.notFound("job posting \(id)")
        }
        try Policy.require(.changePosting(companyID: posting.companyID), for: page.viewer)
        return posting
    }

    static func company(_ id: Int64, _ page: PageRequest) async throws -> Company {
        guard let company = try await CompanyStore(client: page.services.database).get(id: id) else {
            throw APIError.internalError
        }
        return company
    }

    /// The form, filled with `form`, each problem's words under its field.
    static func renderForm(
        _ page: PageRequest, form: RecruiterPostingForm, problems: RecruiterFormProblems, editing: JobPosting?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        if !problems.isEmpty {
            page.context.logger.debug("posting form refused", metadata: ["problems": "\(problems)"])
        }
        var errors = FormErrors()
        for field in RecruiterPostingForm.Field.allCases where problems.byField[field] != nil {
            errors.add(field.rawValue, page.t("recruiter.form.error.\(field.rawValue)"))
        }
        if !problems.general.isEmpty { errors.general = page.t("recruiter.form.error.general") }
        var fields: [String: Any] = [:]
        for field in RecruiterPostingForm.Field.allCases {
            // The field's id is its name: the summary of the problems links to it.
            var entry = errors.field(field.rawValue, value: form[field])
            entry["id"] = field.rawValue
            fields[field.rawValue] = entry
        }
        func options(_ values: [(String, String)], selected: String) -> [[String: Any]] {
            values.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
        }
        let format = page.format
        var model: [String: Any] = [
            "fields": fields,
            "languages": options(
                Language.allCases.map { ($0.code, PageRequest.nativeNames[$0] ?? $0.code) }, selected: form[.language]),
            "countries": options(
                Country.jobSpaces.map { ($0.code, format.countryName($0)) }, selected: form[.country]),
            "periods": options(
                SalaryRange.Period.allCases.map { ($0.rawValue, page.t("recruiter.period.\($0.rawValue)")) },
                selected: form[.period]),
            "types": RecruiterPages.formTypes.map { type in
                [
                    "value": type.rawValue, "label": page.t("recruiter.type.\(type.rawValue)"),
                    "checked": form.types.contains(type), "id": "posting-type-\(type.rawValue)",
                ]
            },
            "remote": form.remote,
            "errors": errors.summary(
                order: RecruiterPostingForm.Field.allCases.map(\.rawValue), intro: page.t("recruiter.form.fix")),
            "action": page.path(editing.map { "recruiter/postings/\($0.id)/edit" } ?? "recruiter/postings/new"),
            "back": page.path("recruiter/postings"),
            "editing": editing != nil,
        ]
        if let editing { model["view"] = page.path("jobs/\(editing.id)") }
        let title =
            editing.map { page.messages.format("recruiter.form.editTitle", ["title": $0.title]) }
            ?? page.t("recruiter.form.newTitle")
        return page.render("RecruiterPostingForm", title: title, model, status: status)
    }

    /// The employment types the form offers (schema.org's others say little to a searcher).
    static let formTypes: [EmploymentType] = [.fullTime, .partTime, .contractor, .temporary, .intern]

    /// The currency of a country's job space, to fill a new form.
    static func currency(of country: Country) -> String {
        switch country.code {
        case "GB": "GBP"
        case "CN": "CNY"
        default: "EUR"
        }
    }

    /// The notice of what was just done (`?posted=ID`, `?saved=ID`, `?closed=ID`).
    static func notice(_ page: PageRequest) -> [String: Any]? {
        for kind in ["posted", "saved", "closed"] {
            if let id = page.query(kind), let number = Int64(id), number > 0 {
                return ["text": page.t("recruiter.notice.\(kind)"), "view": page.path("jobs/\(number)"), "id": id]
            }
        }
        return nil
    }

    /// Previous and next links of a paged list.
    static func pager<Item>(_ page: PageRequest, _ paged: Paged<Item>, base: String) -> [String: Any]? {
        guard paged.pageCount > 1 else { return nil }
        let number = paged.page.page
        var pager: [String: Any] = [
            "label": page.messages.format(
                "recruiter.pager.page",
                ["page": page.format.number(number), "pages": page.format.number(paged.pageCount)])
        ]
        if number > 1 { pager["previous"] = page.path(base) + "?page=\(number - 1)" }
        if paged.hasNextPage { pager["next"] = page.path(base) + "?page=\(number + 1)" }
        return pager
    }
}
