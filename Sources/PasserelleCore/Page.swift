/// Which slice of a list to return: `page` from 1, `perPage` items a page
/// (default 20, at most 100), as the API's `page` and `per_page`.
public struct Page: Hashable, Sendable {
    public static let defaultPerPage = 20
    public static let maximumPerPage = 100
    /// The first page of the default size.
    public static let first = Page(checkedPage: 1, perPage: defaultPerPage)

    public let page: Int
    public let perPage: Int

    /// Refuses a page below 1 and a size outside 1...100, naming the API's parameters.
    public init(page: Int = 1, perPage: Int = Page.defaultPerPage) throws(ValidationError) {
        var validator = Validator()
        validator.check(page >= 1, "page", "must be 1 or more (got \(page))")
        validator.check(
            (1...Page.maximumPerPage).contains(perPage), "per_page",
            "must be between 1 and \(Page.maximumPerPage) (got \(perPage))")
        try validator.finish()
        self.init(checkedPage: page, perPage: perPage)
    }

    private init(checkedPage page: Int, perPage: Int) {
        self.page = page
        self.perPage = perPage
    }

    /// How many items come before this page.
    public var offset: Int { (page - 1) * perPage }
}

/// One page of a list and the size of the whole list.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    /// How many items the whole list has, on every page.
    public var total: Int
    public var page: Page

    public init(items: [Item], total: Int, page: Page) {
        self.items = items
        self.total = total
        self.page = page
    }

    /// How many pages the list has (0 for an empty list).
    public var pageCount: Int { (total + page.perPage - 1) / page.perPage }
    public var hasNextPage: Bool { page.page < pageCount }
}

extension Paged: Equatable where Item: Equatable {}
