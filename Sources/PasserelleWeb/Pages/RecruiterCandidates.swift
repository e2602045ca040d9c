import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// The candidates for a posting, as `GET /api/v1/jobs/{id}/candidates` ranks
/// them (the same controller): each CV with why it fits (skills it has and
/// lacks, experience, distance, language) and the referral path from the
/// company's own employees, in the page's language.
enum RecruiterCandidates {
    static func show(_ page: PageRequest) async throws -> Response {
        let posting = try await RecruiterPages.ownPosting(page)
        let services = page.services
        let list = try await MatchingController(
            database: services.database, index: services.search, network: services.network
        ).candidates(page.request, context: page.context)
        // The CV search names members by their number, the profile pages by their external id.
        let members = try await MemberStore(client: services.database).members(
            ids: list.results.compactMap { Int64($0.profile.id) })
        let format = page.format
        let rows: [[String: Any]] = list.results.map { candidate in
            let profile = candidate.profile
            let reasons = candidate.reasons
            var facts = [
                page.messages.format(
                    "recruiter.candidates.experience",
                    ["years": format.number(reasons.experienceYears, fractionDigits: 1)]),
                page.t("recruiter.seniority.\(reasons.seniority)"),
            ]
            if let required = reasons.requiredYears {
                facts.append(
                    page.messages.format(
                        "recruiter.candidates.required", ["years": format.number(required, fractionDigits: 1)]))
            }
            if let distance = reasons.distanceKilometres {
                facts.append(
                    page.messages.format("recruiter.candidates.distance", ["km": format.number(distance)]))
            }
            if reasons.speaksLanguage {
                let language = format.locale.localizedString(forLanguageCode: reasons.language) ?? reasons.language
                facts.append(page.messages.format("recruiter.candidates.speaks", ["language": language]))
            }
            return [
                "name": profile.name,
                "profile": Int64(profile.id).flatMap { members[$0] }.map { page.path("members/\($0.externalID)") }
                    ?? false,
                "headline": profile.headline ?? "",
                "place": [profile.city, Country(profile.country).map(format.countryName)].compactMap { $0 }
                    .joined(separator: " · "),
                "score": page.messages.format(
                    "recruiter.candidates.score", ["score": format.number(candidate.score * 100)]),
                "matched": reasons.matchedSkills.joined(separator: ", "),
                "hasMatched": !reasons.matchedSkills.isEmpty,
                "missing": reasons.missingSkills.joined(separator: ", "),
                "hasMissing": !reasons.missingSkills.isEmpty,
                "facts": facts,
                "referral": referral(candidate.referral, page),
            ]
        }
        let model: [String: Any] = [
            "posting": ["title": posting.title, "view": page.path("jobs/\(posting.id)")],
            "candidates": rows, "empty": rows.isEmpty,
            "count": page.messages.format(
                "recruiter.candidates.count", count: list.total, ["count": format.number(list.total)]),
            "back": page.path("recruiter/postings"),
            "applicants": page.path("recruiter/postings/\(posting.id)/applicants"),
        ]
        return page.render(
            "RecruiterCandidates",
            title: page.messages.format("recruiter.candidates.title", ["title": posting.title]), model)
    }

    /// Who at the company can vouch for the candidate, in words.
    static func referral(_ bridge: TalentAnswer.Bridge?, _ page: PageRequest) -> String {
        guard let bridge else { return page.t("recruiter.candidates.referral.none") }
        let employee = bridge.employee.id == nil ? page.t("recruiter.deletedMember") : bridge.employee.name
        guard let through = bridge.through else {
            return page.messages.format("recruiter.candidates.referral.direct", ["employee": employee])
        }
        let contact = through.id == nil ? page.t("recruiter.deletedMember") : through.name
        return page.messages.format(
            "recruiter.candidates.referral.through", ["employee": employee, "contact": contact])
    }
}
