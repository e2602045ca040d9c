import Foundation
import Hummingbird
import PasserelleCore
import PasserelleNetwork
import PasserelleStore

/// The viewer's network (API.md): `GET /api/v1/network/distance?ids=a,b,c`,
/// `GET /api/v1/network/path?to=ID` and `GET /api/v1/jobs/{id}/referrers`, for
/// signed-in members. Members are named by their external ids; a member who is
/// erased or hides its profile is answered as out of reach, and one who hides
/// its connections is never shown between two others.
struct NetworkController: Sendable {
    /// At most so many ids in one distance request.
    static let maximumDistanceIDs = 1_000

    let network: NetworkGraph?
    let members: MemberStore
    let postings: JobPostingStore

    init(database: PostgresClient, network: NetworkGraph?) {
        self.network = network
        members = MemberStore(client: database)
        postings = JobPostingStore(client: database)
    }

    func addRoutes(to router: Router<PasserelleRequestContext>) {
        let api = router.group("api/v1")
        api.get("network/distance") { request, context in try await distance(request, context: context) }
        api.get("network/path") { request, context in try await path(request, context: context) }
        api.get("jobs/:id/referrers") { _, context in try await referrers(context: context) }
    }

    /// `{"a": 1, "b": 2, "c": null}`: null beyond the 3rd degree, and for ids no member has.
    func distance(_ request: Request, context: PasserelleRequestContext) async throws -> DistanceAnswer {
        let viewer = try context.requireMember(for: .readNetwork)
        let parameters = SearchParameters(query: request.uri.query)
        let ids = try parameters.list("ids", commaLists: true).uniqued()
        guard !ids.isEmpty else { throw APIError.invalidParameter("ids", "give one or more member ids, a,b,c") }
        guard ids.count <= Self.maximumDistanceIDs else {
            throw APIError.invalidParameter("ids", "at most \(Self.maximumDistanceIDs) ids at once (got \(ids.count))")
        }
        let known = try await members.ids(externalIDs: ids.filter(Self.isMemberID))
        let graph = try NetworkAccess.graph(network)
        let distances = try NetworkAccess.answer { try graph.distances(from: viewer.memberID, to: Array(known.values)) }
        return DistanceAnswer(distances: ids.map { id in (id, known[id].flatMap { distances[$0] ?? nil }) })
    }

    /// The strongest shortest path to `to` within the 3rd degree: `{"degree": 2, "path": [...]}`,
    /// both ends included; `{"degree": null, "path": []}` when there is none.
    func path(_ request: Request, context: PasserelleRequestContext) async throws -> PathAnswer {
        let viewer = try context.requireMember(for: .readNetwork)
        guard let target = try SearchParameters(query: request.uri.query).single("to"), !target.isEmpty else {
            throw APIError.invalidParameter("to", "give the member id the path leads to")
        }
        guard Self.isMemberID(target), let id = try await members.ids(externalIDs: [target])[target] else {
            throw APIError.notFound("member \(quoted(target))")
        }
        let graph = try NetworkAccess.graph(network)
        guard let path = try NetworkAccess.answer({ try graph.path(from: viewer.memberID, to: id) }) else {
            return PathAnswer(degree: nil, path: [])
        }
        let names = try await members.members(ids: path.members)
        return PathAnswer(degree: path.degree, path: path.members.map { MemberReference(names[$0]) })
    }

    /// The people the viewer can ask about the posting `{id}`: current employees of
    /// its company it knows (a referral) or its contacts know (an introduction).
    func referrers(context: PasserelleRequestContext) async throws -> ReferrersAnswer {
        let viewer = try context.requireMember(for: .readNetwork)
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0, let posting = try await postings.get(id: id) else {
            throw APIError.notFound("job posting \(String(text.prefix(40)).debugDescription)")
        }
        let graph = try NetworkAccess.graph(network)
        let paths = try NetworkAccess.answer {
            try graph.referralPaths(from: viewer.memberID, to: posting.companyID)
        }
        let names = try await members.members(
            ids: paths.flatMap { [$0.employee] + ($0.intermediary.map { [$0] } ?? []) })
        return ReferrersAnswer(
            referrers: paths.map { path in
                ReferrersAnswer.Referrer(
                    employee: MemberReference(names[path.employee]), degree: path.degree,
                    intermediary: path.intermediary.map { MemberReference(names[$0]) },
                    strength: NetworkAccess.rounded(path.strength),
                    ask: path.intermediary == nil ? "referral" : "introduction")
            })
    }

    /// An id a member can have: no NUL bytes or 10,000 characters sent to PostgreSQL.
    static func isMemberID(_ text: String) -> Bool {
        var validator = Validator()
        validator.externalID(text, field: "id")
        return (try? validator.finish()) != nil
    }
}

/// The graph as the controllers reach it: 503 while it loads or where the server runs without it.
enum NetworkAccess {
    static func graph(_ network: NetworkGraph?) throws(APIError) -> NetworkGraph {
        guard let network else { throw APIError.unavailable("the network graph does not run on this server") }
        return network
    }

    static func answer<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch is NetworkUnavailable {
            throw loading
        }
    }

    static func answer<T>(async body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is NetworkUnavailable {
            throw loading
        }
    }

    private static let loading = APIError.unavailable("the network graph is still loading; try again in a minute")

    /// Strengths to two decimals: what a person reads.
    static func rounded(_ strength: Float) -> Double { (Double(strength) * 100).rounded() / 100 }
}

/// `GET /api/v1/network/distance`'s answer: one key per asked id, in the order asked.
struct DistanceAnswer: ResponseEncodable, Sendable {
    let distances: [(String, Int?)]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (id, distance) in distances {
            // The key is always there: null says beyond the 3rd degree.
            try container.encode(distance, forKey: Key(stringValue: id))
        }
    }
}

struct PathAnswer: ResponseEncodable, Sendable {
    let degree: Int?
    let path: [MemberReference]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(degree, forKey: .degree)
        try container.encode(path, forKey: .path)
    }

    enum CodingKeys: String, CodingKey { case degree, path }
}

struct ReferrersAnswer: ResponseEncodable, Sendable {
    struct Referrer: Encodable, Sendable {
        let employee: MemberReference
        let degree: Int
        /// The contact to ask for an introduction; null for a 1st-degree employee.
        let intermediary: MemberReference?
        let strength: Double
        /// `referral` or `introduction`.
        let ask: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(employee, forKey: .employee)
            try container.encode(degree, forKey: .degree)
            try container.encode(intermediary, forKey: .intermediary)
            try container.encode(strength, forKey: .strength)
            try container.encode(ask, forKey: .ask)
        }

        enum CodingKeys: String, CodingKey { case employee, degree, intermediary, strength, ask }
    }

    let referrers: [Referrer]
}
