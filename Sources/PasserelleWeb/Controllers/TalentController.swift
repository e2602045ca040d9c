import Foundation
import Hummingbird
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

/// `GET /api/v1/companies/{id}/talent` (API.md), for the company's recruiters and
/// admins: the CV search's parameters (`q`, `country`, `city`, `skill`, …), and
/// only the CVs within 2 degrees of the company's current employees, each with
/// the employee(s) who bridge to it and its degree. The company's own employees
/// are left out.
///
/// The search's best ``searchWindow`` matches are taken, those within reach kept,
/// and ranked by relevance (the search's weight, against the best one's) times
/// closeness (1 for the 1st degree, 0.5 for the 2nd, times 0.5 + half the best
/// bridge's strength); then paged with `page` and `per_page`.
struct TalentController: Sendable {
    static let searchWindow = 500

    let index: SearchIndex
    let network: NetworkGraph?
    let members: MemberStore

    init(database: PostgresClient, index: SearchIndex, network: NetworkGraph?) {
        self.index = index
        self.network = network
        members = MemberStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        router.group("api/v1").get("companies/:id/talent") { request, context in
            try await talent(request, context: context)
        }
    }

    func talent(_ request: Request, context: PasserelleRequestContext) async throws -> TalentAnswer {
        let text = context.parameters.get("id") ?? ""
        guard let company = Int64(text), company > 0 else {
            throw APIError.notFound("company \(String(text.prefix(40)).debugDescription)")
        }
        _ = try context.requireCompany(for: .searchTalent(companyID: company))
        var search = try ProfileSearchRequest(SearchParameters(query: request.uri.query), viewerCompany: company)
        let page = search.page
        search.page = SearchPage(number: 1, size: Self.searchWindow)
        search.facets = []
        search.snippets = false
        let graph = try NetworkAccess.graph(network)
        let results = try await index.searchProfiles(search)
        let candidates = results.hits.map(\.id)
        let links = try NetworkAccess.answer { try graph.talentLinks(of: company, candidates: candidates) }
        let best = results.hits.map(\.weight).max() ?? 0
        let ranked = results.hits.compactMap { hit -> (hit: SearchHit<ProfileRow>, link: TalentLink, score: Double)? in
            guard let link = links[hit.id] else { return nil }
            let relevance = best > 0 ? hit.weight / best : 1
            let closeness =
                (link.degree == 1 ? 1.0 : 0.5) * (0.5 + 0.5 * Double(link.bridges.first?.strength ?? 0))
            return (hit, link, relevance * closeness)
        }.sorted { ($0.score, $1.hit.id) > ($1.score, $0.hit.id) }
        let shown = ranked.dropFirst((page.number - 1) * page.size).prefix(page.size)
        let names = try await members.members(
            ids: shown.flatMap { $0.link.bridges.flatMap { [$0.employee] + ($0.through.map { [$0] } ?? []) } })
        return TalentAnswer(
            total: ranked.count,
            results: shown.map { entry in
                TalentAnswer.Candidate(
                    profile: ShownProfile(entry.hit.row, viewerCompany: company), degree: entry.link.degree,
                    score: NetworkAccess.rounded(Float(entry.score)),
                    bridges: entry.link.bridges.map { TalentAnswer.Bridge($0, people: names) })
            })
    }
}

/// The talent answer: `total` (within the search window), `results`.
struct TalentAnswer: ResponseEncodable, Sendable {
    struct Bridge: Encodable, Sendable {
        let employee: MemberReference
        let degree: Int
        /// The contact between the employee and the candidate; null at the 1st degree.
        let through: MemberReference?
        let strength: Double

        /// A bridge of the graph, its members named from `people` (an erased one as "deleted member").
        init(_ bridge: TalentLink.Bridge, people: [Int64: Member]) {
            employee = MemberReference(people[bridge.employee])
            degree = bridge.degree
            through = bridge.through.map { MemberReference(people[$0]) }
            strength = NetworkAccess.rounded(bridge.strength)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(employee, forKey: .employee)
            try container.encode(degree, forKey: .degree)
            try container.encode(through, forKey: .through)
            try container.encode(strength, forKey: .strength)
        }

        enum CodingKeys: String, CodingKey { case employee, degree, through, strength }
    }

    /// The CV row's fields, then the network's.
    struct Candidate: Encodable, Sendable {
        let profile: ShownProfile
        let degree: Int
        let score: Double
        let bridges: [Bridge]

        func encode(to encoder: any Encoder) throws {
            try profile.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(degree, forKey: .degree)
            try container.encode(score, forKey: .score)
            try container.encode(bridges, forKey: .bridges)
        }

        enum CodingKeys: String, CodingKey { case degree, score, bridges }
    }

    let total: Int
    let results: [Candidate]
}
