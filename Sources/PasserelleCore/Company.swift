/// An employer: the `hiringOrganization` of postings, the `work` entries of CVs.
public struct Company: Identifiable, Hashable, Sendable, Codable, Validatable {
    /// Passerelle's own id; 0 until a store saves the company.
    public var id: Int64
    /// `hiringOrganization.identifier`, the company's id in the API.
    public var externalID: String
    public var name: String
    /// The country it is registered in, when known: CV entries are matched by
    /// name within the member's country.
    public var country: Country?
    public var url: String?

    public init(id: Int64 = 0, externalID: String, name: String, country: Country? = nil, url: String? = nil) {
        self.id = id
        self.externalID = externalID
        self.name = name
        self.country = country
        self.url = url
    }

    /// The name as CV entries are matched on; always derived from `name`, so the
    /// two cannot disagree.
    public var normalizedName: String { NameNormalizer.normalize(name) }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.externalID(externalID, field: "externalID")
        validator.nonBlank(name, field: "name")
        try validator.finish()
    }
}
