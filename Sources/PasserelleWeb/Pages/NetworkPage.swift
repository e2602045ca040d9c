import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// `/{lang}/network`: my connections, the invitations I received and sent, and
/// people I may know through my colleagues. Lists and answers go through
/// ``ConnectionsController``.
enum NetworkPage {
    static let outcomes: Set<String> = [
        "invited", "alreadyInvited", "inviteRefused", "accepted", "declined",
    ]

    static func show(_ page: PageRequest) async throws -> Response {
        let viewer = try page.context.requireMember()
        let controller = ConnectionsController(database: page.services.database)
        let connections = try await controller.list(page.request, context: page.context)
        let invitations = try await controller.invitations(
            try page.apiRequest(query: [("per_page", "100")]), context: page.context)
        let me = try await MemberDirectory(database: page.services.database).member(of: viewer)
        var received: [[String: Any]] = []
        var sent: [[String: Any]] = []
        for invitation in invitations.results {
            if invitation.invitee.id == me.externalID {
                received.append([
                    "name": invitation.inviter.name, "profileURL": profileURL(invitation.inviter, page),
                    "message": invitation.message ?? "", "date": date(invitation.createdAt, page),
                    "accept": page.path("network/invitations/\(invitation.id)/accept"),
                    "decline": page.path("network/invitations/\(invitation.id)/decline"),
                ])
            }
        }
        for invitation in try await pendingSent(by: viewer, page: page) {
            sent.append([
                "name": invitation.invitee.name, "profileURL": profileURL(invitation.invitee, page),
                "date": date(invitation.createdAt, page),
            ])
        }
        let people: [[String: Any]] = connections.results.map {
            [
                "name": $0.member.name, "profileURL": profileURL($0.member, page),
                "since": page.messages.format("network.since", ["date": date($0.since, page)]),
            ]
        }
        let suggestions = try await peopleYouMayKnow(viewer, page: page)
        var model: [String: Any] = [
            "connections": people, "hasConnections": !people.isEmpty,
            "connectionCount": page.messages.format(
                "network.count", count: connections.total, ["count": page.format.number(connections.total)]),
            "received": received, "hasReceived": !received.isEmpty, "sent": sent, "hasSent": !sent.isEmpty,
            "suggestions": suggestions.map { $0 }, "hasSuggestions": !suggestions.isEmpty,
            "inviteURL": page.path("network/invite"),
            "pagination": pagination(
                total: connections.total, page: connections.page, perPage: connections.perPage, in: page),
        ]
        if let done = page.query("done"), outcomes.contains(done) { model["outcome"] = page.t("network.done." + done) }
        return page.render("network", title: page.t("network.title"), model)
    }

    /// Colleagues at the viewer's current employers it is not connected with
    /// (nearest in the graph first), who show their profile to everyone. Empty
    /// while the graph loads or where it does not run.
    static func peopleYouMayKnow(_ viewer: Viewer, page: PageRequest) async throws -> [[String: Any]] {
        guard let network = page.services.network else { return [] }
        let employers = try await EmploymentStore(client: page.services.database).employments(
            ofMember: viewer.memberID
        ).filter(\.isCurrent).map(\.companyID)
        var colleagues: [Int64] = []
        for company in Set(employers).sorted().prefix(3) {
            guard let staff = try? network.employees(of: company) else { return [] }
            colleagues += staff.filter { $0 != viewer.memberID }
        }
        guard !colleagues.isEmpty, let distances = try? network.distances(from: viewer.memberID, to: colleagues) else {
            return []
        }
        let candidates = Set(colleagues).filter { (distances[$0] ?? nil) != 1 }.sorted {
            ((distances[$0] ?? nil) ?? 9, $0) < ((distances[$1] ?? nil) ?? 9, $1)
        }
        let members = try await MemberStore(client: page.services.database).members(ids: Array(candidates.prefix(60)))
        return candidates.compactMap { members[$0] }.filter { $0.profileVisibility == .public }.prefix(12).map {
            member in
            let degree = (distances[member.id] ?? nil).flatMap {
                [2, 3].contains($0) ? page.t("network.degree.\($0)") : nil
            }
            return [
                "name": member.name, "headline": member.headline ?? "", "degree": degree ?? "",
                "profileURL": page.path("members/\(member.externalID)"), "memberID": member.externalID,
            ]
        }
    }

    /// The invitations the viewer sent that wait for an answer (the API lists the
    /// received ones only): read from the store's list of all of its invitations,
    /// at most the first thousand.
    static func pendingSent(by viewer: Viewer, page: PageRequest) async throws -> [InvitationView] {
        let store = ConnectionStore(client: page.services.database)
        var pending: [ConnectionInvitation] = []
        var number = 1
        while number <= 10 {
            let paged = try await store.invitations(
                involving: viewer.memberID, page: try Page(page: number, perPage: Page.maximumPerPage))
            pending += paged.items.filter { $0.inviterID == viewer.memberID && $0.status == .pending }
            guard paged.hasNextPage else { break }
            number += 1
        }
        let references = try await References.load(
            memberIDs: pending.map(\.inviteeID), database: page.services.database)
        return pending.map { InvitationView($0, references: references) }
    }

    static func invite(_ page: PageRequest) async throws -> Response {
        let memberID = page.form?.text("member_id") ?? ""
        var body: [String: JSONValue] = ["member_id": .string(memberID)]
        if let message = page.form?.text("message") { body["message"] = .string(message) }
        let refusal = try await PageRequest.refusal {
            _ = try await ConnectionsController(database: page.services.database).invite(
                try page.apiRequest(.post, json: .object(body)), context: page.context)
        }
        let outcome =
            switch refusal?.status {
            case nil: "invited"
            case .conflict?: "alreadyInvited"
            default: "inviteRefused"
            }
        if page.form?["back"] == "profile", NetworkController.isMemberID(memberID) {
            return page.redirect("members/\(PageRequest.queryEscaped(memberID))?done=\(outcome)")
        }
        return page.redirect("network?done=\(outcome)")
    }

    static func answer(_ page: PageRequest, accept: Bool) async throws -> Response {
        let controller = ConnectionsController(database: page.services.database)
        if accept {
            _ = try await controller.accept(context: page.context)
        } else {
            _ = try await controller.decline(context: page.context)
        }
        return page.redirect("network?done=\(accept ? "accepted" : "declined")")
    }

    // MARK: - Parts

    static func profileURL(_ member: MemberReference, _ page: PageRequest) -> String {
        member.id.map { page.path("members/\(PageRequest.queryEscaped($0))") } ?? ""
    }

    /// An RFC 3339 time of a view, as the locale writes the day.
    static func date(_ text: String, _ page: PageRequest) -> String {
        Timestamp.parse(text).map { page.format.date($0) } ?? ""
    }

    /// Previous and next links of a list page.
    static func pagination(total: Int, page number: Int, perPage: Int, in page: PageRequest) -> [String: Any] {
        let pages = max(1, (total + perPage - 1) / perPage)
        let here = page.request.uri.path
        return [
            "current": page.messages.format(
                "search.pageOf", ["page": page.format.number(number), "pages": page.format.number(pages)]),
            "hasPrevious": number > 1, "hasNext": number < pages, "show": pages > 1,
            "previous": here + "?page=\(number - 1)", "next": here + "?page=\(number + 1)",
        ]
    }
}
