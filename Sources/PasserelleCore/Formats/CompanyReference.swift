/// The company a posting or a CV's work entry names, before the importer resolves it to
/// a ``Company`` of the store.
public struct CompanyReference: Sendable, Equatable, Hashable {
    /// `hiringOrganization.identifier`, the company's id in the API. For a CV's work
    /// entry, read from a `url` of the form `https://{id}.example`, else nil: such an
    /// entry is matched by name in the member's country.
    public var externalID: String?
    public var name: String
    /// `hiringOrganization.sameAs` (or `url`); a work entry's `url`.
    public var url: String?

    public init(externalID: String?, name: String, url: String? = nil) {
        self.externalID = externalID
        self.name = name
        self.url = url
    }

    /// The company id a URL of the form `https://{id}.example` (or `http://`, with or
    /// without a final `/`) gives, when it is a valid external id.
    public static func externalID(fromURL url: String) -> String? {
        var rest = Substring(url)
        guard let scheme = ["https://", "http://"].first(where: { rest.lowercased().hasPrefix($0) }) else {
            return nil
        }
        rest = rest.dropFirst(scheme.count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard rest.lowercased().hasSuffix(".example") else { return nil }
        let id = String(rest.dropLast(".example".count))
        var validator = Validator()
        validator.externalID(id, field: "url")
        return validator.errors.isEmpty ? id : nil
    }
}
