import Foundation
import PasserelleCore
import PasserelleIndexing

/// What matching asks the index for (indexing/'s `pi_match`): the documents that
/// share an occupation or title words with `titles`, the best `limit` by text
/// relevance on the titles, each skill as a whole, and the rarest words of `text`.
public struct MatchQuery: Hashable, Sendable {
    /// An offer's title; a CV's headline and positions.
    public var titles: [String]
    /// The language of titles, skills and text.
    public var language: Language
    public var skills: [String]
    public var text: String
    /// At most so many words of `text`, the rarest in the shards.
    public var textTerms: Int
    /// Candidates: the CVs of these countries and of members who would move to one.
    /// Offers: the job spaces searched.
    public var countries: [Country]
    /// Candidates: leave out this company's current employees.
    public var notEmployedBy: Int64?
    /// Candidates: also the CVs shown to their network only.
    public var includeNetworkVisibility: Bool
    public var limit: Int
    /// When fewer than so many share an occupation or a title word, those that share
    /// only skills or words of the text may match too (after them, as BM25 weighs them).
    public var atLeast: Int

    public init(
        titles: [String], language: Language, skills: [String], text: String = "", textTerms: Int = 10,
        countries: [Country], notEmployedBy: Int64? = nil, includeNetworkVisibility: Bool = false, limit: Int,
        atLeast: Int = 20
    ) {
        self.titles = titles
        self.language = language
        self.skills = skills
        self.text = text
        self.textTerms = textTerms
        self.countries = countries
        self.notEmployedBy = notEmployedBy
        self.includeNetworkVisibility = includeNetworkVisibility
        self.limit = limit
        self.atLeast = atLeast
    }
}

extension SearchIndex {
    /// The CVs that may fit an offer, best by text relevance first: those of
    /// `query.countries` and of members who would move there, over every CV shard.
    public func matchProfiles(_ query: MatchQuery) async throws -> ProfileSearchResults {
        try await match(query, kind: .profiles, shards: countries, now: Date(), ProfileRow.self)
    }

    /// The open offers of `query.countries` that may fit a CV, best by text relevance first.
    public func matchJobs(_ query: MatchQuery, now: Date = Date()) async throws -> JobSearchResults {
        try await match(query, kind: .jobs, shards: query.countries, now: now, JobRow.self)
    }

    private func match<Row: Decodable & Sendable>(
        _ query: MatchQuery, kind: IndexKind, shards: [Country], now: Date, _ row: Row.Type
    ) async throws -> SearchResults<Row> {
        try await run { worker in
            let readers = try worker.readers(shards, kind)
            guard !readers.isEmpty, query.limit > 0 else {
                return SearchResults(total: 0, totalIsExact: true, correctedQuery: nil, hits: [], facets: [:])
            }
            return try ByteArena.with { arena in
                var request = pi_match_request()
                request.kind = kind.code
                request.thesaurus = self.thesaurus.handle
                request.titles = arena.list(query.titles)
                request.language = arena.bytes(query.language.code)
                request.skills = arena.list(query.skills)
                request.text = arena.bytes(query.text)
                request.text_terms = UInt32(clamping: max(0, query.textTerms))
                request.countries = arena.list(kind == .profiles ? query.countries.map(\.code) : [])
                request.not_employed_by = query.notEmployedBy ?? 0
                request.include_network_visibility = query.includeNetworkVisibility ? 1 : 0
                request.now = Int64(now.timeIntervalSince1970)
                request.limit = UInt32(clamping: query.limit)
                request.at_least = UInt32(clamping: max(0, query.atLeast))
                let result = try readers.withUnsafeBufferPointer { pointers in
                    try checked { pi_match(pointers.baseAddress, pointers.count, &request, $0) }
                }
                defer { pi_result_free(result) }
                return try results(of: result, [], Row.self)
            }
        }
    }
}
