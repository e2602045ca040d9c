import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Applications (API.md): `POST /api/v1/jobs/{id}/applications` (apply, once per
/// job, with an optional `referral_id` and `message`; the member's CV is sent
/// with it), `GET /api/v1/jobs/{id}/applications` (the posting's company), and
/// routes API.md leaves open:
///
/// - `GET /api/v1/applications/{id}`: one application with its stage history,
///   for its candidate and the posting's company;
/// - `POST /api/v1/applications/{id}/stage` `{"stage"}`: the company's recruiters
///   move it (applied → screening → interview → offer → hired, or rejected), the
///   candidate withdraws it (`"withdrawn"`); a move the stages forbid is 409;
/// - `GET /api/v1/members/me/applications`: the member's applications and stages.
///
/// To anyone else an application does not exist (404): whether someone applied
/// somewhere is not for its current employer to learn.
struct ApplicationsController: Sendable {
    let database: PostgresClient
    let applications: ApplicationStore
    let postings: JobPostingStore

    init(database: PostgresClient) {
        self.database = database
        applications = ApplicationStore(client: database)
        postings = JobPostingStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.post("jobs/:id/applications") { request, context in try await apply(request, context: context) }
        api.get("jobs/:id/applications") { request, context in try await applicants(request, context: context) }
        api.get("applications/:id") { _, context in try await read(context: context) }
        api.post("applications/:id/stage") { request, context in try await move(request, context: context) }
        api.get("members/me/applications") { request, context in try await mine(request, context: context) }
    }

    struct ApplyBody: Decodable {
        let referralID: String?
        let message: String?

        enum CodingKeys: String, CodingKey {
            case referralID = "referral_id"
            case message
        }
    }

    /// 201 with the application at `applied`; 409 the second time; 422 for a
    /// closed or expired posting, or a referral that is not the viewer's for this job.
    func apply(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<ApplicationView> {
        let viewer = try context.requireMember(for: .manageOwnData)
        let posting = try await posting(context)
        let body = try await JSONBody.decodeOptional(ApplyBody.self, from: request, context: context)
        let referralID = try body.referralID.map { try JSONBody.numericID($0, field: "referral_id") }
        let message = try JSONBody.message(body.message, field: "message")
        try Policy.require(.apply(postingIsOpen: posting.isOpen()), for: viewer)
        // The CV as it stands now, as the member exports it: later changes do not rewrite what was sent.
        let member = try await MemberDirectory(database: database).member(of: viewer)
        let profile = try await ProfileStore(client: database).get(memberID: viewer.memberID)
        let resume = JSONValue.object(ShownResume.document(member: member, profile: profile))
        let application: PasserelleCore.Application
        do {
            application = try await applications.apply(
                PasserelleCore.Application(
                    jobID: posting.id, memberID: viewer.memberID, referralID: referralID, message: message,
                    resume: resume))
        } catch let error as StoreError where error.kind == .invalidReference("referralID") {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                message: "referral_id: names no referral of yours for this job")
        } catch let error as StoreError where error.kind == .duplicate(Self.appliedTwice) {
            throw APIError.conflict("you already applied to this job")
        }
        let view = try await ApplicationView.views([application], database: database)[0]
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/applications/\(application.id)"], response: view)
    }

    /// The posting's applicants in the order they applied, optionally of one `stage`.
    func applicants(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<ApplicationView> {
        let posting = try await posting(context)
        try Policy.require(.readApplicants(companyID: posting.companyID), for: context.viewer)
        let stage = try SearchParameters(query: request.uri.query).choice(
            "stage", PasserelleCore.Application.Stage.self)
        let paged = try await applications.list(
            jobID: posting.id, stage: stage, page: try Page.of(request))
        return ListAnswer(paged, results: try await ApplicationView.views(paged.items, database: database))
    }

    /// One application with its stage history.
    func read(context: PasserelleRequestContext) async throws -> ApplicationView {
        let (application, _) = try await readable(context)
        return try await view(application)
    }

    struct StageBody: Decodable {
        let stage: String
    }

    /// 200 with the moved application and its history.
    func move(_ request: Request, context: PasserelleRequestContext) async throws -> ApplicationView {
        let (application, companyID) = try await readable(context)
        let body = try await JSONBody.decode(StageBody.self, from: request, context: context)
        guard let stage = PasserelleCore.Application.Stage(rawValue: body.stage) else {
            let stages = PasserelleCore.Application.Stage.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidBody("stage", "must be one of \(stages) (got \(quoted(body.stage)))")
        }
        try Policy.require(
            .moveApplication(companyID: companyID, candidateID: application.memberID, to: stage), for: context.viewer,
            unknown: "application \(application.id)")
        let moved = try await applications.move(
            applicationID: application.id, to: stage, by: context.viewer?.memberID)
        return try await view(moved)
    }

    /// The viewer's applications, the newest first.
    func mine(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<ApplicationView> {
        let viewer = try context.requireMember()
        let paged = try await applications.list(
            memberID: viewer.memberID, page: try Page.of(request))
        return ListAnswer(paged, results: try await ApplicationView.views(paged.items, database: database))
    }

    // MARK: - Parts

    /// The store's word for a second application to the same job.
    static let appliedTwice = "an application by this member to this job"

    /// The posting the path's `{id}` names: 404 when there is none.
    private func posting(_ context: PasserelleRequestContext) async throws -> JobPosting {
        let id = try context.pathID("job posting")
        guard let posting = try await postings.get(id: id) else { throw APIError.notFound("job posting \(id)") }
        return posting
    }

    /// The application `{id}` and its posting's company, once the viewer may know of it.
    private func readable(_ context: PasserelleRequestContext) async throws -> (PasserelleCore.Application, Int64) {
        let id = try context.pathID("application")
        guard let application = try await applications.get(id: id),
            let posting = try await postings.get(id: application.jobID)
        else { throw APIError.notFound("application \(id)") }
        try Policy.require(
            .readApplication(companyID: posting.companyID, candidateID: application.memberID), for: context.viewer,
            unknown: "application \(id)")
        return (application, posting.companyID)
    }

    private func view(_ application: PasserelleCore.Application) async throws -> ApplicationView {
        let history = try await applications.history(applicationID: application.id)
        return try await ApplicationView.views([application], database: database, history: history)[0]
    }
}
