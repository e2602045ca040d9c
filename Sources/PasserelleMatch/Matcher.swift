import Foundation
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch

/// A CV that fits an offer, with why.
public struct MatchedCandidate: Sendable {
    public var row: ProfileRow
    /// 0…1: ``MatchScoring``'s weighted sum.
    public var score: Double
    /// The text's weight against the best candidate's (0…1).
    public var relevance: Double
    public var reasons: MatchReasons
    /// The best way from the company's current employees to the candidate, if
    /// within 2 degrees.
    public var referral: TalentLink.Bridge?
}

/// An offer that fits a member, with why.
public struct MatchedOffer: Sendable {
    public var row: JobRow
    public var score: Double
    public var relevance: Double
    public var reasons: MatchReasons
    /// The member's connections who work at the offer's company, and the nearest's degree.
    public var closeness: CompanyCloseness?
}

/// Matching (DESIGN.md): the index's first few hundred by text relevance, then
/// re-ranked on skills, experience, languages, place, seniority, whether the
/// member looks for work, and the network.
public struct Matcher: Sendable {
    /// How many the index gives to re-rank.
    public static let pool = 300
    /// Fewer of the same occupation (or title words) than this: those with the skills may match too.
    public static let atLeast = 20
    /// Words of an offer's description (or a CV's summary) added to the query, the rarest.
    public static let textTerms = 10

    public let index: SearchIndex
    /// Nil: matching weighs no network (a server without the graph).
    public let network: NetworkGraph?
    public var candidateScoring = MatchScoring(weights: .candidates)
    public var offerScoring = MatchScoring(weights: .offers)

    public init(index: SearchIndex, network: NetworkGraph?) {
        self.index = index
        self.network = network
    }

    /// The CVs that fit `posting`, best first: public CVs of its country and of
    /// members who would move there; never the company's current employees.
    /// Throws ``NetworkUnavailable`` while the graph loads.
    public func candidates(
        for posting: JobPosting, pool: Int = Matcher.pool, atLeast: Int = Matcher.atLeast,
        today: CalendarDate = CalendarDate(utcDayOf: Date())
    ) async throws -> [MatchedCandidate] {
        let offer = OfferFacts(posting)
        let found = try await index.matchProfiles(
            MatchQuery(
                titles: [posting.title], language: posting.language, skills: posting.skills, text: offer.text,
                textTerms: Self.textTerms, countries: [posting.country], notEmployedBy: posting.companyID,
                limit: pool, atLeast: atLeast))
        let links = try network?.talentLinks(of: posting.companyID, candidates: found.hits.map(\.id)) ?? [:]
        let description = DescriptionWords(offer.text)
        let best = found.hits.first.map(\.weight) ?? 0
        var occupations = Occupations(of: [posting.title], thesaurus: index.thesaurus)
        return found.hits.compactMap { hit -> MatchedCandidate? in
            guard let candidate = CandidateFacts(hit.row, today: today) else { return nil }
            let same = occupations.shared(with: hit.row.headline ?? "")
            let reasons = MatchScoring.reasons(
                offer: offer, candidate: candidate, sameOccupation: same, description: description)
            let relevance = best > 0 ? hit.weight / best : 0
            let bridge = links[hit.id]?.bridges.first
            let score = candidateScoring.score(reasons, relevance: relevance, network: Self.closeness(bridge))
            return MatchedCandidate(
                row: hit.row, score: score, relevance: relevance, reasons: reasons, referral: bridge)
        }.sorted(by: Self.order)
    }

