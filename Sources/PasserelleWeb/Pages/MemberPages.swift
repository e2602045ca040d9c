import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

extension PageArea {
    /// Signing in and up, a member's CV, the CV editor, my network, my
    /// applications, my referrals.
    static let member = PageArea(
        name: "member",
        templates: [
            "login": PackageResources.login_mustache, "signup": PackageResources.signup_mustache,
            "form-errors": PackageResources.form_errors_mustache, "profile": PackageResources.profile_mustache,
            "cv-editor": PackageResources.cv_editor_mustache, "network": PackageResources.network_mustache,
            "applications": PackageResources.applications_mustache, "referrals": PackageResources.referrals_mustache,
            "list-pagination": PackageResources.list_pagination_mustache,
        ],
        catalogs: [
            "member.fr.json": PackageResources.member_fr_json, "member.en.json": PackageResources.member_en_json,
            "member.de.json": PackageResources.member_de_json, "member.es.json": PackageResources.member_es_json,
            "member.it.json": PackageResources.member_it_json, "member.pt.json": PackageResources.member_pt_json,
            "member.zh.json": PackageResources.member_zh_json,
        ],
        navigation: { page in
            guard page.viewer != nil else { return [] }
            return [
                PageLink(label: "nav.profile", path: "me", test: "nav-profile"),
                PageLink(label: "nav.network", path: "network", test: "nav-network"),
                PageLink(label: "nav.applications", path: "me/applications", test: "nav-applications"),
                PageLink(label: "nav.referrals", path: "me/referrals", test: "nav-referrals"),
            ]
        },
        addRoutes: { pages in
            pages.get("login") { page in AccountPages.loginForm(page) }
            pages.post("login") { page in try await AccountPages.login(page) }
            pages.post("logout") { page in try await AccountPages.logout(page) }
            pages.get("signup") { page in AccountPages.signupForm(page) }
            pages.post("signup") { page in try await AccountPages.signup(page) }
            pages.get("me") { page in try await ProfilePage.show(page, id: "me") }
            pages.get("members/{id}") { page in
                try await ProfilePage.show(page, id: page.context.parameters.get("id") ?? "")
            }
            pages.get("me/cv") { page in try await CVEditorPage.edit(page) }
            pages.post("me/cv") { page in try await CVEditorPage.save(page) }
            pages.get("network") { page in try await NetworkPage.show(page) }
            pages.post("network/invite") { page in try await NetworkPage.invite(page) }
            pages.post("network/invitations/{id}/accept") { page in try await NetworkPage.answer(page, accept: true) }
            pages.post("network/invitations/{id}/decline") { page in
                try await NetworkPage.answer(page, accept: false)
            }
            pages.get("me/applications") { page in try await ActivityPages.applications(page) }
            pages.post("me/applications/{id}/withdraw") { page in try await ActivityPages.withdraw(page) }
            pages.get("me/referrals") { page in try await ActivityPages.referrals(page) }
            pages.post("me/referrals/requests/{id}/accept") { page in
                try await ActivityPages.answerRequest(page, accept: true)
            }
            pages.post("me/referrals/requests/{id}/decline") { page in
                try await ActivityPages.answerRequest(page, accept: false)
            }
        })
}

/// A member's CV as its privacy lets the viewer see it (``MembersController``'s
/// answer: the same fields left out), with "connect" for a signed-in stranger.
enum ProfilePage {
    static func show(_ page: PageRequest, id: String) async throws -> Response {
        let shown = try await MembersController(database: page.services.database).profile(id, context: page.context)
        let document = shown.document
        let basics = document["basics"] ?? .object([:])
        let meta = document["meta"] ?? .object([:])
        let name = basics["name"]?.stringValue ?? ""
        let memberID = meta["id"]?.stringValue ?? ""
        var model: [String: Any] = [
            "name": name, "label": basics["label"]?.stringValue ?? "",
            "summary": basics["summary"]?.stringValue ?? "",
            "city": basics["location"]?["city"]?.stringValue ?? "",
            "email": basics["email"]?.stringValue ?? "", "phone": basics["phone"]?.stringValue ?? "",
            "work": entries(document["work"], page: page, title: "position", place: "name"),
            "education": entries(document["education"], page: page, title: "area", place: "institution"),
            "skills": list(document["skills"]).compactMap { $0["name"]?.stringValue },
            "languages": list(document["languages"]).compactMap { language -> String? in
                guard let name = language["language"]?.stringValue else { return nil }
                let fluency = language["fluency"]?.stringValue ?? ""
                return fluency.isEmpty ? name : "\(name) (\(fluency))"
            },
        ]
        if case .bool(let open)? = meta["openToWork"], open { model["openToWork"] = page.t("profile.openToWork") }
        let isSelf: Bool
        if let viewer = page.viewer {
            let directory = MemberDirectory(database: page.services.database)
            let member = try await directory.member(externalID: memberID)
            isSelf = member.id == viewer.memberID
            if !isSelf {
                let facts = try await directory.facts(of: member, for: viewer)
                if !facts.isConnectedToViewer {
                    model["connect"] = ["action": page.path("network/invite"), "memberID": memberID]
                }
            }
        } else {
            isSelf = false
        }
        model["isSelf"] = isSelf
        model["editURL"] = page.path("me/cv")
        if let done = page.query("done"), ["invited", "alreadyInvited", "inviteRefused"].contains(done) {
            model["outcome"] = page.t("network.done." + done)
        }
        return page.render("profile", title: name, model)
    }

    /// A JSON Resume date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) as the locale
    /// writes a month (`septembre 2019`) or a year; nil when it is none of them.
    static func resumeDate(_ text: String, page: PageRequest) -> String? {
        let parts = text.prefix(10).split(separator: "-").map { Int($0) }
        guard let first = parts.first, let year = first, (1...9999).contains(year) else { return nil }
        guard parts.count >= 2, let month = parts[1], let day = CalendarDate(year: year, month: month, day: 1) else {
            return parts.count == 1 ? String(year) : nil
        }
        return page.format.month(day)
    }

    static func list(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// Work or education entries: title, place, dates as the locale writes months.
    static func entries(_ value: JSONValue?, page: PageRequest, title: String, place: String) -> [[String: Any]] {
        list(value).map { entry in
            let start = entry["startDate"]?.stringValue.flatMap { resumeDate($0, page: page) }
            let end = entry["endDate"]?.stringValue.flatMap { resumeDate($0, page: page) }
            var period = ""
            if let start {
                period = page.messages.format(
                    end == nil ? "profile.since" : "profile.period", ["start": start, "end": end ?? ""])
            }
            return [
                "title": entry[title]?.stringValue ?? entry["studyType"]?.stringValue ?? "",
                "place": entry[place]?.stringValue ?? "", "period": period,
                "summary": entry["summary"]?.stringValue ?? "",
            ]
        }
    }
}
