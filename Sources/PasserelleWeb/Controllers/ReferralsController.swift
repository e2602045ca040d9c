import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Referrals (API.md): `POST /api/v1/referral-requests` `{"job_id", "referrer_id",
/// "message"}` asks a 1st-degree connection (else 422);
/// `POST /api/v1/referral-requests/{id}/accept` `{"note"}` (optional) makes the
/// referral the candidate attaches to its application, and `…/decline` says no
/// (the referrer only); `GET /api/v1/members/me/referrals` lists the referrals
/// given and received with the stage of the application each is attached to;
/// `GET /api/v1/members/me/referral-requests?box=received|sent` (not in API.md)
/// lists the requests, so that a referrer learns what it was asked.
struct ReferralsController: Sendable {
    let database: PostgresClient
    let directory: MemberDirectory
    let referrals: ReferralStore

    init(database: PostgresClient) {
        self.database = database
        directory = MemberDirectory(database: database)
        referrals = ReferralStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.post("referral-requests") { request, context in try await ask(request, context: context) }
        api.post("referral-requests/:id/accept") { request, context in try await accept(request, context: context) }
        api.post("referral-requests/:id/decline") { _, context in try await decline(context: context) }
        api.get("members/me/referral-requests") { request, context in try await requests(request, context: context) }
        api.get("members/me/referrals") { request, context in try await mine(request, context: context) }
    }

    struct AskBody: Decodable {
        let jobID: String
        let referrerID: String
        let message: String?

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id"
            case referrerID = "referrer_id"
            case message
        }
    }

    /// 201 with the pending request; 409 when the same was already asked.
    func ask(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<ReferralRequestView>
    {
        let viewer = try context.requireMember()
        let body = try await JSONBody.decode(AskBody.self, from: request, context: context)
        let jobID = try JSONBody.numericID(body.jobID, field: "job_id")
        let message = try JSONBody.message(body.message, field: "message")
        guard let posting = try await JobPostingStore(client: database).get(id: jobID) else {
            throw APIError.notFound("job posting \(jobID)")
        }
        let referrer = try await directory.member(externalID: body.referrerID)
        let facts = try await directory.facts(of: referrer, for: viewer)
        try Policy.require(
            .requestReferral(referrer: facts, postingIsOpen: posting.isOpen()), for: viewer,
            unknown: "member \(quoted(body.referrerID))")
        let saved = try await referrals.request(
            ReferralRequest(jobID: jobID, candidateID: viewer.memberID, referrerID: referrer.id, message: message))
        let view = try await ReferralRequestView.views([saved], database: database)[0]
        return EditedResponse(status: .created, response: view)
    }

    struct AcceptBody: Decodable {
        let note: String?
    }

    /// 201 with the referral made.
    func accept(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<ReferralView> {
        let pending = try await answerable(context)
        let body = try await JSONBody.decodeOptional(AcceptBody.self, from: request, context: context)
        let note = try JSONBody.message(body.note, field: "note")
        let referral = try await referrals.accept(requestID: pending.id, note: note)
        let view = try await ReferralView.views([referral], database: database)[0]
        return EditedResponse(status: .created, response: view)
    }

    /// 200 with the declined request.
    func decline(context: PasserelleRequestContext) async throws -> ReferralRequestView {
        let pending = try await answerable(context)
        let declined = try await referrals.decline(requestID: pending.id)
        return try await ReferralRequestView.views([declined], database: database)[0]
    }

    /// The requests the viewer received (`box=received`, the default, oldest
    /// first) or sent (`box=sent`, newest first).
    func requests(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<ReferralRequestView>
    {
        let viewer = try context.requireMember()
        let page = try Page.of(request)
        let box = try SearchParameters(query: request.uri.query).choice("box", Box.self) ?? .received
        let paged =
            switch box {
            case .received: try await referrals.requests(toReferrer: viewer.memberID, page: page)
            case .sent: try await referrals.requests(fromCandidate: viewer.memberID, page: page)
            }
        return ListAnswer(paged, results: try await ReferralRequestView.views(paged.items, database: database))
    }

    enum Box: String, CaseIterable { case received, sent }

    /// `{"given": {…}, "received": {…}}`: one page of each.
    struct Referrals: ResponseEncodable {
        let given: ListAnswer<ReferralView>
        let received: ListAnswer<ReferralView>
    }

    func mine(_ request: Request, context: PasserelleRequestContext) async throws -> Referrals {
        let viewer = try context.requireMember()
        let page = try Page.of(request)
        let given = try await referrals.referrals(givenBy: viewer.memberID, page: page)
        let received = try await referrals.referrals(receivedBy: viewer.memberID, page: page)
        return Referrals(
            given: ListAnswer(given, results: try await ReferralView.views(given.items, database: database)),
            received: ListAnswer(received, results: try await ReferralView.views(received.items, database: database)))
    }

    /// The request `{id}`, once the policy lets the viewer answer it.
    private func answerable(_ context: PasserelleRequestContext) async throws -> ReferralRequest {
        let viewer = try context.requireMember()
        let id = try context.pathID("referral request")
        guard let request = try await referrals.request(id: id) else {
            throw APIError.notFound("referral request \(id)")
        }
        try Policy.require(
            .answerReferralRequest(candidateID: request.candidateID, referrerID: request.referrerID), for: viewer,
            unknown: "referral request \(id)")
        return request
    }
}
