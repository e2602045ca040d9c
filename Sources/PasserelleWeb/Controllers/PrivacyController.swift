import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// The GDPR's rights (API.md): `GET /api/v1/members/me/export` gives all of the
/// member's data in one JSON document; `DELETE /api/v1/members/me` erases it.
///
/// Erasure removes the member from PostgreSQL in one transaction whose outbox
/// rows take its CV out of every shard (and its connections out of the graph);
/// the applications and referrals other people keep stay, anonymised: the
/// candidate shows as "deleted member", and the CV and message it sent go. Its
/// sessions go with its account, so the token it used stops working (204).
struct PrivacyController: Sendable {
    let database: PostgresClient

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let members = router.group("api/v1/members")
        members.get("me/export") { _, context in try await export(context: context) }
        members.delete("me") { _, context in try await erase(context: context) }
    }

    func export(context: PasserelleRequestContext) async throws -> MemberExport {
        let viewer = try context.requireMember()
        return try await MemberExport.of(
            try await MemberDirectory(database: database).member(of: viewer), database: database)
    }

    func erase(context: PasserelleRequestContext) async throws -> Response {
        let viewer = try context.requireMember()
        try await MemberStore(client: database).delete(id: viewer.memberID)
        return Response(status: .noContent)
    }
}
