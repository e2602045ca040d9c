import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// Members' CVs and settings (API.md): `GET /api/v1/members/{id}/profile` (also
/// `me`), `PUT /api/v1/members/me/profile`, `PATCH /api/v1/members/me/settings`.
///
/// Who sees which CV and which of its fields is ``Policy``'s: a hidden profile
/// is 404 to all but its member, so that its existence does not leak.
struct MembersController: Sendable {
    let database: PostgresClient
    let directory: MemberDirectory
    let profiles: ProfileStore

    init(database: PostgresClient) {
        self.database = database
        directory = MemberDirectory(database: database)
        profiles = ProfileStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let members = router.group("api/v1/members")
        // `me` needs a route of its own: once `me/profile` matched (the PUT's), the router tries no `:id`.
        members.get("me/profile") { _, context in try await profile("me", context: context) }
        members.get(":id/profile") { _, context in
            try await profile(context.parameters.get("id") ?? "", context: context)
        }
        members.put("me/profile") { request, context in try await replaceProfile(request, context: context) }
        members.patch("me/settings") { request, context in try await changeSettings(request, context: context) }
    }

    /// The CV of member `id` (`me`: the viewer's) as JSON Resume, without the fields the viewer may not see.
    func profile(_ id: String, context: PasserelleRequestContext) async throws -> ShownResume {
        let member =
            id == "me"
            ? try await directory.member(of: try context.requireMember())
            : try await directory.member(externalID: id)
        let facts = try await directory.facts(of: member, for: context.viewer)
        try Policy.require(.viewProfile(facts), for: context.viewer, unknown: "member \(quoted(id))")
        return ShownResume(
            member: member, profile: try await profiles.get(memberID: member.id),
            shown: Policy.shownFields(of: facts, for: context.viewer))
    }

    /// Replaces the viewer's CV: 200 with the CV as the member sees it.
    func replaceProfile(_ request: Request, context: PasserelleRequestContext) async throws -> ShownResume {
        let viewer = try context.requireMember()
        let member = try await directory.member(of: viewer)
        let bytes = try await JSONBody.bytes(of: request, context: context)
        let saved = try await ResumeReplacement(database: database).replace(bytes, of: member)
        let facts = try await directory.facts(of: saved.member, for: viewer)
        return ShownResume(
            member: saved.member, profile: saved.profile, shown: Policy.shownFields(of: facts, for: viewer))
    }

    /// `PATCH /api/v1/members/me/settings`: each given setting is changed, the others kept.
    struct Settings: Codable, ResponseEncodable {
        var openToWork: Bool?
        var profileVisibility: String?
        var hideConnections: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case openToWork = "open_to_work"
            case profileVisibility = "profile_visibility"
            case hideConnections = "hide_connections"
        }

        init(_ member: Member) {
            openToWork = member.openToWork
            profileVisibility = member.profileVisibility.rawValue
            hideConnections = member.hideConnections
        }
    }

    /// 200 with all three settings as saved.
    func changeSettings(_ request: Request, context: PasserelleRequestContext) async throws -> Settings {
        let viewer = try context.requireMember()
        let bytes = try await JSONBody.bytes(of: request, context: context)
        let object = try JSONBody.object(bytes)
        let known = Settings.CodingKeys.allCases.map(\.rawValue)
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalidBody(unknown, "is not a setting; the settings are \(known.joined(separator: ", "))")
        }
        guard !object.isEmpty else {
            throw APIError.invalidBody("body", "give one or more of \(known.joined(separator: ", "))")
        }
        let settings: Settings
        do {
            settings = try JSONDecoder().decode(Settings.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw JSONBody.answer(error)
        }
        var visibility: Member.ProfileVisibility?
        if let text = settings.profileVisibility {
            guard let value = Member.ProfileVisibility(rawValue: text) else {
                let values = Member.ProfileVisibility.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidBody("profile_visibility", "must be one of \(values) (got \(quoted(text)))")
            }
            visibility = value
        }
        var member = try await directory.member(of: viewer)
        member.openToWork = settings.openToWork ?? member.openToWork
        member.profileVisibility = visibility ?? member.profileVisibility
        member.hideConnections = settings.hideConnections ?? member.hideConnections
        return Settings(try await directory.members.update(member))
    }
}