    /// The open offers that fit a member's CV, best first: in its country and in
    /// those it would move to. Throws ``NetworkUnavailable`` while the graph loads.
    public func offers(
        for profile: Profile, member: Member, pool: Int = Matcher.pool, atLeast: Int = Matcher.atLeast,
        now: Date = Date()
    ) async throws -> [MatchedOffer] {
        let today = CalendarDate(utcDayOf: now)
        let candidate = CandidateFacts(profile: profile, member: member, today: today)
        var titles = [profile.headline ?? member.headline].compactMap { $0 }
        // The positions held say what the member does as well as the headline.
        for job in (profile.resume["work"]?.arrayValue ?? []).prefix(3) {
            if let position = job["position"]?.stringValue, !titles.contains(position) { titles.append(position) }
        }
        let found = try await index.matchJobs(
            MatchQuery(
                titles: titles, language: profile.language, skills: profile.skills, text: profile.summary ?? "",
                textTerms: Self.textTerms, countries: [profile.country] + profile.relocateTo, limit: pool,
                atLeast: atLeast), now: now)
        let offers = found.hits.compactMap { hit in OfferFacts(hit.row).map { (hit, $0) } }
        let companies = Array(Set(offers.map(\.1.companyID)))
        let closeness = try network?.closeness(of: member.id, to: companies) ?? [:]
        let best = found.hits.first.map(\.weight) ?? 0
        var occupations = Occupations(of: titles, thesaurus: index.thesaurus)
        return offers.map { hit, offer in
            let same = occupations.shared(with: offer.title)
            let reasons = MatchScoring.reasons(
                offer: offer, candidate: candidate, sameOccupation: same, description: nil)
            let relevance = best > 0 ? hit.weight / best : 0
            let near = closeness[offer.companyID]
            let score = offerScoring.score(reasons, relevance: relevance, network: Self.closeness(near))
            return MatchedOffer(row: hit.row, score: score, relevance: relevance, reasons: reasons, closeness: near)
        }.sorted(by: Self.order)
    }

    /// 1st degree: 0.6 + 0.4 × the bridge's strength; 2nd: 0.3 + 0.3 × strength; else 0.
    static func closeness(_ bridge: TalentLink.Bridge?) -> Double {
        guard let bridge else { return 0 }
        let strength = Double(bridge.strength)
        return bridge.degree == 1 ? 0.6 + 0.4 * strength : 0.3 + 0.3 * strength
    }

    /// Knowing people there: 1 at the 1st degree, 0.5 at the 2nd, 0.2 at the 3rd.
    static func closeness(_ company: CompanyCloseness?) -> Double {
        switch company?.bestDegree {
        case 1: 1
        case 2: 0.5
        case 3: 0.2
        default: 0
        }
    }

    /// The same occupation first, then the best score; the text's order, then the id, between equals.
    private static func order<T: Scored>(_ a: T, _ b: T) -> Bool {
        (a.reasons.sameOccupation ? 1 : 0, a.score, a.relevance, b.id)
            > (b.reasons.sameOccupation ? 1 : 0, b.score, b.relevance, a.id)
    }
}

/// Whether a title names an occupation of some fixed titles (the offer's, or the
/// member's headline and positions), each other title looked up once.
struct Occupations {
    private let thesaurus: JobTitleThesaurus
    private let occupations: Set<String>
    private let words: Set<String>
    private var known: [String: Bool] = [:]

    init(of titles: [String], thesaurus: JobTitleThesaurus) {
        self.thesaurus = thesaurus
        occupations = titles.reduce(into: Set<String>()) { $0.formUnion(thesaurus.occupations(in: $1)) }
        words = Self.words(titles)
    }

    /// An occupation in common; when the thesaurus knows none on one side, a word of
    /// four letters or more in common.
    mutating func shared(with title: String) -> Bool {
        if let answer = known[title] { return answer }
        let theirs = thesaurus.occupations(in: title)
        let answer =
            !occupations.isEmpty && !theirs.isEmpty
            ? !occupations.isDisjoint(with: theirs) : !words.isDisjoint(with: Self.words([title]))
        known[title] = answer
        return answer
    }

    private static func words(_ titles: [String]) -> Set<String> {
        Set(titles.flatMap { $0.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }.map(String.init) })
    }
}

/// A matched CV or offer: its reasons, its score and the text's relevance.
public protocol Scored {
    var reasons: MatchReasons { get }
    var score: Double { get }
    var relevance: Double { get }
    /// The row's id.
    var id: String { get }
}

extension MatchedCandidate: Scored {
    public var id: String { row.id }
}

extension MatchedOffer: Scored {
    public var id: String { row.id }
}

extension Array where Element: Scored {
    /// In the index's order: text relevance alone (what re-ranking is measured against).
    public var byText: [Element] {
        enumerated().sorted { ($0.element.relevance, $1.offset) > ($1.element.relevance, $0.offset) }.map(\.element)
    }
}
