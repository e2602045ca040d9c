import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// The network (API.md): `POST /api/v1/connections` `{"member_id", "message"}`
/// invites, `POST /api/v1/connections/{id}/accept` and `…/decline` answer the
/// invitation `{id}` (the invitee only), `GET /api/v1/members/me/connections`
/// and `GET /api/v1/members/me/invitations` (the pending ones received) list.
///
/// A hidden member cannot be invited by someone it is not connected to: to
/// them it does not exist (404), as its profile does not.
struct ConnectionsController: Sendable {
    let database: PostgresClient
    let directory: MemberDirectory
    let connections: ConnectionStore

    init(database: PostgresClient) {
        self.database = database
        directory = MemberDirectory(database: database)
        connections = ConnectionStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.post("connections") { request, context in try await invite(request, context: context) }
        api.post("connections/:id/accept") { _, context in try await accept(context: context) }
        api.post("connections/:id/decline") { _, context in try await decline(context: context) }
        api.get("members/me/connections") { request, context in try await list(request, context: context) }
        api.get("members/me/invitations") { request, context in try await invitations(request, context: context) }
    }

    struct InviteBody: Decodable {
        let memberID: String
        let message: String?

        enum CodingKeys: String, CodingKey {
            case memberID = "member_id"
            case message
        }
    }

    /// 201 with the pending invitation; 409 when the two are connected or one is pending.
    func invite(_ request: Request, context: PasserelleRequestContext) async throws -> EditedResponse<InvitationView> {
        let viewer = try context.requireMember()
        let body = try await JSONBody.decode(InviteBody.self, from: request, context: context)
        let message = try JSONBody.message(body.message, field: "message")
        let invitee = try await directory.member(externalID: body.memberID)
        let facts = try await directory.facts(of: invitee, for: viewer)
        try Policy.require(.invite(facts), for: viewer, unknown: "member \(quoted(body.memberID))")
        let invitation = try await connections.invite(
            ConnectionInvitation(inviterID: viewer.memberID, inviteeID: invitee.id, message: message))
        return EditedResponse(status: .created, response: try await view(invitation))
    }

    /// 200 with the new connection, seen from the invitee.
    func accept(context: PasserelleRequestContext) async throws -> ConnectionView {
        let invitation = try await answerable(context)
        let connection = try await connections.accept(invitationID: invitation.id)
        let references = try await References.load(memberIDs: [invitation.inviterID], database: database)
        return ConnectionView(
            member: references.member(invitation.inviterID), since: Timestamp.rfc3339(connection.since))
    }

    /// 200 with the declined invitation.
    func decline(context: PasserelleRequestContext) async throws -> InvitationView {
        let invitation = try await answerable(context)
        return try await view(try await connections.decline(invitationID: invitation.id))
    }

    /// The viewer's connections, by the other member's id.
    func list(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<ConnectionView> {
        let viewer = try context.requireMember()
        let paged = try await connections.connections(
            ofMember: viewer.memberID, page: try Page.of(request))
        let others = paged.items.map { $0.other(than: viewer.memberID) }
        let references = try await References.load(memberIDs: others, database: database)
        return ListAnswer(
            paged,
            results: zip(paged.items, others).map {
                ConnectionView(member: references.member($1), since: Timestamp.rfc3339($0.since))
            })
    }

    /// The pending invitations the viewer received, the oldest first.
    func invitations(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<InvitationView> {
        let viewer = try context.requireMember()
        let paged = try await connections.pendingInvitations(
            for: viewer.memberID, page: try Page.of(request))
        let references = try await References.load(
            memberIDs: paged.items.flatMap { [$0.inviterID, $0.inviteeID] }, database: database)
        return ListAnswer(paged, results: paged.items.map { InvitationView($0, references: references) })
    }

    /// The invitation `{id}`, once the policy lets the viewer answer it.
    private func answerable(_ context: PasserelleRequestContext) async throws -> ConnectionInvitation {
        let viewer = try context.requireMember(for: .manageOwnData)
        let id = try context.pathID("invitation")
        guard let invitation = try await connections.invitation(id: id) else {
            throw APIError.notFound("invitation \(id)")
        }
        try Policy.require(
            .answerInvitation(inviterID: invitation.inviterID, inviteeID: invitation.inviteeID), for: viewer,
            unknown: "invitation \(id)")
        return invitation
    }

    private func view(_ invitation: ConnectionInvitation) async throws -> InvitationView {
        let references = try await References.load(
            memberIDs: [invitation.inviterID, invitation.inviteeID], database: database)
        return InvitationView(invitation, references: references)
    }
}
