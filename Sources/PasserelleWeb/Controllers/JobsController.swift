import Foundation
import Hummingbird
import PasserelleCore
import PasserelleNetwork
import PasserelleStore

/// Job postings (API.md): `POST /api/v1/jobs`, and `GET`, `PUT`, `DELETE /api/v1/jobs/{id}`.
///
/// A body is a schema.org JobPosting as FORMATS.md has it, read by the same
/// decoder as imports; its `hiringOrganization` is the viewer's company (filled in
/// when left out, 403 when it names another). A posting is answered as the same
/// JSON-LD object, with its `id` and `status`.
///
/// DELETE closes a posting rather than removing it: its applications and
/// referrals keep pointing at it, `GET` still shows it (`"status": "closed"`),
/// and the index writer takes it out of search. `validThrough` is left as the
/// recruiter set it: it says when the offer was meant to end, `status` that it did.
/// `PUT` replaces the posting's fields but keeps its status, so a closed posting
/// stays closed.
struct JobsController: Sendable {
    let postings: JobPostingStore
    let companies: CompanyStore
    /// For the posting's `network` field; nil where the server runs without the graph.
    let network: NetworkGraph?

    init(database: PostgresClient, network: NetworkGraph? = nil) {
        postings = JobPostingStore(client: database)
        companies = CompanyStore(client: database)
        self.network = network
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let jobs = router.group("api/v1/jobs")
        jobs.post { request, context in try await create(request, context: context) }
        jobs.get(":id") { _, context in try await read(context: context) }
        jobs.put(":id") { request, context in try await update(request, context: context) }
        jobs.delete(":id") { _, context in try await close(context: context) }
    }

    /// Recruiters and admins post for their own company: 201 with the posting.
    func create(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<JobView> {
        let (_, companyID) = try context.requireCompany(for: .createPosting)
        let company = try await company(id: companyID)
        var posting = try Self.posting(
            from: try await JSONBody.bytes(of: request, context: context), company: company)
        posting.companyID = company.id
        let created = try await Self.saving { try await postings.create(posting) }
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/jobs/\(created.id)"],
            response: JobView(created, company: company))
    }

    /// Anyone may read a posting, open or closed; a signed-in viewer also gets its
    /// `network`: how close it is to the company's people (left out while the graph loads).
    func read(context: PasserelleRequestContext) async throws -> JobView {
        let posting = try await posting(context)
        try Policy.require(.readPosting, for: context.viewer)
        var closeness: NetworkCloseness?
        if let network, let viewer = context.viewer,
            let known = try? network.closeness(of: viewer.memberID, to: [posting.companyID])[posting.companyID]
        {
            closeness = NetworkCloseness(peopleYouKnow: known.peopleYouKnow, bestDegree: known.bestDegree)
        }
        return JobView(posting, company: try await company(id: posting.companyID), network: closeness)
    }

    /// The recruiters and admins of the posting's company replace its fields.
    func update(_ request: Request, context: PasserelleRequestContext) async throws -> JobView {
        let existing = try await posting(context)
        let (_, companyID) = try context.requireCompany(for: .changePosting(companyID: existing.companyID))
        let company = try await company(id: companyID)
        var posting = try Self.posting(
            from: try await JSONBody.bytes(of: request, context: context), company: company)
        posting.id = existing.id
        posting.companyID = existing.companyID
        posting.status = existing.status
        let updated = try await Self.saving { try await postings.update(posting) }
        return JobView(updated, company: company)
    }

    /// The recruiters and admins of the posting's company close it: 204, also when it already was.
    func close(context: PasserelleRequestContext) async throws -> Response {
        let existing = try await posting(context)
        try Policy.require(.changePosting(companyID: existing.companyID), for: context.viewer)
        if existing.status == .open {
            _ = try await Self.saving { try await postings.close(id: existing.id) }
        }
        return Response(status: .noContent)
    }

    // MARK: - Parts

    /// The posting the path's `{id}` names: 404 when there is none (or the id is no number).
    private func posting(_ context: PasserelleRequestContext) async throws -> JobPosting {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0, let posting = try await postings.get(id: id) else {
            throw APIError.notFound("job posting \(String(text.prefix(40)).debugDescription)")
        }
        return posting
    }

    private func company(id: Int64) async throws -> Company {
        // A posting's and an account's company are foreign keys: a miss is the server's fault.
        guard let company = try await companies.get(id: id) else { throw APIError.internalError }
        return company
    }

    /// The posting a body describes, for `company`: 400 naming each faulty field,
    /// 403 when its `hiringOrganization` is another company.
    static func posting(from bytes: [UInt8], company: Company, today: Date = Date()) throws -> JobPosting {
        var object = try JSONBody.object(bytes)
        switch object["hiringOrganization"] {
        case nil, .null?:
            object["hiringOrganization"] = [
                "@type": "Organization", "identifier": .string(company.externalID), "name": .string(company.name),
            ]
        case .object(var organization)?:
            let identifier = organization["identifier"]
            if let given = identifier?.stringValue ?? identifier?["value"]?.stringValue, given != company.externalID {
                throw APIError.forbidden(
                    "hiringOrganization.identifier: you post for \(company.externalID) only "
                        + "(got \(String(given.prefix(40)).debugDescription))")
            }
            if identifier == nil || identifier == .null { organization["identifier"] = .string(company.externalID) }
            if organization["name"] == nil { organization["name"] = .string(company.name) }
            object["hiringOrganization"] = .object(organization)
        default:
            break  // not an object: the decoder says so
        }
        let line = try JSONEncoder().encode(JSONValue.object(object))
        do {
            return try JobPostingFormat.decode(Array(line), today: CalendarDate(utcDayOf: today)).posting
        } catch {
            throw APIError.invalidBody(error)
        }
    }

    /// Runs a store write, answering what the store refuses as the API does.
    private static func saving<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw APIError(error)
        } catch let error as ValidationError {
            throw APIError.unprocessable(error)
        }
    }
}

/// A posting as the API shows it: its schema.org JSON-LD, with `id` and `status`.
struct JobView: ResponseEncodable, Sendable {
    let object: JSONValue

    /// `network`: the viewer's closeness to the company, as in search results.
    init(_ posting: JobPosting, company: Company, network: NetworkCloseness? = nil) {
        let text = JobPostingFormat.encode(
            posting, company: CompanyReference(externalID: company.externalID, name: company.name, url: company.url))
        var fields = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.objectValue ?? [:]
        fields["id"] = .string(String(posting.id))
        fields["status"] = .string(posting.status.rawValue)
        if let network {
            fields["network"] = .object([
                "people_you_know": .number(Double(network.peopleYouKnow)),
                "best_degree": network.bestDegree.map { .number(Double($0)) } ?? .null,
            ])
        }
        object = .object(fields)
    }

    func encode(to encoder: any Encoder) throws { try object.encode(to: encoder) }
}
