import Foundation

/// A member's CV: the JSON Resume document exactly as given, plus the fields
/// search and matching read from it. It lives in its member's country.
public struct Profile: Hashable, Sendable, Codable, Validatable {
    public var memberID: Int64
    /// Always the member's country (`meta.country`).
    public var country: Country
    public var language: Language
    /// The JSON Resume document.
    public var resume: JSONValue
    /// `basics.label`.
    public var headline: String?
    /// `basics.summary`.
    public var summary: String?
    /// `basics.location.city`.
    public var city: String?
    /// `meta.location`.
    public var coordinates: GeoPoint?
    /// The names and keywords of `skills`.
    public var skills: [String]
    /// `meta.relocateTo`: job spaces where the member would move for a job.
    public var relocateTo: [Country]
    /// Set by the store.
    public var createdAt: Date
    /// Set by the store.
    public var updatedAt: Date

    public init(
        memberID: Int64, country: Country, language: Language, resume: JSONValue, headline: String? = nil,
        summary: String? = nil, city: String? = nil, coordinates: GeoPoint? = nil, skills: [String] = [],
        relocateTo: [Country] = [], createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.memberID = memberID
        self.country = country
        self.language = language
        self.resume = resume
        self.headline = headline
        self.summary = summary
        self.city = city
        self.coordinates = coordinates
        self.skills = skills
        self.relocateTo = relocateTo
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Fields are named as in the JSON Resume document.
    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.check(resume.objectValue != nil, "resume", "must be a JSON object (a JSON Resume document)")
        validator.coordinates(coordinates, latitudeField: "meta.location.lat", longitudeField: "meta.location.lon")
        try validator.finish()
    }
}
