import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// `/{lang}/me/applications` and `/{lang}/me/referrals`: a member's
/// applications with their stages, and the referrals it gave and received with
/// the requests it was asked and sent. Through ``ApplicationsController`` and
/// ``ReferralsController``.
enum ActivityPages {
    /// The stages of a process that goes on, in order.
    static let progress: [PasserelleCore.Application.Stage] = [.applied, .screening, .interview, .offer, .hired]
    static let outcomes: Set<String> = ["withdrawn", "referred", "declined"]

    static func applications(_ page: PageRequest) async throws -> Response {
        _ = try page.context.requireMember()
        let list = try await ApplicationsController(database: page.services.database).mine(
            page.request, context: page.context)
        let items: [[String: Any]] = list.results.map { application in
            let stage = PasserelleCore.Application.Stage(rawValue: application.stage) ?? .applied
            let reached = progress.firstIndex(of: stage)
            return [
                "title": application.job.title, "company": application.job.company.name,
                "jobURL": page.path("jobs/\(application.job.id)"), "stage": page.t("stage." + stage.rawValue),
                "stageCode": stage.rawValue, "applied": NetworkPage.date(application.createdAt, page),
                "updated": NetworkPage.date(application.updatedAt, page),
                "referrer": application.referral.map {
                    page.messages.format("job.apply.referredBy", ["name": $0.referrer.name])
                } ?? "",
                "steps": progress.enumerated().map { index, step in
                    [
                        "label": page.t("stage." + step.rawValue), "done": reached.map { index < $0 } ?? false,
                        "current": step == stage,
                    ] as [String: Any]
                },
                "inProcess": reached != nil,
                "withdraw": stage.canMove(to: .withdrawn)
                    ? page.path("me/applications/\(application.id)/withdraw") : "",
            ]
        }
        var model: [String: Any] = [
            "applications": items, "hasApplications": !items.isEmpty,
            "pagination": NetworkPage.pagination(total: list.total, page: list.page, perPage: list.perPage, in: page),
            "searchURL": page.path("jobs"),
        ]
        if let done = page.query("done"), outcomes.contains(done) { model["outcome"] = page.t("activity.done." + done) }
        return page.render("applications", title: page.t("applications.title"), model)
    }

    static func withdraw(_ page: PageRequest) async throws -> Response {
        _ = try await ApplicationsController(database: page.services.database).move(
            try page.apiRequest(.post, json: ["stage": "withdrawn"]), context: page.context)
        return page.redirect("me/applications?done=withdrawn")
    }

    static func referrals(_ page: PageRequest) async throws -> Response {
        _ = try page.context.requireMember()
        let controller = ReferralsController(database: page.services.database)
        let mine = try await controller.mine(page.request, context: page.context)
        let asked = try await controller.requests(
            try page.apiRequest(query: [("box", "received"), ("per_page", "100")]), context: page.context)
        let sent = try await controller.requests(
            try page.apiRequest(query: [("box", "sent"), ("per_page", "100")]), context: page.context)
        func referral(_ view: ReferralView, other: MemberReference) -> [String: Any] {
            [
                "title": view.job.title, "company": view.job.company.name, "jobURL": page.path("jobs/\(view.job.id)"),
                "person": other.name, "profileURL": NetworkPage.profileURL(other, page),
                "note": view.note ?? "", "date": NetworkPage.date(view.createdAt, page),
                "stage": view.application.map {
                    page.messages.format("referrals.applicationStage", ["stage": page.t("stage." + $0.stage)])
                } ?? page.t("referrals.notApplied"),
            ]
        }
        func request(_ view: ReferralRequestView, other: MemberReference, answerable: Bool) -> [String: Any] {
            [
                "id": view.id, "title": view.job.title, "company": view.job.company.name,
                "jobURL": page.path("jobs/\(view.job.id)"), "person": other.name,
                "profileURL": NetworkPage.profileURL(other, page), "message": view.message ?? "",
                "date": NetworkPage.date(view.createdAt, page),
                "status": page.t("referrals.status." + view.status), "statusCode": view.status,
                "accept": answerable && view.status == "pending"
                    ? page.path("me/referrals/requests/\(view.id)/accept") : "",
                "decline": answerable && view.status == "pending"
                    ? page.path("me/referrals/requests/\(view.id)/decline") : "",
            ]
        }
        let given = mine.given.results.map { referral($0, other: $0.candidate) }
        let received = mine.received.results.map { referral($0, other: $0.referrer) }
        let askedItems = asked.results.map { request($0, other: $0.candidate, answerable: true) }
        let sentItems = sent.results.map { request($0, other: $0.referrer, answerable: false) }
        var model: [String: Any] = [
            "given": given, "hasGiven": !given.isEmpty, "received": received, "hasReceived": !received.isEmpty,
            "asked": askedItems, "hasAsked": !askedItems.isEmpty, "sent": sentItems, "hasSent": !sentItems.isEmpty,
        ]
        if let done = page.query("done"), outcomes.contains(done) { model["outcome"] = page.t("activity.done." + done) }
        return page.render("referrals", title: page.t("referrals.title"), model)
    }

    static func answerRequest(_ page: PageRequest, accept: Bool) async throws -> Response {
        let controller = ReferralsController(database: page.services.database)
        if accept {
            var body: [String: JSONValue] = [:]
            if let note = page.form?.text("note") { body["note"] = .string(note) }
            _ = try await controller.accept(try page.apiRequest(.post, json: .object(body)), context: page.context)
        } else {
            _ = try await controller.decline(context: page.context)
        }
        return page.redirect("me/referrals?done=\(accept ? "referred" : "declined")")
    }
}
