import Foundation
import Hummingbird
import PasserelleCore
import PasserelleMatch
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

/// Matching (API.md): `GET /api/v1/jobs/{id}/candidates` for the recruiters and
/// admins of the posting's company, `GET /api/v1/members/me/recommended-jobs` for
/// a member with a CV. Both rank the best ``Matcher/pool`` of the index and page
/// them with `page` and `per_page`; each result carries its score and reasons.
struct MatchingController: Sendable {
    let matcher: Matcher
    let postings: JobPostingStore
    let members: MemberStore
    let profiles: ProfileStore

    init(database: PostgresClient, index: SearchIndex, network: NetworkGraph?) {
        matcher = Matcher(index: index, network: network)
        postings = JobPostingStore(client: database)
        members = MemberStore(client: database)
        profiles = ProfileStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.get("jobs/:id/candidates") { request, context in try await candidates(request, context: context) }
        api.get("members/me/recommended-jobs") { request, context in
            try await recommended(request, context: context)
        }
    }

    func candidates(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<CandidateView> {
        let id = try context.pathID("job posting")
        guard let posting = try await postings.get(id: id) else { throw APIError.notFound("job posting \(id)") }
        try Policy.require(.readCandidates(companyID: posting.companyID), for: context.viewer)
        let page = try Page.of(request)
        let ranked = try await NetworkAccess.answer(async: { try await matcher.candidates(for: posting) })
        let shown = Array(ranked.dropFirst(page.offset).prefix(page.perPage))
        let people = try await members.members(
            ids: shown.compactMap(\.referral).flatMap { [$0.employee] + ($0.through.map { [$0] } ?? []) })
        return ListAnswer(
            Paged(items: shown, total: ranked.count, page: page),
            results: shown.map { CandidateView($0, viewerCompany: posting.companyID, people: people) })
    }

    func recommended(_ request: Request, context: PasserelleRequestContext) async throws -> ListAnswer<OfferView> {
        let viewer = try context.requireMember()
        let page = try Page.of(request)
        guard let member = try await members.get(id: viewer.memberID),
            let profile = try await profiles.get(memberID: viewer.memberID)
        else {
            throw APIError(
                .unprocessableContent, code: "no_profile",
                message: "recommended jobs come from your CV: put one with PUT /api/v1/members/me/profile first")
        }
        let ranked = try await NetworkAccess.answer(async: { try await matcher.offers(for: profile, member: member) })
        let shown = Array(ranked.dropFirst(page.offset).prefix(page.perPage))
        // "People you know at this company": the member's own ways in, for the shown offers only.
        var paths: [Int64: [ReferralPath]] = [:]
        if let network = matcher.network {
            for company in Set(shown.compactMap { Int64($0.row.company.id) }) {
                paths[company] = try NetworkAccess.answer {
                    try network.referralPaths(from: member.id, to: company, limit: OfferView.peopleShown)
                }
            }
        }
        let people = try await members.members(
            ids: paths.values.flatMap { $0.flatMap { [$0.employee] + ($0.intermediary.map { [$0] } ?? []) } })
        return ListAnswer(
            Paged(items: shown, total: ranked.count, page: page),
            results: shown.map { offer in
                OfferView(offer, paths: Int64(offer.row.company.id).flatMap { paths[$0] } ?? [], people: people)
            })
    }
}

/// Why a CV and an offer fit, as the API shows it.
struct ReasonsView: Encodable, Sendable {
    let sameOccupation: Bool
    let matchedSkills: [String]
    let missingSkills: [String]
    let mentionedSkills: [String]?
    let experienceYears: Double
    let requiredYears: Double?
    let seniority: String
    let offerSeniority: String
    let distanceKilometres: Double?
    let remote: Bool
    let relocating: Bool
    let language: String
    let speaksLanguage: Bool
    let textRelevance: Double

    enum CodingKeys: String, CodingKey {
        case seniority, remote, relocating, language
        case sameOccupation = "same_occupation"
        case matchedSkills = "matched_skills"
        case missingSkills = "missing_skills"
        case mentionedSkills = "mentioned_skills"
        case experienceYears = "experience_years"
        case requiredYears = "required_years"
        case offerSeniority = "offer_seniority"
        case distanceKilometres = "distance_km"
        case speaksLanguage = "speaks_language"
        case textRelevance = "text_relevance"
    }

