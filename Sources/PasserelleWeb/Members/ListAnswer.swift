import Hummingbird
import PasserelleCore

/// One page of a list (connections, applications, referrals) as the API answers
/// it: `total`, `page`, `per_page` and the page's `results`.
struct ListAnswer<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    let total: Int
    let page: Int
    let perPage: Int
    let results: [Item]

    enum CodingKeys: String, CodingKey {
        case total, page, results
        case perPage = "per_page"
    }

    init<Source>(_ paged: Paged<Source>, results: [Item]) {
        total = paged.total
        page = paged.page.page
        perPage = paged.page.perPage
        self.results = results
    }

}

extension Page {
    /// Far beyond any list a member has, and far from overflowing an offset.
    static let maximumListPage = 1_000_000

    /// `page` (from 1) and `per_page` (1 to 100, 20 by default) of a list
    /// route's query string: 400 naming the parameter otherwise.
    static func of(_ request: Request) throws -> Page {
        let parameters = SearchParameters(query: request.uri.query)
        let page = try parameters.integer("page", in: 1...maximumListPage) ?? 1
        let perPage = try parameters.integer("per_page", in: 1...maximumPerPage) ?? defaultPerPage
        do { return try Page(page: page, perPage: perPage) } catch { throw APIError.invalidBody(error) }
    }
}

extension PasserelleRequestContext {
    /// The path's numeric `{id}` (the ids of postings, applications, invitations
    /// and requests): 404 for `what` when it is no positive number.
    func pathID(_ what: String) throws(APIError) -> Int64 {
        let text = parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else { throw .notFound("\(what) \(quoted(text))") }
        return id
    }
}
