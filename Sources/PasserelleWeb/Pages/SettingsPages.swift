import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

extension PageArea {
    /// A member's settings: privacy (open to work, who sees the profile, hidden
    /// connections), the export of all its data, and erasing its account.
    static let settings = PageArea(
        name: "settings",
        templates: [
            "SettingsPrivacy": PackageResources.SettingsPrivacy_mustache,
            "SettingsDelete": PackageResources.SettingsDelete_mustache,
            "SettingsDeleted": PackageResources.SettingsDeleted_mustache,
        ],
        catalogs: [
            "settings.fr.json": PackageResources.settings_fr_json,
            "settings.en.json": PackageResources.settings_en_json,
            "settings.de.json": PackageResources.settings_de_json,
            "settings.es.json": PackageResources.settings_es_json,
            "settings.it.json": PackageResources.settings_it_json,
            "settings.pt.json": PackageResources.settings_pt_json,
            "settings.zh.json": PackageResources.settings_zh_json,
        ],
        navigation: { page in
            page.viewer == nil ? [] : [PageLink(label: "settings.nav", path: "settings", test: "nav-settings")]
        },
        addRoutes: { pages in
            pages.get("settings") { page in try await SettingsPages.privacy(page) }
            pages.post("settings") { page in try await SettingsPages.savePrivacy(page) }
            pages.get("settings/export") { page in try await SettingsPages.export(page) }
            pages.get("settings/delete") { page in try SettingsPages.confirmDeletion(page) }
            pages.post("settings/delete") { page in try await SettingsPages.delete(page) }
            pages.get("settings/deleted") { page in SettingsPages.deleted(page) }
            SiteIcon.addRoute(to: pages.router)
        })
}

enum SettingsPages {
    static func privacy(_ page: PageRequest) async throws -> Response {
        let viewer = try page.context.requireMember()
        let member = try await MemberDirectory(database: page.services.database).member(of: viewer)
        let visibilities: [[String: Any]] = Member.ProfileVisibility.allCases.map { visibility in
            [
                "value": visibility.rawValue, "id": "visibility-\(visibility.rawValue)",
                "label": page.t("settings.visibility.\(visibility.rawValue)"),
                "hint": page.t("settings.visibility.\(visibility.rawValue)Hint"),
                "checked": member.profileVisibility == visibility,
            ]
        }
        var model: [String: Any] = [
            "openToWork": member.openToWork, "hideConnections": member.hideConnections,
            "visibilities": visibilities, "action": page.path("settings"),
            "export": page.path("settings/export"), "delete": page.path("settings/delete"),
        ]
        if page.query("saved") != nil { model["saved"] = true }
        return page.render("SettingsPrivacy", title: page.t("settings.title"), model)
    }

    /// Saves all three settings as the form has them (a checkbox left unticked is off).
    static func savePrivacy(_ page: PageRequest) async throws -> Response {
        let viewer = try page.context.requireMember()
        let form = page.form ?? PageForm(fields: [])
        guard let text = form["profile_visibility"], let visibility = Member.ProfileVisibility(rawValue: text) else {
            throw APIError.invalidBody("profile_visibility", "must be one of the choices")
        }
        let directory = MemberDirectory(database: page.services.database)
        var member = try await directory.member(of: viewer)
        member.openToWork = form["open_to_work"] != nil
        member.hideConnections = form["hide_connections"] != nil
        member.profileVisibility = visibility
        _ = try await directory.members.update(member)
        return page.redirect("settings?saved=1")
    }

    /// `GET /api/v1/members/me/export`'s document, as a file to keep.
    static func export(_ page: PageRequest) async throws -> Response {
        let document = try await PrivacyController(database: page.services.database).export(context: page.context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(document)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"passerelle-export.json\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func confirmDeletion(_ page: PageRequest, missingConfirmation: Bool = false) throws -> Response {
        _ = try page.context.requireMember()
        var model: [String: Any] = ["action": page.path("settings/delete"), "back": page.path("settings")]
        if missingConfirmation { model["error"] = page.t("settings.delete.confirmError") }
        return page.render(
            "SettingsDelete", title: page.t("settings.delete.title"), model,
            status: missingConfirmation ? .unprocessableContent : .ok)
    }

    /// Erases the account as `DELETE /api/v1/members/me` does, once the member
    /// ticked the confirmation; the browser forgets the session.
    static func delete(_ page: PageRequest) async throws -> Response {
        _ = try page.context.requireMember()
        guard page.form?["confirm"] == "yes" else { return try confirmDeletion(page, missingConfirmation: true) }
        _ = try await PrivacyController(database: page.services.database).erase(context: page.context)
        var response = page.redirect("settings/deleted")
        response.setCookie(SessionCredential.expiredCookie(secure: SessionCredential.cameOverTLS(page.request)))
        return response
    }

    static func deleted(_ page: PageRequest) -> Response {
        page.render("SettingsDeleted", title: page.t("settings.deleted.title"), ["home": page.path("")])
    }
}