    init(_ reasons: MatchReasons, relevance: Double, mentions: Bool) {
        sameOccupation = reasons.sameOccupation
        matchedSkills = reasons.matchedSkills
        missingSkills = reasons.missingSkills
        mentionedSkills = mentions ? reasons.mentionedSkills : nil
        experienceYears = Self.years(reasons.experienceMonths)
        requiredYears = reasons.requiredMonths.map(Self.years)
        seniority = reasons.seniority.description
        offerSeniority = reasons.offerSeniority.description
        distanceKilometres = reasons.distanceKilometres.map { ($0 * 10).rounded() / 10 }
        remote = reasons.remote
        relocating = reasons.relocating
        language = reasons.language.code
        speaksLanguage = reasons.speaksLanguage
        textRelevance = (relevance * 100).rounded() / 100
    }

    /// Months as years to one decimal.
    static func years(_ months: Int) -> Double { (Double(months) / 1.2).rounded() / 10 }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sameOccupation, forKey: .sameOccupation)
        try container.encode(matchedSkills, forKey: .matchedSkills)
        try container.encode(missingSkills, forKey: .missingSkills)
        try container.encodeIfPresent(mentionedSkills, forKey: .mentionedSkills)
        try container.encode(experienceYears, forKey: .experienceYears)
        try container.encode(requiredYears, forKey: .requiredYears)
        try container.encode(seniority, forKey: .seniority)
        try container.encode(offerSeniority, forKey: .offerSeniority)
        try container.encode(distanceKilometres, forKey: .distanceKilometres)
        try container.encode(remote, forKey: .remote)
        try container.encode(relocating, forKey: .relocating)
        try container.encode(language, forKey: .language)
        try container.encode(speaksLanguage, forKey: .speaksLanguage)
        try container.encode(textRelevance, forKey: .textRelevance)
    }
}

/// A candidate: the CV row as CV search shows it to this recruiter, the score,
/// the reasons, and the best referral path from the company's employees (null
/// beyond the 2nd degree).
struct CandidateView: Encodable, Sendable {
    let profile: ShownProfile
    let score: Double
    let reasons: ReasonsView
    let referral: TalentAnswer.Bridge?

    init(_ candidate: MatchedCandidate, viewerCompany: Int64, people: [Int64: Member]) {
        profile = ShownProfile(candidate.row, viewerCompany: viewerCompany)
        score = (candidate.score * 1000).rounded() / 1000
        reasons = ReasonsView(candidate.reasons, relevance: candidate.relevance, mentions: true)
        referral = candidate.referral.map { TalentAnswer.Bridge($0, people: people) }
    }

    enum CodingKeys: String, CodingKey { case score, reasons, referral }

    func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(referral, forKey: .referral)
    }
}

/// A recommended offer: the job search row, the score, the reasons, and the
/// people the member knows at the company (`network`).
struct OfferView: Encodable, Sendable {
    static let peopleShown = 3

    struct Person: Encodable, Sendable {
        let employee: MemberReference
        /// The member's contact who knows the employee; null when the member knows the employee.
        let through: MemberReference?
        let degree: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(employee, forKey: .employee)
            try container.encode(through, forKey: .through)
            try container.encode(degree, forKey: .degree)
        }

        enum CodingKeys: String, CodingKey { case employee, through, degree }
    }

    /// `people_you_know` and `best_degree` as on search results, and who they are.
    struct Network: Encodable, Sendable {
        let closeness: NetworkCloseness
        let people: [Person]

        var peopleYouKnow: Int { closeness.peopleYouKnow }
        var bestDegree: Int? { closeness.bestDegree }

        enum CodingKeys: String, CodingKey { case people }

        func encode(to encoder: any Encoder) throws {
            try closeness.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(people, forKey: .people)
        }
    }

    let row: JobRow
    let score: Double
    let reasons: ReasonsView
    let network: Network?

    init(_ offer: MatchedOffer, paths: [ReferralPath], people: [Int64: Member]) {
        row = offer.row
        score = (offer.score * 1000).rounded() / 1000
        reasons = ReasonsView(offer.reasons, relevance: offer.relevance, mentions: false)
        network = offer.closeness.map { closeness in
            Network(
                closeness: NetworkCloseness(peopleYouKnow: closeness.peopleYouKnow, bestDegree: closeness.bestDegree),
                people: paths.map { path in
                    Person(
                        employee: MemberReference(people[path.employee]),
                        through: path.intermediary.map { MemberReference(people[$0]) }, degree: path.degree)
                })
        }
    }

    enum CodingKeys: String, CodingKey { case score, reasons, network }

    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encode(reasons, forKey: .reasons)
        try container.encodeIfPresent(network, forKey: .network)
    }
}
